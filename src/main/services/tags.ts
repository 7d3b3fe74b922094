/**
 * The tag index: zone and figure tags read out of each article's body on every save, so that
 * zones, figures and their consistency can be followed across articles and issues. The body
 * is the source of truth; the `tags` rows are rebuilt from it. Also: per-article rejected
 * suggestions.
 */
import { fail } from '../../shared/api/errors'
import type { ParsedInput } from '../../shared/api/contract'
import {
  CONFLICT_FIGURES_LIMIT,
  FIGURE_PAGE,
  ZONE_DETAIL_LIMIT,
  type FigureConflict,
  type FigureFacts,
  type FigurePage,
  type FigureRow,
  type TagRejection,
  type ZoneDetail,
  type ZoneMention,
} from '../../shared/api/tagging-types'
import { readCaptionTags } from '../../shared/doc/caption-tags'
import { parseDoc, type SerializedDoc, type SerializedNode } from '../../shared/doc/lexical'
import { tagContexts } from '../../shared/doc/tag-context'
import { detectTags, loadGazetteer, type Gazetteer } from '../../shared/tagging'
import { readTags, resolvePeriod, yearOf } from '../../shared/tagging/figure-context'
import type { Db } from '../store/db'
import type { ServiceContext } from './context'
import { requireIssue } from './issues'
import { getZoneSummary, insertZone, learnAlias, registryGazetteer, zoneExists, zoneIdByName } from './zones'

/** Element nodes that sit inside a paragraph rather than being blocks of their own. */
const INLINE_ELEMENTS = new Set(['link', 'autolink', 'mark'])

type IndexedTag =
  | { kind: 'zone'; text: string; zoneId: string | null }
  | ({
      kind: 'figure'
      text: string
      /** Nearest zone tagged before the figure in the same block. */
      blockZone: string | null
      /** The zone the tag itself names (read from its sentence or set by the editor), resolved. */
      ownZone: string | null
    } & FigureFacts)

