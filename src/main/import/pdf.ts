/**
 * Import of PDF files (issue 13 item 3): last issue's PDF dropped on the import.
 *
 * pdf.js (its legacy Node build) reads each page's text items with their positions and sizes;
 * src/shared/import/pdf-order.ts rebuilds the reading order from the column geometry and turns
 * sizes into hints (headline, subhead, caption); the masthead on the first page is left out as
 * the plain-text reader leaves it out; then the shared reader (plaintext.ts readLines) decides the
 * articles and their parts, as for text and Word. Photos are not taken from a PDF: a caption is
 * kept as a photo block without an image.
 *
 * Node only; never imports electron.
 */
import { fail } from '../../shared/api/errors'
import { readMasthead } from '../../shared/import/masthead'
import { toImportArticle, type ImportArticle, type ImportImage } from '../../shared/import/model'
import { orderPages, toSourceLines, type PdfItem, type PdfPage } from '../../shared/import/pdf-order'
import { readLines } from '../../shared/import/plaintext'

/** The top of a page where a running head stands, as a share of the page height. */
const RUNNING_HEAD_BAND = 0.12

/** The largest PDF read (as for a .docx: an issue's PDF with its photos). */
export const MAX_PDF_BYTES = 50 * 1024 * 1024
/** Pages read at most: an issue, not a book. */
export const MAX_PDF_PAGES = 200

export interface PdfImport {
  articles: ImportArticle[]
  images: ImportImage[]
  warnings: { message_zh: string; message_en: string }[]
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
let pdfjs: Promise<PdfJs> | null = null

/** pdf.js is an ES module: loaded once, on the first PDF. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs')
  return pdfjs
}

function checkBytes(bytes: Uint8Array): void {
  if (bytes.length === 0) fail('invalid_input', '文件是空的。', 'The file is empty.')
  if (bytes.length > MAX_PDF_BYTES) {
    fail(
      'invalid_input',
      `PDF 文件过大（上限 ${MAX_PDF_BYTES / 1024 / 1024} MB）。`,
      `The PDF is too large (at most ${MAX_PDF_BYTES / 1024 / 1024} MB).`,
    )
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1')
  if (!head.includes('%PDF-')) {
    fail('invalid_input', '这不是 PDF 文件（缺少 %PDF 文件头）。', 'This is not a PDF file (no %PDF header).')
  }
}

/** The text items of every page, y from the top, with their font sizes. */
export async function readPdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
  checkBytes(bytes)
  const { getDocument } = await loadPdfJs()
  let doc: Awaited<ReturnType<typeof getDocument>['promise']>
  try {
    // pdf.js takes the buffer over: give it a copy.
    doc = await getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise
  } catch (error) {
    const name = (error as { name?: string }).name
    if (name === 'PasswordException') {
      fail('invalid_input', '这个 PDF 有密码保护，无法读取。', 'This PDF is password-protected and cannot be read.')
    }
    fail('invalid_input', 'PDF 文件已损坏，无法读取。', 'The PDF is damaged and cannot be read.')
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) {
      fail(
        'invalid_input',
        `PDF 页数过多（${doc.numPages} 页，上限 ${MAX_PDF_PAGES} 页）。`,
        `The PDF has too many pages (${doc.numPages}, at most ${MAX_PDF_PAGES}).`,
      )
    }
    const pages: PdfPage[] = []
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p)
      const viewport = page.getViewport({ scale: 1 })
      const content = await page.getTextContent()
      const items: PdfItem[] = []
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue
        // Through the viewport: y from the top, rotation and the page's own origin applied.
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform as number[]
        const [x, y] = viewport.convertToViewportPoint(e, f) as [number, number]
        const size = Math.hypot(c, d) || Math.hypot(a, b)
        // Vertical text (a rotated item) is not read as a line of the page.
        if (Math.abs(b) > 0.01 * size || Math.abs(c) > 0.01 * size) continue
        items.push({ text: item.str, x, y, width: item.width, size })
      }
      pages.push({ width: viewport.width, height: viewport.height, items })
      page.cleanup()
    }
    return pages
  } finally {
    await doc.destroy()
  }
}

/** Reads a PDF into articles for the import preview; writes nothing. */
export async function parsePdf(bytes: Uint8Array): Promise<PdfImport> {
  const pages = await readPdfPages(bytes)
  const ordered = orderPages(pages)
  const lines = toSourceLines(ordered)
  if (lines.length === 0) {
    fail(
      'invalid_input',
      'PDF 中没有可读取的文字（可能是扫描图片）。',
      'The PDF has no text to read (it may be scanned images).',
    )
  }
  // The masthead at the top of the first page is the issue's, not an article's.
  const onFirstPage = lines.filter((_, i) => ordered[i]?.page === 1)
  const masthead = readMasthead(onFirstPage.map(({ text, line, gap }) => ({ text, line, gap })))
  // A running head at the top of a later page names the paper as its masthead does (第2版 开发区建设
  // 专刊 2024年第25期): a line there, no larger than body text, with the masthead's title in it.
  const title = masthead.issue.title?.replace(/\s+/g, '') ?? ''
  const kept = lines.slice(masthead.end).filter((line) => {
    const at = ordered[line.line - 1]
    const head = at !== undefined && at.page > 1 && at.top < RUNNING_HEAD_BAND && line.hint?.style !== 'title'
    return !(head && title.length >= 2 && line.text.replace(/\s+/g, '').includes(title))
  })
  const articles = readLines(kept).map(toImportArticle)
  const warnings: PdfImport['warnings'] = []
  if (articles.length === 0) {
    warnings.push({ message_zh: '没有找到任何稿件。', message_en: 'No articles found.' })
  }
  return { articles, images: [], warnings }
}
