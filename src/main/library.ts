import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { createApi, type Api, type ApiOptions } from './api'
import { backupsDirFor, dailyBackup } from './store/backup'
import { openLibrary, type Db } from './store/db'
import type { ServiceContext } from './services/context'
import { seedRegistry } from './services/zones'

export const DEFAULT_REVISION_INTERVAL_MS = 3 * 60 * 1000

export interface Library {
  db: Db
  api: Api
  /** The resources folder this library's services use (templates, gazetteer, print styles). */
  resourcesDir: string
  close(): void
}

/** Opens a library file and the API over it: what every entry point (Electron, web, CLI) starts with. */
export function openFolio(
  path: string,
  options: Partial<Omit<ServiceContext, 'db'>> & Pick<ApiOptions, 'launchPrint'> = {},
): Library {
  const file = resolve(path)
  const now = options.now ?? (() => new Date())
  const backupsDir = options.backupsDir === undefined ? backupsDirFor(file) : options.backupsDir
  const db = openLibrary(file, { backupsDir, now })
  const ctx: ServiceContext = {
    db,
    now,
    revisionIntervalMs: options.revisionIntervalMs ?? DEFAULT_REVISION_INTERVAL_MS,
    resourcesDir: options.resourcesDir ?? findResources(__dirname),
    backupsDir,
  }
  try {
    // once per library: the starter zone registry (later edits by editors are never undone)
    db.transaction(() => seedRegistry(ctx))()
    // A library with work in it gets its daily copy when opened (an empty one has nothing to lose).
    if (backupsDir && db.prepare('SELECT EXISTS (SELECT 1 FROM issues) AS any').pluck().get() === 1) {
      dailyBackup(db, backupsDir, now())
    }
  } catch (error) {
    db.close()
    throw error
  }
  return {
    db,
    resourcesDir: ctx.resourcesDir,
    api: createApi(ctx, { ...(options.launchPrint && { launchPrint: options.launchPrint }) }),
    close: () => db.close(),
  }
}

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
