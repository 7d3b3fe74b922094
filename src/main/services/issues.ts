import { fail } from '../../shared/api/errors'
import type { ParsedInput } from '../../shared/api/contract'
import type { Issue, IssueStatus } from '../../shared/api/types'
import type { IssueSignoff, PersonRef } from '../../shared/api/review-types'
import { isoNow, type ServiceContext } from './context'

interface IssueRow {
  id: number
  title: string
  edition: string
  number: string
  publication_date: string
  guidance: string
  publisher: string
  postal_code: string
  email: string
  slogan: string
  credit_style: string
  status: IssueStatus
  created_at: string
  updated_at: string
  article_count: number
}

const COLUMNS: Record<string, string> = {
  title: 'title',
  edition: 'edition',
  number: 'number',
  publicationDate: 'publication_date',
  guidance: 'guidance',
  publisher: 'publisher',
  postalCode: 'postal_code',
  email: 'email',
  slogan: 'slogan',
  creditStyle: 'credit_style',
  status: 'status',
}

const SELECT = `
  SELECT i.*, (SELECT COUNT(*) FROM articles a WHERE a.issue_id = i.id AND a.deleted_at IS NULL) AS article_count
  FROM issues i`

function toIssue(row: IssueRow): Issue {
  return {
    id: row.id,
    title: row.title,
    edition: row.edition,
    number: row.number,
    publicationDate: row.publication_date,
    guidance: row.guidance,
    publisher: row.publisher,
    postalCode: row.postal_code,
    email: row.email,
    slogan: row.slogan,
    creditStyle: row.credit_style,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    articleCount: row.article_count,
  }
}

export function listIssues(ctx: ServiceContext): Issue[] {
  const rows = ctx.db.prepare(`${SELECT} WHERE i.deleted_at IS NULL ORDER BY i.id DESC`).all() as IssueRow[]
  return rows.map(toIssue)
}

export function getIssue(ctx: ServiceContext, id: number): Issue {
  const row = ctx.db.prepare(`${SELECT} WHERE i.id = ? AND i.deleted_at IS NULL`).get(id) as IssueRow | undefined
  if (!row) fail('not_found', `找不到第 ${id} 号期次。`, `Issue ${id} does not exist.`, 'id')
  return toIssue(row)
}

/** Throws not_found unless the issue exists and is not deleted. */
export function requireIssue(ctx: ServiceContext, id: number): void {
  getIssue(ctx, id)
}

export function createIssue(ctx: ServiceContext, input: ParsedInput<'issue.create'>): Issue {
  const now = isoNow(ctx)
  const fields = Object.entries(input).filter(([key]) => key in COLUMNS)
  const names = fields.map(([key]) => COLUMNS[key] as string)
  const info = ctx.db
    .prepare(
      `INSERT INTO issues (${[...names, 'created_at', 'updated_at'].join(', ')})
       VALUES (${[...names, 'created_at', 'updated_at'].map(() => '?').join(', ')})`,
    )
    .run(...fields.map(([, value]) => value), now, now)
  return getIssue(ctx, Number(info.lastInsertRowid))
}

export function updateIssue(ctx: ServiceContext, input: ParsedInput<'issue.update'>): Issue {
  requireIssue(ctx, input.id)
  const fields = Object.entries(input.patch).filter(([key, value]) => key in COLUMNS && value !== undefined)
  if (fields.length > 0) {
    const sets = fields.map(([key]) => `${COLUMNS[key]} = ?`).join(', ')
    ctx.db
      .prepare(`UPDATE issues SET ${sets}, updated_at = ? WHERE id = ?`)
      .run(...fields.map(([, value]) => value), isoNow(ctx), input.id)
  }
  return getIssue(ctx, input.id)
}

/** Moves an issue to the trash; its articles and revisions stay in the library. */
export function deleteIssue(ctx: ServiceContext, id: number): { id: number } {
  requireIssue(ctx, id)
  ctx.db.prepare('UPDATE issues SET deleted_at = ? WHERE id = ?').run(isoNow(ctx), id)
  return { id }
}

// --- 三审三校 (issue 11): the issue's sign-off (签发本期) ---

interface SignoffRow {
  id: number
  issue_id: number
  person_id: number | null
  person_name: string
  at: string
}

/** Why a sign-off was cleared, as stored in issue_signoffs.cleared_reason. */
export type SignoffClearReason = 'article-edited' | 'article-added' | 'article-removed' | 'articles-reordered'

/** The issue's standing sign-off, or null (never signed, or cleared since). */
export function getIssueSignoff(ctx: ServiceContext, issueId: number): IssueSignoff | null {
  requireIssue(ctx, issueId)
  const row = ctx.db
    .prepare('SELECT * FROM issue_signoffs WHERE issue_id = ? AND cleared_at IS NULL ORDER BY id DESC LIMIT 1')
    .get(issueId) as SignoffRow | undefined
  return row ? { issueId: row.issue_id, by: { id: row.person_id ?? 0, name: row.person_name }, at: row.at } : null
}

/**
 * A signed-off issue stops being signed off when what was signed changes: an article edited,
 * added, removed or moved. The sign-off stays in the record, marked cleared (when, by whom, why).
 */
export function clearIssueSignoff(ctx: ServiceContext, issueId: number, reason: SignoffClearReason): void {
  ctx.db
    .prepare(
      `UPDATE issue_signoffs SET cleared_at = ?, cleared_by_id = ?, cleared_by_name = ?, cleared_reason = ?
       WHERE issue_id = ? AND cleared_at IS NULL`,
    )
    .run(isoNow(ctx), ctx.actor?.id ?? null, ctx.actor?.name ?? null, reason, issueId)
}

/** Stores a sign-off by the actor (review.ts checks who may and that every article is signed). */
export function recordIssueSignoff(ctx: ServiceContext, issueId: number, by: PersonRef): IssueSignoff {
  ctx.db
    .prepare('INSERT INTO issue_signoffs (issue_id, person_id, person_name, at) VALUES (?, ?, ?, ?)')
    .run(issueId, by.id, by.name, isoNow(ctx))
  return getIssueSignoff(ctx, issueId) as IssueSignoff
}
