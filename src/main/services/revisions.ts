import { fail } from '../../shared/api/errors'
import type { Article, Revision, RevisionReason, RevisionSummary } from '../../shared/api/types'
import { articleRow, getArticle, updateArticle, type ArticleRow } from './articles'
import type { ServiceContext } from './context'
import { recordRevision } from './revision-log'

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
  status: ArticleRow['status']
  created_at: string
  base_version: number | null
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
  }
}

export function listRevisions(ctx: ServiceContext, articleId: number): RevisionSummary[] {
  articleRow(ctx, articleId)
  const rows = ctx.db
    .prepare('SELECT * FROM revisions WHERE article_id = ? ORDER BY id DESC')
    .all(articleId) as RevisionRow[]
  return rows.map(toSummary)
}

export function getRevision(ctx: ServiceContext, id: number): Revision {
  const row = ctx.db.prepare('SELECT * FROM revisions WHERE id = ?').get(id) as RevisionRow | undefined
  if (!row) fail('not_found', `找不到第 ${id} 号历史版本。`, `Revision ${id} does not exist.`, 'id')
  return {
    ...toSummary(row),
    kicker: row.kicker,
    subtitle: row.subtitle,
    dateline: row.dateline,
    byline: row.byline,
    body: row.body_json,
    bodyText: row.body_text,
    status: row.status,
  }
}

/** Puts a revision's content back; the content it replaces is kept as a revision first. */
export function restoreRevision(ctx: ServiceContext, id: number): Article {
  const revision = getRevision(ctx, id)
  recordRevision(ctx, revision.articleId, 'restore')
  const { kicker, headline, subtitle, dateline, byline, body, status } = revision
  updateArticle(ctx, {
    id: revision.articleId,
    patch: { kicker, headline, subtitle, dateline, byline, body, status },
    baseVersion: articleRow(ctx, revision.articleId).version,
    explicit: true,
  })
  return getArticle(ctx, revision.articleId)
}
