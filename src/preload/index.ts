/**
 * The preload exposes exactly one object, `window.folio`, typed against the contract.
 * No Node, no ipcRenderer, no other globals reach the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANGES_CHANNEL, FLUSH_CHANNEL, FLUSHED_CHANNEL, INVOKE_CHANNEL } from '../shared/api/channels'
import type { ApiResult } from '../shared/api/errors'
import type { Input, Method, Result } from '../shared/api/contract'
import type { CallMeta, ChangeEvent } from '../shared/api/review-types'

export interface FolioBridge {
  /** One call; `meta` says who acts and from which window (checked in main). */
  invoke<M extends Method>(method: M, input: Input<M>, meta?: CallMeta): Promise<ApiResult<Result<M>>>
  /** Registers the renderer's flush routine, run when the window is closing. */
  onFlushRequest(flush: () => Promise<void>): void
  /** The push channel: each change the library commits; answers how to stop listening. */
  onChange(listener: (change: ChangeEvent) => void): () => void
}

const bridge: FolioBridge = {
  invoke: (method, input, meta) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input, meta),
  onFlushRequest: (flush) => {
    ipcRenderer.removeAllListeners(FLUSH_CHANNEL)
    ipcRenderer.on(FLUSH_CHANNEL, () => {
      void flush().finally(() => ipcRenderer.send(FLUSHED_CHANNEL))
    })
  },
  onChange: (listener) => {
    // The page's callback gets the event's data only, never the IpcRendererEvent (it carries `sender`).
    const forward = (_event: IpcRendererEvent, change: ChangeEvent): void => listener(change)
    ipcRenderer.on(CHANGES_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(CHANGES_CHANNEL, forward)
    }
  },
}

contextBridge.exposeInMainWorld('folio', bridge satisfies FolioBridge)
