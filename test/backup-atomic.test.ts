/**
 * Backups are atomic and verified (issue 8): a backup killed mid-write, or one that cannot be
 * written at all, is never listed, never counted as the day's backup and never restored.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFolio } from '../src/main/library'
import { docFromBlocks } from '../src/shared/doc/lexical'
import { backupsDirFor, listBackups, verifyLibraryFile } from '../src/main/store/backup'
import { tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
beforeEach(() => {
  lib = tempLibrary()
})
afterEach(() => lib.dispose())

const ROOT = join(__dirname, '..')

/** Enough text that one VACUUM INTO takes long enough to be killed in the middle. */
function fill(articles: number): void {
  const issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
  const paragraph = '全省开发区以高质量发展为主线，聚焦主导产业，推动项目建设提速增效。'.repeat(40)
  const body = JSON.stringify(docFromBlocks(Array.from({ length: 20 }, () => ({ type: 'paragraph', text: paragraph }))))
  lib.db.transaction(() => {
    for (let i = 0; i < articles; i++) lib.api.call('article.create', { issueId, headline: `稿件${i}`, body })
  })()
}

function killMidBackup(dir: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/fixtures/backup/backup-forever.ts'), lib.path, dir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let err = ''
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.stdout.on('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs))
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`exited ${code}: ${err}`)),
    )
  })
}

describe('atomic, verified backups', () => {
  it('a backup killed mid-write, 24 times over, never shows up as a backup', async () => {
    fill(150)
    await lib.api.close()
    lib.close()
    const dir = backupsDirFor(lib.path)
    mkdirSync(dir, { recursive: true })
    let caughtMidWrite = 0
    const verified = new Set<string>()
    for (let round = 0; round < 24; round++) {
      await killMidBackup(dir, (round * 37) % 120)
      const files = readdirSync(dir)
      if (files.some((f) => f.endsWith('.partial') || f.endsWith('-journal'))) caughtMidWrite++
      // Whatever the kill left, every listed backup is a whole library.
      for (const backup of listBackups(dir).filter((b) => !verified.has(b.file))) {
        expect(verifyLibraryFile(backup.path)).toBeNull()
        verified.add(backup.file)
      }
    }
    // The loop really did kill backups in the middle of writing.
    expect(caughtMidWrite).toBeGreaterThan(5)
    // The next start removes what the kills left behind, and the listed backups all restore.
    const again = openFolio(lib.path, { now: () => new Date(lib.clock.now) })
    try {
      expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([])
      const listed = listBackups(dir)
      expect(listed.length).toBeGreaterThan(0)
      expect(listed.every((b) => b.articles === 150 && b.issues === 1)).toBe(true)
    } finally {
      await again.api.close()
      again.close()
    }
    Object.assign(lib, openFolio(lib.path, { now: () => new Date(lib.clock.now) }))
  }, 240_000)

  it('a daily backup that fails is reported, is not counted, and the next start takes one', async () => {
    lib.api.call('issue.create', { title: '开发区建设' })
    await lib.api.close()
    lib.close()
    const dir = backupsDirFor(lib.path)
    // The backups folder cannot be made (a file is in its place): as good as a full disk for the copy.
    writeFileSync(dir, 'not a folder')
    let opened = openFolio(lib.path, { now: () => new Date(lib.clock.now) })
    const info = opened.api.call('library.info', {})
    expect(info.backupFailure?.code).toBe('storage')
    expect(info.backupFailure?.message_zh).toContain('备份没有写成')
    expect(info.backupFailure?.message_en).toContain('could not be written')
    await opened.api.close()
    opened.close()
    rmSync(dir)
    lib.clock.now += 60 * 1000
    opened = openFolio(lib.path, { now: () => new Date(lib.clock.now) })
    expect(opened.api.call('library.info', {}).backupFailure).toBeNull()
    expect(opened.api.call('library.backups', {}).map((b) => b.reason)).toEqual(['daily'])
    Object.assign(lib, opened)
  })

  it('a backup an older Folio left half-written (a journal beside it) is set aside, not listed', async () => {
    lib.api.call('issue.create', { title: '开发区建设' })
    const good = await lib.api.dispatchAsync('library.backup', {})
    if (!good.ok) throw new Error(good.error.message_en)
    const dir = backupsDirFor(lib.path)
    const broken = join(dir, '2024-07-01T08-00-00-000Z.manual.sqlite')
    copyFileSync((good.result as { path: string }).path, broken)
    writeFileSync(`${broken}-journal`, 'hot journal of an interrupted VACUUM INTO')
    await lib.api.close()
    lib.close()
    const opened = openFolio(lib.path, { now: () => new Date(lib.clock.now) })
    expect(opened.api.call('library.backups', {}).map((b) => b.file)).not.toContain(
      '2024-07-01T08-00-00-000Z.manual.sqlite',
    )
    expect(existsSync(`${broken}.broken`)).toBe(true)
    expect(existsSync(`${broken}-journal`)).toBe(false)
    Object.assign(lib, opened)
  })
})
