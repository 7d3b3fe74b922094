/** Writing revisions: used by article saves and by restores, so it depends on neither. */
import type { RevisionReason } from '../../shared/api/types'
// A type only: articles.ts imports this module, so nothing else may come from there.
import type { Content } from './articles'
import { isoNow, type ServiceContext } from './context'

/**
 * Snapshots the article's current content, with who acts (ctx.actor) and the review stage it is
 * at. Automatic snapshots are kept at most once per revision interval; explicit saves, restores,
 * review and sign-off snapshots always are. Answers the new revision's id, or null when none was kept.
 */
export function recordRevision(ctx: ServiceContext, articleId: number, reason: RevisionReason): number | null {
  if (reason === 'autosave') {
    const last = ctx.db
      .prepare(
        "SELECT created_at FROM revisions WHERE article_id = ? AND reason != 'conflict' ORDER BY id DESC LIMIT 1",
      )
      .get(articleId) as { created_at: string } | undefined
    if (last && ctx.now().getTime() - Date.parse(last.created_at) < ctx.revisionIntervalMs) return null
  }
  const info = ctx.db
    .prepare(
      `INSERT INTO revisions (article_id, reason, kicker, headline, subtitle, dateline, byline,
         body_json, body_text, char_count, status, created_at, person_id, person_name, stage)
       SELECT id, ?, kicker, headline, subtitle, dateline, byline, body_json, body_text, char_count, status, ?,
         ?, ?, review_stage
       FROM articles WHERE id = ?`,
    )
    .run(reason, isoNow(ctx), ctx.actor?.id ?? null, ctx.actor?.name ?? null, articleId)
  return info.changes > 0 ? Number(info.lastInsertRowid) : null
}

/** What a conflict copy keeps: the article's content as the refused write would have made it. */
export type ConflictContent = Omit<Content, 'punct_count' | 'review_stage'>

/**
 * Keeps the text of a write refused as stale (冲突副本). The same stale editor saving again on
 * the same base version carries everything it sent before plus what was typed since, so it
 * replaces its own earlier copy instead of adding one per keystroke batch.
 */
export function recordConflictCopy(
  ctx: ServiceContext,
  articleId: number,
  content: ConflictContent,
  baseVersion: number,
): void {
  const values = [
    content.kicker,
    content.headline,
    content.subtitle,
    content.dateline,
    content.byline,
    content.body_json,
    content.body_text,
    content.char_count,
    isoNow(ctx),
    ctx.actor?.id ?? null,
    ctx.actor?.name ?? null,
  ]
  const previous = ctx.db
    .prepare(
      `SELECT id FROM revisions WHERE article_id = ? AND reason = 'conflict' AND base_version = ?
       AND id = (SELECT MAX(id) FROM revisions WHERE article_id = ?)`,
    )
    .pluck()
    .get(articleId, baseVersion, articleId) as number | undefined
  if (previous !== undefined) {
    ctx.db
      .prepare(
        `UPDATE revisions SET kicker = ?, headline = ?, subtitle = ?, dateline = ?, byline = ?, body_json = ?,
           body_text = ?, char_count = ?, created_at = ?, person_id = ?, person_name = ? WHERE id = ?`,
      )
      .run(...values, previous)
    return
  }
  ctx.db
    .prepare(
      `INSERT INTO revisions (article_id, reason, kicker, headline, subtitle, dateline, byline,
         body_json, body_text, char_count, created_at, person_id, person_name, base_version, status, stage)
       SELECT ?, 'conflict', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, status, review_stage FROM articles WHERE id = ?`,
    )
    .run(articleId, ...values, baseVersion, articleId)
}