/** A block's text as the walk builds it, with the spans of its figure tags (not guessed again). */
interface WalkedBlock {
  zone: string | null
  text: string
  figures: [number, number][]
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Rebuilds an article's rows in `tags` from its body (serialized Lexical JSON). Zone tags are
 * resolved against the registry: by id, else by zoneName (a name or an alias), else a zone of
 * that name is added. The way a tag writes a zone becomes a learned alias when it is new.
 * A figure belongs to the nearest zone tagged before it in its paragraph, else to the
 * article's only zone, else to none.
 */
export function reindexArticle(ctx: ServiceContext, articleId: number, body: string | SerializedDoc): void {
  const doc = typeof body === 'string' ? parseDoc(body) : body
  const resolved = new Map<string, string | null>()
  const found: IndexedTag[] = []
  const blocks: WalkedBlock[] = []
  const year = issueYear(ctx, articleId)

  const resolveZone = (node: SerializedNode): string | null => {
    const id = str(node.zoneId)
    const name = str(node.zoneName).trim() || str(node.text).trim()
    const key = `${id}\u0000${name}`
    let zoneId = resolved.get(key)
    if (zoneId === undefined) {
      zoneId =
        (id !== '' && zoneExists(ctx, id) ? id : null) ??
        (name !== '' ? zoneIdByName(ctx, name) : null) ??
        (name.length >= 2 && name.length <= 100 ? insertZone(ctx, { name }) : null)
      resolved.set(key, zoneId)
    }
    return zoneId
  }

  const newBlock = (): WalkedBlock => {
    const block: WalkedBlock = { zone: null, text: '', figures: [] }
    blocks.push(block)
    return block
  }
  const walk = (node: SerializedNode, block: WalkedBlock): void => {
    for (const child of node.children ?? []) {
      if (child.type === 'zone-tag') {
        const zoneId = resolveZone(child)
        const text = str(child.text)
        if (zoneId !== null) {
          learnAlias(ctx, zoneId, text)
          block.zone = zoneId
        }
        block.text += text
        found.push({ kind: 'zone', text, zoneId })
      } else if (child.type === 'figure-tag') {
        const text = str(child.text)
        block.figures.push([block.text.length, block.text.length + text.length])
        block.text += text
        const value = typeof child.value === 'number' ? child.value : Number.NaN
        if (!Number.isFinite(value)) continue // not a figure we can compare; the text stays in the body
        const zone = str(child.zone).trim()
        found.push({
          kind: 'figure',
          text,
          value,
          unit: str(child.unit),
          qualifier: str(child.qualifier) || null,
          metric: str(child.metric).trim(),
          // 今年上半年 in an issue of 2024 is 2024年上半年 wherever it is compared
          period: resolvePeriod(str(child.period), year),
          blockZone: block.zone,
          ownZone: zone === '' ? null : resolveZone({ type: 'zone-tag', zoneName: zone }),
        })
      } else if (child.type === 'photo') {
        // A caption's tags are spans beside its text, serialized like the body's tag nodes.
        const children = readCaptionTags(str(child.caption), child.tags).map((tag): SerializedNode => ({ ...tag }))
        walk({ type: 'caption', children }, { zone: null, text: '', figures: [] })
      } else if (child.children) {
        walk(child, INLINE_ELEMENTS.has(child.type) ? block : newBlock())
      } else if (typeof child.text === 'string') {
        block.text += child.text
      } else if (child.type === 'linebreak') {
        block.text += '\n'
      }
    }
  }
  walk(doc.root, newBlock())

  const zones = new Set(found.flatMap((tag) => (tag.kind === 'zone' && tag.zoneId !== null ? [tag.zoneId] : [])))
  const onlyZone = zones.size === 1 ? ([...zones][0] ?? null) : null

  // Typing between tags changes none of them: then nothing is written (a save's work follows its change).
  const rows = found.map((tag, ordinal) =>
    tag.kind === 'zone'
      ? [articleId, 'zone', ordinal, tag.text, tag.zoneId, null, null, null, null, null]
      : [
          articleId,
          'figure',
          ordinal,
          tag.text,
          tag.ownZone ?? tag.blockZone ?? onlyZone,
          tag.value,
          tag.unit,
          tag.qualifier,
          tag.metric,
          tag.period,
        ],
  )
  const stored = ctx.db
    .prepare(
      'SELECT article_id, kind, ordinal, text, zone_id, value, unit, qualifier, metric, period FROM tags WHERE article_id = ? ORDER BY ordinal',
    )
    .raw()
    .all(articleId) as unknown[][]
  const same = (a: unknown[][], b: unknown[][]): boolean =>
    a.length === b.length && a.every((r, i) => r.every((v, j) => v === b[i]![j]))
  if (!same(stored, rows)) {
    ctx.db.prepare('DELETE FROM tags WHERE article_id = ?').run(articleId)
    const insert = ctx.db.prepare(
      `INSERT INTO tags (article_id, kind, ordinal, text, zone_id, value, unit, qualifier, metric, period)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const values of rows) insert.run(...values)
  }
  indexGuesses(ctx, articleId, blocks, year)
}

// --- figures detected but not tagged ------------------------------------------------------------

/** The issue's publication year, against which 今年, 去年 and periods without a year are read. */
function issueYear(ctx: ServiceContext, articleId: number): number | null {
  const date = ctx.db
    .prepare('SELECT i.publication_date FROM articles a JOIN issues i ON i.id = a.issue_id WHERE a.id = ?')
    .pluck()
    .get(articleId) as string | undefined
  return yearOf(date)
}

interface Guess {
  text: string
  value: number
  unit: string
  qualifier: string | null
  metric: string
  period: string
  /** Registry id of the zone the sentence names, or its name when the detector does not know it. */
  zoneId: string | null
  zoneName: string
}

/**
 * The registry as the detector reads it, built again only when zones or aliases change (their
 * counts and the newest change say so), and the guesses of each block text read with it: a save
 * after a keystroke detects one paragraph again, not the article.
 */
const detectors = new WeakMap<Db, { key: string; gazetteer: Gazetteer; blocks: Map<string, Guess[]> }>()
const BLOCK_CACHE = 4000

function detector(ctx: ServiceContext): { gazetteer: Gazetteer; blocks: Map<string, Guess[]> } {
  const key = ctx.db
    .prepare(
      `SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX(updated_at), '') FROM zones) || ':' ||
              (SELECT COUNT(*) || ':' || COALESCE(MAX(rowid), 0) FROM zone_aliases)`,
    )
    .pluck()
    .get() as string
  let cached = detectors.get(ctx.db)
  if (!cached || cached.key !== key) {
    cached = { key, gazetteer: loadGazetteer(registryGazetteer(ctx)), blocks: new Map() }
    detectors.set(ctx.db, cached)
  }
  return cached
}

function guessesOf(gazetteer: Gazetteer, block: WalkedBlock, year: number | null): Guess[] {
  if (!/[0-9０-９一二三四五六七八九十百千万亿两〇零]/.test(block.text)) return []
  const tags = detectTags(block.text, gazetteer)
  const readings = readTags(block.text, tags, { year })
  const guesses: Guess[] = []
  for (const [figure, reading] of readings) {
    if (block.figures.some(([start, end]) => start < figure.end && figure.start < end)) continue // tagged
    if (reading.metric === '' || !reading.zone) continue // not comparable
    guesses.push({
      text: figure.text,
      value: figure.value,
      unit: figure.unit,
      qualifier: figure.qualifier,
      metric: reading.metric,
      period: reading.period,
      zoneId: reading.zone.zone.id,
      zoneName: reading.zone.zone.name,
    })
  }
  return guesses
}

/**
 * Rebuilds an article's figure_guesses: each figure the detector finds outside the figure tags,
 * with a zone and a metric read from its sentence. The zone is the registry's (by id or name);
 * a zone the registry does not know is not created for a guess — the guess is then left out.
 */
function indexGuesses(
  ctx: ServiceContext,
  articleId: number,
  blocks: readonly WalkedBlock[],
  year: number | null,
): void {
  const { gazetteer, blocks: cache } = detector(ctx)
  const rows: unknown[][] = []
  for (const block of blocks) {
    if (block.text.trim() === '') continue
    const key = `${year ?? ''}\u0000${block.figures.join(';')}\u0000${block.text}`
    let guesses = cache.get(key)
    if (!guesses) {
      guesses = guessesOf(gazetteer, block, year)
      if (cache.size >= BLOCK_CACHE) cache.clear()
      cache.set(key, guesses)
    }
    for (const g of guesses) {
      const zoneId = (g.zoneId !== null && zoneExists(ctx, g.zoneId) ? g.zoneId : null) ?? zoneIdByName(ctx, g.zoneName)
      if (zoneId === null) continue
      rows.push([articleId, rows.length, g.text, zoneId, g.value, g.unit, g.qualifier, g.metric, g.period])
    }
  }
  const stored = ctx.db
    .prepare(
      'SELECT article_id, ordinal, text, zone_id, value, unit, qualifier, metric, period FROM figure_guesses WHERE article_id = ? ORDER BY ordinal',
    )
    .raw()
    .all(articleId) as unknown[][]
  if (stored.length === rows.length && stored.every((r, i) => r.every((v, j) => v === rows[i]![j]))) return
  ctx.db.prepare('DELETE FROM figure_guesses WHERE article_id = ?').run(articleId)
  const insert = ctx.db.prepare(
    `INSERT INTO figure_guesses (article_id, ordinal, text, zone_id, value, unit, qualifier, metric, period)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const values of rows) insert.run(...values)
}

