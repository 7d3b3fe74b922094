/** Restoring backups (issue 8): from the API, from the CLI, and at start on a damaged library. */
import { readFileSync, writeFileSync, chmodSync } from 'node:fs'
import { hostname } from 'node:os'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hostLibrary } from '../src/main/host'
import { openFolio } from '../src/main/library'
import type { LibraryStatus, RestoreOutcome } from '../src/shared/api/types'
import { runFolio, tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
beforeEach(() => {
  lib = tempLibrary()
})
afterEach(() => lib.dispose())

async function backUp(): Promise<string> {
  const answer = await lib.api.dispatchAsync('library.backup', {})
  if (!answer.ok) throw new Error(answer.error.message_en)
  return (answer.result as { file: string }).file
}

const titles = (): string[] => lib.api.call('issue.list', {}).map((i) => i.title)

describe('restore', () => {
  it('puts a backup back, keeping what it replaced as a backup of its own', async () => {
    lib.api.call('issue.create', { title: '第25期' })
    const file = await backUp()
    lib.clock.now += 60_000
    lib.api.call('issue.create', { title: '第26期（备份之后）' })
    const answer = await lib.api.dispatchAsync('library.restore', { file })
    expect(answer.ok).toBe(true)
    const outcome = (answer as { result: RestoreOutcome }).result
    expect(outcome.restored.file).toBe(file)
    expect(outcome.safety?.reason).toBe('safety')
    expect(outcome.safety?.issues).toBe(2)
    // The same API object serves the restored library.
    expect(titles()).toEqual(['第25期'])
    lib.api.call('issue.create', { title: '恢复后新建' })
    expect(titles()).toContain('恢复后新建')
    // And the restore itself can be undone with the copy it took.
    const undo = await lib.api.dispatchAsync('library.restore', { file: outcome.safety!.file })
    expect(undo.ok).toBe(true)
    expect(titles().sort()).toEqual(['第25期', '第26期（备份之后）'].sort())
  })

  it('takes backup names only, never a path, and refuses unknown ones clearly', async () => {
    lib.api.call('issue.create', { title: '第25期' })
    const before = readFileSync(lib.path)
    for (const file of ['../library.sqlite', '/etc/passwd', 'nope.sqlite']) {
      const answer = await lib.api.dispatchAsync('library.restore', { file })
      expect(answer).toMatchObject({ ok: false, error: { code: 'not_found', field: 'file' } })
    }
    expect(readFileSync(lib.path).equals(before)).toBe(true)
  })

  it('is a CLI command: backup restore FILE', async () => {
    lib.api.call('issue.create', { title: '第25期' })
    const file = await backUp()
    lib.api.call('issue.create', { title: '第26期' })
    await lib.api.close()
    lib.close()
    const { code, out, err } = await runFolio(lib.path, 'backup', 'restore', file, '--json')
    expect(err).toBe('')
    expect(code).toBe(0)
    expect((JSON.parse(out) as RestoreOutcome).restored.file).toBe(file)
    Object.assign(lib, openFolio(lib.path, { now: () => new Date(lib.clock.now) }))
    expect(titles()).toEqual(['第25期'])
  })
})

describe('start on a library that cannot be opened', () => {
  it('writes nothing, says why in both languages, and offers the newest verified backup', async () => {
    lib.api.call('issue.create', { title: '第25期' })
    const file = await backUp()
    await lib.api.close()
    lib.close()
    // Damage the file: its first pages overwritten (as a failing disk would).
    const bytes = readFileSync(lib.path)
    bytes.fill(0x5a, 0, 4096 * 2)
    writeFileSync(lib.path, bytes)
    const damaged = readFileSync(lib.path)

    const host = hostLibrary(lib.path, { now: () => new Date(lib.clock.now) })
    const status = host.api.dispatch('library.status', {})
    expect(status.ok).toBe(true)
    const unavailable = (status as { result: LibraryStatus }).result
    if (unavailable.state !== 'unavailable') throw new Error('expected unavailable')
    expect(unavailable.error).toMatchObject({ code: 'unavailable', field: 'damaged' })
    expect(unavailable.error.message_zh).toContain('已损坏')
    expect(unavailable.error.message_en).toContain('damaged')
    expect(unavailable.backups.map((b) => b.file)).toEqual([file])
    // Every other call is refused with the same message, and the file is untouched.
    expect(host.api.dispatch('issue.list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(readFileSync(lib.path).equals(damaged)).toBe(true)

    const restored = await host.api.dispatchAsync('library.restore', { file })
    expect(restored.ok).toBe(true)
    const outcome = (restored as { result: RestoreOutcome }).result
    // The damaged file is kept aside, byte for byte, and the library works again.
    expect(readFileSync(outcome.setAside!).equals(damaged)).toBe(true)
    expect(host.api.dispatch('library.status', {})).toEqual({ ok: true, result: { state: 'ok' } })
    expect((host.api.dispatch('issue.list', {}) as { result: { title: string }[] }).result.map((i) => i.title)).toEqual(
      ['第25期'],
    )
    await host.close()
    Object.assign(lib, openFolio(lib.path, { now: () => new Date(lib.clock.now) }))
  })

  it('after a session that did not end cleanly, damage deep in the file is found before anything is written', async () => {
    const issueId = lib.api.call('issue.create', { title: '第25期' }).id
    for (let i = 0; i < 200; i++) lib.api.call('article.create', { issueId, headline: `稿件${i}`, body: undefined })
    await backUp()
    await lib.api.close()
    lib.close()
    // A bad sector in the middle of the file; then a lock left behind by a process that is gone.
    const bytes = readFileSync(lib.path)
    const page = Math.floor(bytes.length / 4096 / 2) * 4096
    bytes.fill(0xa5, page, page + 4096)
    writeFileSync(lib.path, bytes)
    writeFileSync(`${lib.path}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '', by: 'web' }))
    const host = hostLibrary(lib.path)
    const status = host.api.dispatch('library.status', {}) as { result: LibraryStatus }
    expect(status.result).toMatchObject({ state: 'unavailable', error: { code: 'unavailable', field: 'damaged' } })
    expect(readFileSync(lib.path).equals(bytes)).toBe(true)
    await host.close()
    lib = tempLibrary()
  })

  it('a library whose file cannot be written is reported as read-only, not as a stack trace', async () => {
    if (process.getuid?.() === 0) {
      // root writes read-only files anyway; the classification is still checked through SQLite's code.
      const host = hostLibrary('/proc/folio-cannot-exist/library.sqlite')
      const status = host.api.dispatch('library.status', {}) as { result: LibraryStatus }
      expect(status.result.state).toBe('unavailable')
      if (status.result.state === 'unavailable')
        expect(status.result.error.message_en).not.toMatch(/SqliteError|at .*\.ts/)
      return
    }
    await lib.api.close()
    lib.close()
    chmodSync(lib.path, 0o444)
    const host = hostLibrary(lib.path)
    const status = host.api.dispatch('library.status', {}) as { result: LibraryStatus }
    expect(status.result).toMatchObject({ state: 'unavailable', error: { field: 'readonly' } })
    chmodSync(lib.path, 0o644)
    Object.assign(lib, openFolio(lib.path))
  })
})
