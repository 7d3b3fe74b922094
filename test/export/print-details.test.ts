/**
 * What an editor checks on a proof before signing it (签版), on real output: the sample issue laid
 * out on 四开 and 对开, the 四开 one exported through Chromium to a PDF with 3 mm bleed and crop marks,
 * read back with poppler (pdftotext, pdftoppm). Each check is derived from the issue's own data (its
 * number, datelines, subtitles, photos), so it holds for any issue, not only the sample.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchPrintBrowser, openDocument, type PlaywrightEngine } from '../../src/main/export/browser'
import { exportPdf, layoutIssue, preparePrintHtml, type ExportEnv, type PdfReport } from '../../src/main/export/index'
import { saveLayout } from '../../src/main/export/store'
import { photoRefs } from '../../src/shared/doc/photos'
import type { ExportJobStatus } from '../../src/shared/layout/outcome'
import { tempLibrary, type TempLibrary } from '../helpers'

const resourcesDir = resolve(__dirname, '../../resources')

let browser: PlaywrightEngine
let lib: TempLibrary
let env: ExportEnv
let issueId: number
let pdf: string
let report: PdfReport
/** Facts read in Chromium from the print document, per template. */
const facts = new Map<string, DocFacts>()

interface DocFacts {
  /** Paragraphs whose last line holds fewer than two characters (punctuation not counted). */
  orphans: string[]
  /** No-break runs (folio, masthead, dateline, paragraph ends) laid out on more than one line. */
  brokenRuns: string[]
  /** Folio and masthead items (期号, date, 责任编辑 …) laid out on more than one line. */
  brokenItems: string[]
  /** Folio lines wider than the type area. */
  overfullFolios: number
  /** The most rows any folio line was laid out in (the masthead's facts may take two on A4). */
  folioRows: number
  /** Lines of each dateline, as laid out. */
  datelines: string[][]
  /** Width of each 2-em unit, in em of its own font. */
  em2Widths: number[]
  runs: number
  /** Paragraphs with one line alone at the foot or the head of a column (lines per column). */
  lone: string[]
  /** Body lines that start with closing punctuation. */
  badStarts: string[]
  /** Space after a digit or Latin letter followed by a Han character (no space typed), in em; datelines are set tight. */
  autospace: number[]
  /** Width of a closing quote or bracket followed by an opening one, in em. */
  trimmed: number[]
  /** text-wrap-style of headlines and of body paragraphs. */
  wrap: { headline: string; body: string }
}

