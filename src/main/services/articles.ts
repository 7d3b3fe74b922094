import { fail, folioError } from '../../shared/api/errors'
import type { ParsedInput } from '../../shared/api/contract'
import type { ReviewStage } from '../../shared/api/review-types'
import type { Article, ArticleSaved, ArticleSummary, RevisionReason } from '../../shared/api/types'
import { docToPlainText, emptyDoc, parseDoc, type SerializedDoc } from '../../shared/doc/lexical'
import { photoRefs, requireStoredPhotos } from '../../shared/doc/photos'
import { countChars } from '../../shared/text/count'
import { isoNow, type ServiceContext } from './context'
import { hasImage } from './images'
import { clearIssueSignoff, requireIssue } from './issues'
import { reopenAfterEdit } from './review-steps'
import { recordConflictCopy, recordRevision } from './revision-log'
import { KeepThenFail } from './keep-then-fail'
import { reindexArticle } from './tags'

export interface ArticleRow {
  id: number
  issue_id: number
  position: number
  kicker: string
  headline: string
  subtitle: string
  dateline: string
  byline: string
  body_json: string
  body_text: string
  char_count: number
  punct_count: number
  /** Where the article stands in 三审; only review.* (and a reopening edit) moves it. */
  review_stage: ReviewStage
  version: number
  created_at: string
  updated_at: string
}

export type Content = Pick<
  ArticleRow,
  'kicker' | 'headline' | 'subtitle' | 'dateline' | 'byline' | 'body_json' | 'body_text' | 'char_count' | 'punct_count'
>

const TEXT_FIELDS = ['kicker', 'headline', 'subtitle', 'dateline', 'byline'] as const

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    issueId: row.issue_id,
    position: row.position,
    kicker: row.kicker,
    headline: row.headline,
    subtitle: row.subtitle,
    dateline: row.dateline,
    byline: row.byline,
    body: row.body_json,
    bodyText: row.body_text,
    charCount: row.char_count,
    punctCount: row.punct_count,
    stage: row.review_stage,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toSummary(row: ArticleRow): ArticleSummary {
  return {
    id: row.id,
    issueId: row.issue_id,
    position: row.position,
    kicker: row.kicker,
    headline: row.headline,
    stage: row.review_stage,
    charCount: row.char_count,
    updatedAt: row.updated_at,
  }
}

/**
 * Normalises a body: validated, re-serialized, with its plain text and counts derived from it.
 * A photo whose image is not a stored image is refused, naming `article`.
 */
function bodyContent(
  json: string | SerializedDoc,
  ctx: ServiceContext,
  article: { id?: number; headline?: string; body_json?: string },
): Pick<Content, 'body_json' | 'body_text' | 'char_count' | 'punct_count'> & { doc: SerializedDoc } {
  const doc = typeof json === 'string' ? parseDoc(json) : json
  // A photo already in the stored body (an older library's) does not stop the article from being
  // edited and saved: only a newly added photo must be a stored image. Export marks the missing one.
  let before: Set<unknown> | null = null
  const already = (hash: string): boolean => {
    before ??= new Set(article.body_json ? photoRefs(parseDoc(article.body_json)).map((p) => p.image) : [])
    return before.has(hash)
  }
  requireStoredPhotos(doc, (hash) => hasImage(ctx, hash) || already(hash), article)
  const text = docToPlainText(doc)
  const counts = countChars(text)
  return { body_json: JSON.stringify(doc), body_text: text, char_count: counts.chars, punct_count: counts.punct, doc }
}

/**
 * The body a block splice makes of the stored one: top-level blocks `start … start+remove` replaced
 * by `insert`. It must be based on the stored body as it is (`baseBlocks` blocks at baseVersion);
 * anything else is refused so the client sends its whole body instead.
 */
function splicedBody(row: ArticleRow, splice: NonNullable<ParsedInput<'article.update'>['bodySplice']>): SerializedDoc {
  // The stored body was cleaned when it was saved: only the new blocks need checking and cleaning.
  const doc = JSON.parse(row.body_json) as SerializedDoc
  const blocks = doc.root.children
  if (blocks.length !== splice.baseBlocks || splice.start + splice.remove > blocks.length) {
    fail(
      'conflict',
      '局部保存与库中正文对不上，将改为发送全文。',
      'The partial save does not fit the stored body; the whole body will be sent instead.',
      'bodySplice',
    )
  }
  let insert: unknown
  try {
    insert = JSON.parse(splice.insert)
  } catch {
    fail('invalid_input', '局部保存的内容不是有效的 JSON。', 'The partial save is not valid JSON.', 'bodySplice')
  }
  if (!Array.isArray(insert)) {
    fail('invalid_input', '局部保存的内容应为段落列表。', 'The partial save must be a list of blocks.', 'bodySplice')
  }
  // The new blocks go through the same validation and cleaning as a whole body would.
  const inserted = parseDoc(JSON.stringify({ root: { ...doc.root, children: insert } })).root.children
  blocks.splice(splice.start, splice.remove, ...inserted)
  return doc
}

