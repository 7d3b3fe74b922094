/**
 * A photo whose image is not a stored image (a library from before images were checked, or a
 * damaged one) never breaks layout or export of the whole issue: HTML export prints a marked
 * 图片缺失 frame and warns naming the article; a bundle export carries an empty frame and warns;
 * the export job reports the warnings instead of a silent 导出完成. The exported HTML carries a
 * strict CSP under which it still lays itself out.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchPrintBrowser, type PlaywrightEngine } from '../../src/main/export/browser'
import { importBundle } from '../../src/main/export/bundle'
import { exportHtml, layoutIssue, type ExportEnv, type HtmlReport } from '../../src/main/export/index'
import type { ExportJobStatus } from '../../src/shared/layout/outcome'
import { photoNode } from '../../src/shared/doc/lexical'
import { tempLibrary, type TempLibrary } from '../helpers'

const resourcesDir = resolve(__dirname, '../../resources')
const NOT_STORED = 'd'.repeat(64)

let browser: PlaywrightEngine
let lib: TempLibrary
let env: ExportEnv
let issueId: number
let headline: string
let html: string
let report: HtmlReport

beforeAll(async () => {
  browser = await launchPrintBrowser()
  lib = tempLibrary()
  env = { api: lib.api, db: lib.db, resourcesDir }
  const sample = lib.api.call('sample.open', {})
  issueId = sample.issue.id
  const victim = sample.articles[1]
  if (!victim) throw new Error('sample has too few articles')
  headline = victim.headline
  // The API refuses such photos now; an older or damaged library may still hold them.
  const doc = JSON.parse(victim.body) as { root: { children: unknown[] } }
  doc.root.children.splice(
    1,
    0,
    { ...photoNode({ caption: '不在库中的图片', credit: '王超' }), image: NOT_STORED },
    { ...photoNode({ caption: '坏掉的图片标识', credit: null }), image: '../../etc/passwd' },
  )
  lib.db.prepare('UPDATE articles SET body_json = ? WHERE id = ?').run(JSON.stringify(doc), victim.id)
  await layoutIssue(env, issueId, { template: 'sikai', browser })
  const out = join(lib.dir, 'issue.html')
  report = await exportHtml(env, issueId, { out, browser })
  html = readFileSync(out, 'utf8')
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await lib?.dispose()
})

describe('a photo whose image is not stored', () => {
  it('lays out and exports the whole issue, with a marked 图片缺失 frame in place of each such photo', () => {
    // One fit per block; an article cut across pages (转版) has one per part.
    expect(new Set(report.fits.map((f) => f.articleId)).size).toBe(4)
    expect(html.match(/class="frame missing" data-missing-image="true"/g)?.length).toBe(2)
    expect(html).toContain('<span>图片缺失</span>')
    expect(html).toContain('不在库中的图片')
    expect(html).not.toContain('etc/passwd')
  })

  it('warns naming the article, in Chinese and English', () => {
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        kind: 'missing-image',
        message_zh: `《${headline}》有 2 张图片不在资料库中，已印作「图片缺失」框，请重新插入图片`,
        message_en: `"${headline}": 2 photo(s) whose image is not in the library, printed as a marked "image missing" frame; insert the image again`,
      }),
    )
  })

  it('a bundle export job finishes with the warning (not a silent 导出完成) and the bundle imports', async () => {
    const started = await lib.api.dispatchAsync('export.start', { kind: 'bundle', issueId })
    if (!started.ok) throw new Error(started.error.message_en)
    const jobId = (started.result as ExportJobStatus).id
    let status: ExportJobStatus
    for (;;) {
      const answer = await lib.api.dispatchAsync('export.status', { jobId })
      if (!answer.ok) throw new Error(answer.error.message_en)
      status = answer.result as ExportJobStatus
      if (status.done) break
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(status.error).toBeNull()
    expect(status.warnings).toEqual([
      {
        message_zh: `《${headline}》有 2 张图片不在资料库中，包中以空图框代替，请重新插入图片`,
        message_en: `"${headline}": 2 photo(s) whose image is not in the library, bundled as empty photo frames; insert the image again`,
      },
    ])
    const result = await lib.api.dispatchAsync('export.result', { jobId })
    if (!result.ok) throw new Error(result.error.message_en)
    const file = join(lib.dir, 'issue.folio')
    writeFileSync(file, Buffer.from((result.result as { data: string }).data, 'base64'))

    const target = tempLibrary()
    try {
      const imported = importBundle({ api: target.api, db: target.db, resourcesDir }, file)
      const copy = target.api.call('article.get', { id: imported.articleIds[1] ?? 0 })
      expect(copy.headline).toBe(headline)
      expect(copy.bodyText).toContain('不在库中的图片')
      expect(copy.body).not.toContain(NOT_STORED)
    } finally {
      await target.dispose()
    }
  })
})

describe('exported HTML', () => {
  it('carries a strict CSP that allows only what it embeds', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)
    const csp = (meta?.[1] ?? '').replace(/&#39;/g, "'")
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'unsafe-inline'; /)
    expect(csp).toContain('img-src data:')
    expect(csp).toContain('font-src data:')
    expect(csp).toContain("base-uri 'none'")
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'))
  })

  it('opened on its own under that CSP: no violation, folio-print.js lays it out, fonts load, other scripts do not run', async () => {
    const page = await browser.browser.newPage()
    try {
      await page.addInitScript(() => {
        const w = window as unknown as { violations: string[] }
        w.violations = []
        document.addEventListener('securitypolicyviolation', (e) =>
          w.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
        )
      })
      await page.goto(pathToFileURL(join(lib.dir, 'issue.html')).href)
      await page.evaluate(() => document.fonts.ready)
      const state = await page.evaluate(() => {
        const w = window as unknown as { violations: string[]; folioPrint?: unknown }
        const hd = document.querySelector<HTMLElement>('.hd')
        return {
          violations: [...w.violations],
          script: typeof w.folioPrint,
          headerSnapped: hd?.style.height ?? '',
          fonts: [...document.fonts].filter((f) => f.status === 'loaded').length,
        }
      })
      expect(state.violations).toEqual([])
      expect(state.script).toBe('object')
      expect(state.headerSnapped).toMatch(/px$/)
      expect(state.fonts).toBeGreaterThan(0)
      // An inline script that is not folio-print.js (say, smuggled into an article) does not run.
      const smuggled = await page.evaluate(async () => {
        const w = window as unknown as { violations: string[]; smuggled?: number }
        const s = document.createElement('script')
        s.textContent = 'window.smuggled = 1'
        document.body.append(s)
        await new Promise((r) => setTimeout(r, 100))
        return { ran: w.smuggled ?? null, violations: [...w.violations] }
      })
      expect(smuggled).toEqual({ ran: null, violations: ['script-src-elem inline'] })
    } finally {
      await page.close()
    }
  })
})
