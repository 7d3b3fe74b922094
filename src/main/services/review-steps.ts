/**
 * The review record at its lowest level: storing and reading steps, the revision a step refers to
 * and the hash of its text. Used by review.ts and by article saves (an edit after sign-off reopens
 * review in the same transaction), so it depends on neither.
 */
import { createHash } from 'node:crypto'
import type { PersonRef, Review, ReviewDecision, ReviewStage, ReviewStep } from '../../shared/api/review-types'
import { reviewText } from '../../shared/doc/diff'
import { isoNow, type ServiceContext } from './context'
import { recordRevision } from './revision-log'

interface StepRow {
  id: number
  article_id: number
  stage: Review
  decision: ReviewDecision
  person_id: number | null
  person_name: string
  at: string
  comment: string
  revision_id: number
  text_hash: string
}

/**
 * Who a record names. A step or revision made while no one was chosen (an edit after sign-off
 * saved before anyone was picked) names person 0 with an empty name: it is never attributed to
 * someone who did not do it.
 */
export function personOf(id: number | null, name: string | null): PersonRef {
  return { id: id ?? 0, name: name ?? '' }
}

function toStep(row: StepRow): ReviewStep {
  return {
    id: row.id,
    articleId: row.article_id,
    stage: row.stage,
    decision: row.decision,
    by: personOf(row.person_id, row.person_name),
    at: row.at,
    comment: row.comment,
    revisionId: row.revision_id,
    textHash: row.text_hash,
  }
}

export function listSteps(ctx: ServiceContext, articleId: number): ReviewStep[] {
  return (
    ctx.db.prepare('SELECT * FROM review_steps WHERE article_id = ? ORDER BY id').all(articleId) as StepRow[]
  ).map(toStep)
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

interface TextRow {
  kicker: string
  headline: string
  subtitle: string
  dateline: string
  byline: string
  body_text: string
}

/** The compared and hashed text of a stored row (article or revision): shared/doc/diff reviewText. */
export function rowText(row: TextRow): string {
  return reviewText({ ...row, bodyText: row.body_text })
}

/**
 * A revision holding the article's text as it is now: the newest revision when it holds exactly
 * this content, else a new one (reason 'review', or 'signoff', which is always a new one).
 */
export function revisionOfCurrent(ctx: ServiceContext, articleId: number, reason: 'review' | 'signoff'): number {
  if (reason === 'review') {
    const same = ctx.db
      .prepare(
        `SELECT r.id FROM revisions r JOIN articles a ON a.id = r.article_id
         WHERE r.article_id = ? AND r.reason != 'conflict'
           AND r.id = (SELECT MAX(id) FROM revisions WHERE article_id = ? AND reason != 'conflict')
           AND r.kicker = a.kicker AND r.headline = a.headline AND r.subtitle = a.subtitle
           AND r.dateline = a.dateline AND r.byline = a.byline AND r.body_json = a.body_json`,
      )
      .pluck()
      .get(articleId, articleId) as number | undefined
    if (same !== undefined) return same
  }
  const id = recordRevision(ctx, articleId, reason)
  if (id === null) throw new Error(`article ${articleId} has no row to snapshot`)
  return id
}

export function revisionTextHash(ctx: ServiceContext, revisionId: number): string {
  const row = ctx.db.prepare('SELECT * FROM revisions WHERE id = ?').get(revisionId) as TextRow
  return sha256(rowText(row))
}

/** Stores one step of the record (by the actor, or by no one for an unattributed reopen). */
export function insertStep(
  ctx: ServiceContext,
  step: { articleId: number; stage: Review; decision: ReviewDecision; comment: string; revisionId: number },
): number {
  const info = ctx.db
    .prepare(
      `INSERT INTO review_steps (article_id, stage, decision, person_id, person_name, at, comment, revision_id, text_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      step.articleId,
      step.stage,
      step.decision,
      ctx.actor?.id ?? null,
      ctx.actor?.name ?? '',
      isoNow(ctx),
      step.comment,
      step.revisionId,
      revisionTextHash(ctx, step.revisionId),
    )
  return Number(info.lastInsertRowid)
}

export function setStage(ctx: ServiceContext, articleId: number, stage: ReviewStage): void {
  ctx.db.prepare('UPDATE articles SET review_stage = ? WHERE id = ?').run(stage, articleId)
}

/**
 * An edit that changed the text of a signed-off article reopens its review, in the save's
 * transaction: back to 草稿, with a 'reopen' step at 终审 that refers to a revision of the edited
 * text (the signed text is the revision of the 终审 pass before it, so the two diff as the change
 * that undid the sign-off).
 */
export function reopenAfterEdit(ctx: ServiceContext, articleId: number): void {
  setStage(ctx, articleId, 'draft')
  const revisionId = revisionOfCurrent(ctx, articleId, 'review')
  insertStep(ctx, { articleId, stage: '终审', decision: 'reopen', comment: '', revisionId })
}
