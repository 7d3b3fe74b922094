/**
 * Search across every article of every issue: headline, kicker, subtitle, dateline, byline and
 * body (captions included). Queries of three or more characters go through the FTS5 trigram
 * index (migration 6), which finds any Chinese substring; shorter ones (开发, 晋) are matched
 * with LIKE over the same fields, on the rows the trigram terms and the field-end indexes
 * (migration 9) say may hold them; a common one finds its title matches through the title parts'
 * own trigram indexes (migration 16). The query is always taken literally: quotes, *, OR, NEAR and
 * SQL are just characters. The match, the order (title matches first, newest issue first, then
 * the running order) and the limit are in SQL and only ids come back; the page's rows are then
 * read with their text for the snippets and counts.
 */
import type { ParsedInput } from '../../shared/api/contract'
import type { SearchHit } from '../../shared/api/types'
import type { ServiceContext } from './context'
import { requireIssue } from './issues'

const FIELDS = ['headline', 'kicker', 'subtitle', 'dateline', 'byline', 'body_text'] as const
type Field = (typeof FIELDS)[number]

const FIELD_NAMES: Record<Field, SearchHit['field']> = {
  headline: 'headline',
  kicker: 'kicker',
  subtitle: 'subtitle',
  dateline: 'dateline',
  byline: 'byline',
  body_text: 'body',
}

/**
 * The title parts joined as migration 12 indexes them (the same expression, so the index answers
 * it). A query of one or two characters holds no char(1) (indexable), so a match never spans two.
 */
export const TITLES = `(a.headline || char(1) || a.kicker || char(1) || a.subtitle || char(1) || a.dateline || char(1) || a.byline)`

/** Characters of context on each side of the match in a snippet. */
const CONTEXT = 24

interface Row extends Record<Field, string> {
  id: number
  issue_id: number
  issue_title: string
  issue_number: string
  position: number
}

const SELECT = `
  SELECT a.id, a.issue_id, i.title AS issue_title, i.number AS issue_number, a.position,
         a.headline, a.kicker, a.subtitle, a.dateline, a.byline, a.body_text
  FROM articles a JOIN issues i ON i.id = a.issue_id
  WHERE a.id IN (SELECT value FROM json_each(?))`

/** An FTS5 string literal: the whole query as one phrase, its quotes doubled. */
const phrase = (query: string): string => `"${query.replace(/"/g, '""')}"`
const likePattern = (query: string): string => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Headline matches first, then the other title parts, then the body: the same order toHit and
 * fieldRank give, worked out in SQL on the short title columns (lower() folds ASCII, as LIKE and
 * the trigram index do), so that only the page is read with its body text.
 */
const TIER = `CASE WHEN instr(lower(a.headline), @folded) > 0 THEN 0
  WHEN instr(lower(a.kicker), @folded) > 0 OR instr(lower(a.subtitle), @folded) > 0
    OR instr(lower(a.dateline), @folded) > 0 OR instr(lower(a.byline), @folded) > 0 THEN 1 ELSE 2 END`

/**
 * Article ids matching the query, best first, one page at a time: the match (trigram index, or
 * LIKE for one or two characters), the order and the limit are all in SQL, and only ids travel.
 */
function matchingIds(
  ctx: ServiceContext,
  query: string,
  issueId: number | undefined,
  limit: number,
  offset: number,
): number[] {
  if ([...query].length >= 3) return trigramIds(ctx, query, issueId, limit, offset)
  const params: Record<string, unknown> = { folded: query.toLowerCase(), pattern: likePattern(query) }
  if (issueId !== undefined) params.issueId = issueId
  const inIssue = issueId !== undefined ? ' AND a.issue_id = @issueId' : ''
  let candidates = ''
  if (indexable(query)) {
    openVocabulary(ctx)
    params.short = query.toLowerCase()
    if (!rare(ctx, params.short as string)) return commonShortIds(ctx, params, inIssue, offset + limit).slice(offset)
    candidates = ` AND a.id IN (${shortCandidates(query)})`
  }
  // LIKE decides; for a rare query the rows it looks at are those the indexes say may hold it.
  const sql = `SELECT a.id FROM articles a JOIN issues i ON i.id = a.issue_id
    WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL${inIssue}${candidates}
      AND (${FIELDS.map(likeField).join(' OR ')})
    ORDER BY ${TIER}, a.issue_id DESC, a.position, a.id LIMIT ${limit} OFFSET ${offset}`
  return prepared(ctx, sql).all(params) as number[]
}

function likeField(field: Field): string {
  return `a.${field} LIKE @pattern ESCAPE '\\'`
}

