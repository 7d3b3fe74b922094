import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fail, type FolioError } from '../shared/api/errors'
import type { RestoreOutcome } from '../shared/api/types'
import { createApi, type Api, type ApiOptions } from './api'
import {
  backupsDirFor,
  cleanBackups,
  dailyBackup,
  describeFile,
  findBackup,
  syncFile,
  takeBackup,
  verifyLibraryFile,
  type BackupFile,
} from './store/backup'
import { openLibrary, type Db } from './store/db'
import { acquireLock, type LibraryLock } from './store/lock'
import { SCHEMA_VERSION } from './store/migrations'
import type { ServiceContext } from './services/context'
import { seedRegistry } from './services/zones'

export const DEFAULT_REVISION_INTERVAL_MS = 3 * 60 * 1000

export interface Library {
  /** The open connection; a restore replaces it (read it each time, do not keep it). */
  readonly db: Db
  api: Api
  /** The resources folder this library's services use (templates, gazetteer, print styles). */
  resourcesDir: string
  /** Replaces the library with any verified library file (the CLI's `backup restore FILE`). */
  restoreFile(path: string): Promise<RestoreOutcome>
  close(): void
}

export interface FolioOptions extends Partial<Omit<ServiceContext, 'db'>>, Pick<ApiOptions, 'launchPrint'> {
  /** Read only: no lock, nothing migrated, seeded or backed up (CLI listings beside a running Folio). */
  readOnly?: boolean
  /** Who holds the writer's lock, shown to a second process ("web", "cli", "electron"). */
  by?: string
}

/**
 * Opens a library file and the API over it: what every entry point (Electron, web, CLI) starts
 * with. One writer per library (store/lock.ts); leftovers of interrupted backups are removed; a
 * library that cannot be opened for writing throws `unavailable` without being written.
 */
export function openFolio(path: string, options: FolioOptions = {}): Library {
  const file = resolve(path)
  const now = options.now ?? (() => new Date())
  const backupsDir = options.backupsDir === undefined ? backupsDirFor(file) : options.backupsDir
  const readOnly = options.readOnly ?? false
  const lock: LibraryLock | null = readOnly ? null : acquireLock(file, options.by ?? 'Folio', now())
  let db: Db
  try {
    if (backupsDir && !readOnly) cleanBackups(backupsDir)
    // The full page check only after a session that ended without closing (killed, crashed, power).
    db = openLibrary(file, { backupsDir, now, readOnly, check: lock?.tookOver ?? false })
  } catch (error) {
    lock?.release()
    throw error
  }
  const ctx: ServiceContext = {
    db,
    now,
    revisionIntervalMs: options.revisionIntervalMs ?? DEFAULT_REVISION_INTERVAL_MS,
    resourcesDir: options.resourcesDir ?? findResources(__dirname),
    backupsDir,
    backupFailure: null,
  }
  if (!readOnly) {
    try {
      // once per library: the starter zone registry (later edits by editors are never undone)
      db.transaction(() => seedRegistry(ctx))()
    } catch (error) {
      db.close()
      lock?.release()
      throw error
    }
    // A library with work in it gets its daily copy when opened (an empty one has nothing to lose).
    // A copy that fails is reported (library.info) and tried again at the next start.
    if (backupsDir && db.prepare('SELECT EXISTS (SELECT 1 FROM issues) AS any').pluck().get() === 1) {
      try {
        dailyBackup(db, backupsDir, now())
      } catch (error) {
        ctx.backupFailure = failureOf(error, now())
        console.error(`${ctx.backupFailure.message_zh}\n${ctx.backupFailure.message_en}`)
      }
    }
  }

  const restore = async (backup: string): Promise<RestoreOutcome> => {
    if (!backupsDir) fail('storage', '这个资料库没有备份位置。', 'This library has no place for backups.')
    return restoreFrom(findBackup(backupsDir, backup))
  }
  const restoreFrom = async (chosen: BackupFile): Promise<RestoreOutcome> => {
    if (readOnly) fail('storage', '只读打开的资料库不能恢复。', 'A library opened read-only cannot be restored.')
    if (!backupsDir) fail('storage', '这个资料库没有备份位置。', 'This library has no place for backups.')
    if (resolve(chosen.path) === file)
      fail('invalid_input', '不能用资料库自身来恢复。', 'A library cannot be restored from itself.', 'file')
    const problem = verifyLibraryFile(chosen.path, SCHEMA_VERSION)
    if (problem) {
      fail(
        'storage',
        `备份 ${chosen.file} 已损坏（${problem}），资料库未改动。`,
        `Backup ${chosen.file} is damaged (${problem}); the library is unchanged.`,
      )
    }
    // What is replaced is kept first: a restore can itself be undone from the panel.
    const safety = takeBackup(ctx.db, backupsDir, now(), 'safety')
    await api.close()
    const staging = stageCopy(chosen.path, file)
    ctx.db.close()
    try {
      replaceLibrary(staging, file)
    } finally {
      // Whatever happened, the library file is whole (rename is atomic): open what is there.
      ctx.db = openLibrary(file, { backupsDir, now })
    }
    return { restored: chosen, safety }
  }

  const api = createApi(ctx, { ...(options.launchPrint && { launchPrint: options.launchPrint }), restore })
  return {
    get db() {
      return ctx.db
    },
    resourcesDir: ctx.resourcesDir,
    api,
    restoreFile: async (path) => {
      const described = describeFile(resolve(path))
      if (!described)
        fail('not_found', `${path} 不是可读的资料库文件。`, `${path} is not a readable library file.`, 'file')
      return restoreFrom(described)
    },
    close: () => {
      ctx.db.close()
      lock?.release()
    },
  }
}

