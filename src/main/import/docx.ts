/**
 * Import of Word (.docx) files.
 *
 * mammoth reads the file into its document tree (paragraphs with their style,
 * runs with bold/italic, images, tables); we take that tree through
 * `transformDocument` rather than parsing the HTML mammoth would write from it,
 * so that style names, alignment and font sizes stay available. (The tree is
 * mammoth's "unstable" transform API: mammoth is pinned to an exact version and
 * docx.test.ts covers what is read from it.)
 *
 * The tree is flattened into lines (one per paragraph, or per line break in a
 * body paragraph) and images; then the article parts are recognised with the
 * same recognisers as the plain-text importer (patterns.ts): kicker, headline,
 * subtitle (——…), dateline, byline, subheads (Heading 2… or a short all-bold
 * line), photos with the caption that follows them, and body paragraphs with
 * their bold and italic runs.
 *
 * Node only (node:crypto, mammoth); never imports electron.
 */
import { createHash } from 'node:crypto'
import { fail } from '../../shared/api/errors'
import type { ImportArticle, ImportBlock, ImportImage, TextRun } from '../../shared/import/model'
import {
  bylineNames,
  charLength,
  datelineNames,
  endsParagraph,
  isHeadingLike,
  isNamesOnly,
  readCredits,
  splitCaption,
  splitDateline,
  splitTrailingByline,
  subtitleText,
} from '../../shared/import/patterns'

/** Largest .docx accepted: 50 MB is far beyond any article, photos included. */
export const MAX_DOCX_BYTES = 50 * 1024 * 1024
/** Largest total size of the files inside the .docx once unpacked (a guard against zip bombs). */
export const MAX_DOCX_UNPACKED_BYTES = 512 * 1024 * 1024

export interface DocxWarning {
  message_zh: string
  message_en: string
}

export interface DocxImport {
  articles: ImportArticle[]
  images: ImportImage[]
  warnings: DocxWarning[]
}

export interface DocxOptions {
  /** 'file' (default): the whole file is one article. 'headings': a new article starts at each Title / Heading 1. */
  split?: 'file' | 'headings'
}

// ── checking the bytes ───────────────────────────────────────────────────────

const MB = 1024 * 1024

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b)
}

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]

/** No control bytes other than tab / line breaks at the start: most likely a text file. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096)
  return head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c || b === 0x1b)
}

function notDocx(bytes: Uint8Array): never {
  if (startsWith(bytes, OLE)) {
    fail(
      'invalid_input',
      '这是旧版 Word 文档（.doc）或设置了打开密码的文档，无法直接导入。请在 Word 中“另存为”不加密码的 .docx 文件后再导入。',
      'This is an old Word document (.doc) or a password-protected one. Save it in Word as a .docx without a password and import that.',
    )
  }
  if (startsWith(bytes, PDF)) {
    fail(
      'invalid_input',
      '这是 PDF 文件，不是 Word 文档（.docx）。请把 PDF 中的文字导出为 .txt 文件，再用“导入”选择它。',
      'This is a PDF file, not a Word document (.docx). Export its text to a .txt file and choose that with “Import”.',
    )
  }
  if (startsWith(bytes, RTF)) {
    fail(
      'invalid_input',
      '这是 RTF 文件，不是 Word 文档（.docx）。请在 Word 中“另存为” .docx 后再导入。',
      'This is an RTF file, not a Word document (.docx). Save it in Word as .docx and import that.',
    )
  }
  if (looksLikeText(bytes)) {
    fail(
      'invalid_input',
      '这不是有效的 Word 文档（.docx），看起来是纯文本文件。请把文件名的扩展名改为 .txt 后再导入。',
      'This is not a valid Word document (.docx); it looks like a plain-text file. Rename it to end in .txt and import it again.',
    )
  }
  fail('invalid_input', '这不是有效的 Word 文档（.docx）。', 'This is not a valid Word document (.docx).')
}

function brokenDocx(): never {
  fail(
    'invalid_input',
    'Word 文档已损坏或不完整，无法读取。请在 Word 中打开并重新保存后再导入。',
    'The Word document is damaged or incomplete and cannot be read. Open it in Word, save it again and import that.',
  )
}

interface ZipEntry {
  name: string
  /** Unpacked size; Infinity for a ZIP64 entry (no .docx needs one). */
  size: number
}

