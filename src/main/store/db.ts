import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { fail } from '../../shared/api/errors'
import { takeBackup } from './backup'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** Apply migrations only up to this version (tests of old library files). */
  targetVersion?: number
  /** Where a copy of the library goes before its schema is migrated; null for none. */
  backupsDir?: string | null
  now?: () => Date
}

/** Opens (creating if needed) a library file: WAL, foreign keys, full sync, migrated. */
export function openLibrary(path: string, options: OpenOptions = {}): Db {
  let db: Db
  try {
    db = new Database(path)
  } catch (error) {
    fail('storage', `无法打开资料库 ${path}：${String(error)}`, `Cannot open library ${path}: ${String(error)}`)
  }
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, options.targetVersion ?? SCHEMA_VERSION, options)
    if (schemaVersion(db) >= 4) ensureLibraryId(db)
  } catch (error) {
    db.close()
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_NOTADB') {
      fail('storage', `${path} 不是 Folio 资料库文件。`, `${path} is not a Folio library file.`)
    }
    throw error
  }
  return db
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
