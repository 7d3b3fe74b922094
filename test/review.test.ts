/**
 * 三审三校 state machine (issue 11 item 2) through dispatch, on a real library file: every
 * transition, the two-stage rule, roles and policy, reopen on edit, restore leaving review state
 * alone, the required return comment, no actor, and the frozen signed-off text with its hash.
 */
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import type { CallMeta, Role } from '../src/shared/api/review-types'
import { DEFAULT_POLICY } from '../src/shared/api/review-types'
import { docFromBlocks } from '../src/shared/doc/lexical'
import { diffSide } from '../src/shared/doc/diff'
import { FolioFailure } from '../src/shared/api/errors'
import { MIGRATIONS } from '../src/main/store/migrations'
import { openFolio } from '../src/main/library'
import { dump, tempLibrary, type TempLibrary } from './helpers'

const body = (...paragraphs: string[]) =>
  JSON.stringify(docFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))))

let lib: TempLibrary
let issueId: number
let articleId: number
const who: Record<string, CallMeta> = {}

function person(name: string, roles: Role[]): CallMeta {
  return { personId: lib.api.call('person.create', { name, roles }).id }
}

function write(id: number, patch: Record<string, string>, meta?: CallMeta) {
  const version = lib.api.call('article.get', { id }).version
  return lib.api.call('article.update', { id, baseVersion: version, patch }, meta)
}

/** The failure of a call, or a test failure if it succeeded. */
function refused(method: string, input: unknown, meta?: CallMeta) {
  const before = dump(lib.db)
  const answer = lib.api.dispatch(method, input, meta)
  if (answer.ok) throw new Error(`${method} was expected to be refused`)
  expect(answer.error.message_zh).toMatch(/[\u4e00-\u9fff]/)
  expect(answer.error.message_en.length).toBeGreaterThan(10)
  expect(dump(lib.db)).toBe(before) // a refused step changes nothing
  return answer.error
}

/** An explicit save (Ctrl+S): a revision of the text as it is. */
function keep(): void {
  lib.api.call('article.update', {
    id: articleId,
    baseVersion: lib.api.call('article.get', { id: articleId }).version,
    patch: {},
    explicit: true,
  })
}

const stage = () => lib.api.call('article.get', { id: articleId }).stage
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

beforeEach(() => {
  lib = tempLibrary()
  issueId = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第25期' }).id
  articleId = lib.api.call('article.create', {
    issueId,
    kicker: '应县经济技术开发区',
    headline: '年产1GWh锂离子电池项目落地',
    body: body('近日，项目签约仪式在应县经济技术开发区举行。', '项目总投资717亿元。'),
  }).id
  who.reporter = person('王波', ['记者'])
  who.editor = person('李若男', ['责任编辑'])
  who.head = person('张主任', ['编辑室主任'])
  who.chief = person('赵总编', ['总编辑'])
  who.duty = person('钱值班', ['值班总编'])
})
afterEach(() => lib.dispose())

