/**
 * 三审 as a service (issue 11 item 2): 草稿 → 待初审 → 待复审 → 待终审 → 已签发.
 *
 * - submit (送审): 草稿 → 待初审, by any active member.
 * - pass: 待初审 → 待复审 → 待终审 → 已签发, only by a member with a role the policy allows for
 *   that review; one person never passes two reviews of the same article in one chain (since the
 *   last submit). Passing 终审 signs the article off and freezes its text as a 'signoff' revision.
 * - return (退改): from 待初审/待复审/待终审 back to 草稿, by a reviewer of that review, with a
 *   comment; the chain starts again at the next submit.
 * - reopen: an edit that changes a signed-off article's text (articles.ts, review-steps.ts).
 *
 * Every step stores the review, the decision, the person, the time, the comment, the revision
 * holding the text the step saw and the SHA-256 of that text (shared/doc/diff reviewText).
 */
import { fail } from '../../shared/api/errors'
import {
  DEFAULT_POLICY,
  REVIEW_OF_STAGE,
  REVIEWS,
  ROLES,
  STAGE_EN,
  STAGE_ZH,
  type ArticleReview,
  type DiffPart,
  type IssueSignoff,
  type Review,
  type ReviewPolicy,
  type ReviewStage,
  type ReviewStep,
  type Role,
} from '../../shared/api/review-types'
import { ROLE_EN } from '../../shared/api/review-types'
import { diffText } from '../../shared/doc/diff'
import { articleRow } from './articles'
import type { ServiceContext } from './context'
import { getIssueSignoff, recordIssueSignoff, requireIssue } from './issues'
import { requireActor, rolesOf } from './people'
import { insertStep, listSteps, revisionOfCurrent, rowText, setStage } from './review-steps'

const POLICY_KEY = 'review_policy'
const NEXT_STAGE: Partial<Record<ReviewStage, ReviewStage>> = { first: 'second', second: 'final', final: 'signed' }
const REVIEW_EN: Record<Review, string> = { 初审: 'first review', 复审: 'second review', 终审: 'final review' }

/** Which roles may pass which review and sign an issue: as stored, else DEFAULT_POLICY. */
export function getPolicy(ctx: ServiceContext): ReviewPolicy {
  const stored = ctx.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(POLICY_KEY) as string | undefined
  if (stored === undefined) return structuredClone(DEFAULT_POLICY)
  const value = JSON.parse(stored) as Partial<ReviewPolicy>
  const roles = (key: keyof ReviewPolicy): Role[] => {
    const list = value[key]
    return Array.isArray(list) ? ROLES.filter((role) => list.includes(role)) : [...DEFAULT_POLICY[key]]
  }
  return { 初审: roles('初审'), 复审: roles('复审'), 终审: roles('终审'), issue: roles('issue') }
}

export function setPolicy(ctx: ServiceContext, policy: ReviewPolicy): ReviewPolicy {
  for (const key of [...REVIEWS, 'issue'] as const) {
    if (policy[key].length === 0) {
      const zh = key === 'issue' ? '签发本期' : key
      const en = key === 'issue' ? 'signing off an issue' : `the ${REVIEW_EN[key]}`
      fail(
        'invalid_input',
        `「${zh}」至少要有一个可以执行的角色，否则稿件永远无法通过。`,
        `At least one role must be allowed for ${en}, or nothing could ever pass it.`,
        `policy.${key}`,
      )
    }
  }
  const clean: ReviewPolicy = {
    初审: ROLES.filter((r) => policy.初审.includes(r)),
    复审: ROLES.filter((r) => policy.复审.includes(r)),
    终审: ROLES.filter((r) => policy.终审.includes(r)),
    issue: ROLES.filter((r) => policy.issue.includes(r)),
  }
  ctx.db
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(POLICY_KEY, JSON.stringify(clean))
  return clean
}

/** The steps of the current chain: those since the last submit (a return ends a chain). */
function currentChain(steps: ReviewStep[]): ReviewStep[] {
  let start = 0
  steps.forEach((step, index) => {
    if (step.decision === 'submit') start = index
  })
  return steps.slice(start)
}