/** The entries listed in the zip's central directory, or null when there is none to read. */
function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const lowest = Math.max(0, bytes.length - 22 - 0xffff)
  let eocd = -1
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at
      break
    }
  }
  if (eocd < 0) return null
  const count = view.getUint16(eocd + 10, true)
  let at = view.getUint32(eocd + 16, true)
  const entries: ZipEntry[] = []
  const decoder = new TextDecoder()
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null
    const size = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    if (at + 46 + nameLength > bytes.length) return null
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    entries.push({ name, size: size === 0xffffffff ? Infinity : size })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** Refuse what is not a .docx with a message that says what the file is instead. */
function checkBytes(bytes: Uint8Array): void {
  if (bytes.length === 0) {
    fail('invalid_input', '文件是空的，没有可以导入的内容。', 'The file is empty: there is nothing to import.')
  }
  if (bytes.length > MAX_DOCX_BYTES) {
    fail(
      'too_large',
      `文件太大（超过 ${MAX_DOCX_BYTES / MB} MB），无法导入。请压缩文档中的图片或分成几个文件。`,
      `The file is larger than ${MAX_DOCX_BYTES / MB} MB. Compress the pictures in the document or split it into several files.`,
    )
  }
  if (!startsWith(bytes, ZIP_LOCAL) && !startsWith(bytes, ZIP_EMPTY)) notDocx(bytes)
  const entries = zipEntries(bytes)
  if (!entries) brokenDocx()
  const names = entries.map((e) => e.name)
  if (!names.some((n) => n.startsWith('word/'))) {
    const kind = names.some((n) => n.startsWith('xl/'))
      ? ['Excel 表格', 'an Excel workbook']
      : names.some((n) => n.startsWith('ppt/'))
        ? ['PowerPoint 演示文稿', 'a PowerPoint presentation']
        : names.includes('mimetype')
          ? ['OpenDocument（WPS/LibreOffice）文档', 'an OpenDocument file']
          : ['压缩包', 'a zip archive']
    fail(
      'invalid_input',
      `这不是 Word 文档（.docx），而是${kind[0]}。Word 文件请另存为 .docx 后再导入。`,
      `This is not a Word document (.docx) but ${kind[1]}. Save Word files as .docx and import those.`,
    )
  }
  const unpacked = entries.reduce((sum, e) => sum + e.size, 0)
  if (unpacked > MAX_DOCX_UNPACKED_BYTES) {
    fail(
      'too_large',
      `文档解压后超过 ${MAX_DOCX_UNPACKED_BYTES / MB} MB，无法导入。`,
      `The document unpacks to more than ${MAX_DOCX_UNPACKED_BYTES / MB} MB and cannot be imported.`,
    )
  }
}

// ── mammoth's document tree ──────────────────────────────────────────────────

/** The fields of mammoth's document elements that are read here (see mammoth/lib/documents.js). */
interface MammothNode {
  type?: unknown
  children?: unknown
  value?: unknown
  styleId?: unknown
  styleName?: unknown
  alignment?: unknown
  isBold?: unknown
  isItalic?: unknown
  fontSize?: unknown
  contentType?: unknown
  read?: unknown
}

function asNode(value: unknown): MammothNode | null {
  return typeof value === 'object' && value !== null ? (value as MammothNode) : null
}

function childrenOf(node: MammothNode): MammothNode[] {
  return Array.isArray(node.children) ? node.children.flatMap((c) => asNode(c) ?? []) : []
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

async function readTree(bytes: Uint8Array): Promise<MammothNode> {
  let tree: MammothNode | null = null
  // Loaded on the first .docx, not at every start.
  const { default: mammoth } = await import('mammoth')
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        externalFileAccess: false,
        includeEmbeddedStyleMap: false,
        // Keep the tree and hand mammoth an empty document: its HTML is not needed.
        transformDocument: (document: unknown) => {
          tree = asNode(document)
          return { ...(tree ?? {}), children: [] }
        },
      },
    )
  } catch {
    brokenDocx()
  }
  if (!tree) brokenDocx()
  return tree
}

// ── lines and images ─────────────────────────────────────────────────────────

type Style = 'body' | 'title' | 'heading' | 'subtitle' | 'kicker' | 'subhead' | 'caption' | 'byline' | 'dateline'

const NAMED_STYLES: Record<string, Style> = {
  title: 'title',
  标题: 'title',
  headline: 'title',
  主题: 'title',
  主标题: 'title',
  大标题: 'title',
  subtitle: 'subtitle',
  副标题: 'subtitle',
  副题: 'subtitle',
  kicker: 'kicker',
  overline: 'kicker',
  引题: 'kicker',
  肩题: 'kicker',
  眉题: 'kicker',
  subhead: 'subhead',
  subheading: 'subhead',
  小标题: 'subhead',
  caption: 'caption',
  题注: 'caption',
  图片说明: 'caption',
  图说: 'caption',
  图注: 'caption',
  byline: 'byline',
  署名: 'byline',
  dateline: 'dateline',
  电头: 'dateline',
}

