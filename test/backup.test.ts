import Database from 'better-sqlite3'
import { existsSync, readdirSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFolio } from '../src/main/library'
import { backupsDirFor, KEEP } from '../src/main/store/backup'
import { openLibrary } from '../src/main/store/db'
import { SCHEMA_VERSION } from '../src/main/store/migrations'
import { runFolio, tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
beforeEach(() => {
  lib = tempLibrary()
})
afterEach(() => lib.dispose())

const HOUR = 60 * 60 * 1000

/** Reopens the test library at the test clock's time, as the app does on start. */
async function reopen(): Promise<void> {
  await lib.api.close()
  lib.close()
  const again = openFolio(lib.path, { now: () => new Date(lib.clock.now) })
  Object.assign(lib, { db: again.db, api: again.api, close: again.close })
}

const headlines = (path: string): string[] => {
  const copy = new Database(path, { readonly: true })
  try {
    return (copy.prepare('SELECT headline FROM articles ORDER BY id').all() as { headline: string }[]).map(
      (r) => r.headline,
    )
  } finally {
    copy.close()
  }
}

describe('rotating backups', () => {
  it('keeps nothing for an empty library, then one copy a day of a library with work in it', async () => {
    expect(lib.api.call('library.backups', {})).toEqual([])
    lib.api.call('sample.open', {})
    await reopen()
    const [first] = lib.api.call('library.backups', {})
    expect(first).toMatchObject({ reason: 'daily', takenAt: new Date(lib.clock.now).toISOString() })
    expect(headlines(first!.path)).toHaveLength(4)

    lib.clock.now += 3 * HOUR
    await reopen()
    expect(lib.api.call('library.backups', {})).toHaveLength(1)
    lib.clock.now += 24 * HOUR
    await reopen()
    expect(lib.api.call('library.backups', {}).map((b) => b.reason)).toEqual(['daily', 'daily'])
  })

  it('keeps the last seven daily copies', async () => {
    lib.api.call('sample.open', {})
    for (let day = 0; day < 10; day++) {
      lib.clock.now += 25 * HOUR
      await reopen()
    }
    const backups = lib.api.call('library.backups', {})
    expect(backups).toHaveLength(KEEP.daily)
    expect(backups[0]?.takenAt).toBe(new Date(lib.clock.now).toISOString())
    expect(readdirSync(backupsDirFor(lib.path))).toHaveLength(KEEP.daily)
  })

  it('makes a complete copy on request that opens as a library of its own', async () => {
    const opened = lib.api.call('sample.open', {})
    const answer = await lib.api.dispatchAsync('library.backup', {})
    if (!answer.ok) throw new Error(answer.error.message_en)
    const backup = answer.result as { path: string; reason: string }
    expect(backup.reason).toBe('manual')
    lib.api.call('article.delete', { id: opened.articles[0]!.id })
    const copy = openFolio(backup.path, { backupsDir: null })
    try {
      expect(copy.api.call('article.list', { issueId: opened.issue.id })).toHaveLength(4)
    } finally {
      await copy.api.close()
      copy.close()
    }
    // Two in the same millisecond are two files.
    await lib.api.dispatchAsync('library.backup', {})
    expect(lib.api.call('library.backups', {}).filter((b) => b.reason === 'manual')).toHaveLength(2)
  })

  it('copies a library before migrating its schema', () => {
    const dir = backupsDirFor(lib.path)
    const old = lib.path.replace(/library\.sqlite$/, 'old.sqlite')
    const v1 = openLibrary(old, { targetVersion: 1, backupsDir: null })
    v1.prepare(
      "INSERT INTO issues (title, created_at, updated_at) VALUES ('开发区建设', '2024-01-01', '2024-01-01')",
    ).run()
    v1.close()
    const migrated = openLibrary(old, { backupsDir: dir, now: () => new Date(lib.clock.now) })
    migrated.close()
    const copies = readdirSync(dir).filter((f) => f.endsWith('.migration.sqlite'))
    expect(copies).toHaveLength(1)
    const copy = new Database(`${dir}/${copies[0]}`, { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(1)
    copy.close()
    // An up-to-date library is not copied again.
    openLibrary(old, { backupsDir: dir }).close()
    expect(readdirSync(dir).filter((f) => f.endsWith('.migration.sqlite'))).toHaveLength(1)
    expect(SCHEMA_VERSION).toBeGreaterThan(1)
  })

  it('is a CLI command', async () => {
    lib.api.call('sample.open', {})
    const made = await runFolio(lib.path, 'backup', '--json')
    expect(made.code).toBe(0)
    const backup = JSON.parse(made.out) as { path: string }
    expect(existsSync(backup.path)).toBe(true)
    const listed = await runFolio(lib.path, 'backup', 'list', '--json')
    expect((JSON.parse(listed.out) as { path: string }[]).map((b) => b.path)).toContain(backup.path)
  })
})