describe('the review chain', () => {
  it('草稿 → 待初审 → 待复审 → 待终审 → 已签发, each step recorded with person, time, revision and hash', () => {
    expect(stage()).toBe('draft')
    expect(lib.api.call('review.submit', { articleId, comment: '请审' }, who.reporter).stage).toBe('first')
    lib.clock.now += 60_000
    expect(lib.api.call('review.pass', { articleId }, who.editor).stage).toBe('second')
    lib.clock.now += 60_000
    expect(lib.api.call('review.pass', { articleId, comment: '同意' }, who.head).stage).toBe('final')
    lib.clock.now += 60_000
    const signed = lib.api.call('review.pass', { articleId }, who.chief)
    expect(signed.stage).toBe('signed')
    expect(stage()).toBe('signed')

    const log = lib.api.call('review.log', { articleId })
    expect(log.map((s) => [s.stage, s.decision, s.by.name])).toEqual([
      ['初审', 'submit', '王波'],
      ['初审', 'pass', '李若男'],
      ['复审', 'pass', '张主任'],
      ['终审', 'pass', '赵总编'],
    ])
    expect(log[0]!.comment).toBe('请审')
    expect(log[2]!.comment).toBe('同意')
    expect(log.map((s) => s.at)).toEqual([
      '2024-07-02T08:00:00.000Z',
      '2024-07-02T08:01:00.000Z',
      '2024-07-02T08:02:00.000Z',
      '2024-07-02T08:03:00.000Z',
    ])
    // The text did not change: the first three steps refer to one revision of it.
    expect(new Set(log.slice(0, 3).map((s) => s.revisionId)).size).toBe(1)
  })

  it('sign-off freezes the text as a revision (reason signoff) and the step holds its SHA-256', () => {
    lib.api.call('review.submit', { articleId }, who.reporter)
    for (const m of [who.editor, who.head, who.chief]) lib.api.call('review.pass', { articleId }, m)
    const last = lib.api.call('review.log', { articleId }).at(-1)!
    const revision = lib.api.call('revision.get', { id: last.revisionId })
    expect(revision.reason).toBe('signoff')
    expect(revision.stage).toBe('signed')
    expect(revision.by).toEqual({ id: who.chief!.personId, name: '赵总编' })
    const text = ['应县经济技术开发区', '年产1GWh锂离子电池项目落地', revision.bodyText].join('\n')
    expect(revision.bodyText).toBe('近日，项目签约仪式在应县经济技术开发区举行。\n项目总投资717亿元。')
    expect(last.textHash).toBe(sha(text))
    // The hash is the text's, not the revision's: the submit saw the same text.
    expect(lib.api.call('review.log', { articleId })[0]!.textHash).toBe(sha(text))
  })

  it('a step after an edit refers to a new revision of the text it saw', () => {
    lib.api.call('review.submit', { articleId }, who.reporter)
    write(articleId, { headline: '年产1GWh锂电池项目落地' }, who.editor)
    lib.api.call('review.pass', { articleId }, who.editor)
    const [submitted, passed] = lib.api.call('review.log', { articleId })
    expect(passed!.revisionId).not.toBe(submitted!.revisionId)
    expect(passed!.textHash).not.toBe(submitted!.textHash)
    expect(lib.api.call('revision.get', { id: passed!.revisionId }).headline).toBe('年产1GWh锂电池项目落地')
  })

  it('return (退改) sends it back to 草稿 with a comment from 待初审, 待复审 and 待终审; the chain starts again', () => {
    const reviewers = [who.editor, who.head, who.chief]
    for (let at = 0; at < 3; at++) {
      lib.api.call('review.submit', { articleId }, who.reporter)
      for (let i = 0; i < at; i++) lib.api.call('review.pass', { articleId }, reviewers[i])
      const returned = lib.api.call('review.return', { articleId, comment: ' 第二段数字请核实 ' }, reviewers[at])
      expect(returned.stage).toBe('draft')
      expect(returned.openReturn?.comment).toBe('第二段数字请核实')
      expect(returned.openReturn?.stage).toBe(['初审', '复审', '终审'][at])
    }
    // After three returns the same three can still take it all the way: each chain is new.
    lib.api.call('review.submit', { articleId }, who.reporter)
    for (const m of reviewers) lib.api.call('review.pass', { articleId }, m)
    expect(stage()).toBe('signed')
    expect(lib.api.call('review.get', { articleId }).openReturn).toBeNull()
  })

  it('a return needs a comment that is not empty', () => {
    lib.api.call('review.submit', { articleId }, who.reporter)
    expect(refused('review.return', { articleId, comment: '' }, who.editor).code).toBe('invalid_input')
    expect(refused('review.return', { articleId, comment: '   ' }, who.editor).field).toBe('comment')
    expect(refused('review.return', { articleId }, who.editor).code).toBe('invalid_input')
    expect(stage()).toBe('first')
  })

  it('refuses steps the stage does not allow', () => {
    expect(refused('review.pass', { articleId }, who.editor).message_zh).toContain('还没有送审')
    expect(refused('review.return', { articleId, comment: '改' }, who.editor).message_zh).toContain('还没有送审')
    lib.api.call('review.submit', { articleId }, who.reporter)
    expect(refused('review.submit', { articleId }, who.reporter).message_zh).toContain('只有草稿可以送审')
    for (const m of [who.editor, who.head, who.chief]) lib.api.call('review.pass', { articleId }, m)
    expect(refused('review.pass', { articleId }, who.duty).message_zh).toContain('已经签发')
    expect(refused('review.return', { articleId, comment: '改' }, who.chief).message_zh).toContain('已经签发')
    expect(refused('review.submit', { articleId }, who.reporter).code).toBe('conflict')
  })

  it('without an actor every review action is refused with the choose-who-is-working message', () => {
    for (const [method, input] of [
      ['review.submit', { articleId }],
      ['review.pass', { articleId }],
      ['review.return', { articleId, comment: '改' }],
      ['issue.signoff', { issueId }],
    ] as const) {
      const error = refused(method, input)
      expect(error.message_zh).toBe('请先选择当前使用者（编辑部成员）。')
      expect(error.message_en).toBe('Choose who is working first (a newsroom member).')
    }
  })

  it('an unknown or inactive person id is refused for any call, never run as no one', () => {
    expect(refused('article.get', { id: articleId }, { personId: 999 }).message_zh).toContain('不在这个资料库')
    lib.api.call('person.update', { id: who.head!.personId!, patch: { active: false } })
    expect(refused('issue.list', {}, who.head).message_zh).toContain('已停用')
    // Their records keep their name; the list shows them inactive.
    expect(lib.api.call('person.list', {}).find((p) => p.name === '张主任')?.active).toBe(false)
  })
})

