/**
 * The Chromium that measures and prints (playwright-core driving /usr/bin/chromium, or FOLIO_CHROMIUM).
 * Documents are served from a private origin by request interception: the HTML, the font subset
 * files it actually uses, and library images. Nothing touches the network or system fonts.
 */
// Loaded on first print, not at every start (it costs ~300 ms and ~60 MB to load).
import type { Browser, Page } from 'playwright-core'
import { readFontFile } from './fonts'

export const PRINT_ORIGIN = 'http://folio.print'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
]

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.FOLIO_CHROMIUM ?? '/usr/bin/chromium'
}

/** A document opened for measuring and printing, whatever engine holds it. */
export interface PrintPage {
  evaluate(expression: string): Promise<unknown>
  /** The document as it stands (after folio-print.js laid it out). */
  content(): Promise<string>
  /** PDF at the CSS page size, backgrounds printed, tagged. */
  pdf(): Promise<Buffer>
  close(): Promise<void>
}

/**
 * What measures and prints: playwright-core with Debian's Chromium (browser mode, CLI, tests) or,
 * in the desktop app, Electron's own Chromium (src/main/electron/print.ts, webContents.printToPDF).
 * Both load the same HTML from the same private origin, so they measure and print alike.
 */
export interface PrintEngine {
  open(served: Served): Promise<PrintPage>
  close(): Promise<void>
}

export interface PlaywrightEngine extends PrintEngine {
  /** The raw browser, for baselines that must run without Folio code (bench). */
  readonly browser: Browser
}

export interface Served {
  html: string
  image?(hash: string): { mime: string; bytes: Buffer } | null
}

/** What the private origin answers for a path: the document, a font subset file or a library image. */
export function servePrintRequest(
  served: Served,
  path: string,
): { status: number; mime: string; body: Buffer | string } {
  if (path === '/doc.html') return { status: 200, mime: 'text/html; charset=utf-8', body: served.html }
  const font = /^\/fonts\/([\w.-]+\.woff2)$/.exec(path)
  if (font?.[1]) {
    const bytes = readFontFile(font[1])
    if (bytes) return { status: 200, mime: 'font/woff2', body: bytes }
  }
  const image = /^\/img\/([0-9a-f]{64})$/.exec(path)
  if (image?.[1] && served.image) {
    const found = served.image(image[1])
    if (found) return { status: 200, mime: found.mime, body: found.bytes }
  }
  return { status: 404, mime: 'text/plain', body: '' }
}

export async function launchPrintBrowser(): Promise<PlaywrightEngine> {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true })
  return {
    browser,
    open: (served) => openPlaywrightPage(browser, served),
    close: () => browser.close(),
  }
}

/** Opens a document in an engine and waits until it has laid itself out (folio-print.js). */
export function openDocument(engine: PrintEngine, served: Served): Promise<PrintPage> {
  return engine.open(served)
}

async function openPlaywrightPage(browser: Browser, served: Served): Promise<PrintPage> {
  const page: Page = await browser.newPage()
  await page.route(`${PRINT_ORIGIN}/**`, async (route) => {
    const answer = servePrintRequest(served, new URL(route.request().url()).pathname)
    return route.fulfill({ status: answer.status, contentType: answer.mime, body: answer.body })
  })
  // Anything else (a stray link in an article) never leaves the machine.
  await page.route(/^(?!http:\/\/folio\.print\/)/, (route) => route.abort())
  await page.goto(`${PRINT_ORIGIN}/doc.html`, { waitUntil: 'load' })
  await page.evaluate('window.folioPrint.done')
  return {
    evaluate: (expression) => page.evaluate(expression),
    content: () => page.content(),
    pdf: () => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true }),
    close: () => page.close(),
  }
}
