/**
 * Chromium's PDF → a PDF for the printer, with @cantoo/pdf-lib (a maintained fork of pdf-lib):
 * - page geometry: exact MediaBox (Chromium rounds the CSS page size), BleedBox and TrimBox;
 * - crop marks in the slug outside the bleed, in the registration colour (Separation /All: on every
 *   plate), drawn here rather than in the HTML so they are never part of the page's content;
 * - black and greys as K only: DeviceRGB neutrals (r = g = b) in the page content become DeviceCMYK
 *   0 0 0 K, so black text prints on the black plate alone; other colours and images stay RGB;
 * - readable font names: the @fontsource files are instances cut from Noto's variable fonts and
 *   keep the default instance's name (NotoSerifSCExtraLight-Black), which Chromium embeds; the
 *   fonts are renamed NotoSerifSC-Black, keeping the subset tag;
 * - document info (Title, Author, Subject, Creator, Producer, dates, Trapped), /Lang, and an
 *   output intent declaring what the RGB means (sRGB IEC 61966-2.1, the profile in
 *   resources/print/sRGB.icc): a monitor-class profile, so GTS_PDFA1, not a press condition.
 */
import { deflateSync, inflateSync } from 'node:zlib'
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from '@cantoo/pdf-lib'
import { FACES } from './fonts'

export interface PdfInfo {
  title: string
  author: string
  subject?: string
  keywords?: string
}

/** Exact page geometry in pt. */
export interface PdfBoxes {
  width: number
  height: number
  /** Inset of the trim from the page edge (bleed + mark slug), pt. */
  trimInset: number
  /** Inset of the bleed box from the page edge (the mark slug), pt. */
  bleedInset: number
}

export interface FinishOptions {
  boxes?: PdfBoxes
  /** Draw crop marks in the slug (needs boxes with a slug). */
  marks?: boolean
  /** ICC profile of the output intent (sRGB). */
  iccProfile?: Buffer
  now?: Date
}

const WEIGHT_WORDS = 'Thin|ExtraLight|UltraLight|Light|Regular|Medium|SemiBold|DemiBold|Bold|ExtraBold|Heavy|Black'
const FAMILY_SUFFIX = new RegExp(`(?:${WEIGHT_WORDS})$`)

/** NotoSerifSCExtraLight-Black → NotoSerifSC-Black (subset tag kept); other names unchanged. */
export function readableFontName(name: string): string {
  const m = /^([A-Z]{6}\+)?([^-]+)-(.+)$/.exec(name)
  if (!m) return name
  const [, tag = '', family = '', style = ''] = m
  for (const face of FACES) {
    const compact = face.family.replace(/\s+/g, '')
    if (family.startsWith(compact) && FAMILY_SUFFIX.test(family.slice(compact.length))) {
      return `${tag}${compact}-${style}`
    }
  }
  return name
}

function renameFonts(doc: PDFDocument): void {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue
    const type = object.lookup(PDFName.of('Type'))
    const key = type === PDFName.of('FontDescriptor') ? 'FontName' : type === PDFName.of('Font') ? 'BaseFont' : null
    if (!key) continue
    const value = object.lookup(PDFName.of(key))
    if (!(value instanceof PDFName)) continue
    const name = value.decodeText()
    const readable = readableFontName(name)
    if (readable !== name) object.set(PDFName.of(key), PDFName.of(readable))
  }
}

const NUMBER = '(?:\\d+(?:\\.\\d*)?|\\.\\d+)'
const NEUTRAL = new RegExp(`(^|\\s)(${NUMBER}) \\2 \\2 (rg|RG)(?=\\s|$)`, 'g')
const GREY = new RegExp(`(^|\\s)(${NUMBER}) (g|G)(?=\\s|$)`, 'g')

const k = (level: string): string => String(Math.round((1 - Number(level)) * 10000) / 10000)