/** Whether one or two characters occur fewer than SEARCH_TUNING.common times (the trigram terms tell). */
function rare(ctx: ServiceContext, short: string): boolean {
  const occurrences = prepared(
    ctx,
    `SELECT COUNT(*) FROM (SELECT 1 FROM temp.folio_terms
       WHERE term >= @short AND term < @short || char(1114111) LIMIT ${SEARCH_TUNING.common})`,
  ).get({ short }) as number
  return occurrences < SEARCH_TUNING.common
}

/**
 * A common query (one or two characters the trigram terms find everywhere), `need` ids in order:
 * headline matches, then the other title parts, then the body, each newest issue first in running
 * order. A title tier with few matches is looked up — its candidates from the title parts' own
 * trigram terms and field ends (migrations 16 and 9), LIKE deciding, ordered and limited in SQL —
 * so a query common in the bodies but rare in the titles does not read every title; a tier with
 * many is walked in running order from the covering index of the titles (migration 12) until the
 * page is full. The body is always walked (from the rows, in the same order), which a common query
 * fills within the first few issues however large the library is.
 */
function commonShortIds(ctx: ServiceContext, params: Record<string, unknown>, inIssue: string, need: number): number[] {
  const from = `FROM issues i CROSS JOIN articles a ON a.issue_id = i.id
    WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL${inIssue}`
  const order = 'ORDER BY i.id DESC, a.position, a.id'
  const tiers = [
    { terms: 'temp.folio_headline_terms', fields: ['headline'] as const, match: likeField('headline') },
    {
      terms: 'temp.folio_title_terms',
      fields: ['kicker', 'subtitle', 'dateline', 'byline'] as const,
      match: `NOT ${likeField('headline')} AND ${TITLES} LIKE @pattern ESCAPE '\\'`,
    },
  ]
  const short = params.short as string
  const ids: number[] = []
  const rows = walkedRows(ctx, params)
  for (const tier of tiers) {
    const left = need - ids.length
    if (left <= 0) return ids
    // Walking reads about left × rows / matches title rows (all `rows` of one issue at most), looking
    // up about `matches` candidates, each dearer: a tier is walked once it has enough matches that
    // the walk is the cheaper (never fewer than SEARCH_TUNING.common, as tests lower it to force a walk).
    const enough = Math.ceil(
      Math.min(
        SEARCH_TUNING.common,
        params.issueId !== undefined ? rows / LOOKUP_COST : Math.sqrt((left * rows) / LOOKUP_COST),
      ),
    )
    const candidates = candidateParts(tier.terms, tier.fields, short)
    const sql = fewerThan(ctx, candidates, short, Math.max(1, enough))
      ? `SELECT a.id FROM articles a JOIN issues i ON i.id = a.issue_id
         WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL${inIssue}
           AND a.id IN (${candidates.join(' UNION ')}) AND ${tier.match}
         ORDER BY a.issue_id DESC, a.position, a.id LIMIT ${left}`
      : `SELECT a.id ${from} AND ${tier.match} ${order} LIMIT ${left}`
    ids.push(...(prepared(ctx, sql).all(params) as number[]))
  }
  const left = need - ids.length
  if (left > 0) {
    const body = `${likeField('body_text')} AND NOT ${TITLES} LIKE @pattern ESCAPE '\\'`
    ids.push(...(prepared(ctx, `SELECT a.id ${from} AND ${body} ${order} LIMIT ${left}`).all(params) as number[]))
  }
  return ids
}

/**
 * The articles that may hold `@short` (one or two characters, folded) in one of `fields`, one
 * SELECT each: an occurrence three or more characters before the field's end starts a trigram of
 * the index whose vocabulary is `terms` (a term range); one in the last two characters is in the
 * end indexes (migration 9). `short` decides only how many characters there are.
 */
function candidateParts(terms: string, fields: readonly Field[], short: string): string[] {
  const range = (expression: string) => `${expression} >= @short AND ${expression} < @short || char(1114111)`
  return [
    `SELECT doc AS id FROM ${terms} WHERE ${range('term')}`,
    ...fields.flatMap((f) =>
      [...short].length === 2
        ? [`SELECT id FROM articles WHERE lower(substr(${f}, -2)) = @short`]
        : [
            `SELECT id FROM articles WHERE lower(substr(${f}, -1)) = @short`,
            `SELECT id FROM articles WHERE ${range(`lower(substr(${f}, -2))`)}`,
          ],
    ),
  ]
}

/** Whether the candidate parts together hold fewer than `bound` rows (each count stops there). */
function fewerThan(ctx: ServiceContext, counts: string[], short: string, bound: number): boolean {
  const sql = `SELECT ${counts.map((part) => `(SELECT COUNT(*) FROM (${part} LIMIT @bound))`).join(' + ')}`
  return (prepared(ctx, sql).get({ short, bound }) as number) < bound
}