/** Runs in the print document: lays out lines by the characters' boxes. */
const READ_FACTS = `(() => {
  const range = document.createRange()
  function lines(el) {
    const out = []
    let cur = null
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        range.setStart(n, i)
        range.setEnd(n, i + 1)
        const r = range.getClientRects()[0]
        if (!r || /\\s/.test(n.data[i])) continue
        if (!cur || Math.abs(r.top - cur.top) > r.height / 2 || r.left < cur.right - r.width * 0.3) {
          cur = { top: r.top, right: r.right, text: '' }
          out.push(cur)
        }
        cur.text += n.data[i]
        cur.right = r.right
      }
    }
    return out.map((l) => l.text)
  }
  function charBoxes(el) {
    const out = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        range.setStart(n, i)
        range.setEnd(n, i + 1)
        const r = range.getClientRects()[0]
        if (r) out.push({ ch: n.data[i], r, el: n.parentElement, size: parseFloat(getComputedStyle(n.parentElement).fontSize) })
      }
    }
    return out
  }
  const probe = document.createElement('span')
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;text-indent:0;text-autospace:no-autospace'
  const body = [...document.querySelectorAll('.page .flow p, .page .flow blockquote')]
  const lone = []
  const badStarts = []
  const autospace = []
  const trimmed = []
  for (const p of body) {
    const boxes = charBoxes(p).filter((b) => !/\\s/.test(b.ch))
    // Lines, and the columns they fall in.
    const lines = []
    for (const b of boxes) {
      const last = lines[lines.length - 1]
      if (!last || Math.abs(b.r.top - last.top) > b.r.height / 2 || b.r.left < last.right - b.r.width * 0.3) {
        lines.push({ top: b.r.top, left: b.r.left, right: b.r.right, first: b.ch })
      } else last.right = b.r.right
    }
    for (const l of lines.slice(1)) if (/[，。、；：？！）》”’」』】,.;:?!)]/.test(l.first)) badStarts.push(l.first)
    const columns = []
    for (const l of lines) {
      const c = columns[columns.length - 1]
      if (!c || l.left > c.left + 40 || l.top < c.top) columns.push({ left: l.left, top: l.top, n: 1 })
      else {
        c.n++
        c.top = l.top
      }
    }
    if (columns.length > 1 && (columns[0].n === 1 || columns[columns.length - 1].n === 1))
      lone.push(p.textContent.slice(0, 16) + ' ' + columns.map((c) => c.n).join('/'))
    for (let i = 0; i + 1 < boxes.length; i++) {
      const a = boxes[i]
      const b = boxes[i + 1]
      if (Math.abs(a.r.top - b.r.top) > 1 || a.size !== b.size) continue
      const han = (c) => /\\p{Script=Han}/u.test(c)
      const latin = (c) => /[A-Za-z0-9]/.test(c)
      // A digit or letter before a Han character carries the autospace in its advance (justification
      // never widens it): its laid-out width less its own advance, set alone in the same element.
      if (latin(a.ch) && han(b.ch) && !a.el.closest('.dateline')) {
        probe.textContent = a.ch
        a.el.append(probe)
        autospace.push((a.r.width - probe.getBoundingClientRect().width) / a.size)
        probe.remove()
      }
      if (/[”’）》」』】]/.test(a.ch) && /[“‘（《「『【]/.test(b.ch)) trimmed.push(a.r.width / a.size)
    }
  }
  const style = (el) => (el ? getComputedStyle(el).textWrapStyle || getComputedStyle(el).textWrap : '')
  const wrap = { headline: style(document.querySelector('.page .headline')), body: style(body[0]) }
  const orphans = []
  for (const p of document.querySelectorAll('.page .flow p, .page .flow blockquote')) {
    const ls = lines(p)
    const last = ls[ls.length - 1] ?? ''
    if (ls.length > 1 && [...last.replace(/\\p{P}/gu, '')].length < 2) orphans.push(ls.slice(-2).join(' | '))
  }
  const runs = [...document.querySelectorAll('.page .nb')]
  const brokenRuns = runs.filter((el) => lines(el).length > 1).map((el) => lines(el).join(' | '))
  const items = [...document.querySelectorAll('.page .folio > div > span, .page .mh-facts > span')]
  const brokenItems = items.filter((el) => lines(el).length > 1).map((el) => lines(el).join(' | '))
  const overfullFolios = [...document.querySelectorAll('.page .folio, .page .mh-facts')].filter(
    (f) => f.scrollWidth > f.clientWidth + 1,
  ).length
  const folioRows = Math.max(
    ...[...document.querySelectorAll('.page .folio')].map(
      (f) => new Set([...f.querySelectorAll(':scope > div > span')].map((s) => Math.round(s.getBoundingClientRect().bottom))).size,
    ),
  )
  const datelines = [...document.querySelectorAll('.page .dateline')].map(lines)
  const em2Widths = [...document.querySelectorAll('.page .em2')].map(
    (el) => el.getBoundingClientRect().width / parseFloat(getComputedStyle(el).fontSize),
  )
  return { orphans, brokenRuns, brokenItems, overfullFolios, folioRows, datelines, em2Widths, runs: runs.length, lone, badStarts, autospace, trimmed, wrap }
})()`

/** Laid out on `template`, every page named and signed by an editor with a four-character name. */
async function readFacts(template: string): Promise<DocFacts> {
  const laid = await layoutIssue(env, issueId, { template, browser })
  // The sample fits one 对开 page (modular auto-layout): a second, empty page still carries a folio.
  if (laid.layout.pages.length < 2) laid.layout.pages.push({ number: 2, name: '', editor: '', blocks: [] })
  for (const page of laid.layout.pages) Object.assign(page, { name: '综合新闻', editor: '欧阳明月' })
  saveLayout(lib.db, issueId, laid.layout, new Date().toISOString())
  const { html } = await preparePrintHtml(env, issueId, { browser })
  const page = await openDocument(browser, { html })
  try {
    return (await page.evaluate(READ_FACTS)) as DocFacts
  } finally {
    await page.close()
  }
}

const articles = () => lib.api.call('article.list', { issueId }).map((s) => lib.api.call('article.get', { id: s.id }))

interface Word {
  page: number
  xMin: number
  yMin: number
  xMax: number
  yMax: number
  text: string
}

function words(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' })
  const out: Word[] = []
  let page = 0
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line)
    if (m) out.push({ page, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! })
  }
  return out
}

/** A region of a PDF page as grey pixels (pdftoppm -gray: binary PGM), `dpi` per inch. */
function raster(file: string, page: number, box: { x: number; y: number; w: number; h: number }, dpi: number) {
  const px = (pt: number) => Math.round((pt / 72) * dpi)
  const base = join(lib.dir, `crop-${page}-${px(box.x)}-${px(box.y)}`)
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-x',
    String(px(box.x)),
    '-y',
    String(px(box.y)),
    '-W',
    String(px(box.w)),
    '-H',
    String(px(box.h)),
    '-singlefile',
    file,
    base,
  ])
  const bytes = readFileSync(`${base}.pgm`)
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.toString('latin1', 0, 40))
  if (!header) throw new Error('not a binary PGM')
  const width = Number(header[1])
  const height = Number(header[2])
  const data = bytes.subarray(header[0].length)
  return { width, height, at: (x: number, y: number) => data[y * width + x] ?? 255 }
}

