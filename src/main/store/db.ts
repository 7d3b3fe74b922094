import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { existsSync, statSync } from 'node:fs'
import { fail, FolioFailure } from '../../shared/api/errors'
import { takeBackup } from './backup'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** Apply migrations only up to this version (tests of old library files). */
  targetVersion?: number
  /** Where a copy of the library goes before its schema is migrated; null for none. */
  backupsDir?: string | null
  now?: () => Date
  /** Open an existing library for reading only: no lock needed, nothing migrated or written. */
  readOnly?: boolean
  /**
   * Run SQLite's quick_check before anything is written (default). It reads every page: 0.6 s on a
   * 500 MB library, so openFolio asks for it only after a session that did not end cleanly; a
   * damaged header is found by the first read anyway, and the daily backup reads every page.
   */
  check?: boolean
}

/**
 * Opens (creating if needed) a library file: WAL, foreign keys, full sync, migrated. An existing
 * file is checked (quick_check, see `check`) before anything is written to it, and a small write proves it can
 * be written; a library that fails either is closed untouched and reported as `unavailable`, with
 * the reason in Chinese and English (never a raw SqliteError).
 */
export function openLibrary(path: string, options: OpenOptions = {}): Db {
  if (options.readOnly) return openReadOnly(path)
  const existed = existsSync(path) && statSync(path).size > 0
  let db: Db
  try {
    db = new Database(path)
  } catch (error) {
    unavailable(path, error)
  }
  try {
    if (existed && options.check !== false) {
      const check = db.pragma('quick_check(1)', { simple: true }) as string
      if (check !== 'ok') throw new DamagedLibrary(check)
    }
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, options.targetVersion ?? SCHEMA_VERSION, options)
    if (schemaVersion(db) >= 4) {
      ensureLibraryId(db)
      // Proves the file can be written now (read-only file or folder, full disk) before anyone types:
      // a committed write that changes no content.
      db.prepare("UPDATE meta SET value = value WHERE key = 'library_id'").run()
    }
  } catch (error) {
    db.close()
    if (error instanceof FolioFailure) throw error
    unavailable(path, error)
  }
  return db
}

function openReadOnly(path: string): Db {
  let db: Db
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 5000')
  } catch (error) {
    unavailable(path, error)
  }
  const version = schemaVersion(db)
  if (version !== SCHEMA_VERSION) {
    db.close()
    fail(
      'storage',
      `资料库版本（${version}）与此 Folio（${SCHEMA_VERSION}）不同，只读打开前请先用 Folio 正常打开一次。`,
      `The library's schema (${version}) differs from this Folio's (${SCHEMA_VERSION}); open it normally once first.`,
    )
  }
  return db
}

class DamagedLibrary extends Error {}

const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT'])
const READ_ONLY = new Set([
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_PERM',
  'SQLITE_AUTH',
  'EACCES',
  'EROFS',
  'EPERM',
])
const FULL = new Set(['SQLITE_FULL', 'ENOSPC'])

/** A library that cannot be opened for writing, told plainly; `field` says why (damaged, readonly, full, other). */
function unavailable(path: string, error: unknown): never {
  const code = String((error as { code?: unknown }).code ?? '')
  const detail = error instanceof Error ? error.message : String(error)
  const kind =
    error instanceof DamagedLibrary || DAMAGED.has(code) || DAMAGED.has(code.replace(/_[A-Z]+$/, ''))
      ? 'damaged'
      : READ_ONLY.has(code) || READ_ONLY.has(code.replace(/_[A-Z]+$/, ''))
        ? 'readonly'
        : FULL.has(code)
          ? 'full'
          : 'other'
  const [zh, en] = (
    {
      damaged: [
        `资料库文件已损坏或不是 Folio 资料库文件，无法打开：${path}（${detail}）。Folio 没有改动它。`,
        `The library file is damaged or not a Folio library, and cannot be opened: ${path} (${detail}). Folio has not changed it.`,
      ],
      readonly: [
        `资料库文件或它所在的文件夹是只读的，Folio 无法写入：${path}。`,
        `The library file or its folder is read-only, so Folio cannot write to it: ${path}.`,
      ],
      full: [
        `磁盘已满，资料库无法写入：${path}。请腾出空间后重新启动 Folio。`,
        `The disk is full, so the library cannot be written: ${path}. Free some space and start Folio again.`,
      ],
      other: [`无法打开资料库 ${path}（${detail}）。`, `Cannot open the library ${path} (${detail}).`],
    } satisfies Record<string, [string, string]>
  )[kind]
  fail('unavailable', zh, en, kind)
}

/** The library's identity: a random id written once into the library file (meta library_id). */
export function libraryId(db: Db): string {
  const id = db.prepare("SELECT value FROM meta WHERE key = 'library_id'").pluck().get() as string | undefined
  return id ?? ''
}

function ensureLibraryId(db: Db): void {
  if (libraryId(db) !== '') return
  db.prepare("INSERT INTO meta (key, value) VALUES ('library_id', ?)").run(randomUUID())
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

function migrate(db: Db, target: number, options: OpenOptions): void {
  const current = schemaVersion(db)
  if (current > SCHEMA_VERSION) {
    fail(
      'storage',
      `资料库由更新版本的 Folio 创建（版本 ${current}），请升级 Folio 后再打开。`,
      `This library was written by a newer Folio (schema ${current}); please upgrade Folio.`,
    )
  }
  // An existing library is copied as it was before its schema changes (store/backup.ts).
  if (current > 0 && current < target && options.backupsDir) {
    takeBackup(db, options.backupsDir, (options.now ?? (() => new Date()))(), 'migration')
  }
  for (let version = current; version < target; version++) {
    const step = MIGRATIONS[version]
    if (step === undefined) break
    db.transaction(() => {
      db.exec(step)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
