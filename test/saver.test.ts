import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ArticleSaver, SLOW_SAVE_MS, type SaverDeps } from '../src/renderer/src/features/editor/saver'
import type { Input } from '../src/shared/api/contract'
import { FolioFailure, folioError } from '../src/shared/api/errors'
import type { ArticleSaved } from '../src/shared/api/types'
import { tempLibrary, type TempLibrary } from './helpers'
import { docFromBlocks } from '../src/shared/doc/lexical'

/** The saver driven against a real library, with a switch to make the "server" fail. */
let lib: TempLibrary
let articleId: number
let down: boolean
let lostReplies: boolean
let deps: SaverDeps

beforeEach(() => {
  vi.useFakeTimers()
  lib = tempLibrary()
  const issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
  articleId = lib.api.call('article.create', { issueId }).id
  down = false
  lostReplies = false
  deps = {
    update: async (input: Input<'article.update'>): Promise<ArticleSaved> => {
      if (down) throw new FolioFailure(folioError('storage', '连不上', 'unreachable'))
      const saved = lib.api.call('article.update', input)
      if (lostReplies) throw new FolioFailure(folioError('storage', '回复丢失', 'reply lost'))
      return saved
    },
    get: async (id) => lib.api.call('article.get', { id }),
    errorOf: (error) => (error instanceof FolioFailure ? error.error : null),
  }
})
afterEach(() => {
  vi.useRealTimers()
  lib.dispose()
})

const stored = () => lib.api.call('article.get', { id: articleId })