/** The role a paragraph style stands for: by name ("heading 1", "标题 1", "Title", "题注"), else by id. */
function styleOf(node: MammothNode): { style: Style; level: number } {
  for (const raw of [stringOf(node.styleName), stringOf(node.styleId)]) {
    if (!raw) continue
    const key = raw.toLowerCase().replace(/[\s_-]+/g, '')
    const heading = /^(?:heading|标题)([1-9])$/.exec(key)
    if (heading) return { style: 'heading', level: Number(heading[1]) }
    if (key === 'heading') return { style: 'heading', level: 1 }
    const named = NAMED_STYLES[key]
    if (named) return { style: named, level: 0 }
  }
  return { style: 'body', level: 0 }
}

/** One paragraph of the document, or one line of it when it holds line breaks. */
interface Line {
  kind: 'line'
  style: Style
  /** Heading level for 'heading'; 0 otherwise. */
  level: number
  runs: TextRun[]
  text: string
  centered: boolean
  /** Every character is bold. */
  bold: boolean
  /** Largest font size set on its runs, in points; null when the runs leave it to the style. */
  size: number | null
}

interface Picture {
  kind: 'image'
  node: MammothNode
}

interface Format {
  bold: boolean
  italic: boolean
  size: number | null
}

interface Piece extends Format {
  text: string
}

/** Adjacent runs with the same format become one; whitespace-only text takes the format before it. */
function mergeRuns(pieces: readonly Piece[]): TextRun[] {
  const runs: TextRun[] = []
  for (const piece of pieces) {
    if (piece.text === '') continue
    const last = runs.at(-1)
    const same = last && !!last.bold === piece.bold && !!last.italic === piece.italic
    if (last && (same || /^\s+$/.test(piece.text))) last.text += piece.text
    else if (last && /^\s+$/.test(last.text)) runs[runs.length - 1] = runOf(last.text + piece.text, piece)
    else runs.push(runOf(piece.text, piece))
  }
  return runs
}

function runOf(text: string, format: { bold?: boolean; italic?: boolean }): TextRun {
  const run: TextRun = { text }
  if (format.bold) run.bold = true
  if (format.italic) run.italic = true
  return run
}

/** The runs for text[start, end), same formats; offsets count UTF-16 units of the joined text. */
function sliceRuns(runs: readonly TextRun[], start: number, end: number): TextRun[] {
  const out: TextRun[] = []
  let at = 0
  for (const run of runs) {
    const from = Math.max(start, at)
    const to = Math.min(end, at + run.text.length)
    if (from < to) out.push({ ...run, text: run.text.slice(from - at, to - at) })
    at += run.text.length
  }
  return out
}

/** Runs without leading and trailing white space (including the full-width indent U+3000). */
function trimRuns(runs: readonly TextRun[]): TextRun[] {
  const text = runs.map((r) => r.text).join('')
  const start = text.length - text.trimStart().length
  const end = text.trimEnd().length
  return start < end ? sliceRuns(runs, start, end) : []
}

const JOINED_BREAK_STYLES: ReadonlySet<Style> = new Set([
  'title',
  'heading',
  'subtitle',
  'kicker',
  'subhead',
  'caption',
])

/** Walk the document tree in reading order into lines and images. */
class Flattener {
  readonly items: (Line | Picture)[] = []
  /** Footnote and endnote references met: the notes themselves are not imported. */
  notes = 0

  block(node: MammothNode): void {
    if (node.type === 'paragraph') this.paragraph(node)
    else for (const child of childrenOf(node)) this.block(child)
  }

