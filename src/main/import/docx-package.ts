/**
 * The bytes of a .docx (issue 13 item 2: docx.ts split along its seams): checks that a file is a
 * readable Word document (and says what it is when it is not), reads mammoth's document tree,
 * and keeps the images it holds, each once under its SHA-256 hash.
 *
 * Node only (node:crypto, mammoth); never imports electron.
 */
import { createHash } from 'node:crypto'
import { fail } from '../../shared/api/errors'
import type { ImportImage } from '../../shared/import/model'

/** Largest .docx accepted: 50 MB is far beyond any article, photos included. */
export const MAX_DOCX_BYTES = 50 * 1024 * 1024
/** Largest total size of the files inside the .docx once unpacked (a guard against zip bombs). */
export const MAX_DOCX_UNPACKED_BYTES = 512 * 1024 * 1024

export interface DocxWarning {
  message_zh: string
  message_en: string
}

// ── checking the bytes ───────────────────────────────────────────────────────

const MB = 1024 * 1024

export function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
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
export function checkBytes(bytes: Uint8Array): void {
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
export interface MammothNode {
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

export function asNode(value: unknown): MammothNode | null {
  return typeof value === 'object' && value !== null ? (value as MammothNode) : null
}

export function childrenOf(node: MammothNode): MammothNode[] {
  return Array.isArray(node.children) ? node.children.flatMap((c) => asNode(c) ?? []) : []
}

export function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

export async function readTree(bytes: Uint8Array): Promise<MammothNode> {
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
export interface Photo {
  kind: 'image'
  hash: string | null
}

export class ImageStore {
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