/**
 * How much dearer a title tier's candidate looked up is than a title row walked: about 1.5 µs
 * against 0.3 µs on the bench libraries (bench/views.bench.ts). It only picks the cheaper path.
 */
const LOOKUP_COST = 5

/**
 * The title rows a walk may read: the issue's articles, or the library's, estimated from the
 * largest article id (an index seek; deleted rows and gaps only make it larger).
 */
function walkedRows(ctx: ServiceContext, params: Record<string, unknown>): number {
  const sql =
    params.issueId !== undefined
      ? 'SELECT COUNT(*) FROM articles WHERE issue_id = @issueId'
      : 'SELECT ifnull(max(id), 0) FROM articles'
  return prepared(ctx, sql).get(params.issueId !== undefined ? { issueId: params.issueId } : {}) as number
}

type Plucked = ReturnType<ReturnType<ServiceContext['db']['prepare']>['pluck']>
const statements = new WeakMap<ServiceContext['db'], Map<string, Plucked>>()

/**
 * A statement giving one column (or, not `pluck`, whole rows), compiled once per connection: a
 * common query's few statements differ only by their limits, and compiling them each time cost as
 * much as running them (a rare phrase: six statements compiled for three small reads).
 */
function prepared(ctx: ServiceContext, sql: string, pluck = true): Plucked {
  let cache = statements.get(ctx.db)
  if (!cache) statements.set(ctx.db, (cache = new Map()))
  const key = pluck ? sql : `rows:${sql}`
  let statement = cache.get(key)
  if (!statement) {
    if (cache.size >= 200) cache.clear()
    const compiled = ctx.db.prepare(sql)
    cache.set(key, (statement = pluck ? compiled.pluck() : compiled))
  }
  return statement
}

/** A tier with more matches than `common` is read by walking the articles in order (see trigramIds); tests lower it. */
export const SEARCH_TUNING = { common: 1000 }

/**
 * Three or more characters: the trigram index. A phrase with few matches in all is read from them
 * at once, in tier order. Otherwise one tier at a time (headline, other title parts,
 * body only — FTS5 column filters): a tier with few matches is read from its matches, ordered
 * and limited in SQL; one with many (a common word) by walking the articles newest issue first
 * in running order and asking the index about each until the page is full — so neither costs
 * more as the library grows.
 */
function trigramIds(
  ctx: ServiceContext,
  query: string,
  issueId: number | undefined,
  limit: number,
  offset: number,
): number[] {
  const p = phrase(query)
  const inIssue = issueId !== undefined ? ' AND a.issue_id = @issueId' : ''
  // A phrase the index finds rarely (most searches): its matches read once and put in tier order
  // in SQL (TIER, the order toHit and fieldRank give) — one index search, not one per tier.
  const count = (expression: string): number =>
    prepared(
      ctx,
      `SELECT COUNT(*) FROM (SELECT rowid FROM article_search WHERE article_search MATCH @expression LIMIT ${SEARCH_TUNING.common})`,
    ).get({ expression }) as number
  const all = count(p)
  if (all === 0) return []
  if (all < SEARCH_TUNING.common) {
    const params: Record<string, unknown> = { expression: p, folded: query.toLowerCase(), limit, offset }
    if (issueId !== undefined) params.issueId = issueId
    return prepared(
      ctx,
      `SELECT a.id FROM articles a JOIN issues i ON i.id = a.issue_id
       WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL${inIssue}
         AND a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH @expression)
       ORDER BY ${TIER}, a.issue_id DESC, a.position, a.id LIMIT @limit OFFSET @offset`,
    ).all(params) as number[]
  }
  const titles = '{kicker subtitle dateline byline}'
  const tiers = [
    `{headline} : ${p}`,
    `${titles} : ${p} NOT {headline} : ${p}`,
    `${p} NOT {headline} : ${p} NOT ${titles} : ${p}`,
  ]
  // A tier the index finds everywhere is walked in running order, checked with LIKE where LIKE
  // means what the trigram phrase means (the same substrings, ASCII case folded alike): the title
  // parts from their covering index (migration 12), the body from the rows, until the page is full.
  const literal = indexable(query)
  const walks = [
    likeField('headline'),
    `NOT ${likeField('headline')} AND ${TITLES} LIKE @pattern ESCAPE '\\'`,
    `${likeField('body_text')} AND NOT ${TITLES} LIKE @pattern ESCAPE '\\'`,
  ]
  const ids: number[] = []
  for (const [tier, expression] of tiers.entries()) {
    const need = offset + limit - ids.length
    if (need <= 0) break
    const matches = count(expression)
    if (matches === 0) continue
    const params: Record<string, unknown> = { expression, need, pattern: likePattern(query) }
    if (issueId !== undefined) params.issueId = issueId
    const walk = literal
      ? `AND ${walks[tier]}`
      : 'AND EXISTS (SELECT 1 FROM article_search s WHERE s.article_search MATCH @expression AND s.rowid = a.id)'
    const sql =
      matches < SEARCH_TUNING.common
        ? `SELECT a.id FROM articles a JOIN issues i ON i.id = a.issue_id
           WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL${inIssue}
             AND a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH @expression)
           ORDER BY a.issue_id DESC, a.position, a.id LIMIT @need`
        : `SELECT a.id FROM issues i CROSS JOIN articles a ON a.issue_id = i.id
           WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL${inIssue} ${walk}
           ORDER BY i.id DESC, a.position, a.id LIMIT @need`
    const used = Object.fromEntries(Object.entries(params).filter(([key]) => sql.includes(`@${key}`)))
    ids.push(...(prepared(ctx, sql).all(used) as number[]))
  }
  return ids.slice(offset, offset + limit)
}

