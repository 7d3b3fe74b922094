/**
 * The PDF a printer receives: the sample issue on 四开 exported through Chromium and finished by
 * pdf-finish.ts (@cantoo/pdf-lib) with 3 mm bleed and crop marks, read back with poppler (pdfinfo,
 * pdffonts, pdftoppm) and with pdf-lib itself for what poppler does not show (colour operators,
 * output intent).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from '@cantoo/pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchPrintBrowser, type PlaywrightEngine } from '../../src/main/export/browser'
import { exportPdf, layoutIssue, type ExportEnv } from '../../src/main/export/index'
import { neutralsToK, readableFontName } from '../../src/main/export/pdf-finish'
import { MM_PER_PT } from '../../src/shared/layout/model'
import { tempLibrary, type TempLibrary } from '../helpers'

const resourcesDir = resolve(__dirname, '../../resources')
const PT = 1 / MM_PER_PT
const BLEED = 3

let browser: PlaywrightEngine
let lib: TempLibrary
let pdf: string
let plain: string
let trim: { width: number; height: number }

type Box = [number, number, number, number]
function boxes(file: string): { page: number; name: string; box: Box }[] {
  const out = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '99', file], { encoding: 'utf8' })
  return [
    ...out.matchAll(
      /Page\s+(\d+)\s+(MediaBox|CropBox|BleedBox|TrimBox|ArtBox):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/g,
    ),
  ].map((m) => ({ page: Number(m[1]), name: m[2] ?? '', box: [m[3], m[4], m[5], m[6]].map(Number) as Box }))
}

/** A region of a PDF page as grey pixels, in pt from the page's top left. */
function raster(file: string, page: number, box: { x: number; y: number; w: number; h: number }, dpi = 300) {
  const px = (pt: number) => Math.max(1, Math.round((pt / 72) * dpi))
  const base = join(lib.dir, `r-${page}-${px(box.x)}-${px(box.y)}-${px(box.w)}`)
  execFileSync('pdftoppm', [
    ...['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page)],
    ...['-x', String(px(box.x)), '-y', String(px(box.y)), '-W', String(px(box.w)), '-H', String(px(box.h))],
    ...['-singlefile', file, base],
  ])
  const bytes = readFileSync(`${base}.pgm`)
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.toString('latin1', 0, 40))
  if (!header) throw new Error('not a binary PGM')
  const data = bytes.subarray(header[0].length)
  let dark = 0
  for (const v of data) if (v < 128) dark++
  return { dark }
}

