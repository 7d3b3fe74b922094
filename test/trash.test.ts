/** 回收站 (issue 8): what was deleted is listed with when and what, comes back, or goes for good after a backup. */
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TrashContents } from '../src/shared/api/types'
import { tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
beforeEach(() => {
  lib = tempLibrary()
})
afterEach(() => lib.dispose())

describe('trash', () => {
  it('lists deleted issues and articles, restores them, and empties only after a safety backup', async () => {
    const kept = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第25期' })
    const gone = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第24期' })
    const a1 = lib.api.call('article.create', { issueId: kept.id, headline: '向“新”而行' })
    const a2 = lib.api.call('article.create', { issueId: kept.id, headline: '孝义经济开发区' })
    lib.api.call('article.create', { issueId: gone.id, headline: '旧期稿件' })
    lib.api.call('article.delete', { id: a2.id })
    lib.clock.now += 1000
    lib.api.call('issue.delete', { id: gone.id })

    const trash: TrashContents = lib.api.call('trash.list', {})
    expect(trash.issues).toMatchObject([{ id: gone.id, number: '2024年第24期', articleCount: 1 }])
    expect(trash.articles).toMatchObject([{ id: a2.id, headline: '孝义经济开发区', issueNumber: '2024年第25期' }])
    expect(trash.issues[0]!.deletedAt).toBe(new Date(lib.clock.now).toISOString())

    // An issue comes back with its articles; an article into its place in the running order.
    expect(lib.api.call('issue.restore', { id: gone.id }).articleCount).toBe(1)
    lib.api.call('article.restore', { id: a2.id })
    expect(lib.api.call('article.list', { issueId: kept.id }).map((a) => a.id)).toEqual([a1.id, a2.id])
    expect(lib.api.dispatch('issue.restore', { id: gone.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })

    // Emptying erases for good — a backup taken just before still holds it all.
    lib.api.call('issue.delete', { id: gone.id })
    lib.api.call('article.delete', { id: a1.id })
    const emptied = await lib.api.dispatchAsync('trash.empty', {})
    expect(emptied).toMatchObject({ ok: true, result: { issues: 1, articles: 2, backup: { reason: 'safety' } } })
    expect(lib.api.call('trash.list', {})).toEqual({ issues: [], articles: [] })
    expect(lib.db.prepare('SELECT COUNT(*) FROM articles').pluck().get()).toBe(1)
    expect(lib.db.prepare('SELECT COUNT(*) FROM revisions WHERE article_id = ?').pluck().get(a1.id)).toBe(0)
    const backup = (emptied as { result: { backup: { issues: number; articles: number; path: string } } }).result.backup
    expect(backup).toMatchObject({ issues: 1, articles: 1 })
    const copy = new Database(backup.path, { readonly: true })
    expect(copy.prepare('SELECT COUNT(*) FROM articles').pluck().get()).toBe(3)
    copy.close()
    expect(lib.api.call('search.articles', { query: '旧期稿件' })).toEqual([])
  })
})