/**
 * One or two characters can be looked up on indexes when folding their case means the same to
 * LIKE, lower() and the trigram index: ASCII, or characters without case (Chinese, digits,
 * punctuation). Anything else is left to LIKE alone.
 */
function indexable(query: string): boolean {
  // Control characters never: the title parts are joined with char(1) (TITLES).
  return [...query].every(
    (c) =>
      (c.charCodeAt(0) >= 32 && c.charCodeAt(0) < 128) ||
      (c.toLowerCase() === c && c.toUpperCase() === c && c.charCodeAt(0) >= 128),
  )
}

/** The trigram indexes' terms and where each occurs (fts5vocab, per connection, nothing stored): all fields, the headline, the other title parts. */
function openVocabulary(ctx: ServiceContext): void {
  ctx.db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.folio_terms USING fts5vocab(main, 'article_search', 'instance');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.folio_headline_terms USING fts5vocab(main, 'headline_search', 'instance');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.folio_title_terms USING fts5vocab(main, 'title_search', 'instance');`)
}

/** Every article that may hold `@short` in a searched field (the full index's terms, all fields). */
function shortCandidates(query: string): string {
  return candidateParts('temp.folio_terms', FIELDS, query).join(' UNION ')
}

export function searchArticles(ctx: ServiceContext, input: ParsedInput<'search.articles'>): SearchHit[] {
  const query = input.query.trim()
  if (query === '') return []
  if (input.issueId !== undefined) requireIssue(ctx, input.issueId)
  const limit = input.limit ?? 50
  const read = prepared(ctx, SELECT, false)
  const hits: SearchHit[] = []
  // A row the index matched but a case-sensitive comparison cannot place is not a hit: read on
  // until the page is full or the matches run out.
  for (let offset = 0; hits.length < limit; offset += limit) {
    const ids = matchingIds(ctx, query, input.issueId, limit, offset)
    const rows = new Map((read.all(JSON.stringify(ids)) as Row[]).map((row) => [row.id, row]))
    for (const id of ids) {
      const row = rows.get(id)
      const hit = row && toHit(row, query)
      if (hit && hits.length < limit) hits.push(hit)
    }
    if (ids.length < limit) break
  }
  // toHit's field decides the final order (a stable sort keeps the SQL order within a field).
  return hits.sort((a, b) => fieldRank(a.field) - fieldRank(b.field))
}

/** Headline matches first, then the other title parts, then the body (a stable sort keeps the order within). */
function fieldRank(field: SearchHit['field']): number {
  return field === 'headline' ? 0 : field === 'body' ? 2 : 1
}

function toHit(row: Row, query: string): SearchHit | null {
  const folded = query.toLowerCase()
  for (const field of FIELDS) {
    const text = row[field]
    const at = text.toLowerCase().indexOf(folded)
    if (at < 0) continue
    const from = Math.max(0, at - CONTEXT)
    const to = Math.min(text.length, at + query.length + CONTEXT)
    return {
      articleId: row.id,
      issueId: row.issue_id,
      issueTitle: row.issue_title,
      issueNumber: row.issue_number,
      headline: row.headline,
      field: FIELD_NAMES[field],
      count: countOccurrences(FIELDS.map((f) => row[f].toLowerCase()).join('\n'), folded),
      snippet: {
        before: (from > 0 ? '…' : '') + text.slice(from, at).replace(/\s+/g, ' '),
        match: text.slice(at, at + query.length),
        after: text.slice(at + query.length, to).replace(/\s+/g, ' ') + (to < text.length ? '…' : ''),
      },
    }
  }
  // The trigram index matched what a case-sensitive comparison could not place: not a hit.
  return null
}

function countOccurrences(text: string, needle: string): number {
  let count = 0
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++
  return count
}