export function getReview(ctx: ServiceContext, articleId: number): ArticleReview {
  const row = articleRow(ctx, articleId)
  const steps = listSteps(ctx, articleId)
  // 核红: the last return stays open until the article is next signed off.
  let openReturn: ReviewStep | null = null
  for (const step of steps) {
    if (step.decision === 'return') openReturn = step
    else if (step.decision === 'pass' && step.stage === '终审') openReturn = null
  }
  return { articleId, stage: row.review_stage, steps, openReturn }
}

export function reviewLog(ctx: ServiceContext, articleId: number): ReviewStep[] {
  articleRow(ctx, articleId)
  return listSteps(ctx, articleId)
}

function stageName(stage: ReviewStage): string {
  return `「${STAGE_ZH[stage]}」`
}

function refuseStage(stage: ReviewStage, zh: string, en: string): never {
  fail('conflict', `稿件现在是${stageName(stage)}，${zh}`, `The article is now “${STAGE_EN[stage]}”; ${en}`, 'stage')
}

/** The review an article waits for, or refused (草稿 and 已签发 wait for none). */
function pendingReview(stage: ReviewStage, action: 'pass' | 'return'): Review {
  const review = REVIEW_OF_STAGE[stage]
  if (!review) {
    const zh =
      stage === 'draft'
        ? `还没有送审，不能${action === 'pass' ? '通过' : '退改'}。请先送审。`
        : `已经签发，不能${action === 'pass' ? '再通过' : '退改'}；修改正文会自动重新开启审稿。`
    const en =
      stage === 'draft'
        ? `it has not been submitted for review, so it cannot be ${action === 'pass' ? 'passed' : 'returned'}. Submit it first.`
        : `it is signed off and cannot be ${action === 'pass' ? 'passed again' : 'returned'}; editing its text reopens review.`
    refuseStage(stage, zh, en)
  }
  return review
}

/** Refused unless the actor has a role the policy allows for this review. */
function requireReviewer(ctx: ServiceContext, review: Review, actor: { id: number; name: string }): void {
  const allowed = getPolicy(ctx)[review]
  const roles = rolesOf(ctx, actor.id)
  if (roles.some((role) => allowed.includes(role))) return
  fail(
    'invalid_input',
    `「${actor.name}」${roles.length ? `（${roles.join('、')}）` : '（未设角色）'}不能执行${review}：${review}须由${allowed.join('、')}执行。`,
    `${actor.name} (${roles.length ? roles.map((r) => ROLE_EN[r]).join(', ') : 'no role'}) may not do the ${REVIEW_EN[review]}: it is done by ${allowed.map((r) => ROLE_EN[r]).join(', ')}.`,
    'roles',
  )
}

export function submit(ctx: ServiceContext, articleId: number, comment = ''): ArticleReview {
  requireActor(ctx)
  const row = articleRow(ctx, articleId)
  if (row.review_stage !== 'draft') {
    refuseStage(row.review_stage, '只有草稿可以送审。', 'only a draft can be submitted for review.')
  }
  const revisionId = revisionOfCurrent(ctx, articleId, 'review')
  insertStep(ctx, { articleId, stage: '初审', decision: 'submit', comment, revisionId })
  setStage(ctx, articleId, 'first')
  return getReview(ctx, articleId)
}

export function pass(ctx: ServiceContext, articleId: number, comment = ''): ArticleReview {
  const actor = requireActor(ctx)
  const row = articleRow(ctx, articleId)
  const review = pendingReview(row.review_stage, 'pass')
  requireReviewer(ctx, review, actor)
  const earlier = currentChain(listSteps(ctx, articleId)).find(
    (step) => step.decision === 'pass' && step.by.id === actor.id,
  )
  if (earlier) {
    fail(
      'invalid_input',
      `「${actor.name}」已于 ${earlier.at.slice(0, 16).replace('T', ' ')} 通过本稿的${earlier.stage}，同一人不能通过同一篇稿件的两道审级；${review}须由另一人执行。`,
      `${actor.name} already passed the ${REVIEW_EN[earlier.stage]} of this article (${earlier.at}); one person cannot pass two reviews of the same article. Someone else must do the ${REVIEW_EN[review]}.`,
      'personId',
    )
  }
  const next = NEXT_STAGE[row.review_stage] as ReviewStage
  if (next === 'signed') {
    // The signed-off text is frozen as its own revision, recorded at 已签发.
    setStage(ctx, articleId, 'signed')
    const revisionId = revisionOfCurrent(ctx, articleId, 'signoff')
    insertStep(ctx, { articleId, stage: review, decision: 'pass', comment, revisionId })
  } else {
    const revisionId = revisionOfCurrent(ctx, articleId, 'review')
    insertStep(ctx, { articleId, stage: review, decision: 'pass', comment, revisionId })
    setStage(ctx, articleId, next)
  }
  return getReview(ctx, articleId)
}

