/**
 * The desktop app's print engine: Electron's own Chromium in hidden windows, printing with
 * webContents.printToPDF. It serves the same private origin as the playwright engine (document,
 * font subsets, library images) from an in-memory session, so measuring and printing match.
 *
 * Each document gets its own partition, locked down like the main window and more: every request
 * that is not the print origin (or inline data) is cancelled before it starts, every answer carries
 * the print CSP as a header (only folio-print.js may run, by hash), no permission is ever granted,
 * and the window can neither navigate nor open another.
 */
import { BrowserWindow, session } from 'electron'
import { PRINT_ORIGIN, servePrintRequest, type PrintEngine, type PrintPage, type Served } from '../export/browser'
import { isAllowedPrintRequest, printContentSecurityPolicy, printScriptHash } from '../security'

let opened = 0

async function openWindow(served: Served): Promise<PrintPage> {
  // A fresh in-memory session per document: its http handler answers only for this document.
  const ses = session.fromPartition(`folio-print-${++opened}`, { cache: false })
  const hash = printScriptHash(served.html)
  const csp = printContentSecurityPolicy(PRINT_ORIGIN, hash ? [hash] : [])
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedPrintRequest(details.url, PRINT_ORIGIN) }),
  )
  ses.protocol.handle('http', (request) => {
    const url = new URL(request.url)
    if (url.origin !== PRINT_ORIGIN) return new Response(null, { status: 403 })
    const answer = servePrintRequest(served, url.pathname)
    const body = typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body)
    return new Response(body, {
      status: answer.status,
      headers: {
        'Content-Type': answer.mime,
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: ses,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  // loadURL below is not a navigation event; anything the document itself starts is refused.
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.on('will-frame-navigate', (event) => event.preventDefault())
  win.webContents.on('will-redirect', (event) => event.preventDefault())
  await win.loadURL(`${PRINT_ORIGIN}/doc.html`)
  await win.webContents.executeJavaScript('window.folioPrint.done')
  return {
    evaluate: (expression) => win.webContents.executeJavaScript(expression) as Promise<unknown>,
    content: () => win.webContents.executeJavaScript('document.documentElement.outerHTML') as Promise<string>,
    pdf: () => win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, generateTaggedPDF: true }),
    close: async () => {
      win.destroy()
      ses.protocol.unhandle('http')
      ses.webRequest.onBeforeRequest(null)
    },
  }
}

export async function electronPrintEngine(): Promise<PrintEngine> {
  return { open: openWindow, close: async () => {} }
}