describe('ArticleSaver', () => {
  it('saves once, shortly after a short burst of typing stops', async () => {
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    const update = vi.spyOn(deps, 'update')
    for (const ch of '向新而') {
      saver.editFields({ headline: (stored().headline || '') + ch })
      await vi.advanceTimersByTimeAsync(200)
    }
    expect(update).not.toHaveBeenCalled()
    expect(saver.state).toBe('dirty')
    await vi.advanceTimersByTimeAsync(600)
    expect(update).toHaveBeenCalledTimes(1)
    expect(saver.state).toBe('saved')
  })

  it('on each keystroke of a burst it neither re-arms a timer nor tells its listeners again', async () => {
    const saver = new ArticleSaver(articleId, 1, deps, 600, 5000)
    const update = vi.spyOn(deps, 'update')
    const told = vi.fn()
    saver.subscribe(told)
    const arm = vi.spyOn(globalThis, 'setTimeout')
    const disarm = vi.spyOn(globalThis, 'clearTimeout')
    for (const ch of '开发区建设专刊') {
      saver.editFields({ headline: (stored().headline || '') + ch })
      await vi.advanceTimersByTimeAsync(50)
    }
    // One timer for the burst, moved by each key; one word to the listeners: 待保存.
    expect(arm).toHaveBeenCalledTimes(1)
    expect(disarm).not.toHaveBeenCalled()
    expect(told).toHaveBeenCalledTimes(1)
    expect(saver.state).toBe('dirty')
    // Still due 600 ms after the last key, not after the first.
    await vi.advanceTimersByTimeAsync(500)
    expect(update).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(100)
    expect(update).toHaveBeenCalledTimes(1)
    expect(saver.state).toBe('saved')
    arm.mockRestore()
    disarm.mockRestore()
  })

  it('shows a quick save as 待保存 then 已保存, and 保存中 only once a save has taken SLOW_SAVE_MS', async () => {
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    const shown: string[] = []
    saver.subscribe(() => {
      if (shown.at(-1) !== saver.shown) shown.push(saver.shown)
    })
    saver.editFields({ headline: '向新而行' })
    await vi.advanceTimersByTimeAsync(600)
    expect(saver.state).toBe('saved')
    expect(shown).toEqual(['dirty', 'saved'])

    // A slow library: the save is in flight for two seconds.
    const update = deps.update
    let release: () => void = () => {}
    deps.update = async (input) => {
      await new Promise<void>((resolve) => (release = resolve))
      return update(input)
    }
    shown.length = 0
    saver.editFields({ headline: '向新而行 以质致远' })
    await vi.advanceTimersByTimeAsync(600)
    expect(saver.state).toBe('saving')
    expect(saver.shown).toBe('dirty')
    await vi.advanceTimersByTimeAsync(SLOW_SAVE_MS)
    expect(saver.shown).toBe('saving')
    release()
    await vi.advanceTimersByTimeAsync(0)
    expect(shown).toEqual(['dirty', 'saving', 'saved'])
    expect(stored().headline).toBe('向新而行 以质致远')
  })

  it('keeps saving during long continuous typing, never more than 800 ms apart', async () => {
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    const saves: number[] = []
    const update = deps.update
    deps.update = async (input) => {
      saves.push(Date.now())
      return update(input)
    }
    const start = Date.now()
    for (let i = 0; i < 50; i++) {
      saver.editFields({ headline: '字'.repeat(i + 1) })
      await vi.advanceTimersByTimeAsync(100)
    }
    const gaps = [start, ...saves].slice(1).map((t, i) => t - ([start, ...saves][i] ?? t))
    expect(saves.length).toBeGreaterThanOrEqual(5)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(800)
  })

  it('reads the body only when it saves', async () => {
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    const read = vi.fn(() => JSON.stringify(JSON.parse(stored().body)))
    for (let i = 0; i < 50; i++) saver.editBody(read)
    expect(read).not.toHaveBeenCalled()
    await saver.flush()
    expect(read).toHaveBeenCalledTimes(1)
  })

  it('keeps edits made while the server is down and delivers them when it is back', async () => {
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    down = true
    saver.editFields({ headline: '向“新”而行' })
    await vi.advanceTimersByTimeAsync(800)
    expect(saver.state).toBe('error')
    saver.editFields({ kicker: '全省开发区' })
    await vi.advanceTimersByTimeAsync(5000)
    expect(stored().headline).toBe('')
    down = false
    await vi.advanceTimersByTimeAsync(10000)
    expect(saver.state).toBe('saved')
    expect(stored()).toMatchObject({ headline: '向“新”而行', kicker: '全省开发区' })
  })

  it('keeps a copy of unsaved edits outside the library while saves fail, and drops it once saved', async () => {
    const stash = vi.fn()
    const saver = new ArticleSaver(articleId, 1, { ...deps, stash }, 600, 800)
    down = true
    saver.editFields({ headline: '断网时写的' })
    saver.editBody(() => JSON.stringify(JSON.parse(stored().body)))
    await saver.flush()
    expect(stash).toHaveBeenLastCalledWith(
      articleId,
      expect.objectContaining({ version: 1, patch: expect.objectContaining({ headline: '断网时写的' }) }),
    )
    down = false
    await vi.advanceTimersByTimeAsync(5000)
    expect(saver.state).toBe('saved')
    expect(stash).toHaveBeenLastCalledWith(articleId, null)
  })

  it('recovers when a save landed but its reply was lost', async () => {
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    lostReplies = true
    saver.editFields({ headline: '第一稿' })
    await saver.flush()
    expect(saver.state).toBe('error')
    lostReplies = false
    saver.editFields({ headline: '第二稿' })
    await vi.advanceTimersByTimeAsync(20000)
    expect(saver.state).toBe('saved')
    expect(stored().headline).toBe('第二稿')
  })

  it('stops on a real conflict instead of overwriting another window’s work', async () => {
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    lib.api.call('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: { headline: '别处改的' },
    })
    saver.editFields({ headline: '本窗口' })
    await saver.flush()
    await vi.advanceTimersByTimeAsync(20000)
    expect(saver.state).toBe('error')
    expect(saver.error?.code).toBe('conflict')
    expect(stored().headline).toBe('别处改的')
  })

  it('the page-close flush carries its base version: a stale one is kept as a conflict copy, not written over', async () => {
    const sent: Input<'article.update'>[] = []
    deps.beacon = (input) => {
      sent.push(input)
      lib.api.dispatch('article.update', input)
      return true
    }
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    // Another tab saves first …
    lib.api.call('article.update', { id: articleId, baseVersion: 1, patch: { headline: '甲窗口定稿' } })
    // … this one has lost the race, then is closed with text still pending.
    saver.editFields({ headline: '乙窗口旧稿' })
    saver.flushOnUnload()
    expect(sent[0]?.baseVersion).toBe(1)
    expect(stored().headline).toBe('甲窗口定稿')
    const copies = lib.api.call('revision.list', { articleId }).filter((r) => r.reason === 'conflict')
    expect(copies.map((r) => r.headline)).toEqual(['乙窗口旧稿'])
  })

  it('a lost answer is adopted before the next save, so it leaves no conflict copy', async () => {
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    lostReplies = true
    saver.editFields({ headline: '第一稿' })
    await saver.flush()
    lostReplies = false
    saver.editFields({ headline: '第二稿' })
    await vi.advanceTimersByTimeAsync(20000)
    expect(stored().headline).toBe('第二稿')
    expect(lib.api.call('revision.list', { articleId }).some((r) => r.reason === 'conflict')).toBe(false)
  })

  it('after the first save, a one-character edit sends only its paragraph; the library has the whole text', async () => {
    const texts = Array.from(
      { length: 200 },
      (_, i) => `第${i}段：全省开发区以高质量发展为主线，推动项目建设提速增效。`,
    )
    const doc = (t: string[]) => JSON.stringify(docFromBlocks(t.map((text) => ({ type: 'paragraph' as const, text }))))
    const sent: Input<'article.update'>[] = []
    const update = deps.update
    deps.update = async (input) => {
      sent.push(input)
      return update(input)
    }
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    saver.setBase(stored().body)
    saver.editBody(() => doc(texts))
    await saver.flush()
    texts[120] += '好'
    const whole = doc(texts)
    saver.editBody(() => whole)
    await saver.flush()
    const last = sent.at(-1)!
    expect(last.patch.body).toBeUndefined()
    expect(last.bodySplice).toMatchObject({ start: 120, remove: 1, baseBlocks: 200 })
    expect(JSON.stringify(last).length).toBeLessThan(whole.length / 10)
    expect(stored().bodyText.split('\n')[120]).toBe(texts[120])
    expect(stored().bodyText.split('\n')).toEqual(texts)
  })

  it('a splice that does not fit the stored body is followed at once by the whole body', async () => {
    const doc = (t: string[]) => JSON.stringify(docFromBlocks(t.map((text) => ({ type: 'paragraph' as const, text }))))
    const saver = new ArticleSaver(articleId, 1, deps, 600, 800)
    saver.setBase(stored().body)
    saver.editBody(() => doc(['甲', '乙', '丙']))
    await saver.flush()
    // Someone changes the stored body's shape behind the saver's back, keeping its version.
    lib.db.prepare('UPDATE articles SET body_json = ? WHERE id = ?').run(doc(['甲']), articleId)
    saver.editBody(() => doc(['甲', '乙', '丙丁']))
    await saver.flush()
    await vi.advanceTimersByTimeAsync(100)
    expect(saver.state).toBe('saved')
    expect(stored().bodyText).toBe('甲\n乙\n丙丁')
  })
})