// --- views --------------------------------------------------------------------------------------

interface FigureSqlRow {
  article_id: number
  headline: string
  issue_id: number
  issue_title: string
  issue_number: string
  text: string
  value: number
  unit: string | null
  qualifier: string | null
  metric: string | null
  period: string | null
  zone_id: string | null
  zone_name: string | null
}

/**
 * Figures of live articles. Walked (CROSS JOIN fixes the loop order) issue by issue, article by
 * article in running order, tag by tag on tags_article: the rows come out in reading order, so a
 * page stops as soon as it is full. Without `walk` SQLite may start from the zone's or unit's tags
 * instead, for a filter that matches few (see WALK_FROM).
 */
const figuresFrom = (walk: boolean): string => `
  SELECT t.article_id, a.headline, a.issue_id, i.title AS issue_title, i.number AS issue_number,
         t.text, t.value, t.unit, t.qualifier, t.metric, t.period, t.zone_id, z.name AS zone_name
  FROM issues i
  ${walk ? 'CROSS JOIN' : 'JOIN'} articles a ON a.issue_id = i.id
  ${walk ? 'CROSS JOIN' : 'JOIN'} tags t ON t.article_id = a.id
  LEFT JOIN zones z ON z.id = t.zone_id
  WHERE i.deleted_at IS NULL AND a.deleted_at IS NULL AND t.kind = 'figure'`