  private paragraph(node: MammothNode): void {
    const { style, level } = styleOf(node)
    const centered = node.alignment === 'center' || node.alignment === 'both-center'
    const plain: Format = { bold: false, italic: false, size: null }
    let pieces: Piece[] = []
    const flush = (): void => {
      const runs = trimRuns(mergeRuns(pieces))
      const text = runs.map((r) => r.text).join('')
      if (text !== '') {
        const visible = pieces.filter((p) => p.text.trim() !== '')
        const sizes = visible.flatMap((p) => (p.size === null ? [] : [p.size]))
        this.items.push({
          kind: 'line',
          style,
          level,
          runs,
          text,
          centered,
          bold: visible.every((p) => p.bold),
          size: sizes.length > 0 ? Math.max(...sizes) : null,
        })
      }
      pieces = []
    }
    // Headings and captions broken over two lines stay one; body text breaks into paragraphs.
    const lineBreak = JOINED_BREAK_STYLES.has(style) ? () => pieces.push({ ...plain, text: ' ' }) : flush
    const inline = (child: MammothNode, format: Format): void => {
      switch (child.type) {
        case 'text':
          pieces.push({ ...format, text: stringOf(child.value) ?? '' })
          return
        case 'tab':
          pieces.push({ ...format, text: ' ' })
          return
        case 'break':
          lineBreak()
          return
        case 'image':
          flush()
          this.items.push({ kind: 'image', node: child })
          return
        case 'run':
          return childrenOf(child).forEach((c) => inline(c, runFormat(child)))
        case 'paragraph':
        case 'table':
          // A text box inside the paragraph: its paragraphs stand on their own.
          flush()
          this.block(child)
          return
        case 'noteReference':
          this.notes++
          return
        case 'checkbox':
        case 'commentReference':
        case 'bookmarkStart':
          return
        default:
          childrenOf(child).forEach((c) => inline(c, format))
      }
    }
    for (const child of childrenOf(node)) inline(child, plain)
    flush()
  }
}

function runFormat(run: MammothNode): Format {
  const styleName = (stringOf(run.styleName) ?? '').toLowerCase()
  return {
    bold: run.isBold === true || styleName === 'strong',
    italic: run.isItalic === true || styleName === 'emphasis',
    size: typeof run.fontSize === 'number' ? run.fontSize : null,
  }
}

type ImageMime = ImportImage['mime']

/** The image type from its first bytes (the content type a .docx declares is not always right). */
function sniffImage(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'
  return null
}

