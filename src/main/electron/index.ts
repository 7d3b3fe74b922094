/**
 * Electron shell: thin. Opens the library under the user-data folder, creates one locked-down
 * window and routes every renderer call through a single checked IPC handler.
 */
import { app, BrowserWindow, ipcMain, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { folioError } from '../../shared/api/errors'
import { findResources, openFolio, type Library } from '../library'
import { electronPrintEngine } from './print'
import { CONTENT_SECURITY_POLICY } from '../security'
import { FLUSH_CHANNEL, FLUSHED_CHANNEL, INVOKE_CHANNEL } from '../../shared/api/channels'

let library: Library | null = null
let mainWindow: BrowserWindow | null = null
const DEV_URL = process.env.ELECTRON_RENDERER_URL

const RENDERER_FILE = pathToFileURL(join(__dirname, '../renderer/index.html')).href

function isOwnUrl(url: string): boolean {
  const page = url.split('#')[0]
  return DEV_URL ? url.startsWith(DEV_URL) : page === RENDERER_FILE
}

/** The one IPC chokepoint: only our own window's top frame may call, and only contract methods. */
function checkedSender(event: IpcMainInvokeEvent): boolean {
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
    const done = (): void => {
      flushed = true
      win.close()
    }
    const timer = setTimeout(done, 3000)
    ipcMain.once(FLUSHED_CHANNEL, () => {
      clearTimeout(timer)
      done()
    })
    win.webContents.send(FLUSH_CHANNEL)
  })
  win.on('closed', () => {
    mainWindow = null
  })

  if (DEV_URL) void win.loadURL(DEV_URL)
  else void win.loadFile(join(__dirname, '../renderer/index.html'))
}

void app.whenReady().then(() => {
  library = openFolio(process.env.FOLIO_DB ?? join(app.getPath('userData'), 'folio-library.sqlite'), {
    // Measure and print with Electron's own Chromium (webContents.printToPDF), not an external browser.
    launchPrint: electronPrintEngine,
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : findResources(__dirname),
  })
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))

  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!checkedSender(event) || !library) {
      return {
        ok: false,
        error: folioError('unauthorized', '拒绝来自未知页面的请求。', 'Request from an unknown frame refused.'),
      }
    }
    if (typeof method !== 'string') {
      return { ok: false, error: folioError('unknown_method', '缺少操作名。', 'Missing method name.') }
    }
    return library.api.dispatchAsync(method, input)
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
  void open.api.close().finally(() => {
    open.close()
    app.quit()
  })
})