/** Every decoded content stream of every page (and the forms they draw). */
async function contents(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(readFileSync(file))
  const out: string[] = []
  const seen = new Set<string>()
  const visit = (ref: unknown) => {
    if (!(ref instanceof PDFRef) || seen.has(ref.toString())) return
    seen.add(ref.toString())
    const s = doc.context.lookup(ref)
    if (s instanceof PDFArray) return s.asArray().forEach(visit)
    if (!(s instanceof PDFRawStream)) return
    out.push(Buffer.from(decodePDFRawStream(s).decode()).toString('latin1'))
    const xo = s.dict.lookup(PDFName.of('Resources'))
    if (xo instanceof PDFDict) forms(xo)
  }
  const forms = (resources: PDFDict) => {
    const x = resources.lookup(PDFName.of('XObject'))
    if (!(x instanceof PDFDict)) return
    for (const [, v] of x.entries()) {
      const o = doc.context.lookup(v)
      if (o instanceof PDFStream && o.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Form')) visit(v)
    }
  }
  for (const page of doc.getPages()) {
    const c = page.node.get(PDFName.of('Contents'))
    if (c instanceof PDFArray) c.asArray().forEach(visit)
    else visit(c)
    const r = page.node.Resources()
    if (r) forms(r)
  }
  return out
}

beforeAll(async () => {
  browser = await launchPrintBrowser()
  lib = tempLibrary()
  const env: ExportEnv = { api: lib.api, db: lib.db, resourcesDir }
  const issueId = lib.api.call('sample.open', {}).issue.id
  const laid = await layoutIssue(env, issueId, { template: '四开', browser })
  trim = laid.layout.template.trim
  pdf = join(lib.dir, 'press.pdf')
  await exportPdf(env, issueId, { out: pdf, browser, bleed: BLEED, marks: true })
  plain = join(lib.dir, 'plain.pdf')
  await exportPdf(env, issueId, { out: plain, browser })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await lib?.dispose()
})

describe('page geometry with 3 mm bleed and marks', () => {
  it('MediaBox = trim + bleed + mark slug; BleedBox = trim + bleed; TrimBox the template trim, centred', () => {
    const all = boxes(pdf)
    const pages = new Set(all.map((b) => b.page))
    expect(pages.size).toBeGreaterThan(1)
    for (const page of pages) {
      const get = (name: string) => all.find((b) => b.page === page && b.name === name)?.box ?? [0, 0, 0, 0]
      const media = get('MediaBox')
      const bleed = get('BleedBox')
      const trimBox = get('TrimBox')
      expect(trimBox[2] - trimBox[0]).toBeCloseTo(trim.width * PT, 1)
      expect(trimBox[3] - trimBox[1]).toBeCloseTo(trim.height * PT, 1)
      // Bleed: 3 mm outside the trim on every side, inside the MediaBox.
      for (const [i, sign] of [
        [0, -1],
        [1, -1],
        [2, 1],
        [3, 1],
      ] as const) {
        expect((bleed[i] - trimBox[i]) * sign).toBeCloseTo(BLEED * PT, 1)
        expect((media[i] - bleed[i]) * sign).toBeGreaterThan(5 * PT)
      }
      expect(get('CropBox')).toEqual(media)
    }
  })

  it('without bleed or marks, every box is the trim', () => {
    for (const b of boxes(plain)) {
      expect(b.box[2] - b.box[0], b.name).toBeCloseTo(trim.width * PT, 1)
      expect(b.box[3] - b.box[1], b.name).toBeCloseTo(trim.height * PT, 1)
    }
  })

  it('draws crop marks in the slug on the trim lines, outside the bleed, and nothing of them inside', () => {
    const t = boxes(pdf).find((b) => b.page === 1 && b.name === 'TrimBox')?.box ?? [0, 0, 0, 0]
    const m = boxes(pdf).find((b) => b.page === 1 && b.name === 'MediaBox')?.box ?? [0, 0, 0, 0]
    const height = m[3] - m[1]
    // Top-left corner, in pt from the page's top left.
    const left = t[0] - m[0]
    const top = m[3] - t[3]
    // On the vertical trim line, above the bleed (between bleed + 1 mm and the page edge): a mark.
    expect(raster(pdf, 1, { x: left - 1, y: 0, w: 2, h: top - (BLEED + 1.5) * PT }).dark).toBeGreaterThan(20)
    // On the horizontal trim line, left of the bleed: a mark.
    expect(raster(pdf, 1, { x: 0, y: top - 1, w: left - (BLEED + 1.5) * PT, h: 2 }).dark).toBeGreaterThan(20)
    // Between the mark's end and the trim (the bleed, 1 mm beyond) and inside the trim's corner: clean.
    expect(
      raster(pdf, 1, { x: left - 1, y: top - (BLEED + 0.8) * PT, w: 2, h: (BLEED + 0.8) * PT + 8 * PT }).dark,
    ).toBe(0)
    expect(
      raster(pdf, 1, { x: left - (BLEED + 0.8) * PT, y: top - 1, w: (BLEED + 0.8) * PT + 8 * PT, h: 2 }).dark,
    ).toBe(0)
    // Bottom-right corner too.
    const right = t[2] - m[0]
    const bottom = m[3] - t[1]
    expect(
      raster(pdf, 1, { x: right - 1, y: bottom + (BLEED + 1.5) * PT, w: 2, h: height - bottom - (BLEED + 1.5) * PT })
        .dark,
    ).toBeGreaterThan(20)
  })

  it('draws the marks in the registration colour (Separation /All), as production artifacts', async () => {
    const marks = (await contents(pdf)).filter((c) => c.includes('/Artifact BMC'))
    expect(marks.length).toBe(boxes(pdf).filter((b) => b.name === 'TrimBox').length)
    const doc = await PDFDocument.load(readFileSync(pdf))
    const spaces = doc.getPages()[0]?.node.Resources()?.lookup(PDFName.of('ColorSpace'))
    const all = spaces instanceof PDFDict ? spaces.lookup(PDFName.of('FolioAll')) : undefined
    expect(String(all)).toMatch(/^\[ \/Separation \/All \/DeviceCMYK/)
    expect((await contents(plain)).some((c) => c.includes('/Artifact BMC'))).toBe(false)
  })
})

describe('fonts, colour, document info', () => {
  it('embeds subset CID TrueType fonts (no Type 3) with readable names', () => {
    const lines = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2)
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) {
      expect(line).toMatch(
        /^[A-Z]{6}\+NotoS(erif|ans)SC-(Regular|Bold|Black)\s+CID TrueType\s+Identity-H\s+yes yes yes\s/,
      )
    }
  })

  it('prints black and greys on the black plate only: no RGB neutral left in any content stream', async () => {
    const all = (await contents(pdf)).join('\n')
    expect(all).toMatch(/(^|\s)0 0 0 1 k\s/)
    expect(all).not.toMatch(/(^|\s)((?:\d*\.)?\d+) \2 \2 (rg|RG)\s/)
    expect(all).not.toMatch(/(^|\s)(?:\d*\.)?\d+ [gG]\s/)
    // The masthead's red stays what it is.
    expect(all).toMatch(/\.7843 \.0863 \.1137 rg/)
  })

  it('sets Title, Author, Creator, Producer, an sRGB output intent and the language', async () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
    expect(info).toMatch(/Title:\s+开发区建设 专刊 2024年第25期/)
    expect(info).toMatch(/Author:\s+\S+/)
    expect(info).toMatch(/Creator:\s+Folio/)
    expect(info).toMatch(/Producer:\s+Folio \(Chromium, @cantoo\/pdf-lib\)/)
    expect(info).toMatch(/Tagged:\s+yes/)
    const doc = await PDFDocument.load(readFileSync(pdf))
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'))
    expect(intents).toBeInstanceOf(PDFArray)
    const intent = (intents as PDFArray).lookup(0, PDFDict)
    expect(String(intent.lookup(PDFName.of('S')))).toBe('/GTS_PDFA1')
    const profile = intent.lookup(PDFName.of('DestOutputProfile'))
    expect(profile).toBeInstanceOf(PDFRawStream)
    const icc = Buffer.from(decodePDFRawStream(profile as PDFRawStream).decode())
    expect(icc.equals(readFileSync(join(resourcesDir, 'print', 'sRGB.icc')))).toBe(true)
    expect(icc.toString('latin1', 12, 20)).toBe('mntrRGB ')
    expect(String(doc.catalog.lookup(PDFName.of('Lang')))).toBe('(zh-CN)')
  })
})