export function returnForChanges(ctx: ServiceContext, articleId: number, comment: string): ArticleReview {
  const actor = requireActor(ctx)
  const row = articleRow(ctx, articleId)
  const review = pendingReview(row.review_stage, 'return')
  requireReviewer(ctx, review, actor)
  if (comment.trim() === '') {
    fail('invalid_input', '退改须写明修改意见。', 'A return needs a comment saying what to change.', 'comment')
  }
  const revisionId = revisionOfCurrent(ctx, articleId, 'review')
  insertStep(ctx, { articleId, stage: review, decision: 'return', comment: comment.trim(), revisionId })
  setStage(ctx, articleId, 'draft')
  return getReview(ctx, articleId)
}

/** 核红: the last open return and what changed between the text it saw and the current text. */
export function redline(ctx: ServiceContext, articleId: number): { step: ReviewStep | null; parts: DiffPart[] } {
  const { openReturn } = getReview(ctx, articleId)
  if (!openReturn) return { step: null, parts: [] }
  const seen = ctx.db.prepare('SELECT * FROM revisions WHERE id = ?').get(openReturn.revisionId) as Parameters<
    typeof rowText
  >[0]
  return { step: openReturn, parts: diffText(rowText(seen), rowText(articleRow(ctx, articleId))) }
}

/**
 * 签发本期: refused unless the actor's roles are in policy.issue and every article of the issue
 * (at least one) is 已签发. Signing again an issue already signed answers the standing sign-off.
 */
export function signoffIssue(ctx: ServiceContext, issueId: number): IssueSignoff {
  const actor = requireActor(ctx)
  requireIssue(ctx, issueId)
  const allowed = getPolicy(ctx).issue
  const roles = rolesOf(ctx, actor.id)
  if (!roles.some((role) => allowed.includes(role))) {
    fail(
      'invalid_input',
      `「${actor.name}」不能签发本期：须由${allowed.join('、')}签发。`,
      `${actor.name} may not sign off the issue: that is done by ${allowed.map((r) => ROLE_EN[r]).join(', ')}.`,
      'roles',
    )
  }
  const rows = ctx.db
    .prepare(
      'SELECT id, headline, review_stage FROM articles WHERE issue_id = ? AND deleted_at IS NULL ORDER BY position, id',
    )
    .all(issueId) as { id: number; headline: string; review_stage: ReviewStage }[]
  if (rows.length === 0) {
    fail('invalid_input', '本期还没有稿件，不能签发。', 'The issue has no articles to sign off.', 'issueId')
  }
  const waiting = rows.filter((row) => row.review_stage !== 'signed')
  if (waiting.length > 0) {
    const names = waiting
      .slice(0, 5)
      .map((row) => `「${row.headline || `第 ${row.id} 号稿件`}」（${STAGE_ZH[row.review_stage]}）`)
      .join('、')
    const namesEn = waiting
      .slice(0, 5)
      .map((row) => `“${row.headline || `article ${row.id}`}” (${STAGE_EN[row.review_stage]})`)
      .join(', ')
    const more = waiting.length > 5 ? `等 ${waiting.length} 篇` : ''
    fail(
      'conflict',
      `本期还有稿件未签发：${names}${more}。每篇稿件都签发后才能签发本期。`,
      `Not every article is signed off yet: ${namesEn}${waiting.length > 5 ? ` and ${waiting.length - 5} more` : ''}. The issue can be signed off once every article is.`,
      'issueId',
    )
  }
  return getIssueSignoff(ctx, issueId) ?? recordIssueSignoff(ctx, issueId, actor)
}
