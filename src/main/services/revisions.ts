import { fail } from '../../shared/api/errors'
import type { DiffPart, ReviewStage } from '../../shared/api/review-types'
import type { Article, Revision, RevisionReason, RevisionSummary } from '../../shared/api/types'
import { diffText } from '../../shared/doc/diff'
import { articleRow, getArticle, updateArticle } from './articles'
import type { ServiceContext } from './context'
import { recordRevision } from './revision-log'
import { rowText } from './review-steps'

interface RevisionRow {
  id: number
  article_id: number
  reason: RevisionReason
  kicker: string
  headline: string
  subtitle: string
  dateline: string
  byline: string
  body_json: string
  body_text: string
  char_count: number
  created_at: string
  base_version: number | null
  person_id: number | null
  person_name: string | null
  stage: ReviewStage
}

function toSummary(row: RevisionRow): RevisionSummary {
  return {
    id: row.id,
    articleId: row.article_id,
    reason: row.reason,
    headline: row.headline,
    charCount: row.char_count,
    createdAt: row.created_at,
    baseVersion: row.base_version,
    by: row.person_name === null ? null : { id: row.person_id ?? 0, name: row.person_name },
    stage: row.stage,
  }
}

export function listRevisions(ctx: ServiceContext, articleId: number): RevisionSummary[] {
  articleRow(ctx, articleId)
  const rows = ctx.db
    .prepare('SELECT * FROM revisions WHERE article_id = ? ORDER BY id DESC')
    .all(articleId) as RevisionRow[]
  return rows.map(toSummary)
}

function revisionRow(ctx: ServiceContext, id: number, field = 'id'): RevisionRow {
  const row = ctx.db.prepare('SELECT * FROM revisions WHERE id = ?').get(id) as RevisionRow | undefined
  if (!row) fail('not_found', `找不到第 ${id} 号历史版本。`, `Revision ${id} does not exist.`, field)
  return row
}

export function getRevision(ctx: ServiceContext, id: number): Revision {
  const row = revisionRow(ctx, id)
  return {
    ...toSummary(row),
    kicker: row.kicker,
    subtitle: row.subtitle,
    dateline: row.dateline,
    byline: row.byline,
    body: row.body_json,
    bodyText: row.body_text,
  }
}

/**
 * Puts a revision's content back; the content it replaces is kept as a revision first. The review
 * stage is never restored (it is not the text's): an article waiting at 复审 still waits there.
 * But a restore is an edit: if it changes the text of a signed-off article, review reopens, as
 * for any other edit (articles.ts updateArticle).
 */
export function restoreRevision(ctx: ServiceContext, id: number): Article {
  const revision = getRevision(ctx, id)
  recordRevision(ctx, revision.articleId, 'restore')
  const { kicker, headline, subtitle, dateline, byline, body } = revision
  updateArticle(ctx, {
    id: revision.articleId,
    patch: { kicker, headline, subtitle, dateline, byline, body },
    baseVersion: articleRow(ctx, revision.articleId).version,
    explicit: true,
  })
  return getArticle(ctx, revision.articleId)
}

/**
 * The diff between two revisions of an article, or between a revision and its current text (to
 * 'current', naming the article): over the plain text a review hashes (shared/doc/diff reviewText:
 * the title fields that are not empty, one a line, then the body), in Intl.Segmenter word tokens.
 */
export function diffRevisions(
  ctx: ServiceContext,
  input: { from: number; to: number | 'current'; articleId?: number | undefined },
): DiffPart[] {
  const from = revisionRow(ctx, input.from, 'from')
  if (input.articleId !== undefined && from.article_id !== input.articleId) {
    fail(
      'invalid_input',
      `第 ${input.from} 号历史版本不属于第 ${input.articleId} 号稿件。`,
      `Revision ${input.from} is not a revision of article ${input.articleId}.`,
      'from',
    )
  }
  if (input.to === 'current') {
    if (input.articleId === undefined) {
      fail(
        'invalid_input',
        '与当前文字比较时须指明稿件（articleId）。',
        'Name the article (articleId) to compare with its current text.',
        'articleId',
      )
    }
    return diffText(rowText(from), rowText(articleRow(ctx, input.articleId)))
  }
  const to = revisionRow(ctx, input.to, 'to')
  if (to.article_id !== from.article_id) {
    fail(
      'invalid_input',
      `第 ${input.from} 号与第 ${input.to} 号历史版本不是同一篇稿件的。`,
      `Revisions ${input.from} and ${input.to} belong to different articles.`,
      'to',
    )
  }
  return diffText(rowText(from), rowText(to))
}
