/**
 * CLI commands for 三审 and history, spread into COMMANDS (src/main/cli/commands.ts):
 * `review submit|pass|return ARTICLE --as NAME`, `review log ARTICLE`, `article history ARTICLE`,
 * `article diff ARTICLE --from REV --to REV|current`, `article restore-revision REV`.
 * A refused step exits non-zero with the Chinese and the English message (run.ts).
 */
import { fail } from '../../shared/api/errors'
import { STAGE_ZH, type ArticleReview, type DiffPart, type ReviewStep } from '../../shared/api/review-types'
import type { Article, RevisionSummary } from '../../shared/api/types'
import { requireId } from './args'
import type { Command } from './commands'
import { actorMeta } from './users'

/** How `review log --json` shows a step: the person by name, the revision by id. */
export interface LoggedStep {
  stage: ReviewStep['stage']
  decision: ReviewStep['decision']
  by: string
  at: string
  comment: string
  revisionId: number
}

/** How `article history --json` shows a revision, newest first. */
export interface HistoryRow {
  id: number
  at: string
  by: string | null
  reason: RevisionSummary['reason']
  stage: RevisionSummary['stage']
}

const DECISION_ZH: Record<ReviewStep['decision'], string> = {
  submit: '送审',
  pass: '通过',
  return: '退改',
  reopen: '签发后修改，重新开启',
}

const reviewHuman = (data: unknown): string => {
  const review = data as ArticleReview
  const last = review.steps.at(-1)
  return `#${review.articleId} ${STAGE_ZH[review.stage]}${last ? `（${last.stage}${DECISION_ZH[last.decision]}：${last.by.name}）` : ''}`
}

const comment = (raw: unknown): string | undefined => (typeof raw === 'string' ? raw : undefined)

export const REVIEW_COMMANDS: Command[] = [
  {
    name: 'review submit',
    summary: '送审（草稿 → 待初审）/ submit for review',
    usage: 'review submit ARTICLE --as NAME [--comment T]',
    options: { as: { type: 'string' }, comment: { type: 'string' } },
    run: (api, v, positionals) => {
      const c = comment(v.comment)
      return api.call(
        'review.submit',
        { articleId: requireId(positionals[0], '稿件'), ...(c !== undefined && { comment: c }) },
        actorMeta(api, v.as),
      )
    },
    human: reviewHuman,
  },
  {
    name: 'review pass',
    summary: '通过本审级 / pass the review it waits for',
    usage: 'review pass ARTICLE --as NAME [--comment T]',
    options: { as: { type: 'string' }, comment: { type: 'string' } },
    run: (api, v, positionals) => {
      const c = comment(v.comment)
      return api.call(
        'review.pass',
        { articleId: requireId(positionals[0], '稿件'), ...(c !== undefined && { comment: c }) },
        actorMeta(api, v.as),
      )
    },
    human: reviewHuman,
  },
  {
    name: 'review return',
    summary: '退改（回到草稿，须写意见）/ return with a comment',
    usage: 'review return ARTICLE --as NAME --comment T',
    options: { as: { type: 'string' }, comment: { type: 'string' } },
    run: (api, v, positionals) => {
      const articleId = requireId(positionals[0], '稿件')
      const meta = actorMeta(api, v.as)
      const c = comment(v.comment)
      if (c === undefined || c.trim() === '') {
        fail('invalid_input', '退改须用 --comment 写明修改意见。', 'A return needs --comment saying what to change.')
      }
      return api.call('review.return', { articleId, comment: c }, meta)
    },
    human: reviewHuman,
  },
  {
    name: 'review log',
    readOnly: true,
    summary: '审稿记录 / the review record',
    usage: 'review log ARTICLE [--json]',
    options: {},
    run: (api, _v, positionals): LoggedStep[] =>
      api.call('review.log', { articleId: requireId(positionals[0], '稿件') }).map((s) => ({
        stage: s.stage,
        decision: s.decision,
        by: s.by.name,
        at: s.at,
        comment: s.comment,
        revisionId: s.revisionId,
      })),
    human: (data) =>
      (data as LoggedStep[])
        .map((s) => `${s.at}\t${s.stage}${DECISION_ZH[s.decision]}\t${s.by}\t#${s.revisionId}\t${s.comment}`)
        .join('\n') || '（还没有审稿记录 no review steps）',
  },
  {
    name: 'article history',
    readOnly: true,
    summary: '稿件的历史版本（新的在前）/ revisions, newest first',
    usage: 'article history ARTICLE [--json]',
    options: {},
    run: (api, _v, positionals): HistoryRow[] =>
      api.call('revision.list', { articleId: requireId(positionals[0], '稿件') }).map((r) => ({
        id: r.id,
        at: r.createdAt,
        by: r.by?.name ?? null,
        reason: r.reason,
        stage: r.stage,
      })),
    human: (data) =>
      (data as HistoryRow[])
        .map((r) => `#${r.id}\t${r.at}\t${r.by ?? '—'}\t${r.reason}\t${STAGE_ZH[r.stage]}`)
        .join('\n') || '（暂无历史版本 no revisions）',
  },
  {
    name: 'article diff',
    readOnly: true,
    summary: '两个版本的差异（按词）/ the diff of two revisions, word by word',
    usage: 'article diff ARTICLE --from REV --to REV|current [--json]',
    options: { from: { type: 'string' }, to: { type: 'string' } },
    run: (api, v, positionals): DiffPart[] => {
      const articleId = requireId(positionals[0], '稿件')
      const from = requireId(v.from, '历史版本', '--from')
      const to = v.to === 'current' ? ('current' as const) : requireId(v.to, '历史版本', '--to')
      if (to !== 'current') {
        // Both must be this article's: revision.diff checks `from`, this checks `to`.
        const owner = api.call('revision.get', { id: to }).articleId
        if (owner !== articleId) {
          fail(
            'invalid_input',
            `第 ${to} 号历史版本不属于第 ${articleId} 号稿件。`,
            `Revision ${to} is not a revision of article ${articleId}.`,
          )
        }
      }
      return api.call('revision.diff', { from, to, articleId })
    },
    // Without --json: the text with deletions in [-…-] and insertions in {+…+}.
    human: (data) =>
      (data as DiffPart[])
        .map((p) => (p.op === 'equal' ? p.text : p.op === 'delete' ? `[-${p.text}-]` : `{+${p.text}+}`))
        .join(''),
  },
  {
    name: 'article restore-revision',
    summary: '恢复历史版本（另存为新版本，审稿状态不变）/ restore a revision',
    usage: 'article restore-revision REV [--as NAME]',
    options: { as: { type: 'string' } },
    run: (api, v, positionals) =>
      api.call(
        'revision.restore',
        { id: requireId(positionals[0], '历史版本') },
        v.as === undefined ? undefined : actorMeta(api, v.as),
      ),
    human: (data) => {
      const a = data as Article
      return `已恢复 restored #${a.id} ${a.headline || '（无标题）'}（${STAGE_ZH[a.stage]}）`
    },
  },
]
