/** The 三审 and history commands of the `folio` CLI (issue 11 item 8), over a real library file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docFromBlocks } from '../src/shared/doc/lexical'
import { openFolio } from '../src/main/library'
import { runFolio, tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
let articleId: number
beforeEach(() => {
  lib = tempLibrary()
  const issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
  const body = JSON.stringify(docFromBlocks([{ type: 'paragraph', text: '项目总投资717亿元。' }]))
  articleId = lib.api.call('article.create', { issueId, headline: '项目落地', body }).id
  lib.close() // the CLI opens the file itself
})
afterEach(() => lib.dispose())

const cli = (...args: string[]) => runFolio(lib.path, ...args)
const json = async <T>(...args: string[]): Promise<T> => {
  const answer = await cli(...args, '--json')
  if (answer.code !== 0) throw new Error(answer.err)
  return JSON.parse(answer.out) as T
}
const id = () => String(articleId)

async function newsroom(): Promise<void> {
  for (const [name, ...roles] of [
    ['王波', '记者'],
    ['李若男', '责任编辑'],
    ['张主任', '编辑室主任'],
    ['赵总编', '总编辑', '值班总编'],
  ]) {
    const answer = await cli('user', 'add', name!, ...roles.flatMap((r) => ['--role', r]))
    expect(answer.code, answer.err).toBe(0)
  }
}

describe('folio user', () => {
  it('adds members with repeatable roles and lists them as JSON', async () => {
    await newsroom()
    const list = await json<{ name: string; roles: string[]; active: boolean }[]>('user', 'list')
    expect(list.map((p) => [p.name, p.roles])).toEqual([
      ['王波', ['记者']],
      ['李若男', ['责任编辑']],
      ['张主任', ['编辑室主任']],
      ['赵总编', ['总编辑', '值班总编']],
    ])
    const dup = await cli('user', 'add', '王波', '--role', '记者')
    expect(dup.code).not.toBe(0)
    expect(dup.err).toContain('已有名为「王波」')
    const bad = await cli('user', 'add', '某人', '--role', '主编')
    expect(bad.code).not.toBe(0)
    expect(bad.err).toMatch(/没有「主编」这个角色[\s\S]*Error: There is no role/)
  })
})

describe('folio review', () => {
  it('takes an article from 草稿 to 已签发 with one return, and logs every step', async () => {
    await newsroom()
    expect((await cli('review', 'submit', id(), '--as', '王波')).code).toBe(0)
    const returned = await cli('review', 'return', id(), '--as', '李若男', '--comment', '投资额请核实')
    expect(returned.code, returned.err).toBe(0)
    expect(returned.out).toContain('草稿')

    const library = openFolio(lib.path)
    const article = library.api.call('article.get', { id: articleId })
    const body = JSON.stringify(docFromBlocks([{ type: 'paragraph', text: '项目总投资71.7亿元。' }]))
    library.api.call('article.update', { id: articleId, baseVersion: article.version, patch: { body }, explicit: true })
    library.close()

    for (const [verb, who] of [
      ['submit', '王波'],
      ['pass', '李若男'],
      ['pass', '张主任'],
      ['pass', '赵总编'],
    ] as const) {
      const answer = await cli('review', verb, id(), '--as', who, '--comment', `${who}意见`)
      expect(answer.code, answer.err).toBe(0)
    }
    const log = await json<Record<string, unknown>[]>('review', 'log', id())
    expect(log.map((s) => [s.stage, s.decision, s.by])).toEqual([
      ['初审', 'submit', '王波'],
      ['初审', 'return', '李若男'],
      ['初审', 'submit', '王波'],
      ['初审', 'pass', '李若男'],
      ['复审', 'pass', '张主任'],
      ['终审', 'pass', '赵总编'],
    ])
    expect(Object.keys(log[0]!).sort()).toEqual(['at', 'by', 'comment', 'decision', 'revisionId', 'stage'])
    expect(log[1]!.comment).toBe('投资额请核实')

    // History, newest first: the signed-off text on top.
    const history = await json<{ id: number; at: string; by: string | null; reason: string; stage: string }[]>(
      'article',
      'history',
      id(),
    )
    expect(history[0]).toMatchObject({ reason: 'signoff', stage: 'signed', by: '赵总编' })
    expect(Object.keys(history[0]!).sort()).toEqual(['at', 'by', 'id', 'reason', 'stage'])

    // The diff between the returned text and the signed one.
    const returnedRev = String(log[1]!.revisionId)
    const signedRev = String(log[5]!.revisionId)
    const diff = await json<{ op: string; text: string }[]>(
      'article',
      'diff',
      id(),
      '--from',
      returnedRev,
      '--to',
      signedRev,
    )
    expect(diff.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: '717' },
      { op: 'insert', text: '71.7' },
    ])
    const human = await cli('article', 'diff', id(), '--from', returnedRev, '--to', 'current')
    expect(human.out).toBe('项目落地\n项目总投资[-717-]{+71.7+}亿元。')
  })

  it('refused steps exit non-zero with the Chinese and English message', async () => {
    await newsroom()
    const noActor = await cli('review', 'submit', id())
    expect(noActor.code).not.toBe(0)
    expect(noActor.err).toContain('--as')
    const unknown = await cli('review', 'submit', id(), '--as', '无名氏')
    expect(unknown.code).not.toBe(0)
    expect(unknown.err).toContain('没有名为「无名氏」的成员')
    await cli('review', 'submit', id(), '--as', '王波')
    const notAllowed = await cli('review', 'pass', id(), '--as', '王波')
    expect(notAllowed.code).toBe(1)
    expect(notAllowed.err).toMatch(
      /错误：「王波」（记者）不能执行初审[\s\S]*\nError: 王波 \(Reporter\) may not do the first review/,
    )
    const noComment = await cli('review', 'return', id(), '--as', '李若男')
    expect(noComment.code).not.toBe(0)
    expect(noComment.err).toContain('--comment')
    await cli('review', 'pass', id(), '--as', '赵总编')
    const twice = await cli('review', 'pass', id(), '--as', '赵总编')
    expect(twice.code).toBe(1)
    expect(twice.err).toContain('同一人不能通过同一篇稿件的两道审级')
    expect(twice.err).toContain('one person cannot pass two reviews')
  })

  it('restore-revision brings a text back as a new revision and leaves the stage alone', async () => {
    await newsroom()
    const library = openFolio(lib.path)
    const save = (headline: string) =>
      library.api.call('article.update', {
        id: articleId,
        baseVersion: library.api.call('article.get', { id: articleId }).version,
        patch: { headline },
        explicit: true,
      })
    save('第一稿')
    save('第二稿')
    library.close()
    await cli('review', 'submit', id(), '--as', '王波')
    const history = await json<{ id: number }[]>('article', 'history', id())
    const first = history.find((_, i) => i === 1)!
    const restored = await cli('article', 'restore-revision', String(first.id), '--as', '李若男')
    expect(restored.code, restored.err).toBe(0)
    expect(restored.out).toContain('第一稿')
    expect(restored.out).toContain('待初审')
    const after = await json<{ reason: string; by: string | null }[]>('article', 'history', id())
    expect(after.length).toBeGreaterThan(history.length)
    expect(after.some((r) => r.reason === 'restore' && r.by === '李若男')).toBe(true)
  })
})
