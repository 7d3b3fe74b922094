/**
 * What a long-running entry point (browser-mode server, desktop app) serves: the library's API,
 * or — when the library cannot be opened for writing (damaged, read-only, disk full) — a recovery
 * API that writes nothing, tells the editor why in Chinese and English (library.status) and offers
 * the newest verified backups (library.restore moves the damaged file aside and opens the backup).
 */
import { schemas } from '../shared/api/contract'
import { FolioFailure, folioError, type ApiResult, type FolioError } from '../shared/api/errors'
import type { LibraryStatus } from '../shared/api/types'
import type { Api } from './api'
import type { ChangeListener } from './changes'
import { openFolio, recoverFromBackup, type FolioOptions, type Library } from './library'
import { backupsDirFor, listBackups } from './store/backup'

export interface LibraryHost {
  api: Api
  /** The open library, or null while only recovery is possible. */
  library(): Library | null
  close(): Promise<void>
}

/** Opens the library; a `locked` library (another Folio writes it) still throws: nothing to recover. */
export function hostLibrary(path: string, options: FolioOptions = {}): LibraryHost {
  let library: Library | null = null
  let failure: FolioError | null = null
  try {
    library = openFolio(path, options)
  } catch (error) {
    if (!(error instanceof FolioFailure) || error.error.code !== 'unavailable') throw error
    failure = error.error
    console.error(`${failure.message_zh}\n${failure.message_en}`)
  }

  const status = (): LibraryStatus => ({
    state: 'unavailable',
    path,
    error: failure as FolioError,
    backups: listBackups(backupsDirFor(path)),
  })
  const refused = (): ApiResult<unknown> => ({ ok: false, error: failure as FolioError })

  // push channel (h2): subscribers stay with the host, whichever library it has open.
  const listeners = new Set<ChangeListener>()
  const forward: ChangeListener = (event) => {
    for (const listener of [...listeners]) listener(event)
  }
  library?.api.onChange(forward)

  const api: Api = {
    async close() {
      await library?.api.close()
    },
    dispatch(method, input, meta) {
      if (library) return library.api.dispatch(method, input, meta)
      if (method === 'library.status') return { ok: true, result: status() }
      return refused()
    },
    async dispatchAsync(method, input, meta) {
      if (library) return library.api.dispatchAsync(method, input, meta)
      if (method !== 'library.restore') return api.dispatch(method, input, meta)
      const parsed = schemas['library.restore'].safeParse(input)
      if (!parsed.success) {
        return { ok: false, error: folioError('invalid_input', '请选择一个备份。', 'Choose a backup.', 'file') }
      }
      try {
        const outcome = recoverFromBackup(path, parsed.data.file, (options.now ?? (() => new Date()))())
        library = openFolio(path, options)
        library.api.onChange(forward)
        failure = null
        return { ok: true, result: outcome }
      } catch (error) {
        if (error instanceof FolioFailure) return { ok: false, error: error.error }
        return {
          ok: false,
          error: folioError('storage', `恢复失败：${String(error)}`, `Restore failed: ${String(error)}`),
        }
      }
    },
    call(method, input, meta) {
      const answer = api.dispatch(method, input, meta)
      if (!answer.ok) throw new FolioFailure(answer.error)
      return answer.result as never
    },
    onChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
  return {
    api,
    library: () => library,
    async close() {
      await library?.api.close()
      library?.close()
    },
  }
}