/** A short name for an unsupported image type: EMF, WMF, GIF, TIFF… */
function imageLabel(bytes: Uint8Array, contentType: string | null): string {
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'GIF'
  if (startsWith(bytes, [0x42, 0x4d])) return 'BMP'
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF'
  if (startsWith(bytes, [0x01, 0x00, 0x00, 0x00]) && startsWith(bytes, [0x20, 0x45, 0x4d, 0x46], 40)) return 'EMF'
  if (startsWith(bytes, [0xd7, 0xcd, 0xc6, 0x9a]) || startsWith(bytes, [0x01, 0x00, 0x09, 0x00])) return 'WMF'
  const subtype = contentType?.replace(/^image\//, '').replace(/^x-/, '') ?? ''
  return /^[a-z0-9.+-]{1,12}$/i.test(subtype) ? subtype.toUpperCase() : '未知'
}

/** An image in the text: its hash when it was kept, null when it was skipped. */
interface Photo {
  kind: 'image'
  hash: string | null
}

type Item = Line | Photo

class ImageStore {
  readonly images: ImportImage[] = []
  private readonly seen = new Set<string>()
  private readonly skipped = new Map<string, number>()
  private unreadable = 0

  async add(node: MammothNode): Promise<Photo> {
    let bytes: Uint8Array
    try {
      if (typeof node.read !== 'function') throw new TypeError('no image data')
      const data: unknown = await (node.read as () => Promise<unknown>)()
      if (!(data instanceof Uint8Array)) throw new TypeError('no image data')
      bytes = data
    } catch {
      this.unreadable++
      return { kind: 'image', hash: null }
    }
    const mime = sniffImage(bytes)
    if (!mime) {
      const label = imageLabel(bytes, stringOf(node.contentType))
      this.skipped.set(label, (this.skipped.get(label) ?? 0) + 1)
      return { kind: 'image', hash: null }
    }
    const hash = createHash('sha256').update(bytes).digest('hex')
    if (!this.seen.has(hash)) {
      this.seen.add(hash)
      this.images.push({
        hash,
        mime,
        data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
      })
    }
    return { kind: 'image', hash }
  }

  warnings(): DocxWarning[] {
    const warnings = [...this.skipped].map(([label, count]) => ({
      message_zh: `文档中有 ${count} 张 ${label} 格式的图片无法导入（只支持 JPG、PNG、WebP），已跳过；图片说明保留为占位图框。`,
      message_en: `${count} ${label} image(s) in the document were skipped: only JPEG, PNG and WebP can be imported. Their captions are kept with an empty photo frame.`,
    }))
    if (this.unreadable > 0) {
      warnings.push({
        message_zh: `有 ${this.unreadable} 张图片无法读取（可能是链接到外部文件而没有嵌入文档），已跳过。`,
        message_en: `${this.unreadable} image(s) could not be read (probably linked to an outside file rather than embedded) and were skipped.`,
      })
    }
    return warnings
  }
}

// ── recognising the parts ────────────────────────────────────────────────────

type LineKind = 'subtitle' | 'caption' | 'dateline' | 'byline' | 'name' | 'plain'

/** What a line says it is by its text alone (as in the plain-text importer). */
function kindOf(text: string): LineKind {
  if (subtitleText(text) !== null) return 'subtitle'
  if (splitCaption(text)) return 'caption'
  if (splitDateline(text)?.rest === '') return 'dateline'
  if (isNamesOnly(text)) return 'name'
  const credits = readCredits(text)
  if (credits && (credits.hasRole || /^[(（].*[)）]$/.test(text))) return 'byline'
  return 'plain'
}

function isLine(item: Item | undefined): item is Line {
  return item?.kind === 'line'
}

function isHeadlineStyle(line: Line): boolean {
  return line.style === 'title' || (line.style === 'heading' && line.level === 1)
}

/** Two headline paragraphs in a row with the same style are one headline set on two lines. */
function continuesHeadline(first: Line, next: Item | null | undefined): next is Line {
  return (
    next !== null && isLine(next) && isHeadlineStyle(next) && next.style === first.style && next.level === first.level
  )
}

/** A byline standing on its own line: names, or names with 记者 / 文/图 …, or styled as a byline. */
function isBylineLine(line: Line): boolean {
  if (line.style === 'byline') return true
  if (line.style !== 'body') return false
  const kind = kindOf(line.text)
  return kind === 'name' || kind === 'byline'
}

/** Short enough to be a heading: heading-like text, or a short line set apart by style, centring or bold. */
function isShortLine(line: Line): boolean {
  if (isHeadingLike(line.text)) return true
  const setApart = line.style !== 'body' || line.centered || line.bold
  return setApart && charLength(line.text) <= 50 && !/[。；;]/.test(line.text)
}

/** Could this line be the headline (or the kicker above it)? */
function isTitleCandidate(line: Line): boolean {
  if (line.style === 'subtitle' || line.style === 'caption' || line.style === 'byline' || line.style === 'dateline') {
    return false
  }
  const kind = kindOf(line.text)
  return (kind === 'plain' || kind === 'name') && isShortLine(line)
}

function quote(text: string): string {
  return [...text].length > 24 ? `${[...text].slice(0, 24).join('')}…` : text
}

/** The longest paragraph after an image taken as its caption for being short alone. */
const MAX_WEAK_CAPTION = 40

/** A caption recognised after an image; `weak` when only its shortness says so. */
function captionOf(line: Line): { caption: string; credit: string | null; weak: boolean } | null {
  if (line.style !== 'body' && line.style !== 'caption') return null
  const photo = splitCaption(line.text)
  if (photo) return { ...photo, weak: false }
  if (line.style === 'caption') return { caption: line.text, credit: null, weak: false }
  const kind = kindOf(line.text)
  if (kind !== 'plain' || splitDateline(line.text)) return null
  const length = charLength(line.text)
  if (line.centered && length <= 150) return { caption: line.text, credit: null, weak: false }
  return length <= MAX_WEAK_CAPTION ? { caption: line.text, credit: null, weak: true } : null
}

/** A caption with no image before it: styled as one, or carrying a photo credit (■ 王超摄). */
function standaloneCaption(line: Line): { caption: string; credit: string | null } | null {
  if (line.style === 'caption') return splitCaption(line.text) ?? { caption: line.text, credit: null }
  if (line.style !== 'body') return null
  const photo = splitCaption(line.text)
  return photo && photo.credit !== null && charLength(line.text) <= 150 ? photo : null
}

interface Title {
  kicker: number | null
  /** Indices of the headline lines (two Title paragraphs make a two-line headline). */
  headline: number[]
}

/** The end of the leading lines where the title can be: before any further image or long text. */
function titleZone(items: readonly Item[], start: number): number {
  let end = start
  while (end < items.length && end < start + 8) {
    const item = items[end]
    if (!isLine(item) || (!isShortLine(item) && !isHeadlineStyle(item))) break
    end++
  }
  return end
}

/** Kicker and headline among the leading lines (past any photos that stand above the title). */
function findTitle(items: readonly Item[]): Title | null {
  let start = 0
  while (items[start]?.kind === 'image') start++
  const zone = titleZone(items, start)
  const lineAt = (i: number): Line | null => {
    const item = items[i]
    return i >= start && i < zone && isLine(item) ? item : null
  }
  const sizeGrows = (a: Line, b: Line): boolean => a.size !== null && b.size !== null && a.size < b.size

  // A headline styled as Title / Heading 1 (or a custom 主题 style).
  for (let h = start; h < zone; h++) {
    const line = lineAt(h)
    if (!line || !isHeadlineStyle(line)) continue
    const next = lineAt(h + 1)
    const twoLines = continuesHeadline(line, next)
    const headline = twoLines ? [h, h + 1] : [h]
    const above = lineAt(h - 1)
    if (above && isTitleCandidate(above)) return { kicker: h - 1, headline }
    // Two styled lines, the first in a smaller size: kicker and headline.
    if (twoLines && sizeGrows(line, next)) return { kicker: h, headline: [h + 1] }
    return { kicker: null, headline }
  }
  // A line styled as the kicker: the next line is the headline.
  for (let k = start; k + 1 < zone; k++) {
    if (lineAt(k)?.style === 'kicker' && lineAt(k + 1)) return { kicker: k, headline: [k + 1] }
  }
  // Otherwise the first short line; a short line before another one is the kicker when a
  // subtitle follows or the second is set in a larger size.
  const first = lineAt(start)
  if (!first || !isTitleCandidate(first)) return null
  const second = lineAt(start + 1)
  const third = items[start + 2]
  if (second && isTitleCandidate(second) && kindOf(second.text) === 'plain') {
    const subtitleFollows = isLine(third) && (third.style === 'subtitle' || kindOf(third.text) === 'subtitle')
    if (subtitleFollows || sizeGrows(first, second)) return { kicker: start, headline: [start + 1] }
  }
  return { kicker: null, headline: [start] }
}

interface Entry {
  block: ImportBlock
  line?: Line
}

function paragraphBlock(runs: readonly TextRun[]): ImportBlock {
  const text = runs.map((r) => r.text).join('')
  const formatted = runs.some((r) => r.bold || r.italic)
  return formatted ? { type: 'paragraph', text, runs: runs.map((r) => ({ ...r })) } : { type: 'paragraph', text }
}

/** Reads one article from its items; collects warnings as it goes. */
class ArticleBuilder {
  private kicker: string | null = null
  private headline: string | null = null
  private readonly subtitles: string[] = []
  private dateline: string | null = null
  private readonly bylines: string[] = []
  private readonly entries: Entry[] = []

  constructor(
    private readonly items: readonly Item[],
    private readonly warnings: DocxWarning[],
    private readonly ordinal: number,
  ) {}

  private warn(message_zh: string, message_en: string): void {
    const many = this.ordinal > 0
    this.warnings.push({
      message_zh: many ? `第 ${this.ordinal} 篇：${message_zh}` : message_zh,
      message_en: many ? `Article ${this.ordinal}: ${message_en}` : message_en,
    })
  }

  build(): ImportArticle | null {
    const title = findTitle(this.items)
    let body: Item[] = [...this.items]
    if (title) {
      const first = title.kicker ?? title.headline[0] ?? 0
      const last = title.headline.at(-1) ?? first
      const preamble = this.items.slice(0, first)
      const textOf = (i: number): string => {
        const item = this.items[i]
        return isLine(item) ? item.text : ''
      }
      if (title.kicker !== null) this.kicker = textOf(title.kicker)
      this.headline = title.headline.map(textOf).join(' ')
      const after = this.readUnderTitle(last + 1)
      body = [...preamble, ...this.items.slice(after)]
      const lines = preamble.filter(isLine)
      if (lines.length > 0) {
        this.warn(
          `主题之前的 ${lines.length} 行按正文处理：「${quote(lines[0]?.text ?? '')}」`,
          `${lines.length} line(s) before the headline were kept as body text: "${quote(lines[0]?.text ?? '')}"`,
        )
      }
    } else if (this.items.some(isLine)) {
      this.warn('没有找到主题（标题），请在预览中指定。', 'No headline was found; set it in the preview.')
    }
    this.readBody(body)
    this.takeTrailingByline()
    if (this.entries.length === 0 && this.headline === null) return null
    const fromDateline = this.dateline ? datelineNames(this.dateline).join(' ') : ''
    const bylines = [...new Set(this.bylines.map(bylineNames))]
    return {
      kicker: this.kicker,
      headline: this.headline,
      subtitle: this.subtitles.length > 0 ? this.subtitles.join(' ') : null,
      dateline: this.dateline,
      byline: bylines.length > 0 ? bylines.join(' ') : fromDateline || null,
      blocks: this.entries.map((e) => e.block),
    }
  }

  /** Subtitles, then a byline or a dateline on its own line, right under the headline. */
  private readUnderTitle(from: number): number {
    let i = from
    for (let item = this.items[i]; isLine(item); item = this.items[++i]) {
      const dashed = subtitleText(item.text)
      if (item.style !== 'subtitle' && dashed === null) break
      this.subtitles.push(dashed ?? item.text)
    }
    const start = i
    for (let item = this.items[i]; isLine(item) && i - start < 3; item = this.items[++i]) {
      if (this.dateline === null && (item.style === 'dateline' || kindOf(item.text) === 'dateline')) {
        this.dateline = item.text
      } else if (isBylineLine(item) && charLength(item.text) <= 30) {
        this.bylines.push(item.text)
      } else break
    }
    return i
  }

  private readBody(body: readonly Item[]): void {
    for (let k = 0; k < body.length; k++) {
      const item = body[k]
      if (!item) continue
      if (item.kind === 'image') {
        k = this.readPhoto(item, body, k)
        continue
      }
      this.readLine(item)
    }
  }

  /** An image and the caption that follows it (with a credit on a line of its own below). */
  private readPhoto(photo: Photo, body: readonly Item[], at: number): number {
    let k = at
    const next = body[k + 1]
    const found = isLine(next) ? captionOf(next) : null
    let caption = ''
    let credit: string | null = null
    if (found && isLine(next)) {
      k++
      caption = found.caption
      credit = found.credit
      if (found.weak) {
        this.warn(
          `图片后的短段落「${quote(next.text)}」按图片说明处理，请确认。`,
          `The short paragraph after a photo, "${quote(next.text)}", was taken as its caption; please check.`,
        )
      }
      const below = body[k + 1]
      const creditOnly = isLine(below) && credit === null ? splitCaption(below.text) : null
      if (creditOnly && creditOnly.caption === '' && creditOnly.credit !== null) {
        k++
        credit = creditOnly.credit
      }
    }
    // A skipped image leaves an empty frame when its caption is known.
    if (photo.hash !== null || caption !== '' || credit !== null) {
      this.entries.push({ block: { type: 'photo', image: photo.hash, caption, credit } })
    }
    return k
  }

  private hasParagraph(): boolean {
    return this.entries.some((e) => e.block.type === 'paragraph')
  }

  private readLine(line: Line): void {
    if (line.style === 'heading' || line.style === 'title' || line.style === 'subhead' || line.style === 'kicker') {
      this.entries.push({ block: { type: 'subhead', text: line.text }, line })
      return
    }
    if (line.style === 'subtitle' && this.subtitles.length === 0 && !this.hasParagraph()) {
      this.subtitles.push(subtitleText(line.text) ?? line.text)
      return
    }
    if (line.style === 'byline') {
      this.bylines.push(line.text)
      return
    }
    const kind = kindOf(line.text)
    if (this.dateline === null && !this.hasParagraph() && (line.style === 'dateline' || kind === 'dateline')) {
      this.dateline = line.text
      return
    }
    const caption = standaloneCaption(line)
    if (caption) {
      this.entries.push({ block: { type: 'photo', image: null, ...caption }, line })
      return
    }
    let runs = line.runs
    if (this.dateline === null && !this.hasParagraph()) {
      const dateline = splitDateline(line.text)
      if (dateline) {
        this.dateline = dateline.dateline
        runs = trimRuns(sliceRuns(runs, line.text.length - dateline.rest.length, line.text.length))
      }
    }
    const text = runs.map((r) => r.text).join('')
    if (text === '') return
    const subhead = line.bold && line.style === 'body' && isHeadingLike(text) && !endsParagraph(text)
    if (subhead && (kind === 'plain' || kind === 'name') && runs === line.runs) {
      this.entries.push({ block: { type: 'subhead', text }, line })
      return
    }
    this.entries.push({ block: paragraphBlock(runs), line })
  }

  /** A byline at the end: a line of names after the text, or names trailing the last paragraph. */
  private takeTrailingByline(): void {
    const lastText = (): number => {
      for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]?.block.type !== 'photo') return i
      return -1
    }
    const found: string[] = []
    for (let at = lastText(); at > 0 && found.length < 2; at = lastText()) {
      const entry = this.entries[at]
      const line = entry?.line
      // A short bold line at the very end is a byline rather than a subhead.
      if (!line || entry.block.type === 'photo' || !isBylineLine(line) || charLength(line.text) > 30) break
      found.unshift(line.text)
      this.entries.splice(at, 1)
    }
    if (found.length > 0) {
      this.bylines.push(...found)
      return
    }
    const at = lastText()
    const entry = this.entries[at]
    if (entry?.block.type !== 'paragraph') return
    const trailing = splitTrailingByline(entry.block.text)
    if (!trailing) return
    const runs = entry.block.runs ?? [{ text: entry.block.text }]
    entry.block = paragraphBlock(trimRuns(sliceRuns(runs, 0, trailing.body.length)))
    this.bylines.push(trailing.byline)
  }
}