describe('who may pass which review', () => {
  it('one person cannot pass two reviews of the same article; the refusal names the earlier step', () => {
    const both = person('孙双职', ['责任编辑', '编辑室主任', '总编辑'])
    lib.api.call('review.submit', { articleId }, who.reporter)
    lib.api.call('review.pass', { articleId }, both)
    const error = refused('review.pass', { articleId }, both)
    expect(error.message_zh).toContain('孙双职')
    expect(error.message_zh).toContain('初审')
    expect(error.message_zh).toContain('同一人不能通过同一篇稿件的两道审级')
    expect(error.message_en).toContain('first review')
    lib.api.call('review.pass', { articleId }, who.head)
    expect(refused('review.pass', { articleId }, both).message_zh).toContain('初审')
    lib.api.call('review.pass', { articleId }, who.chief)
    expect(stage()).toBe('signed')
  })

  it('the rule holds within the chain since the last submit: after a return the same person may pass again', () => {
    const both = person('孙双职', ['责任编辑', '编辑室主任'])
    lib.api.call('review.submit', { articleId }, who.reporter)
    lib.api.call('review.pass', { articleId }, both)
    lib.api.call('review.return', { articleId, comment: '标题太长' }, who.head)
    lib.api.call('review.submit', { articleId }, who.reporter)
    lib.api.call('review.pass', { articleId }, who.editor)
    // In this chain 孙双职 has passed nothing yet: 复审 is theirs to do.
    expect(lib.api.call('review.pass', { articleId }, both).stage).toBe('final')
  })

  it('roles follow the policy: the default, then one set for the library', () => {
    expect(lib.api.call('review.policy.get', {})).toEqual(DEFAULT_POLICY)
    lib.api.call('review.submit', { articleId }, who.reporter)
    const error = refused('review.pass', { articleId }, who.reporter)
    expect(error.message_zh).toContain('王波')
    expect(error.message_zh).toContain('记者')
    expect(error.message_zh).toContain('责任编辑')
    expect(error.field).toBe('roles')
    // Nor may a reporter return it.
    refused('review.return', { articleId, comment: '改' }, who.reporter)
    // 复审 not by a 责任编辑 only
    lib.api.call('review.pass', { articleId }, who.editor)
    const other = person('周编辑', ['责任编辑'])
    expect(refused('review.pass', { articleId }, other).message_zh).toContain('复审须由编辑室主任、总编辑执行')

    const policy = { 初审: ['记者'], 复审: ['责任编辑'], 终审: ['校对'], issue: ['校对'] } as const
    expect(lib.api.call('review.policy.set', { policy: policy as never })).toEqual(policy)
    expect(lib.api.call('review.policy.get', {})).toEqual(policy)
    expect(lib.api.call('review.pass', { articleId }, other).stage).toBe('final')
    expect(refused('review.pass', { articleId }, who.chief).field).toBe('roles')
    expect(lib.api.call('review.pass', { articleId }, person('吴校对', ['校对'])).stage).toBe('signed')
  })

  it('a policy leaving a review to no role is refused', () => {
    const error = refused('review.policy.set', { policy: { ...DEFAULT_POLICY, 复审: [] } })
    expect(error.message_zh).toContain('复审')
    expect(error.field).toBe('policy.复审')
  })

  it('a role taken away applies at once', () => {
    lib.api.call('review.submit', { articleId }, who.reporter)
    lib.api.call('person.update', { id: who.editor!.personId!, patch: { roles: ['记者'] } })
    expect(refused('review.pass', { articleId }, who.editor).field).toBe('roles')
  })
})

