/**
 * 回收站: what was deleted, when, and what it held. Deleting only marks a row (deleted_at);
 * restoring clears the mark; emptying erases for good, after a safety backup (api.ts).
 */
import { fail } from '../../shared/api/errors'
import type { Issue, TrashContents } from '../../shared/api/types'
import type { ServiceContext } from './context'
import { getIssue } from './issues'

export function listTrash(ctx: ServiceContext): TrashContents {
  const issues = ctx.db
    .prepare(
      `SELECT i.id, i.title, i.edition, i.number, i.deleted_at AS deletedAt,
         (SELECT COUNT(*) FROM articles a WHERE a.issue_id = i.id AND a.deleted_at IS NULL) AS articleCount
       FROM issues i WHERE i.deleted_at IS NOT NULL ORDER BY i.deleted_at DESC, i.id DESC`,
    )
    .all() as TrashContents['issues']
  // Articles deleted one by one from issues still in use (those of a deleted issue come back with it).
  const articles = ctx.db
    .prepare(
      `SELECT a.id, a.issue_id AS issueId, i.title AS issueTitle, i.number AS issueNumber, a.headline, a.kicker,
         a.char_count AS charCount, a.deleted_at AS deletedAt
       FROM articles a JOIN issues i ON i.id = a.issue_id
       WHERE a.deleted_at IS NOT NULL AND i.deleted_at IS NULL ORDER BY a.deleted_at DESC, a.id DESC`,
    )
    .all() as TrashContents['articles']
  return { issues, articles }
}

export function restoreIssue(ctx: ServiceContext, id: number): Issue {
  const row = ctx.db.prepare('SELECT 1 FROM issues WHERE id = ? AND deleted_at IS NOT NULL').get(id)
  if (!row) fail('not_found', `回收站里没有第 ${id} 号期次。`, `Issue ${id} is not in the trash.`, 'id')
  ctx.db.prepare('UPDATE issues SET deleted_at = NULL WHERE id = ?').run(id)
  return getIssue(ctx, id)
}

/** Erases everything in the trash; answers how much went. */
export function emptyTrash(ctx: ServiceContext): { issues: number; articles: number } {
  const { articles: inIssues } = ctx.db
    .prepare(
      `SELECT COUNT(*) AS articles FROM articles a JOIN issues i ON i.id = a.issue_id
       WHERE i.deleted_at IS NOT NULL AND a.deleted_at IS NULL`,
    )
    .get() as { articles: number }
  const articles = ctx.db
    .prepare(
      `DELETE FROM articles WHERE deleted_at IS NOT NULL
         AND issue_id IN (SELECT id FROM issues WHERE deleted_at IS NULL)`,
    )
    .run().changes
  // Articles, their revisions, tags and layout blocks go with their issue (ON DELETE CASCADE).
  const issues = ctx.db.prepare('DELETE FROM issues WHERE deleted_at IS NOT NULL').run().changes
  return { issues, articles: articles + inIssues }
}