/**
 * Split at Title / Heading 1 paragraphs; a kicker right above one goes with it.
 * (A Title followed by a Heading 1 is a title for the whole file: it makes a part
 * of its own, dropped for having no text.)
 */
function splitAtHeadings(items: readonly Item[]): Item[][] {
  const segments: Item[][] = [[]]
  items.forEach((item, i) => {
    const previous = items[i - 1]
    const current = segments.at(-1) ?? []
    if (isLine(item) && isHeadlineStyle(item) && !(isLine(previous) && continuesHeadline(previous, item))) {
      const kickerAbove =
        isLine(previous) &&
        current.at(-1) === previous &&
        (previous.style === 'kicker' ||
          (previous.style === 'body' &&
            previous.centered &&
            isTitleCandidate(previous) &&
            kindOf(previous.text) === 'plain' &&
            !/^[(（].*[)）]$/.test(previous.text)))
      const carried = kickerAbove ? current.pop() : undefined
      segments.push(carried ? [carried] : [])
    }
    segments.at(-1)?.push(item)
  })
  return segments.filter((s) => s.length > 0)
}

/**
 * Read a .docx into articles. One file is one article unless `split: 'headings'`
 * asks for a new article at each Title / Heading 1 paragraph.
 * Throws FolioFailure ('invalid_input' / 'too_large') for a file that is not a readable .docx.
 */