/**
 * Matches from which walking in reading order is cheaper than reading every match and sorting:
 * a filter this common fills a page within a few articles.
 */
const WALK_FROM = 2000

/** Issue by issue, article by article in running order, tag by tag in reading order. */
const READING_ORDER = 'i.id, a.position, a.id, t.ordinal'

function toFigure(row: FigureSqlRow): FigureRow {
  return {
    articleId: row.article_id,
    headline: row.headline,
    issueId: row.issue_id,
    issueTitle: row.issue_title,
    issueNumber: row.issue_number,
    text: row.text,
    value: row.value,
    unit: row.unit ?? '',
    qualifier: row.qualifier,
    metric: row.metric ?? '',
    period: row.period ?? '',
    zoneId: row.zone_id,
    zoneName: row.zone_name,
  }
}

/**
 * One page of the figures of live articles, filtered by zone, unit and issue, in reading order,
 * with how many match in all. Without an issue the total is read from tag_counts (migration 8);
 * within one issue it is counted (an issue's figures are few).
 */
export function listFigures(ctx: ServiceContext, filter: ParsedInput<'figure.list'>): FigurePage {
  const where: string[] = []
  const params: unknown[] = []
  const counts: string[] = ["kind = 'figure'"]
  const countParams: unknown[] = []
  if (filter.zoneId !== undefined) {
    getZoneSummary(ctx, filter.zoneId, 'zoneId')
    where.push('t.zone_id = ?')
    params.push(filter.zoneId)
    counts.push('zone_id = ?')
    countParams.push(filter.zoneId)
  }
  if (filter.unit !== undefined) {
    where.push('t.unit = ?')
    params.push(filter.unit)
    counts.push('unit = ?')
    countParams.push(filter.unit)
  }
  if (filter.issueId !== undefined) {
    requireIssue(ctx, filter.issueId)
    where.push('i.id = ?')
    params.push(filter.issueId)
  }
  const limit = filter.limit ?? FIGURE_PAGE
  const counted = (sql: string): number =>
    ctx.db
      .prepare(`SELECT COUNT(*) FROM (${sql})`)
      .pluck()
      .get(...params) as number
  const filters = where.map((w) => ` AND ${w}`).join('')
  const total =
    filter.issueId !== undefined
      ? counted(`${figuresFrom(false)}${filters}`)
      : (ctx.db
          .prepare(`SELECT COALESCE(SUM(tags), 0) FROM tag_counts WHERE ${counts.join(' AND ')}`)
          .pluck()
          .get(...countParams) as number)
  const walk = filter.issueId !== undefined || where.length === 0 || total >= WALK_FROM
  const rows = ctx.db
    .prepare(`${figuresFrom(walk)}${filters} ORDER BY ${READING_ORDER} LIMIT ? OFFSET ?`)
    .all(...params, limit, filter.offset ?? 0) as FigureSqlRow[]
  const units = ctx.db
    .prepare("SELECT DISTINCT unit FROM tag_counts WHERE kind = 'figure' AND tags > 0 ORDER BY unit")
    .pluck()
    .all() as string[]
  return { rows: rows.map(toFigure), total, units }
}

/** A zone with its first mentions and figures in reading order, and how many it has of each. */
export function getZoneDetail(ctx: ServiceContext, id: string): ZoneDetail {
  const summary = getZoneSummary(ctx, id)
  // A zone mentioned often is walked in reading order (the page fills at once); a rare one is
  // read from its tags (tags_zone) and sorted.
  const walk = summary.mentionCount >= WALK_FROM
  const mentions = ctx.db
    .prepare(
      `SELECT t.article_id AS articleId, a.headline, a.issue_id AS issueId, i.title AS issueTitle,
              i.number AS issueNumber, t.text, t.ordinal
       FROM issues i
       ${walk ? 'CROSS JOIN' : 'JOIN'} articles a ON a.issue_id = i.id
       ${walk ? 'CROSS JOIN' : 'JOIN'} tags t ON t.article_id = a.id
       WHERE i.deleted_at IS NULL AND a.deleted_at IS NULL AND t.zone_id = ? AND t.kind = 'zone'
       ORDER BY ${READING_ORDER}
       LIMIT ?`,
    )
    .all(id, ZONE_DETAIL_LIMIT) as (Omit<ZoneMention, 'context'> & { ordinal: number })[]
  const figures = listFigures(ctx, { zoneId: id, limit: ZONE_DETAIL_LIMIT })
  return { ...summary, mentions: withContext(ctx, mentions), figures: figures.rows, figureCount: figures.total }
}