/** DeviceRGB/DeviceGray neutrals in a content stream as K-only DeviceCMYK. */
export function neutralsToK(content: string): string {
  return content
    .replace(NEUTRAL, (_m, pre: string, v: string, op: string) => `${pre}0 0 0 ${k(v)} ${op === 'rg' ? 'k' : 'K'}`)
    .replace(GREY, (_m, pre: string, v: string, op: string) => `${pre}0 0 0 ${k(v)} ${op === 'g' ? 'k' : 'K'}`)
}

/**
 * A content stream's bytes. Chromium's are plain FlateDecode: Node's zlib inflates them several
 * times faster than pdf-lib's JavaScript decoder (the larger part of finishing a many-page PDF);
 * any other filter chain goes through pdf-lib.
 */
function decodeContent(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'))
  if (filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) {
    return inflateSync(stream.contents)
  }
  return decodePDFRawStream(stream).decode()
}

function rewriteStream(doc: PDFDocument, ref: PDFRef, seen: Set<string>): void {
  if (seen.has(ref.toString())) return
  seen.add(ref.toString())
  const stream = doc.context.lookup(ref)
  if (!(stream instanceof PDFRawStream)) return
  const text = Buffer.from(decodeContent(stream)).toString('latin1')
  const rewritten = neutralsToK(text)
  if (rewritten !== text) {
    const bytes = deflateSync(Buffer.from(rewritten, 'latin1'))
    const dict = stream.dict.clone(doc.context)
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'))
    dict.delete(PDFName.of('DecodeParms'))
    dict.set(PDFName.of('Length'), PDFNumber.of(bytes.length))
    doc.context.assign(ref, PDFRawStream.of(dict, bytes))
  }
  // Form XObjects drawn from this stream have content of their own.
  const resources = stream.dict.lookup(PDFName.of('Resources'))
  if (resources instanceof PDFDict) rewriteXObjects(doc, resources, seen)
}

function rewriteXObjects(doc: PDFDocument, resources: PDFDict, seen: Set<string>): void {
  const xobjects = resources.lookup(PDFName.of('XObject'))
  if (!(xobjects instanceof PDFDict)) return
  for (const [, value] of xobjects.entries()) {
    if (!(value instanceof PDFRef)) continue
    const x = doc.context.lookup(value)
    if (x instanceof PDFStream && x.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Form')) {
      rewriteStream(doc, value, seen)
    }
  }
}

function blackToK(doc: PDFDocument): void {
  const seen = new Set<string>()
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'))
    const refs =
      contents instanceof PDFRef
        ? [contents]
        : contents instanceof PDFArray
          ? contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef)
          : []
    for (const ref of refs) {
      const target = doc.context.lookup(ref)
      if (target instanceof PDFArray) {
        for (const r of target.asArray()) if (r instanceof PDFRef) rewriteStream(doc, r, seen)
      } else rewriteStream(doc, ref, seen)
    }
    const resources = page.node.Resources()
    if (resources) rewriteXObjects(doc, resources, seen)
  }
}

const MM = 72 / 25.4

