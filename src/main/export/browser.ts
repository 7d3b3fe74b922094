/**
 * The Chromium that measures and prints (playwright-core driving /usr/bin/chromium, or FOLIO_CHROMIUM).
 * Documents are served from a private origin by request interception: the HTML, the font subset
 * files it actually uses, and library images. Nothing touches the network or system fonts.
 */
import { chromium, type Browser, type Page } from 'playwright-core'
import { readFontFile } from './fonts'

export const PRINT_ORIGIN = 'http://folio.print'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
]

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.FOLIO_CHROMIUM ?? '/usr/bin/chromium'
}

export async function launchPrintBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true })
}

export interface Served {
  html: string
  image?(hash: string): { mime: string; bytes: Buffer } | null
}

/** Opens `doc.html` in a fresh page and waits until the document has laid itself out (folio-print.js). */
export async function openDocument(browser: Browser, served: Served): Promise<Page> {
  const page = await browser.newPage()
  await page.route(`${PRINT_ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/doc.html') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served.html })
    }
    const font = /^\/fonts\/([\w.-]+\.woff2)$/.exec(path)
    if (font?.[1]) {
      const bytes = readFontFile(font[1])
      if (bytes) return route.fulfill({ status: 200, contentType: 'font/woff2', body: bytes })
    }
    const image = /^\/img\/([0-9a-f]{64})$/.exec(path)
    if (image?.[1] && served.image) {
      const found = served.image(image[1])
      if (found) return route.fulfill({ status: 200, contentType: found.mime, body: found.bytes })
    }
    return route.fulfill({ status: 404, body: '' })
  })
  // Anything else (a stray link in an article) never leaves the machine.
  await page.route(/^(?!http:\/\/folio\.print\/)/, (route) => route.abort())
  await page.goto(`${PRINT_ORIGIN}/doc.html`, { waitUntil: 'load' })
  await page.evaluate('window.folioPrint.done')
  return page
}
