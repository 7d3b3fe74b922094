/**
 * Rotating backups of the library file, beside it in `<name>.backups/`: one a day when the
 * library is opened (the last 7 kept), one before every schema migration (the last 3 kept), one
 * before every restore or emptying of the trash (safety, the last 5 kept), and one whenever the editor asks (the last 20 kept).
 *
 * A backup is only ever seen under its final name once it is whole and verified: VACUUM INTO
 * writes a hidden temporary file, which is checked (integrity_check, the expected tables, the
 * schema version), flushed to disk and then renamed. A kill or a full disk mid-write leaves only
 * a temporary file, removed at the next start and never listed, so a broken copy is never offered
 * for a restore and never stands in for the day's backup. Restoring is copying one back
 * (library.ts restore), which the editor does from the 备份与恢复 panel or `folio backup restore`.
 */
import Database from 'better-sqlite3'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { fail } from '../../shared/api/errors'
import type { Db } from './db'

export type BackupReason = 'daily' | 'migration' | 'manual' | 'safety'

export interface BackupFile {
  file: string
  path: string
  takenAt: string
  reason: BackupReason
  bytes: number
  /** Articles (not in the trash) and issues the copy holds. */
  articles: number
  issues: number
}

export const KEEP: Record<BackupReason, number> = { daily: 7, migration: 3, manual: 20, safety: 5 }
const DAY_MS = 24 * 60 * 60 * 1000
const NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.(daily|migration|manual|safety)\.sqlite$/
/** The temporary name a backup is written under until it is verified (hidden, never matches NAME). */
const PARTIAL = /^\..*\.partial(-journal|-wal|-shm)?$/
/** The tables a library of each schema version has (from migrations 1–4); a copy without them is not a library. */
const TABLES_SINCE: [number, string[]][] = [
  [1, ['issues', 'articles']],
  [2, ['revisions']],
  [3, ['images']],
  [4, ['meta', 'zones', 'tags']],
]

/** folio-library.sqlite → folio-library.backups beside it. */
export function backupsDirFor(libraryPath: string): string {
  const name = basename(libraryPath, extname(libraryPath)) || basename(libraryPath)
  return join(dirname(libraryPath), `${name}.backups`)
}

/**
 * Writes a verified copy of the open library; returns it. Older copies of the same kind beyond
 * KEEP go. A copy that cannot be written whole (disk full, killed) leaves nothing behind and
 * fails with a typed, bilingual error.
 */
export function takeBackup(db: Db, dir: string, now: Date, reason: BackupReason): BackupFile {
  const stamp = now.toISOString().replace(/:/g, '-').replace('.', '-')
  let path = join(dir, `${stamp}.${reason}.sqlite`)
  // Two backups in the same millisecond (tests, a double click): never overwrite.
  for (let n = 1; existsSync(path); n++) path = join(dir, `${stamp}.${reason}.${n}.sqlite`)
  const partial = join(dir, `.${basename(path)}.partial`)
  try {
    mkdirSync(dir, { recursive: true })
    removePartial(partial)
    db.prepare('VACUUM INTO ?').run(partial)
    const problem = verifyLibraryFile(partial)
    if (problem) throw new Error(problem)
    syncFile(partial)
    renameSync(partial, path)
    syncFile(dir)
  } catch (error) {
    removePartial(partial)
    const why = error instanceof Error ? error.message : String(error)
    fail(
      'storage',
      `备份没有写成（${why}），已有的备份不受影响。`,
      `The backup could not be written (${why}); existing backups are untouched.`,
    )
  }
  prune(dir, reason)
  const taken = describe(path)
  if (!taken) fail('storage', '备份写成后无法读取。', 'The backup cannot be read back after writing.')
  return taken
}

/** The daily backup, unless a verified one was taken in the last 24 hours. */
export function dailyBackup(db: Db, dir: string, now: Date): BackupFile | null {
  const latest = listBackups(dir).find((b) => b.reason === 'daily')
  if (latest && now.getTime() - Date.parse(latest.takenAt) < DAY_MS) return null
  return takeBackup(db, dir, now, 'daily')
}

/**
 * Removes what interrupted backups left (temporary files and their journals). A file under a
 * final name with a journal beside it was written by a Folio that wrote backups in place and was
 * interrupted: it is renamed `….broken` so it is never listed or restored. Returns what it removed.
 */