describe('pdf-finish helpers', () => {
  it('renames fonts cut from variable fonts, keeping the subset tag', () => {
    expect(readableFontName('AAAAAA+NotoSerifSCExtraLight-Black')).toBe('AAAAAA+NotoSerifSC-Black')
    expect(readableFontName('BBAAAA+NotoSansSCThin-Regular')).toBe('BBAAAA+NotoSansSC-Regular')
    expect(readableFontName('NotoSansSCThin-Bold')).toBe('NotoSansSC-Bold')
    expect(readableFontName('AAAAAA+NotoSerifSC-Black')).toBe('AAAAAA+NotoSerifSC-Black')
    expect(readableFontName('CAAAAA+SomethingElseThin-Bold')).toBe('CAAAAA+SomethingElseThin-Bold')
  })

  it('turns RGB and grey neutrals into K and nothing else', () => {
    expect(neutralsToK('q 0 0 0 RG 0 0 0 rg BT')).toBe('q 0 0 0 1 K 0 0 0 1 k BT')
    expect(neutralsToK('.6 .6 .6 rg\n1 1 1 RG')).toBe('0 0 0 0.4 k\n0 0 0 0 K')
    expect(neutralsToK('0.5 g 1 G /G3 gs')).toBe('0 0 0 0.5 k 0 0 0 0 K /G3 gs')
    expect(neutralsToK('.7843 .0863 .1137 rg 10 0 0 rg 1 0 0 -1 96 261 Tm')).toBe(
      '.7843 .0863 .1137 rg 10 0 0 rg 1 0 0 -1 96 261 Tm',
    )
  })
})
