/**
 * The sample issue, auto-laid onto 四开 pages and exported through a real Chromium to a real PDF,
 * checked with poppler (pdffonts, pdfinfo, pdftotext). One browser for the whole file.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LayoutReport } from '../../src/shared/layout/report'
import { EXPORT_COMMANDS } from '../../src/main/cli/export-commands'
import { launchPrintBrowser, type PlaywrightEngine } from '../../src/main/export/browser'
import { exportHtml, exportPdf, layoutIssue, type ExportEnv, type PdfReport } from '../../src/main/export/index'
import { getLayout, saveLayout } from '../../src/main/export/store'
import { docToBlocks, parseDoc } from '../../src/shared/doc/lexical'
import { MM_PER_PT } from '../../src/shared/layout/model'
import { tempLibrary, type TempLibrary } from '../helpers'

const resourcesDir = resolve(__dirname, '../../resources')
const PT = 1 / MM_PER_PT
const norm = (s: string): string => s.replace(/\s+/g, '')

let browser: PlaywrightEngine
let lib: TempLibrary
let env: ExportEnv
let issueId: number
let report: PdfReport
let pdf: string

function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  // -raw: text in the order it is drawn, which is the order of the article's flow.
  return norm(execFileSync('pdftotext', ['-raw', ...range, file, '-'], { encoding: 'utf8' }))
}

/**
 * The paragraph is in the text whole, or cut in two (转版: the start at the foot of one page, the
 * rest in the continuation on a later page) with nothing lost at the cut.
 */
function whole(text: string, paragraph: string): boolean {
  if (text.includes(paragraph)) return true
  for (let k = 1; k < paragraph.length; k++) {
    if (text.includes(paragraph.slice(0, k)) && text.includes(paragraph.slice(k))) {
      return text.indexOf(paragraph.slice(0, k)) < text.lastIndexOf(paragraph.slice(k))
    }
  }
  return false
}

function pageSizePt(file: string): [number, number] {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)
  return [Number(m?.[1]), Number(m?.[2])]
}

beforeAll(async () => {
  browser = await launchPrintBrowser()
  lib = tempLibrary()
  env = { api: lib.api, db: lib.db, resourcesDir }
  issueId = lib.api.call('sample.open', {}).issue.id
  const laid = await layoutIssue(env, issueId, { template: '四开', browser })
  expect(laid.layout.template.id).toBe('sikai')
  pdf = join(lib.dir, 'issue.pdf')
  report = await exportPdf(env, issueId, { out: pdf, browser })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  lib?.dispose()
})

describe('PDF export of the sample issue on 四开 pages', () => {
  it('uses the stored auto-layout: every article placed, one PDF page per newspaper page', () => {
    expect(report.source).toBe('stored')
    expect(report.unplaced).toEqual([])
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
    expect(info).toMatch(new RegExp(`Pages:\\s+${report.pages}\\n`))
    expect(report.pages).toBe(getLayout(lib.db, issueId)?.pages.length)
  })

  it('embeds only subset, non-Type-3 fonts: Noto Serif SC and Noto Sans SC', () => {
    const lines = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2)
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) {
      // name  type...  encoding  emb sub uni  object ID
      const m = /^(\S+)\s+(.+?)\s+(Identity-H|\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line)
      expect(m, line).not.toBeNull()
      expect(m?.[2], line).not.toMatch(/Type 3/)
      expect(m?.[4], line).toBe('yes')
      expect(m?.[5], line).toBe('yes')
      expect(m?.[1], line).toMatch(/^[A-Z]{6}\+NotoS(erif|ans)SC-(Regular|Bold|Black)$/)
    }
  })

  it('has the template trim size as its page size, title and author set', () => {
    const [w, h] = pageSizePt(pdf)
    expect(w).toBeCloseTo(270 * PT, 1)
    expect(h).toBeCloseTo(390 * PT, 1)
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
    expect(info).toMatch(/Title:\s+开发区建设 专刊 2024年第25期/)
    expect(info).toMatch(/Author:\s+\S+/)
    const boxes = execFileSync('pdfinfo', ['-box', pdf], { encoding: 'utf8' })
    expect(boxes).toMatch(/TrimBox:\s+0\.00\s+[\d.]+\s+765\.35\s+[\d.]+/)
  })

  it('has every headline and all body text of every article, or reports the blocks that overset', () => {
    const text = pdfText(pdf)
    const overset = new Set(report.overset.map((o) => o.articleId))
    for (const summary of lib.api.call('article.list', { issueId })) {
      const a = lib.api.call('article.get', { id: summary.id })
      expect(text).toContain(norm(a.headline))
      if (overset.has(a.id)) continue
      for (const b of docToBlocks(parseDoc(a.body))) {
        const expected = norm(b.type === 'photo' ? b.caption : b.text)
        if (expected) expect(whole(text, expected), `${a.headline}: ${expected.slice(0, 30)}`).toBe(true)
      }
    }
    // The sample fits its auto-layout on 四开: nothing overset.
    expect(report.overset).toEqual([])
  })

  it('shows the masthead on page 1 and folios on the others', () => {
    const page1 = pdfText(pdf, 1)
    for (const s of ['开发区建设', '专刊', '打造开发区建设升级版', '决胜高质量发展新战场', '山西省商务厅指导']) {
      expect(page1).toContain(s)
    }
    for (const s of ['2024年第25期', '邮发代号：21-465', '投稿邮箱：kfjzsk@163.com', '第1版'])
      expect(page1).toContain(s)
    const page2 = pdfText(pdf, 2)
    expect(page2).toContain('第2版')
    expect(page2).toContain('2024年第25期')
  })

  it('prints photo captions with the ■ credit', () => {
    expect(pdfText(pdf)).toContain('工人正在作业。■王超摄')
  })
})