export function articleRow(ctx: ServiceContext, id: number): ArticleRow {
  const row = ctx.db.prepare('SELECT * FROM articles WHERE id = ? AND deleted_at IS NULL').get(id) as
    | ArticleRow
    | undefined
  if (!row) fail('not_found', `找不到第 ${id} 号稿件。`, `Article ${id} does not exist.`, 'id')
  return row
}

function orderedRows(ctx: ServiceContext, issueId: number): ArticleRow[] {
  return ctx.db
    .prepare('SELECT * FROM articles WHERE issue_id = ? AND deleted_at IS NULL ORDER BY position, id')
    .all(issueId) as ArticleRow[]
}

function renumber(ctx: ServiceContext, ids: number[]): void {
  const stmt = ctx.db.prepare('UPDATE articles SET position = ? WHERE id = ?')
  ids.forEach((articleId, index) => stmt.run(index, articleId))
}

export function listArticles(ctx: ServiceContext, issueId: number): ArticleSummary[] {
  requireIssue(ctx, issueId)
  return orderedRows(ctx, issueId).map(toSummary)
}

export function getArticle(ctx: ServiceContext, id: number): Article {
  return toArticle(articleRow(ctx, id))
}

export function createArticle(ctx: ServiceContext, input: ParsedInput<'article.create'>): Article {
  requireIssue(ctx, input.issueId)
  const ids = orderedRows(ctx, input.issueId).map((row) => row.id)
  let index = ids.length
  if (input.afterId !== undefined) {
    const after = ids.indexOf(input.afterId)
    if (after < 0)
      fail(
        'not_found',
        `本期没有第 ${input.afterId} 号稿件。`,
        `Article ${input.afterId} is not in this issue.`,
        'afterId',
      )
    index = after + 1
  }
  const body = bodyContent(input.body ?? JSON.stringify(emptyDoc()), ctx, { headline: input.headline ?? '' })
  const now = isoNow(ctx)
  const info = ctx.db
    .prepare(
      `INSERT INTO articles (issue_id, position, kicker, headline, subtitle, dateline, byline,
         body_json, body_text, char_count, punct_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.issueId,
      index,
      input.kicker ?? '',
      input.headline ?? '',
      input.subtitle ?? '',
      input.dateline ?? '',
      input.byline ?? '',
      body.body_json,
      body.body_text,
      body.char_count,
      body.punct_count,
      now,
      now,
    )
  const newId = Number(info.lastInsertRowid)
  reindexArticle(ctx, newId, body.body_json)
  ids.splice(index, 0, newId)
  renumber(ctx, ids)
  clearIssueSignoff(ctx, input.issueId, 'article-added')
  return getArticle(ctx, newId)
}

/**
 * Saves a patch (fields, the whole body, or a splice of its blocks) made on `baseVersion`. Answers
 * the saved article without its body: the client has it, and a 300 KB echo per autosave is waste.
 */
export function updateArticle(ctx: ServiceContext, input: ParsedInput<'article.update'>): ArticleSaved {
  const row = articleRow(ctx, input.id)
  const { patch } = input
  if (input.bodySplice && patch.body !== undefined) {
    fail('invalid_input', '正文与局部保存不能同时给出。', 'Give the body or a splice of it, not both.', 'bodySplice')
  }
  const next: Content = { ...row }
  for (const field of TEXT_FIELDS) {
    const value = patch[field]
    if (value !== undefined) next[field] = value
  }
  // A splice is only meaningful on the version it was made on: a stale one is refused below.
  const stale = input.baseVersion !== row.version
  const body =
    patch.body !== undefined
      ? bodyContent(patch.body, ctx, row)
      : input.bodySplice && !stale
        ? bodyContent(splicedBody(row, input.bodySplice), ctx, row)
        : null
  if (body) {
    const { doc: _doc, ...content } = body
    Object.assign(next, content)
  }
  const changed = (Object.keys(next) as (keyof Content)[]).some((key) => next[key] !== row[key])

  if (stale) {
    if (input.bodySplice) {
      fail(
        'conflict',
        `稿件已在别处修改（库中为第 ${row.version} 版，此处基于第 ${input.baseVersion} 版）。`,
        `The article was changed elsewhere (version ${row.version} in the library, yours is based on ${input.baseVersion}).`,
        'bodySplice',
      )
    }
    // A write based on an older version never lands over newer text. If it would change nothing
    // (a resend of a save whose answer was lost), it is simply done; otherwise its text is kept
    // as a 冲突副本 revision, committed even though the call fails.
    if (!changed) return savedOf(row)
    const baseVersion = input.baseVersion
    throw new KeepThenFail(
      folioError(
        'conflict',
        `稿件已在别处修改（库中为第 ${row.version} 版，此处基于第 ${baseVersion} 版）。你的文字没有覆盖它，已另存为「冲突副本」，可在「历史」中查看和恢复。`,
        `The article was changed elsewhere (version ${row.version} in the library, yours is based on ${baseVersion}). Your text did not overwrite it: it is kept as a conflict copy in History.`,
      ),
      () => recordConflictCopy(ctx, row.id, next, baseVersion),
    )
  }

  const updatedAt = changed ? isoNow(ctx) : row.updated_at
  if (changed) {
    // Only the columns that changed: a headline edit does not re-index the body for search.
    const columns = (Object.keys(next) as (keyof Content)[]).filter((key) => next[key] !== row[key])
    ctx.db
      .prepare(
        `UPDATE articles SET ${columns.map((c) => `${c} = ?`).join(', ')}, version = version + 1, updated_at = ? WHERE id = ?`,
      )
      .run(...columns.map((c) => next[c]), updatedAt, row.id)
  }
  // The tag index follows the body; an explicit save also refreshes it against the registry.
  if (body && (next.body_json !== row.body_json || input.explicit)) {
    reindexArticle(ctx, row.id, body.doc)
  }
  // An edit that changes the text of a signed-off article reopens its review (and any edit of an
  // article unsigns its issue), in this same transaction. A change of formatting or tags only,
  // the plain text as it was, leaves the sign-off standing: what was signed is the text.
  let stage = row.review_stage
  if (changed) {
    if (stage === 'signed' && textOf(next) !== textOf(row)) {
      reopenAfterEdit(ctx, row.id)
      stage = 'draft'
    }
    clearIssueSignoff(ctx, row.issue_id, 'article-edited')
  }
  const reason: RevisionReason | null = input.explicit ? 'save' : changed ? 'autosave' : null
  if (reason) recordRevision(ctx, row.id, reason)
  return savedOf({
    ...row,
    ...next,
    review_stage: stage,
    version: row.version + (changed ? 1 : 0),
    updated_at: updatedAt,
  })
}

/** The text a sign-off covers: the title fields and the body's plain text. */
function textOf(content: Pick<Content, (typeof TEXT_FIELDS)[number] | 'body_text'>): string {
  return [...TEXT_FIELDS.map((field) => content[field]), content.body_text].join('\u0000')
}

/** What a save answers: the article as saved, without its body and plain text. */
function savedOf(row: ArticleRow): ArticleSaved {
  const { body: _body, bodyText: _text, ...saved } = toArticle(row)
  return saved
}

export function moveArticle(ctx: ServiceContext, id: number, toIndex: number): ArticleSummary[] {
  const row = articleRow(ctx, id)
  const ids = orderedRows(ctx, row.issue_id)
    .map((r) => r.id)
    .filter((other) => other !== id)
  ids.splice(Math.min(toIndex, ids.length), 0, id)
  const before = orderedRows(ctx, row.issue_id).map((r) => r.id)
  renumber(ctx, ids)
  if (before.join() !== ids.join()) clearIssueSignoff(ctx, row.issue_id, 'articles-reordered')
  return listArticles(ctx, row.issue_id)
}

/** Moves an article to the trash (undo with article.restore); nothing is erased. */
export function deleteArticle(ctx: ServiceContext, id: number): { id: number } {
  const row = articleRow(ctx, id)
  ctx.db.prepare('UPDATE articles SET deleted_at = ? WHERE id = ?').run(isoNow(ctx), id)
  clearIssueSignoff(ctx, row.issue_id, 'article-removed')
  return { id }
}

export function restoreArticle(ctx: ServiceContext, id: number): Article {
  const row = ctx.db.prepare('SELECT issue_id FROM articles WHERE id = ? AND deleted_at IS NOT NULL').get(id) as
    | { issue_id: number }
    | undefined
  if (!row) fail('not_found', `回收站里没有第 ${id} 号稿件。`, `Article ${id} is not in the trash.`, 'id')
  requireIssue(ctx, row.issue_id)
  ctx.db.prepare('UPDATE articles SET deleted_at = NULL WHERE id = ?').run(id)
  const restored = ctx.db.prepare('SELECT body_json FROM articles WHERE id = ?').get(id) as { body_json: string }
  reindexArticle(ctx, id, restored.body_json)
  renumber(
    ctx,
    orderedRows(ctx, row.issue_id).map((r) => r.id),
  )
  clearIssueSignoff(ctx, row.issue_id, 'article-added')
  return getArticle(ctx, id)
}