/**
 * A library that could not be opened (damaged, for instance) is replaced by a backup: the damaged
 * file is moved aside, never deleted (`<name>.damaged-<time>.sqlite`), and the backup copied in.
 */
export function recoverFromBackup(path: string, backup: string, now: Date = new Date()): RestoreOutcome {
  const file = resolve(path)
  const dir = backupsDirFor(file)
  const chosen = findBackup(dir, backup)
  const problem = verifyLibraryFile(chosen.path, SCHEMA_VERSION)
  if (problem) {
    fail(
      'storage',
      `备份 ${chosen.file} 已损坏（${problem}），没有恢复。`,
      `Backup ${chosen.file} is damaged (${problem}); nothing was restored.`,
    )
  }
  const lock = acquireLock(file, 'recovery', now)
  try {
    const staging = stageCopy(chosen.path, file)
    const stamp = now.toISOString().replace(/[:.]/g, '-')
    const aside = join(dirname(file), `${basename(file, '.sqlite')}.damaged-${stamp}.sqlite`)
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
    }
    replaceLibrary(staging, file)
    return { restored: chosen, safety: null, setAside: aside }
  } finally {
    lock.release()
  }
}

/** A verified copy of the backup beside the library, flushed, ready to be renamed over it. */
function stageCopy(backupPath: string, libraryPath: string): string {
  const staging = join(dirname(libraryPath), `.${basename(libraryPath)}.restoring`)
  rmSync(staging, { force: true })
  copyFileSync(backupPath, staging)
  syncFile(staging)
  return staging
}

/** Renames the staged copy over the library; a WAL left beside the old file must not meet the new one. */
function replaceLibrary(staging: string, libraryPath: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(libraryPath + suffix, { force: true })
  renameSync(staging, libraryPath)
  syncFile(dirname(libraryPath))
}

function failureOf(error: unknown, at: Date): FolioError & { at: string } {
  const folio = (error as { error?: FolioError }).error
  return {
    ...(folio ?? {
      code: 'storage',
      message_zh: `备份失败：${String(error)}`,
      message_en: `Backup failed: ${String(error)}`,
    }),
    at: at.toISOString(),
  }
}

export type { BackupFile }

/** Library path outside Electron: --db PATH, else FOLIO_DB, else ./folio-library.sqlite. */
export function libraryPathFrom(argDb: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(argDb ?? env.FOLIO_DB ?? 'folio-library.sqlite')
}

/** resources/ beside the nearest package.json above `from` (source, built out/ and packaged alike). */
export function findResources(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return join(dir, 'resources')
  }
  return join(from, 'resources')
}
