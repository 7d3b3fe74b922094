/**
 * PDF export time for a 4-page and a 16-page 四开 issue (the sample's articles repeated), reported
 * as a ratio against Chromium printing the same prepared document with no Folio code in the loop:
 * the laid-out DOM (after folio-print.js ran) saved as a static HTML file, fonts as file: URLs,
 * opened and printed by the same browser. So the ratio is Folio's overhead (loading the issue,
 * rendering HTML, serving fonts, snapping, copyfit measuring, PDF post-processing) on top of printing.
 * Folio and Chromium alternate (bench/report.ts interleaved), the median of five runs each, on the
 * same 四开 template; the rows go into bench/results/<date>.json.
 *
 *   npx tsx bench/export.bench.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchPrintBrowser, openDocument, type PlaywrightEngine } from '../src/main/export/browser'
import { fontFiles } from '../src/main/export/fonts'
import { exportPdf, layoutIssue, preparePrintHtml, type ExportEnv } from '../src/main/export/index'
import { openFolio } from '../src/main/library'
import { interleaved, record, row, type Row } from './report'

const resourcesDir = resolve(__dirname, '../resources')

/** An issue of the sample's articles repeated `copies` times. */
function buildIssue(env: ExportEnv, copies: number): number {
  const { issue, articles } = env.api.call('sample.open', {})
  for (let c = 1; c < copies; c++) {
    for (const summary of articles) {
      const a = env.api.call('article.get', { id: summary.id })
      env.api.call('article.create', {
        issueId: issue.id,
        kicker: a.kicker,
        headline: `${a.headline}（${c + 1}）`,
        subtitle: a.subtitle,
        dateline: a.dateline,
        byline: a.byline,
        body: a.body,
      })
    }
  }
  return issue.id
}

/** The prepared document as a static file: DOM after folio-print.js, no script, fonts from disk. */
async function staticCopy(browser: PlaywrightEngine, env: ExportEnv, issueId: number, dir: string): Promise<string> {
  const prepared = await preparePrintHtml(env, issueId, { browser })
  const page = await openDocument(browser, { html: prepared.html })
  let html = await page.content()
  await page.close()
  html = html.replace(/<script>[\s\S]*?<\/script>/g, '')
  for (const f of fontFiles()) html = html.split(`http://folio.print/fonts/${f.file}`).join(pathToFileURL(f.path).href)
  const file = join(dir, `static-${issueId}.html`)
  writeFileSync(file, html)
  return file
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'folio-bench-'))
  const lib = openFolio(join(dir, 'bench.sqlite'))
  const env: ExportEnv = { api: lib.api, db: lib.db, resourcesDir }
  const browser = await launchPrintBrowser()
  try {
    const rows: Row[] = []
    for (const [label, copies] of [
      ['4-page', 2],
      ['16-page', 8],
    ] as const) {
      const issueId = buildIssue(env, copies)
      const laid = await layoutIssue(env, issueId, { template: 'sikai', browser })
      const pages = laid.layout.pages.length
      const out = join(dir, `${label}.pdf`)
      const file = await staticCopy(browser, env, issueId, dir)
      const chromium = async (): Promise<void> => {
        const page = await browser.browser.newPage()
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
        await page.evaluate('document.fonts.ready.then(() => true)')
        await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true })
        await page.close()
      }
      // The same template on both sides: the stored 四开 layout, and 四开 laid out again (measure + auto).
      const stored = await interleaved(() => exportPdf(env, issueId, { out, browser }), chromium, 5, 1)
      // The same articles in an issue with no stored layout: every export measures and lays it out.
      const unlaid = buildIssue(env, copies)
      const auto = await interleaved(() => exportPdf(env, unlaid, { out, browser, template: 'sikai' }), chromium, 5, 1)
      const what = `${label} issue (${pages} pages, ${copies * 4} articles)`
      rows.push(
        row(
          `export pdf, ${what}, stored layout`,
          'Chromium printing the same prepared HTML',
          stored.a.median,
          stored.b.median,
          5,
        ),
        row(
          `export pdf, ${what}, measure + auto-layout`,
          'Chromium printing the same prepared HTML',
          auto.a.median,
          auto.b.median,
          5,
        ),
      )
    }
    record('export', rows)
  } finally {
    await browser.close()
    lib.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