export async function parseDocx(bytes: Uint8Array, options: DocxOptions = {}): Promise<DocxImport> {
  checkBytes(bytes)
  const tree = await readTree(bytes)
  const flat = new Flattener()
  flat.block(tree)
  const store = new ImageStore()
  const items: Item[] = []
  for (const item of flat.items) items.push(item.kind === 'image' ? await store.add(item.node) : item)
  if (!items.some((item) => isLine(item) || item.hash !== null)) {
    if (items.length > 0) {
      fail(
        'invalid_input',
        '这个 Word 文档里没有文字，其中的图片也无法导入（只支持嵌入文档的 JPG、PNG、WebP 图片）。',
        'This Word document has no text, and its pictures cannot be imported (only embedded JPEG, PNG and WebP pictures can).',
      )
    }
    fail(
      'invalid_input',
      '这个 Word 文档是空的，没有可以导入的文字或图片。',
      'This Word document is empty: it holds no text or pictures to import.',
    )
  }

  const warnings: DocxWarning[] = []
  let segments = [items]
  if (options.split === 'headings') {
    segments = splitAtHeadings(items)
    if (!items.some((item) => isLine(item) && isHeadlineStyle(item))) {
      warnings.push({
        message_zh: '文档中没有“标题”或“标题 1”样式的段落，无法按标题拆分，整个文件作为一篇稿件导入。',
        message_en: 'The document has no Title or Heading 1 paragraphs to split at; the whole file is one article.',
      })
    }
  }
  const articles: ImportArticle[] = []
  segments.forEach((segment, i) => {
    const article = new ArticleBuilder(segment, warnings, segments.length > 1 ? i + 1 : 0).build()
    if (!article) return
    if (segments.length > 1 && article.blocks.length === 0) {
      warnings.push({
        message_zh: `「${quote(article.headline ?? '')}」下面没有正文，没有作为一篇稿件导入。`,
        message_en: `"${quote(article.headline ?? '')}" has no text under it and was not imported as an article.`,
      })
      return
    }
    articles.push(article)
  })
  if (flat.notes > 0) {
    warnings.push({
      message_zh: `文档中的 ${flat.notes} 条脚注或尾注没有导入，请在正文中核对。`,
      message_en: `${flat.notes} footnote(s) or endnote(s) in the document were not imported; check the text.`,
    })
  }
  return { articles, images: store.images, warnings: [...warnings, ...store.warnings()] }
}
