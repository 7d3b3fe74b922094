/** IPC channel names shared by the Electron main process and the preload. */
export const INVOKE_CHANNEL = 'folio:invoke'
/** Main → renderer: the window is closing, save now. */
export const FLUSH_CHANNEL = 'folio:flush'
/** Renderer → main: pending saves are done. */
export const FLUSHED_CHANNEL = 'folio:flushed'
/** Main → renderer: the push channel, one ChangeEvent after each committed call that changed something. */
export const CHANGES_CHANNEL = 'folio:changes'
