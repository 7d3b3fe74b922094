/** Writing revisions: used by article saves and by restores, so it depends on neither. */
import type { RevisionReason } from '../../shared/api/types'
import { isoNow, type ServiceContext } from './context'

/**
 * Snapshots the article's current content. Automatic snapshots are kept at most
 * once per revision interval; explicit saves, status changes and restores always are.
 */
export function recordRevision(ctx: ServiceContext, articleId: number, reason: RevisionReason): void {
  if (reason === 'autosave') {
    const last = ctx.db
      .prepare('SELECT created_at FROM revisions WHERE article_id = ? ORDER BY id DESC LIMIT 1')
      .get(articleId) as { created_at: string } | undefined
    if (last && ctx.now().getTime() - Date.parse(last.created_at) < ctx.revisionIntervalMs) return
  }
  ctx.db
    .prepare(
      `INSERT INTO revisions (article_id, reason, kicker, headline, subtitle, dateline, byline,
         body_json, body_text, char_count, status, created_at)
       SELECT id, ?, kicker, headline, subtitle, dateline, byline, body_json, body_text, char_count, status, ?
       FROM articles WHERE id = ?`,
    )
    .run(reason, isoNow(ctx), articleId)
}