describe('edits and restores', () => {
  function signOff(): void {
    lib.api.call('review.submit', { articleId }, who.reporter)
    for (const m of [who.editor, who.head, who.chief]) lib.api.call('review.pass', { articleId }, m)
  }

  it('an edit that changes a signed article’s text reopens review in the same save, recorded at 终审', () => {
    signOff()
    const signedRevision = lib.api.call('review.log', { articleId }).at(-1)!.revisionId
    const saved = write(articleId, { body: body('近日，项目签约仪式在应县经开区举行。') }, who.editor)
    expect(saved.stage).toBe('draft')
    expect(stage()).toBe('draft')
    const reopen = lib.api.call('review.log', { articleId }).at(-1)!
    expect(reopen).toMatchObject({ stage: '终审', decision: 'reopen', by: { name: '李若男' } })
    // It refers to the edited text, kept by its editor at the stage it left the article in; the
    // diff from the signed text is the edit that reopened it.
    const edited = lib.api.call('revision.get', { id: reopen.revisionId })
    expect(edited).toMatchObject({ by: { name: '李若男' }, stage: 'draft', reason: 'review' })
    const parts = lib.api.call('revision.diff', { from: signedRevision, to: reopen.revisionId })
    expect(diffSide(parts, 'before')).toContain('项目总投资717亿元。')
    expect(diffSide(parts, 'after')).toBe(
      '应县经济技术开发区\n年产1GWh锂离子电池项目落地\n近日，项目签约仪式在应县经开区举行。',
    )
    expect(parts.find((p) => p.op === 'insert')?.text).toMatch(/^经开/)
  })

  it('an edit after sign-off with no one chosen still saves and reopens, attributed to no one', () => {
    signOff()
    expect(write(articleId, { headline: '新标题' }).stage).toBe('draft')
    expect(lib.api.call('review.log', { articleId }).at(-1)!.by).toEqual({ id: 0, name: '' })
  })

  it('a save that leaves the signed text as it was (formatting only, or nothing) keeps the sign-off', () => {
    signOff()
    const doc = docFromBlocks([
      { type: 'paragraph', text: '近日，项目签约仪式在应县经济技术开发区举行。' },
      { type: 'paragraph', text: '项目总投资717亿元。' },
    ])
    ;(doc.root.children[0]!.children![0] as { format?: number }).format = 1 // bold
    write(articleId, { body: JSON.stringify(doc) }, who.editor)
    write(articleId, { headline: '年产1GWh锂离子电池项目落地' }, who.editor)
    expect(stage()).toBe('signed')
  })

  it('restoring a revision never changes the review stage', () => {
    lib.api.call('review.submit', { articleId }, who.reporter)
    lib.api.call('review.pass', { articleId }, who.editor)
    const first = lib.api.call('revision.list', { articleId }).at(-1)!
    write(articleId, { headline: '改过的标题' }, who.head)
    const restored = lib.api.call('revision.restore', { id: first.id }, who.head)
    expect(restored.stage).toBe('second')
    expect(restored.headline).toBe('年产1GWh锂离子电池项目落地')
    expect(lib.api.call('review.log', { articleId }).map((s) => s.decision)).toEqual(['submit', 'pass'])
  })

  it('restoring an older text onto a signed article reopens it like an edit; restoring its own text does not', () => {
    keep()
    const original = lib.api.call('revision.list', { articleId }).at(-1)!
    write(articleId, { headline: '第二稿标题' }, who.reporter)
    lib.api.call('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: {},
      explicit: true,
    })
    signOff()
    const signedId = lib.api.call('review.log', { articleId }).at(-1)!.revisionId
    expect(lib.api.call('revision.restore', { id: signedId }, who.chief).stage).toBe('signed')
    const restored = lib.api.call('revision.restore', { id: original.id }, who.chief)
    expect(restored.stage).toBe('draft')
    expect(restored.headline).toBe('年产1GWh锂离子电池项目落地')
    expect(lib.api.call('review.log', { articleId }).at(-1)!.decision).toBe('reopen')
  })

  it('article.update no longer takes a status', () => {
    const answer = lib.api.dispatch('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: { status: 'approved' },
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(stage()).toBe('draft')
  })

  it('revisions record who made them and the stage they were at', () => {
    write(articleId, { headline: '甲' }, who.reporter)
    lib.clock.now += 10 * 60_000
    lib.api.call('review.submit', { articleId }, who.reporter)
    lib.clock.now += 10 * 60_000
    write(articleId, { headline: '乙' }, who.editor)
    const [newest] = lib.api.call('revision.list', { articleId })
    expect(newest).toMatchObject({ by: { name: '李若男' }, stage: 'first', reason: 'autosave' })
  })
})