export function cleanBackups(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return []
  const removed: string[] = []
  const files = readdirSync(dir)
  for (const file of files) {
    if (PARTIAL.test(file)) {
      rmSync(join(dir, file), { force: true })
      removed.push(file)
    } else if (/\.sqlite-journal$/.test(file)) {
      const main = file.replace(/-journal$/, '')
      if (existsSync(join(dir, main))) renameSync(join(dir, main), join(dir, `${main}.broken`))
      rmSync(join(dir, file), { force: true })
      removed.push(main)
    }
  }
  return removed
}

/** Newest first; only whole library files (anything unreadable is left out, never offered). */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return []
  return readdirSync(dir)
    .filter((file) => NAME.test(file.replace(/\.\d+\.sqlite$/, '.sqlite')))
    .map((file) => describe(join(dir, file)))
    .filter((b): b is BackupFile => b !== null)
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.file.localeCompare(a.file))
}

/** The listed backup of that file name (names only: a client never passes a path). */
export function findBackup(dir: string, file: string): BackupFile {
  const found = basename(file) === file ? listBackups(dir).find((b) => b.file === file) : undefined
  if (!found) fail('not_found', `找不到备份 ${file.slice(0, 80)}。`, `No backup named ${file.slice(0, 80)}.`, 'file')
  return found
}

/**
 * Why a file is not a whole Folio library, or null when it is: SQLite's own integrity check, the
 * tables a library has, and a schema this Folio can open. Opened read-only: nothing is written.
 */
export function verifyLibraryFile(path: string, maxSchema = Number.MAX_SAFE_INTEGER): string | null {
  let copy: Db | null = null
  try {
    copy = new Database(path, { readonly: true, fileMustExist: true })
    const check = copy.pragma('integrity_check(1)', { simple: true }) as string
    if (check !== 'ok') return `integrity_check: ${check}`
    const tables = new Set(
      copy.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
    )
    const version = copy.pragma('user_version', { simple: true }) as number
    if (version < 1) return 'not a Folio library (schema 0)'
    if (version > maxSchema) return `schema ${version} is newer than this Folio`
    const required = TABLES_SINCE.filter(([since]) => version >= since).flatMap(([, names]) => names)
    const missing = required.filter((t) => !tables.has(t))
    if (missing.length > 0) return `missing tables: ${missing.join(', ')}`
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    copy?.close()
  }
}

/** A library file outside the backups folder (a copy the editor kept), described like a backup. */
export function describeFile(path: string): BackupFile | null {
  const counts = countContents(path)
  if (!counts) return null
  const stat = statSync(path)
  return {
    file: basename(path),
    path,
    takenAt: stat.mtime.toISOString(),
    reason: 'manual',
    bytes: stat.size,
    ...counts,
  }
}

function describe(path: string): BackupFile | null {
  const file = basename(path)
  const match = NAME.exec(file.replace(/\.\d+\.sqlite$/, '.sqlite'))
  if (!match) return null
  const [, day, h, m, s, ms, reason] = match
  const counts = countContents(path)
  if (!counts) return null
  return {
    file,
    path,
    takenAt: `${day}T${h}:${m}:${s}.${ms}Z`,
    reason: reason as BackupReason,
    bytes: statSync(path).size,
    ...counts,
  }
}

function countContents(path: string): { articles: number; issues: number } | null {
  let copy: Db | null = null
  try {
    copy = new Database(path, { readonly: true, fileMustExist: true })
    const db = copy
    const hasTrash = (db.pragma('user_version', { simple: true }) as number) >= 2
    const count = (sql: string): number => db.prepare(sql).pluck().get() as number
    return hasTrash
      ? {
          articles: count(
            'SELECT COUNT(*) FROM articles a JOIN issues i ON i.id = a.issue_id WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL',
          ),
          issues: count('SELECT COUNT(*) FROM issues WHERE deleted_at IS NULL'),
        }
      : { articles: count('SELECT COUNT(*) FROM articles'), issues: count('SELECT COUNT(*) FROM issues') }
  } catch {
    return null
  } finally {
    copy?.close()
  }
}

function removePartial(partial: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) {
    try {
      rmSync(partial + suffix, { force: true })
    } catch {
      // Nothing there to remove (or no folder at all): nothing was left behind.
    }
  }
}

/** fsync a file or folder, so a rename after it is not seen before the data. */
export function syncFile(path: string): void {
  let fd: number | null = null
  try {
    fd = openSync(path, 'r')
    fsyncSync(fd)
  } catch {
    // Folders cannot be fsynced on every platform (Windows); the file itself was.
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

function prune(dir: string, reason: BackupReason): void {
  for (const old of listBackups(dir)
    .filter((b) => b.reason === reason)
    .slice(KEEP[reason]))
    rmSync(old.path, { force: true })
}