describe('overset, bleed and crop marks', () => {
  it('reports exactly the block that does not fit (超 N 字) and never cuts silently', async () => {
    const layout = getLayout(lib.db, issueId)
    if (!layout) throw new Error('no layout')
    const victim = layout.pages[1]?.blocks[0]
    if (!victim) throw new Error('no block on page 2')
    const squeezed = structuredClone(layout)
    const target = squeezed.pages[1]?.blocks[0]
    if (target) target.lines = 8
    saveLayout(lib.db, issueId, squeezed, new Date().toISOString())
    try {
      const out = join(lib.dir, 'overset.pdf')
      const r = await exportPdf(env, issueId, { out, browser })
      expect(r.overset.map((o) => o.articleId)).toEqual([victim.articleId])
      const over = r.overset[0]?.overChars ?? 0
      const article = lib.api.call('article.get', { id: victim.articleId })
      expect(over).toBeGreaterThan(0)
      expect(over).toBeLessThan(norm(article.bodyText).length)
      expect(r.warnings[0]?.message_zh).toMatch(new RegExp(`第2版《.+》超 ${over} 字`))
    } finally {
      saveLayout(lib.db, issueId, layout, new Date().toISOString())
    }
  })

  it('adds bleed and a crop-mark slug around the trim, with TrimBox and BleedBox', async () => {
    const out = join(lib.dir, 'bleed.pdf')
    const r = await exportPdf(env, issueId, { out, browser, bleed: 3, marks: true })
    expect(r.pageSize).toEqual({ width: 270 + 2 * 13, height: 390 + 2 * 13 })
    const [w, h] = pageSizePt(out)
    expect(w).toBeCloseTo(296 * PT, 1)
    expect(h).toBeCloseTo(416 * PT, 1)
    const boxes = execFileSync('pdfinfo', ['-box', out], { encoding: 'utf8' })
    const trim = /TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(boxes)?.slice(1).map(Number) ?? []
    expect((trim[2] ?? 0) - (trim[0] ?? 0)).toBeCloseTo(270 * PT, 1)
    expect((trim[3] ?? 0) - (trim[1] ?? 0)).toBeCloseTo(390 * PT, 1)
    const bleed = /BleedBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(boxes)?.slice(1).map(Number) ?? []
    expect((bleed[2] ?? 0) - (bleed[0] ?? 0)).toBeCloseTo(276 * PT, 1)
  })
})

describe('HTML export', () => {
  it('writes one self-contained file: fonts (only needed subsets) and no outside references', async () => {
    const out = join(lib.dir, 'issue.html')
    const r = await exportHtml(env, issueId, { out, browser })
    const html = readFileSync(out, 'utf8')
    expect(html).not.toMatch(/(src|href)=["']?(https?:|file:|\/\/)/)
    expect(html).not.toMatch(/url\((?!data:)/)
    const faces = html.match(/@font-face/g)?.length ?? 0
    expect(faces).toBeGreaterThan(10)
    expect(faces).toBeLessThan(4 * 101)
    expect(html).toContain('开发区建设')
    // Opened on its own (no private origin), it lays out the same way: nothing overset.
    expect(r.overset).toEqual([])
    expect(new Set(r.fits.map((f) => f.articleId)).size).toBe(4)
  })
})

describe('CLI commands', () => {
  it('layout auto and export pdf through EXPORT_COMMANDS', async () => {
    const byName = (name: string) => EXPORT_COMMANDS.find((c) => c.name === name)
    const layout = byName('layout auto')
    const exportCmd = byName('export pdf')
    expect(layout && exportCmd).toBeTruthy()
    const laid = (await layout?.run(lib.api, { issue: String(issueId), template: 'sikai' }, [], lib)) as LayoutReport
    // The shape `folio layout auto --json` prints (issue 12 item 8).
    expect(laid.template).toMatchObject({ id: 'sikai', columns: 6 })
    expect(laid.pages.length).toBeGreaterThan(0)
    for (const [index, page] of laid.pages.entries()) {
      // Every page but the last at most 10% empty; every block placed on the grid with its fit.
      if (index < laid.pages.length - 1) expect(page.emptyFraction).toBeLessThanOrEqual(0.1)
      for (const block of page.blocks) {
        expect(block.columns).toBeGreaterThan(0)
        expect(block.column + block.columns).toBeLessThanOrEqual(6)
        expect(block.fit).toMatchObject({ overset: 0 })
        expect(block.fit?.shortLines).toBeLessThanOrEqual(3 * block.columns)
      }
    }
    expect(new Set(laid.pages.flatMap((p) => p.blocks.map((b) => b.articleId))).size).toBe(4)
    expect(layout?.human?.(laid)).toMatch(/第1版.*空 \d+% empty/)
    const out = join(lib.dir, 'cli.pdf')
    const r = (await exportCmd?.run(lib.api, { issue: String(issueId), out, template: 'A4' }, [], lib)) as PdfReport
    expect(existsSync(out)).toBe(true)
    expect(r.template).toBe('a4')
    expect(r.source).toBe('auto')
    expect(exportCmd?.human?.(r)).toMatch(/210×297 mm/)
  }, 60_000)
})