beforeAll(async () => {
  browser = await launchPrintBrowser()
  lib = tempLibrary()
  env = { api: lib.api, db: lib.db, resourcesDir }
  issueId = lib.api.call('sample.open', {}).issue.id
  // A publication date: the folio then carries the date with its weekday (2024年7月5日 星期五).
  lib.api.call('issue.update', { id: issueId, patch: { publicationDate: '2024-07-05' } })
  facts.set('a4', await readFacts('A4'))
  facts.set('duikai', await readFacts('对开'))
  facts.set('sikai', await readFacts('四开'))
  pdf = join(lib.dir, 'bleed.pdf')
  report = await exportPdf(env, issueId, { out: pdf, browser, bleed: 3, marks: true })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await lib?.dispose()
})

describe('no break inside a date, an issue number, a number with its unit or a name', () => {
  it('keeps every bound run on one line, on A4, 四开 and 对开', () => {
    for (const [template, f] of facts) {
      expect(f.runs, template).toBeGreaterThan(10)
      expect(f.brokenRuns, template).toEqual([])
    }
  })

  it('keeps each folio and masthead item on one line, and the folio inside the type area', () => {
    for (const [template, f] of facts) {
      expect(f.brokenItems, template).toEqual([])
      expect(f.overfullFolios, template).toBe(0)
      // Even on A4, with a date, a page name and a four-character editor's name: one line.
      expect(f.folioRows, template).toBe(1)
    }
  })

  it('breaks a dateline only between its parts', () => {
    const parts = articles()
      .flatMap((a) => a.dateline.split(/\s+/))
      .filter((p) => p && [...p].length <= 8)
    expect(parts.length).toBeGreaterThan(0)
    for (const [template, f] of facts) {
      for (const lines of f.datelines) {
        // Each line of a laid-out dateline is made of whole parts.
        for (const line of lines)
          expect(
            parts.some((p) => line.includes(p)),
            `${template}: ${line}`,
          ).toBe(true)
      }
      const laidParts = f.datelines.flatMap((lines) => lines).join(' ')
      for (const p of parts) expect(laidParts, template).toContain(p)
    }
  })

  it('pdftotext -layout of the bleed PDF finds the issue number and each dateline date unbroken', () => {
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    const issue = lib.api.call('issue.get', { id: issueId })
    expect(issue.number).not.toBe('')
    // The folio of every page and the masthead carry it, each time on one line, unspaced.
    const pages = text.split('\f').filter((p) => p.trim())
    for (const page of pages) expect(page).toContain(issue.number)
    for (const a of articles()) {
      for (const part of a.dateline.split(/\s+/).filter((p) => /\d/.test(p))) expect(text).toContain(part)
    }
    // The sample's own: its issue number and the dateline's date.
    expect(text).toContain('2024年第25期')
    expect(text).toContain('7月2日')
  })
})

describe('—— and …… as one 2-em unit', () => {
  it('lays out each 2-em unit exactly 2 em wide', () => {
    for (const [template, f] of facts) {
      expect(f.em2Widths.length, template).toBeGreaterThan(0)
      for (const w of f.em2Widths) expect(w, template).toBeCloseTo(2, 2)
    }
  })

  it('prints —— as one unbroken rule 2 em long, and text extraction still gives ——', () => {
    const subtitles = articles()
      .map((a) => a.subtitle.trim())
      .filter(Boolean)
    expect(subtitles.length).toBeGreaterThan(0)
    const raw = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    for (const s of subtitles) expect(raw).toContain(`——${s.replace(/\s+/g, '')}`)

    const all = words(pdf)
    const dash = all.find((w) => w.text === '——')
    if (!dash) throw new Error('no —— word in the PDF')
    // The em of the subtitle: the Han characters after the dash, 1 em each.
    const next = all.find((w) => w.page === dash.page && w.xMin >= dash.xMax - 0.5 && Math.abs(w.yMin - dash.yMin) < 1)
    if (!next) throw new Error('no text after ——')
    const em = (next.xMax - next.xMin) / [...next.text].length
    // The text after the unit starts 2 em after it starts.
    expect((next.xMin - dash.xMin) / em).toBeCloseTo(2, 1)

    const dpi = 600
    // The unit's own 2 em (a hair more each side), the height of its line.
    const box = { x: dash.xMin - 0.05 * em, y: dash.yMin, w: 2.1 * em, h: dash.yMax - dash.yMin }
    const img = raster(pdf, dash.page, box, dpi)
    // The row through the dash: the one with the most dark pixels; its dark runs.
    let best = { row: 0, dark: -1 }
    for (let y = 0; y < img.height; y++) {
      let dark = 0
      for (let x = 0; x < img.width; x++) if (img.at(x, y) < 128) dark++
      if (dark > best.dark) best = { row: y, dark }
    }
    const runs: number[] = []
    let run = 0
    for (let x = 0; x < img.width; x++) {
      if (img.at(x, best.row) < 128) run++
      else if (run > 0) {
        runs.push(run)
        run = 0
      }
    }
    if (run > 0) runs.push(run)
    const emPx = (em / 72) * dpi
    // One rule, no gap: before, two 0.81-em strokes 0.12 em apart.
    expect(runs.length, `runs ${runs.join(',')} at ${emPx.toFixed(1)} px/em`).toBe(1)
    expect((runs[0] ?? 0) / emPx).toBeGreaterThan(1.95)
    expect((runs[0] ?? 0) / emPx).toBeLessThan(2.05)
  })
})