/** Crop marks at the trim's corners, from 1 mm outside the bleed out to the page edge. */
function drawMarks(doc: PDFDocument, boxes: PdfBoxes): void {
  const bleed = boxes.trimInset - boxes.bleedInset
  const gap = bleed + 1 * MM
  const len = boxes.trimInset - gap
  if (len <= 0) return
  const all = doc.context.register(
    doc.context.obj([
      PDFName.of('Separation'),
      PDFName.of('All'),
      PDFName.of('DeviceCMYK'),
      doc.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 }),
    ]),
  )
  for (const page of doc.getPages()) {
    const media = page.getMediaBox()
    const left = media.x + boxes.trimInset
    const right = media.x + media.width - boxes.trimInset
    const bottom = media.y + boxes.trimInset
    const top = media.y + media.height - boxes.trimInset
    const lines: string[] = []
    const n = (v: number): string => String(Math.round(v * 1000) / 1000)
    for (const x of [left, right]) {
      lines.push(`${n(x)} ${n(top + gap)} m ${n(x)} ${n(top + gap + len)} l`)
      lines.push(`${n(x)} ${n(bottom - gap)} m ${n(x)} ${n(bottom - gap - len)} l`)
    }
    for (const y of [bottom, top]) {
      lines.push(`${n(left - gap)} ${n(y)} m ${n(left - gap - len)} ${n(y)} l`)
      lines.push(`${n(right + gap)} ${n(y)} m ${n(right + gap + len)} ${n(y)} l`)
    }
    const resources = page.node.Resources() ?? doc.context.obj({})
    if (!page.node.Resources()) page.node.set(PDFName.of('Resources'), resources)
    let spaces = resources.lookup(PDFName.of('ColorSpace'))
    if (!(spaces instanceof PDFDict)) {
      spaces = doc.context.obj({})
      resources.set(PDFName.of('ColorSpace'), spaces as PDFDict)
    }
    ;(spaces as PDFDict).set(PDFName.of('FolioAll'), all)
    // Outside any marked content: artifacts of production, not page content.
    // Chromium's content starts with a top-level cm (its CSS px to pt): wrap it in q … Q first, so the
    // marks are drawn in the page's own coordinates.
    page.node.wrapContentStreams(
      doc.context.register(doc.context.flateStream('q\n')),
      doc.context.register(doc.context.flateStream('\nQ\n')),
    )
    const ops = `q /Artifact BMC /FolioAll CS 1 SCN 0.25 w 0 J ${lines.join(' ')} S EMC Q`
    page.node.addContentStream(doc.context.register(doc.context.flateStream(ops)))
  }
}

function setBoxes(doc: PDFDocument, boxes: PdfBoxes): void {
  for (const page of doc.getPages()) {
    // Chromium rounds the page to whole device pixels: keep the top-left where it drew the page.
    const media = page.getMediaBox()
    const top = media.y + media.height
    const bottom = top - boxes.height
    const box = (inset: number) =>
      [media.x + inset, bottom + inset, boxes.width - 2 * inset, boxes.height - 2 * inset] as const
    page.setMediaBox(...box(0))
    page.setCropBox(...box(0))
    page.setBleedBox(...box(boxes.bleedInset))
    page.setTrimBox(...box(boxes.trimInset))
    page.node.delete(PDFName.of('ArtBox'))
  }
}

function setOutputIntent(doc: PDFDocument, icc: Buffer): void {
  const profile = doc.context.register(doc.context.flateStream(icc, { N: 3 }))
  const intent = doc.context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: profile,
  })
  doc.catalog.set(PDFName.of('OutputIntents'), doc.context.obj([intent]))
}

/** The printer's PDF from Chromium's. */
export async function finishPdf(pdf: Uint8Array, info: PdfInfo, options: FinishOptions = {}): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  const now = options.now ?? new Date()
  doc.setTitle(info.title, { showInWindowTitleBar: true })
  doc.setAuthor(info.author)
  if (info.subject) doc.setSubject(info.subject)
  if (info.keywords) doc.setKeywords([info.keywords])
  doc.setCreator('Folio')
  doc.setProducer('Folio (Chromium, @cantoo/pdf-lib)')
  doc.setCreationDate(now)
  doc.setModificationDate(now)
  doc.setLanguage('zh-CN')
  const infoRef = doc.context.trailerInfo.Info
  const infoDict = infoRef instanceof PDFRef ? doc.context.lookup(infoRef) : infoRef
  if (infoDict instanceof PDFDict) infoDict.set(PDFName.of('Trapped'), PDFName.of('False'))

  renameFonts(doc)
  blackToK(doc)
  if (options.boxes) {
    setBoxes(doc, options.boxes)
    if (options.marks) drawMarks(doc, options.boxes)
  }
  if (options.iccProfile) setOutputIntent(doc, options.iccProfile)
  // Classic cross-reference table, no object streams: what older RIPs and preflight tools expect.
  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }))
}
