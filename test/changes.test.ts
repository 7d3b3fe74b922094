/**
 * The push channel's source: every method of the contract declares what it changes (null for a
 * read), and a real library announces a committed write — and never a read or a refused call.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { METHODS } from '../src/shared/api/contract'
import { CHANGE_TOPICS, type ChangeEvent } from '../src/shared/api/review-types'
import { CHANGES, ChangeFeed } from '../src/main/changes'
import { tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
let seen: ChangeEvent[]
let stop: () => void
beforeEach(() => {
  lib = tempLibrary()
  seen = []
  stop = lib.api.onChange((event) => seen.push(event))
})
afterEach(() => lib.dispose())

describe('what each method changes', () => {
  it('has an entry for every method of the contract, and only for those', () => {
    expect(Object.keys(CHANGES).sort()).toEqual([...METHODS].sort())
    // reads are null; whatever writes names at least one known topic
    for (const method of ['issue.list', 'article.get', 'search.articles', 'export.status', 'layout.get'] as const)
      expect(CHANGES[method], method).toBeNull()
    for (const method of ['issue.create', 'article.update', 'layout.save', 'zone.create', 'template.save'] as const)
      expect(CHANGES[method], method).toBeTypeOf('function')
  })

  it('announces a write with its issue, article, topics and window; a read announces nothing', () => {
    const issue = lib.api.call('issue.create', { title: '开发区建设' }, { origin: 'tab-a' })
    expect(seen).toEqual([
      { seq: 1, topics: ['issues'], issueIds: [issue.id], articleIds: [], by: null, origin: 'tab-a' },
    ])
    lib.api.call('issue.list', {})
    lib.api.call('issue.get', { id: issue.id })
    expect(seen).toHaveLength(1)

    const article = lib.api.call('article.create', { issueId: issue.id, headline: '向“新”而行' })
    expect(seen[1]).toMatchObject({
      seq: 2,
      topics: ['articles', 'issues'],
      issueIds: [issue.id],
      articleIds: [article.id],
    })
    expect(seen[1]?.origin).toBeNull()

    // autosave: the text and the running order, with the article and its issue
    lib.api.call(
      'article.update',
      { id: article.id, baseVersion: article.version, patch: { headline: '向“新”而行 以“质”致远' } },
      { origin: 'tab-b' },
    )
    expect(seen[2]).toMatchObject({
      topics: ['body', 'articles'],
      issueIds: [issue.id],
      articleIds: [article.id],
      origin: 'tab-b',
    })

    // a call that names only the article: its issue is looked up (a deleted one too)
    lib.api.call('article.delete', { id: article.id })
    expect(seen[3]).toMatchObject({ issueIds: [issue.id], articleIds: [article.id] })
    expect(seen[3]?.topics).toContain('articles')
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    for (const event of seen) for (const topic of event.topics) expect(CHANGE_TOPICS).toContain(topic)
  })

  it('announces nothing for a refused call, and the library is unchanged', () => {
    const issue = lib.api.call('issue.create', { title: '开发区建设' })
    seen.length = 0
    expect(lib.api.dispatch('issue.update', { id: issue.id, patch: { title: '开'.repeat(201) } }).ok).toBe(false)
    expect(lib.api.dispatch('issue.update', { id: 999, patch: { title: '第二期' } }).ok).toBe(false)
    const article = lib.api.call('article.create', { issueId: issue.id })
    seen.length = 0
    // a stale version is a conflict: refused (its text kept as a 冲突副本), not announced as a change
    expect(
      lib.api.dispatch('article.update', { id: article.id, baseVersion: article.version + 5, patch: { headline: 'x' } })
        .ok,
    ).toBe(false)
    expect(seen).toEqual([])
  })

  it('announces async writes once (not the calls made inside them) and takes who acts from the call', async () => {
    const issue = lib.api.call('issue.create', { title: '开发区建设' })
    lib.api.call('article.create', { issueId: issue.id })
    lib.api.call('article.delete', { id: lib.api.call('article.list', { issueId: issue.id })[0]!.id })
    seen.length = 0
    const emptied = await lib.api.dispatchAsync('trash.empty', {}, { origin: 'tab-a' })
    expect(emptied.ok).toBe(true)
    expect(seen).toEqual([expect.objectContaining({ topics: ['library'], origin: 'tab-a', by: null })])
    // an unknown person is refused before anything runs, and nothing is announced
    seen.length = 0
    expect(lib.api.dispatch('issue.create', { title: '第二期' }, { personId: 4242 }).ok).toBe(false)
    expect(seen).toEqual([])
  })

  it('stops announcing to an unsubscribed listener; a listener that throws does not fail the call', () => {
    const logged: string[] = []
    const feed = new ChangeFeed((m) => logged.push(m))
    const got: number[] = []
    feed.subscribe(() => {
      throw new Error('broken tab')
    })
    const off = feed.subscribe((e) => got.push(e.seq))
    feed.emit({ topics: ['issues', 'issues'], issueIds: [1, 1], articleIds: [] }, null, null)
    off()
    feed.emit({ topics: ['issues'], issueIds: [], articleIds: [] }, null, null)
    expect(got).toEqual([1])
    expect(logged).toHaveLength(2)
    expect(logged[0]).toContain('broken tab')

    stop()
    lib.api.call('issue.create', { title: '开发区建设' })
    expect(seen).toEqual([])
  })
})