describe('核红 and diffs', () => {
  it('redline shows what changed since the return, word by word', () => {
    lib.api.call('review.submit', { articleId }, who.reporter)
    lib.api.call('review.return', { articleId, comment: '投资额请核实' }, who.editor)
    expect(lib.api.call('review.redline', { articleId }).parts.every((p) => p.op === 'equal')).toBe(true)
    write(articleId, { body: body('近日，项目签约仪式在应县经济技术开发区举行。', '项目总投资71.7亿元。') })
    const { step, parts } = lib.api.call('review.redline', { articleId })
    expect(step?.comment).toBe('投资额请核实')
    expect(parts.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: '717' },
      { op: 'insert', text: '71.7' },
    ])
    expect(diffSide(parts, 'after')).toContain('项目总投资71.7亿元。')
  })

  it('redline with no return answers no step and no parts', () => {
    expect(lib.api.call('review.redline', { articleId })).toEqual({ step: null, parts: [] })
  })

  it('revision.diff between two revisions and against the current text', () => {
    keep()
    const first = lib.api.call('revision.list', { articleId }).at(-1)!.id
    write(articleId, { headline: '年产1GWh锂电池项目落地', body: body('近日，项目在应县经开区签约。') })
    lib.api.call('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: {},
      explicit: true,
    })
    const second = lib.api.call('revision.list', { articleId })[0]!.id
    const parts = lib.api.call('revision.diff', { from: first, to: second })
    expect(diffSide(parts, 'before')).toBe(
      '应县经济技术开发区\n年产1GWh锂离子电池项目落地\n近日，项目签约仪式在应县经济技术开发区举行。\n项目总投资717亿元。',
    )
    expect(diffSide(parts, 'after')).toBe('应县经济技术开发区\n年产1GWh锂电池项目落地\n近日，项目在应县经开区签约。')
    expect(lib.api.call('revision.diff', { from: second, to: 'current', articleId })).toEqual([
      { op: 'equal', text: diffSide(parts, 'after') },
    ])
    expect(refused('revision.diff', { from: first, to: 'current' }).field).toBe('articleId')
    const other = lib.api.call('article.create', { issueId, headline: '另一篇' }).id
    expect(refused('revision.diff', { from: first, to: 'current', articleId: other }).field).toBe('from')
  })
})

describe('issue sign-off', () => {
  function signAll(): void {
    for (const a of lib.api.call('article.list', { issueId })) {
      if (a.stage === 'signed') continue
      lib.api.call('review.submit', { articleId: a.id }, who.reporter)
      for (const m of [who.editor, who.head, who.chief]) lib.api.call('review.pass', { articleId: a.id }, m)
    }
  }

  it('only when every article is 已签发 and by a role of policy.issue; an edit clears it (recorded)', () => {
    const second = lib.api.call('article.create', { issueId, headline: '第二篇' }).id
    lib.api.call('review.submit', { articleId }, who.reporter)
    for (const m of [who.editor, who.head, who.chief]) lib.api.call('review.pass', { articleId }, m)
    const error = refused('issue.signoff', { issueId }, who.duty)
    expect(error.message_zh).toContain('「第二篇」（草稿）')
    signAll()
    expect(refused('issue.signoff', { issueId }, who.editor).field).toBe('roles')
    expect(lib.api.call('issue.signoff.get', { issueId })).toBeNull()
    const signoff = lib.api.call('issue.signoff', { issueId }, who.duty)
    expect(signoff).toMatchObject({ issueId, by: { name: '钱值班' } })
    expect(lib.api.call('issue.signoff.get', { issueId })).toEqual(signoff)
    expect(lib.api.call('desk.get', { issueId }).signoff).toEqual(signoff)

    write(second, { headline: '第二篇（改）' }, who.editor)
    expect(lib.api.call('issue.signoff.get', { issueId })).toBeNull()
    const record = lib.db.prepare('SELECT cleared_by_name, cleared_reason FROM issue_signoffs').all()
    expect(record).toEqual([{ cleared_by_name: '李若男', cleared_reason: 'article-edited' }])
  })

  it('adding or removing an article clears it too', () => {
    signAll()
    lib.api.call('issue.signoff', { issueId }, who.duty)
    const added = lib.api.call('article.create', { issueId, headline: '补稿' }, who.editor).id
    expect(lib.api.call('issue.signoff.get', { issueId })).toBeNull()
    lib.api.call('article.delete', { id: added })
    lib.api.call('issue.signoff', { issueId }, who.duty)
    lib.api.call('article.delete', { id: articleId }, who.editor)
    expect(lib.api.call('issue.signoff.get', { issueId })).toBeNull()
    expect(refused('issue.signoff', { issueId }, who.duty).message_zh).toContain('没有稿件')
  })
})

