import type { FolioError } from '../../shared/api/errors'
import type { PersonRef } from '../../shared/api/review-types'
import type { Db } from '../store/db'

/** What every service needs: the library and a clock (injectable so tests control time). */
export interface ServiceContext {
  db: Db
  now: () => Date
  /** Minimum time between two automatic revisions of one article. */
  revisionIntervalMs: number
  /** The app's resources folder (sample issue, gazetteer, print styles). */
  resourcesDir: string
  /** Where the library's rotating backups go (store/backup.ts); null for none. */
  backupsDir: string | null
  /** The daily backup that failed when this library was opened, if one did. */
  backupFailure: (FolioError & { at: string }) | null
  /**
   * Who makes this call (编辑部成员), resolved per call by `dispatch` from the transport's
   * CallMeta.personId; null when the transport named no one. Records (revisions, review steps,
   * tag decisions) take it from here, never from the input.
   */
  actor?: PersonRef | null
}

export function isoNow(ctx: ServiceContext): string {
  return ctx.now().toISOString()
}
