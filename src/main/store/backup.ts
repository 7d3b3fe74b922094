/**
 * Rotating backups of the library file, beside it in `<name>.backups/`: one a day when the
 * library is opened (the last 7 kept), one before every schema migration (the last 3 kept), and
 * one whenever the editor asks (the last 20 kept). Each is a complete, consistent SQLite file
 * written with VACUUM INTO, so it opens as a library of its own — restoring is copying it back.
 * Local SQLite files do get corrupted by power loss and failing disks; a copy from this morning
 * is what an editor needs then.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { Db } from './db'

export type BackupReason = 'daily' | 'migration' | 'manual'

export interface BackupFile {
  file: string
  path: string
  takenAt: string
  reason: BackupReason
  bytes: number
}

export const KEEP: Record<BackupReason, number> = { daily: 7, migration: 3, manual: 20 }
const DAY_MS = 24 * 60 * 60 * 1000
const NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.(daily|migration|manual)\.sqlite$/

/** folio-library.sqlite → folio-library.backups beside it. */
export function backupsDirFor(libraryPath: string): string {
  const name = basename(libraryPath, extname(libraryPath)) || basename(libraryPath)
  return join(dirname(libraryPath), `${name}.backups`)
}

/** Writes a consistent copy of the open library; returns it. Older copies of the same kind beyond KEEP go. */
export function takeBackup(db: Db, dir: string, now: Date, reason: BackupReason): BackupFile {
  mkdirSync(dir, { recursive: true })
  const stamp = now.toISOString().replace(/:/g, '-').replace('.', '-')
  let path = join(dir, `${stamp}.${reason}.sqlite`)
  // Two backups in the same millisecond (tests, a double click): never overwrite.
  for (let n = 1; existsSync(path); n++) path = join(dir, `${stamp}.${reason}.${n}.sqlite`)
  db.prepare('VACUUM INTO ?').run(path)
  prune(dir, reason)
  return { file: basename(path), path, takenAt: now.toISOString(), reason, bytes: statSync(path).size }
}

/** The daily backup, unless one was taken in the last 24 hours. */
export function dailyBackup(db: Db, dir: string, now: Date): BackupFile | null {
  const latest = listBackups(dir).find((b) => b.reason === 'daily')
  if (latest && now.getTime() - Date.parse(latest.takenAt) < DAY_MS) return null
  return takeBackup(db, dir, now, 'daily')
}

/** Newest first. */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((file) => describe(join(dir, file)))
    .filter((b): b is BackupFile => b !== null)
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.file.localeCompare(a.file))
}

function describe(path: string): BackupFile | null {
  const file = basename(path)
  const match = NAME.exec(file.replace(/\.\d+\.sqlite$/, '.sqlite'))
  if (!match) return null
  const [, day, h, m, s, ms, reason] = match
  return {
    file,
    path,
    takenAt: `${day}T${h}:${m}:${s}.${ms}Z`,
    reason: reason as BackupReason,
    bytes: statSync(path).size,
  }
}

function prune(dir: string, reason: BackupReason): void {
  for (const old of listBackups(dir)
    .filter((b) => b.reason === reason)
    .slice(KEEP[reason]))
    rmSync(old.path, { force: true })
}