/**
 * Each mention with the sentence around it, read from the bodies of the articles on this page
 * only (at most ZONE_DETAIL_LIMIT), so the cost does not grow with the library. A mention whose
 * tag is no longer where the index says (it should not happen) gets no context rather than a wrong one.
 */
function withContext(
  ctx: ServiceContext,
  mentions: (Omit<ZoneMention, 'context'> & { ordinal: number })[],
): ZoneMention[] {
  const wanted = new Map<number, Set<number>>()
  for (const m of mentions) {
    const set = wanted.get(m.articleId)
    if (set) set.add(m.ordinal)
    else wanted.set(m.articleId, new Set([m.ordinal]))
  }
  const body = ctx.db.prepare('SELECT body_json FROM articles WHERE id = ?').pluck()
  const contexts = new Map<number, ReturnType<typeof tagContexts>>()
  for (const [articleId, ordinals] of wanted) {
    const json = body.get(articleId) as string | undefined
    contexts.set(articleId, json === undefined ? new Map() : tagContexts(parseDoc(json), ordinals))
  }
  return mentions.map(({ ordinal, ...m }) => {
    const found = contexts.get(m.articleId)?.get(ordinal)
    return { ...m, context: found && found.text === m.text ? { before: found.before, after: found.after } : null }
  })
}

interface ValueRow {
  zone_id: string
  metric: string
  period: string
  unit: string
  value: number
  n: number
  /** 1: counted from figure_guesses (detected, not tagged). */
  detected: number
}

interface ListedFigure extends FigureSqlRow {
  detected?: boolean
  i_id: number
  a_position: number
  t_ordinal: number
}

/**
 * The same zone + metric + period reported with different values (or units) anywhere in the
 * library: each such group once, with how many figures it has and some of each value (together
 * about CONFLICT_FIGURES_LIMIT, the earliest tagged of each value, at least one), in reading
 * order. Figures without a zone or a metric cannot be compared and are left out. The groups and
 * their values are read from figure_values (migration 10), so the check costs the same however
 * many articles repeat a value; only the listed figures are read.
 *
 * Figures detected but not tagged count too (guess_values, figure_guesses: metric, period and
 * zone read from their sentences), marked `detected`: an editor expects 数据核对 to catch a
 * contradiction in copy nobody has tagged yet, and to see which figures a person confirmed.
 */
