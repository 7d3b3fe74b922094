/**
 * The tag index: zone and figure tags read out of each article's body on every save, so that
 * zones, figures and their consistency can be followed across articles and issues. The body
 * is the source of truth; the `tags` rows are rebuilt from it. Also: per-article rejected
 * suggestions.
 */
import { fail } from '../../shared/api/errors'
import type { ParsedInput } from '../../shared/api/contract'
import type {
  FigureConflict,
  FigureFacts,
  FigureRow,
  TagRejection,
  ZoneDetail,
  ZoneMention,
} from '../../shared/api/tagging-types'
import { readCaptionTags } from '../../shared/doc/caption-tags'
import { parseDoc, type SerializedDoc, type SerializedNode } from '../../shared/doc/lexical'
import type { ServiceContext } from './context'
import { requireIssue } from './issues'
import { getZoneSummary, insertZone, learnAlias, LIVE_TAGS, zoneExists, zoneIdByName } from './zones'

/** Element nodes that sit inside a paragraph rather than being blocks of their own. */
const INLINE_ELEMENTS = new Set(['link', 'autolink', 'mark'])

type IndexedTag =
  | { kind: 'zone'; text: string; zoneId: string | null }
  | ({
      kind: 'figure'
      text: string
      /** Nearest zone tagged before the figure in the same block. */
      blockZone: string | null
    } & FigureFacts)

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

  const walk = (node: SerializedNode, block: { zone: string | null }): void => {
    for (const child of node.children ?? []) {
      if (child.type === 'zone-tag') {
        const zoneId = resolveZone(child)
        const text = str(child.text)
        if (zoneId !== null) {
          learnAlias(ctx, zoneId, text)
          block.zone = zoneId
        }
        found.push({ kind: 'zone', text, zoneId })
      } else if (child.type === 'figure-tag') {
        const value = typeof child.value === 'number' ? child.value : Number.NaN
        if (!Number.isFinite(value)) continue // not a figure we can compare; the text stays in the body
        found.push({
          kind: 'figure',
          text: str(child.text),
          value,
          unit: str(child.unit),
          qualifier: str(child.qualifier) || null,
          metric: str(child.metric).trim(),
          period: str(child.period).trim(),
          blockZone: block.zone,
        })
      } else if (child.type === 'photo') {
        // A caption's tags are spans beside its text, serialized like the body's tag nodes.
        const children = readCaptionTags(str(child.caption), child.tags).map((tag): SerializedNode => ({ ...tag }))
        walk({ type: 'caption', children }, { zone: null })
      } else if (child.children) {
        walk(child, INLINE_ELEMENTS.has(child.type) ? block : { zone: null })
      }
    }
  }
  walk(doc.root, { zone: null })

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
          tag.blockZone ?? onlyZone,
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
  if (stored.length === rows.length && stored.every((r, i) => r.every((v, j) => v === rows[i]![j]))) return

  ctx.db.prepare('DELETE FROM tags WHERE article_id = ?').run(articleId)
  const insert = ctx.db.prepare(
    `INSERT INTO tags (article_id, kind, ordinal, text, zone_id, value, unit, qualifier, metric, period)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

const SELECT_FIGURES = `
  SELECT t.article_id, a.headline, a.issue_id, i.title AS issue_title, i.number AS issue_number,
         t.text, t.value, t.unit, t.qualifier, t.metric, t.period, t.zone_id, z.name AS zone_name
  FROM (${LIVE_TAGS}) t
  JOIN articles a ON a.id = t.article_id
  JOIN issues i ON i.id = a.issue_id
  LEFT JOIN zones z ON z.id = t.zone_id
  WHERE t.kind = 'figure'`

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

/** Figures of live articles, filtered by zone, unit and issue. */
export function listFigures(ctx: ServiceContext, filter: ParsedInput<'figure.list'>): FigureRow[] {
  const where: string[] = []
  const params: unknown[] = []
  if (filter.zoneId !== undefined) {
    getZoneSummary(ctx, filter.zoneId, 'zoneId')
    where.push('t.zone_id = ?')
    params.push(filter.zoneId)
  }
  if (filter.unit !== undefined) {
    where.push('t.unit = ?')
    params.push(filter.unit)
  }
  if (filter.issueId !== undefined) {
    requireIssue(ctx, filter.issueId)
    where.push('a.issue_id = ?')
    params.push(filter.issueId)
  }
  const sql = `${SELECT_FIGURES}${where.map((w) => ` AND ${w}`).join('')} ORDER BY ${READING_ORDER}`
  return (ctx.db.prepare(sql).all(...params) as FigureSqlRow[]).map(toFigure)
}

/** A zone with every live mention of it and the figures that belong to it. */
export function getZoneDetail(ctx: ServiceContext, id: string): ZoneDetail {
  const summary = getZoneSummary(ctx, id)
  const mentions = ctx.db
    .prepare(
      `SELECT t.article_id AS articleId, a.headline, a.issue_id AS issueId, i.title AS issueTitle,
              i.number AS issueNumber, t.text
       FROM (${LIVE_TAGS}) t
       JOIN articles a ON a.id = t.article_id
       JOIN issues i ON i.id = a.issue_id
       WHERE t.kind = 'zone' AND t.zone_id = ?
       ORDER BY ${READING_ORDER}`,
    )
    .all(id) as ZoneMention[]
  return { ...summary, mentions, figures: listFigures(ctx, { zoneId: id }) }
}

/** Values equal to twelve significant digits are the same figure (717亿 typed two ways). */
const valueKey = (figure: FigureRow): string => `${figure.unit}\u0000${Number(figure.value.toPrecision(12))}`

/**
 * The same zone + metric + period reported with different values (or units) anywhere in the
 * library: each such group once, with all its figures. Figures without a zone or a metric
 * cannot be compared and are left out.
 */
export function figureConsistency(ctx: ServiceContext): FigureConflict[] {
  const rows = ctx.db
    .prepare(
      `${SELECT_FIGURES} AND t.zone_id IS NOT NULL AND COALESCE(t.metric, '') <> ''
       ORDER BY z.name, t.metric, t.period, ${READING_ORDER}`,
    )
    .all() as FigureSqlRow[]
  const groups = new Map<string, FigureRow[]>()
  for (const figure of rows.map(toFigure)) {
    const key = JSON.stringify([figure.zoneId, figure.metric, figure.period])
    groups.set(key, [...(groups.get(key) ?? []), figure])
  }
  const conflicts: FigureConflict[] = []
  for (const figures of groups.values()) {
    const first = figures[0]
    if (!first || new Set(figures.map(valueKey)).size < 2) continue
    conflicts.push({
      zoneId: first.zoneId ?? '',
      zoneName: first.zoneName ?? '',
      metric: first.metric,
      period: first.period,
      figures,
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
  ctx.db
    .prepare('INSERT OR IGNORE INTO tag_rejections (article_id, kind, text) VALUES (?, ?, ?)')
    .run(input.articleId, input.kind, input.text)
  return listRejections(ctx, input.articleId)
}

export function unrejectSuggestion(ctx: ServiceContext, input: ParsedInput<'tag.unreject'>): TagRejection[] {
  requireArticle(ctx, input.articleId)
  ctx.db
    .prepare('DELETE FROM tag_rejections WHERE article_id = ? AND kind = ? AND text = ?')
    .run(input.articleId, input.kind, input.text)
  return listRejections(ctx, input.articleId)
}
