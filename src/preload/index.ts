/**
 * The preload exposes exactly one object, `window.folio`, typed against the contract.
 * No Node, no ipcRenderer, no other globals reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { FLUSH_CHANNEL, FLUSHED_CHANNEL, INVOKE_CHANNEL } from '../shared/api/channels'
import type { ApiResult } from '../shared/api/errors'
import type { Input, Method, Result } from '../shared/api/contract'

export interface FolioBridge {
  invoke<M extends Method>(method: M, input: Input<M>): Promise<ApiResult<Result<M>>>
  /** Registers the renderer's flush routine, run when the window is closing. */
  onFlushRequest(flush: () => Promise<void>): void
}

const bridge: FolioBridge = {
  invoke: (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  onFlushRequest: (flush) => {
    ipcRenderer.removeAllListeners(FLUSH_CHANNEL)
    ipcRenderer.on(FLUSH_CHANNEL, () => {
      void flush().finally(() => ipcRenderer.send(FLUSHED_CHANNEL))
    })
  },
}

contextBridge.exposeInMainWorld('folio', bridge satisfies FolioBridge)