export function figureConsistency(ctx: ServiceContext): FigureConflict[] {
  const values = ctx.db
    .prepare(
      `WITH v AS (
         SELECT zone_id, metric, period, unit, value, n, 0 AS detected FROM figure_values WHERE n > 0
         UNION ALL
         SELECT zone_id, metric, period, unit, value, n, 1 AS detected FROM guess_values WHERE n > 0)
       SELECT v.* FROM v
       JOIN (SELECT zone_id, metric, period FROM v
             GROUP BY zone_id, metric, period HAVING COUNT(*) > 1) g
         ON g.zone_id = v.zone_id AND g.metric = v.metric AND g.period = v.period
       JOIN zones z ON z.id = v.zone_id
       ORDER BY z.name, v.metric, v.period, v.unit, v.value, v.detected`,
    )
    .all() as ValueRow[]
  const groups = new Map<string, ValueRow[]>()
  for (const row of values) {
    const key = JSON.stringify([row.zone_id, row.metric, row.period])
    const group = groups.get(key)
    if (group) group.push(row)
    else groups.set(key, [row])
  }
  const some = ctx.db.prepare(
    `SELECT t.article_id, a.headline, a.issue_id, i.title AS issue_title, i.number AS issue_number,
            t.text, t.value, t.unit, t.qualifier, t.metric, t.period, t.zone_id, z.name AS zone_name,
            i.id AS i_id, a.position AS a_position, t.ordinal AS t_ordinal
     FROM tags t INDEXED BY tags_facts
     JOIN articles a ON a.id = t.article_id AND a.deleted_at IS NULL
     JOIN issues i ON i.id = a.issue_id AND i.deleted_at IS NULL
     JOIN zones z ON z.id = t.zone_id
     WHERE t.kind = 'figure' AND t.metric <> '' AND t.zone_id = ? AND t.metric = ? AND t.period = ?
       AND t.unit = ? AND t.value = ?
     ORDER BY t.id LIMIT ?`,
  )
  const someGuessed = ctx.db.prepare(
    `SELECT g.article_id, a.headline, a.issue_id, i.title AS issue_title, i.number AS issue_number,
            g.text, g.value, g.unit, g.qualifier, g.metric, g.period, g.zone_id, z.name AS zone_name,
            i.id AS i_id, a.position AS a_position, g.ordinal AS t_ordinal
     FROM figure_guesses g INDEXED BY figure_guesses_facts
     JOIN articles a ON a.id = g.article_id AND a.deleted_at IS NULL
     JOIN issues i ON i.id = a.issue_id AND i.deleted_at IS NULL
     JOIN zones z ON z.id = g.zone_id
     WHERE g.zone_id = ? AND g.metric = ? AND g.period = ? AND g.unit = ? AND g.value = ?
     ORDER BY g.id LIMIT ?`,
  )
  const conflicts: FigureConflict[] = []
  for (const group of groups.values()) {
    const first = group[0]
    // Values equal to twelve significant digits are the same figure (717亿 typed two ways).
    const distinct = new Set(group.map((v) => `${v.unit}\u0000${Number(v.value.toPrecision(12))}`))
    if (!first || distinct.size < 2) continue
    const each = Math.max(1, Math.floor(CONFLICT_FIGURES_LIMIT / group.length))
    const listed = group
      .flatMap((v) =>
        v.detected
          ? (someGuessed.all(v.zone_id, v.metric, v.period, v.unit, v.value, each) as ListedFigure[]).map((f) => ({
              ...f,
              detected: true,
            }))
          : (some.all(v.zone_id, v.metric, v.period, v.unit, v.value, each) as ListedFigure[]),
      )
      .sort(
        (a, b) =>
          a.i_id - b.i_id || a.a_position - b.a_position || a.article_id - b.article_id || a.t_ordinal - b.t_ordinal,
      )
    const figures = listed.map((f) => ({ ...toFigure(f), ...(f.detected && { detected: true }) }))
    conflicts.push({
      zoneId: first.zone_id,
      zoneName: figures[0]?.zoneName ?? '',
      metric: first.metric,
      period: first.period,
      figures,
      figureCount: group.reduce((sum, v) => sum + v.n, 0),
    })
  }
  return conflicts
}

// --- rejected suggestions -----------------------------------------------------------------------

function requireArticle(ctx: ServiceContext, articleId: number): void {
  if (!ctx.db.prepare('SELECT 1 FROM articles WHERE id = ? AND deleted_at IS NULL').get(articleId)) {
    fail('not_found', `找不到第 ${articleId} 号稿件。`, `Article ${articleId} does not exist.`, 'articleId')
  }
}

/** Suggestions the editor rejected in this article: they are not offered again there. */
export function listRejections(ctx: ServiceContext, articleId: number): TagRejection[] {
  requireArticle(ctx, articleId)
  return ctx.db
    .prepare('SELECT kind, text FROM tag_rejections WHERE article_id = ? ORDER BY kind, text')
    .all(articleId) as TagRejection[]
}

export function rejectSuggestion(ctx: ServiceContext, input: ParsedInput<'tag.reject'>): TagRejection[] {
  requireArticle(ctx, input.articleId)
  // Who decided: every tag decision records the acting person (三审三校, issue 11).
  ctx.db
    .prepare(
      'INSERT OR IGNORE INTO tag_rejections (article_id, kind, text, person_id, person_name) VALUES (?, ?, ?, ?, ?)',
    )
    .run(input.articleId, input.kind, input.text, ctx.actor?.id ?? null, ctx.actor?.name ?? null)
  return listRejections(ctx, input.articleId)
}

export function unrejectSuggestion(ctx: ServiceContext, input: ParsedInput<'tag.unreject'>): TagRejection[] {
  requireArticle(ctx, input.articleId)
  ctx.db
    .prepare('DELETE FROM tag_rejections WHERE article_id = ? AND kind = ? AND text = ?')
    .run(input.articleId, input.kind, input.text)
  return listRejections(ctx, input.articleId)
}