describe('lines and columns', () => {
  it('the last line of a paragraph holds at least two characters, on 四开 and 对开', () => {
    for (const [template, f] of facts) expect(f.orphans, template).toEqual([])
  })

  it('no paragraph leaves one line alone at the foot or the head of a column', () => {
    for (const [template, f] of facts) expect(f.lone, template).toEqual([])
  })

  it('no line starts with closing punctuation (line-break: strict)', () => {
    for (const [template, f] of facts) expect(f.badStarts, template).toEqual([])
  })

  it('headlines are balanced, body paragraphs wrapped pretty', () => {
    for (const [template, f] of facts) expect(f.wrap, template).toEqual({ headline: 'balance', body: 'pretty' })
  })
})

describe('spacing (clreq)', () => {
  it('sets 1/8 em between Han and Latin letters or digits (text-autospace), and no typed space there', () => {
    for (const [template, f] of facts) {
      expect(f.autospace.length, template).toBeGreaterThan(20)
      for (const gap of f.autospace) expect(gap, template).toBeCloseTo(0.125, 1)
    }
    // The sample's typed spaces (年产 1GWh …) are gone from the printed text.
    const raw = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' })
    for (const a of articles()) {
      for (const m of a.headline.matchAll(/(\p{Script=Han}) +([A-Za-z0-9])/gu)) expect(raw).toContain(`${m[1]}${m[2]}`)
    }
  })

  it('collapses a closing quote or bracket followed by an opening one to half width (text-spacing-trim)', () => {
    for (const [template, f] of facts) {
      expect(f.trimmed.length, template).toBeGreaterThan(0)
      for (const w of f.trimmed) expect(w, template).toBeLessThan(0.6)
    }
  })
})

describe('a photo frame without its picture', () => {
  const emptyFrames = () => articles().filter((a) => photoRefs(JSON.parse(a.body)).some((p) => p.image === null))

  it('is printed marked 待插图片, and the export says so naming page and article', () => {
    const empty = emptyFrames()
    expect(empty.length).toBeGreaterThan(0)
    const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('待插图片')
    for (const a of empty) {
      const warning = report.warnings.find((w) => w.message_zh.includes(`《${a.headline}》`))
      expect(warning?.message_zh).toMatch(/^第\d+版《.+》有 \d+ 个图框没有图片，已印作「待插图片」框/)
      expect(warning?.message_en).toMatch(/photo frame\(s\) without a picture/)
    }
  })

  it('is not a grey box: the frame prints white with a red outline', () => {
    const frame = words(pdf).find((w) => w.text.includes('待插图片'))
    if (!frame) throw new Error('no 待插图片 label')
    // Left of the label, inside the frame, away from the cross: white paper, not the old grey fill.
    const img = raster(pdf, frame.page, { x: frame.xMin - 30, y: frame.yMin, w: 20, h: frame.yMax - frame.yMin }, 150)
    let sum = 0
    for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) sum += img.at(x, y)
    expect(sum / (img.width * img.height)).toBeGreaterThan(250)
  })

  it('a PDF export job ends with the warning, not a bare 导出完成', async () => {
    const started = await lib.api.dispatchAsync('export.start', { kind: 'pdf', issueId, bleed: 3, marks: true })
    if (!started.ok) throw new Error(started.error.message_en)
    const jobId = (started.result as ExportJobStatus).id
    let status: ExportJobStatus
    for (;;) {
      const answer = await lib.api.dispatchAsync('export.status', { jobId })
      if (!answer.ok) throw new Error(answer.error.message_en)
      status = answer.result as ExportJobStatus
      if (status.done) break
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(status.error).toBeNull()
    expect(status.warnings.map((w) => w.message_zh).join('\n')).toContain('待插图片')
  })
})