describe('the desk', () => {
  it('one row per article: stage, holder, 字数, untagged zones, proofing findings, last change', () => {
    const second = lib.api.call('article.create', {
      issueId,
      headline: '第二篇',
      body: body('太原经济技术开发区今年新签项目。'),
    }).id
    lib.api.call('review.submit', { articleId }, who.reporter)
    lib.api.call('review.pass', { articleId }, who.editor)
    write(second, { headline: '第二篇,标题' }, who.head)
    const desk = lib.api.call('desk.get', { issueId })
    expect(desk.rows.map((r) => r.articleId)).toEqual([articleId, second])
    const [a, b] = desk.rows
    expect(a).toMatchObject({ stage: 'second', holder: { name: '李若男' }, charCount: expect.any(Number) })
    expect(a!.untaggedZones).toBeGreaterThan(0)
    expect(b).toMatchObject({ stage: 'draft', holder: { name: '张主任' }, lastChange: { by: { name: '张主任' } } })
    expect(b!.untaggedZones).toBe(1)
    expect(b!.proofFindings).toBeGreaterThan(0) // the half-width comma in a Chinese headline
    expect(a!.copyfitLines).toBeNull()
    // A zone ignored everywhere in the article (全部忽略) is no longer counted.
    lib.api.call('tag.reject', { articleId: second, kind: 'zone', text: '太原经济技术开发区' })
    expect(lib.api.call('desk.get', { issueId }).rows[1]!.untaggedZones).toBe(0)
  })
})

describe('people', () => {
  it('names are trimmed, 1–40 characters and unique; roles kept in masthead order', () => {
    const p = lib.api.call('person.create', { name: '  陈校对 ', roles: ['校对', '记者', '校对'] })
    expect(p).toMatchObject({ name: '陈校对', roles: ['记者', '校对'], active: true })
    expect(p.uid).toMatch(/^[0-9a-f-]{36}$/)
    expect(refused('person.create', { name: '陈校对', roles: [] }).message_zh).toContain('已有名为「陈校对」')
    expect(refused('person.create', { name: '   ', roles: [] }).code).toBe('invalid_input')
    expect(refused('person.create', { name: '名'.repeat(41), roles: [] }).code).toBe('too_large')
    expect(refused('person.create', { name: '某人', roles: ['主编'] }).code).toBe('invalid_input')
    expect(refused('person.update', { id: p.id, patch: { name: '王波' } }).field).toBe('name')
    expect(lib.api.call('person.update', { id: p.id, patch: { name: '陈 校对' } }).name).toBe('陈 校对')
  })
})

