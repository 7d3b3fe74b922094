/**
 * Electron shell: thin. Opens the library under the user-data folder, creates one locked-down
 * window and routes every renderer call through a single checked IPC handler.
 *
 * The renderer is served from app://folio/ (a privileged standard scheme, see app-protocol.ts), never
 * file://; in development from electron-vite's dev server. Both IPC channels (the API call and the
 * flush acknowledgement on close) accept only our window's top frame on our own origin; change
 * events go out to our windows on CHANGES_CHANNEL.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron'
import { join } from 'node:path'
import { folioError } from '../../shared/api/errors'
import { hostLibrary, type LibraryHost } from '../host'
import { findResources } from '../library'
import { electronPrintEngine } from './print'
import { CONTENT_SECURITY_POLICY } from '../security'
import { CHANGES_CHANNEL, FLUSH_CHANNEL, FLUSHED_CHANNEL, INVOKE_CHANNEL } from '../../shared/api/channels'
import { requestLimit } from '../../shared/api/limits'
import { withinRequestLimit } from './ipc-size'
import { ipcCallMeta } from './ipc-meta'
import {
  APP_INDEX_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  isAllowedRendererRequest,
  isAppUrl,
  serveAppRequest,
} from './app-protocol'

let library: LibraryHost | null = null
let mainWindow: BrowserWindow | null = null
const DEV_URL = process.env.ELECTRON_RENDERER_URL
const RENDERER_DIR = join(__dirname, '../renderer')

// Must happen before 'ready': app:// becomes a standard, secure origin (no CSP bypass, no CORS reads).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

/** Our own pages: app://folio/… in a built app, the dev server's origin in development. */
function isOwnUrl(url: string): boolean {
  if (DEV_URL) {
    try {
      return new URL(url).origin === new URL(DEV_URL).origin
    } catch {
      return false
    }
  }
  return isAppUrl(url)
}

/** Every IPC message: only our own window's top frame, showing our own page, may speak. */
function checkedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame
  return (
    mainWindow !== null &&
    event.sender === mainWindow.webContents &&
    frame !== null &&
    frame === event.sender.mainFrame &&
    isOwnUrl(frame.url)
  )
}

/** External links open in the system browser, and only http(s)/mailto. */
function openExternalChecked(url: string): void {
  try {
    const parsed = new URL(url)
    if (['https:', 'http:', 'mailto:'].includes(parsed.protocol)) void shell.openExternal(parsed.toString())
  } catch {
    /* not a URL: ignore */
  }
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) {
      event.preventDefault()
      openExternalChecked(url)
    }
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternalChecked(url)
    return { action: 'deny' }
  })
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isOwnUrl(event.url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Folio',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  mainWindow = win
  lockDown(win.webContents)
  win.once('ready-to-show', () => win.show())

  // On close, let the renderer flush its pending autosave before the window goes.
  let flushed = false
  win.on('close', (event) => {
    if (flushed) return
    event.preventDefault()
    // The acknowledgement is checked like every call: a stray frame cannot close the window early.
    const onFlushed = (ack: IpcMainEvent): void => {
      if (checkedSender(ack)) done()
    }
    const done = (): void => {
      clearTimeout(timer)
      ipcMain.removeListener(FLUSHED_CHANNEL, onFlushed)
      if (flushed) return
      flushed = true
      win.close()
    }
    const timer = setTimeout(done, 3000)
    ipcMain.on(FLUSHED_CHANNEL, onFlushed)
    win.webContents.send(FLUSH_CHANNEL)
  })
  win.on('closed', () => {
    mainWindow = null
  })

  void win.loadURL(DEV_URL ?? APP_INDEX_URL)
}

void app.whenReady().then(() => {
  try {
    // A library that cannot be opened for writing is served in recovery (the window says why and
    // offers its backups); one another Folio is writing is refused here, clearly.
    library = hostLibrary(process.env.FOLIO_DB ?? join(app.getPath('userData'), 'folio-library.sqlite'), {
      // Measure and print with Electron's own Chromium (webContents.printToPDF), not an external browser.
      launchPrint: electronPrintEngine,
      resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : findResources(__dirname),
      by: 'Folio desktop',
    })
  } catch (error) {
    const e = (error as { error?: { message_zh: string; message_en: string } }).error
    dialog.showErrorBox('Folio', e ? `${e.message_zh}\n\n${e.message_en}` : String(error))
    app.quit()
    return
  }
  // The built renderer, from its folder only (path-traversal checked), with its MIME type and CSP.
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(RENDERER_DIR, request))
  // Nothing but our origin (and the dev server in development) is ever fetched by the window.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRendererRequest(details.url, DEV_URL) })
  })
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  // The push channel: every change the library commits goes to each of our windows showing our page.
  library.api.onChange((change) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && isOwnUrl(win.webContents.getURL())) win.webContents.send(CHANGES_CHANNEL, change)
    }
  })

  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown, meta: unknown) => {
    if (!checkedSender(event) || !library) {
      return {
        ok: false,
        error: folioError('unauthorized', '拒绝来自未知页面的请求。', 'Request from an unknown frame refused.'),
      }
    }
    if (typeof method !== 'string') {
      return { ok: false, error: folioError('unknown_method', '缺少操作名。', 'Missing method name.') }
    }
    // The same per-method size limits as browser mode's HTTP bodies (shared/api/limits.ts).
    if (!withinRequestLimit(method, input)) {
      const mb = Math.ceil(requestLimit(method) / 1_000_000)
      return {
        ok: false,
        error: folioError('too_large', `请求过大（超过 ${mb} MB）。`, `Request too large (over ${mb} MB).`),
      }
    }
    // Who acts and which window: checked like the method and the input.
    const checked = ipcCallMeta(meta)
    if (!checked.ok) return { ok: false, error: checked.error }
    return library.api.dispatchAsync(method, input, checked.meta)
  })

  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('web-contents-created', (_event, contents) => lockDown(contents))

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', (event) => {
  const open = library
  if (!open) return
  library = null
  event.preventDefault()
  void open.close().finally(() => app.quit())
})