describe('an old library', () => {
  it('migrates free statuses to stages without inventing a sign-off', () => {
    const dir = lib.dir
    const path = `${dir}/old.sqlite`
    const db = new Database(path)
    db.exec(MIGRATIONS.slice(0, 12).join(';\n'))
    db.pragma('user_version = 12')
    db.exec(`INSERT INTO issues (id, title, created_at, updated_at) VALUES (1, '旧期', '2024-01-01', '2024-01-01')`)
    const insert = db.prepare(
      `INSERT INTO articles (issue_id, position, headline, body_json, status, created_at, updated_at)
       VALUES (1, ?, ?, ?, ?, '2024-01-01', '2024-01-01')`,
    )
    const statuses = ['draft', 'editing', 'review', 'approved']
    statuses.forEach((status, i) => insert.run(i, status, body(status), status))
    db.prepare(
      `INSERT INTO revisions (article_id, reason, kicker, headline, subtitle, dateline, byline, body_json, body_text,
         char_count, status, created_at) VALUES (4, 'status', '', 'approved', '', '', '', ?, 'approved', 8, 'approved', '2024-01-01')`,
    ).run(body('approved'))
    db.close()
    const old = openFolio(path, { backupsDir: null })
    try {
      const list = old.api.call('article.list', { issueId: 1 })
      expect(list.map((a) => [a.headline, a.stage])).toEqual([
        ['draft', 'draft'],
        ['editing', 'draft'],
        ['review', 'first'],
        ['approved', 'final'],
      ])
      expect(old.api.call('review.log', { articleId: 4 })).toEqual([])
      expect(old.api.call('revision.list', { articleId: 4 })[0]).toMatchObject({ stage: 'final', by: null })
    } finally {
      old.close()
    }
  })
})

it('FolioFailure carries the refusal to in-process callers', () => {
  expect(() => lib.api.call('review.submit', { articleId })).toThrow(FolioFailure)
})

it('a tag decision records who made it', () => {
  lib.api.call('tag.reject', { articleId, kind: 'zone', text: '应县经济技术开发区' }, who.editor)
  expect(lib.db.prepare('SELECT person_id, person_name FROM tag_rejections').all()).toEqual([
    { person_id: who.editor!.personId, person_name: '李若男' },
  ])
})

it('the desk shows the copyfit last measured, until the article or the layout changes', async () => {
  const { readFileSync } = await import('node:fs')
  const { join } = await import('node:path')
  const template = JSON.parse(readFileSync(join(__dirname, '../resources/templates/sikai.json'), 'utf8')) as never
  const layout = {
    template,
    pages: [{ number: 1, name: '要闻', editor: '', blocks: [{ articleId, col: 0, span: 2, line: 20, lines: 30 }] }],
  }
  lib.api.call('layout.save', { issueId, layout })
  expect(lib.api.call('desk.get', { issueId }).rows[0]!.copyfitLines).toBeNull() // never measured
  const measured = await lib.api.dispatchAsync('layout.copyfit', { issueId })
  if (!measured.ok) throw new Error(measured.error.message_en)
  const fit = (measured.result as { fits: { shortLines: number; overChars: number }[] }).fits[0]!
  // Two short paragraphs in a 30-line block: short, never over.
  expect(fit.overChars).toBe(0)
  expect(lib.api.call('desk.get', { issueId }).rows[0]!.copyfitLines).toBe(-fit.shortLines)
  expect(fit.shortLines).toBeGreaterThan(0)
  lib.clock.now += 60_000
  write(articleId, { headline: '改了标题' })
  expect(lib.api.call('desk.get', { issueId }).rows[0]!.copyfitLines).toBeNull()
  expect((await lib.api.dispatchAsync('layout.copyfit', { issueId })).ok).toBe(true)
  expect(lib.api.call('desk.get', { issueId }).rows[0]!.copyfitLines).toEqual(expect.any(Number))
  lib.clock.now += 60_000
  lib.api.call('layout.save', { issueId, layout })
  expect(lib.api.call('desk.get', { issueId }).rows[0]!.copyfitLines).toBeNull()
})

it('emptying the trash erases a reviewed article with its record, and a signed-off issue with its sign-off', async () => {
  lib.api.call('review.submit', { articleId }, who.reporter)
  for (const m of [who.editor, who.head, who.chief]) lib.api.call('review.pass', { articleId }, m)
  lib.api.call('issue.signoff', { issueId }, who.duty)
  const other = lib.api.call('issue.create', { title: '另一期' }).id
  const kept = lib.api.call('article.create', { issueId: other, headline: '留下' }).id
  lib.api.call('review.submit', { articleId: kept }, who.reporter)
  lib.api.call('issue.delete', { id: issueId })
  const emptied = await lib.api.dispatchAsync('trash.empty', {})
  expect(emptied.ok).toBe(true)
  const count = (table: string) => lib.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()
  expect(count('review_steps')).toBe(1) // the other issue's submit
  expect(count('issue_signoffs')).toBe(0)
  expect(lib.api.call('review.log', { articleId: kept })).toHaveLength(1)
})
