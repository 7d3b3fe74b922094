/**
 * Import of Word (.docx) files.
 *
 * Three seams (issue 13 item 2): docx-package.ts checks the bytes, reads mammoth's document tree
 * and keeps the images; docx-lines.ts turns the tree into lines with style hints; here the
 * article parts are read. Where a new article starts (split at headings) and which body lines
 * are subheads is decided by the reader plain text is read with (plaintext.ts readLines), on
 * the same lines with their hints, so the rules for numbered subheads, columns of briefs,
 * commentary labels and bylines hold for Word as for text. The title (kicker by size, headline by
 * style) and photos with the caption after them are read here, from what only Word has.
 *
 * Node only (node:crypto, mammoth); never imports electron.
 */
import { fail } from '../../shared/api/errors'
import type { ImportArticle, ImportBlock, ImportImage, TextRun } from '../../shared/import/model'
import {
  BRIEFS_LABEL,
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

import { checkBytes, ImageStore, readTree, type DocxWarning, type Photo } from './docx-package'
import { Flattener, sliceRuns, sourceLines, trimRuns, type Line } from './docx-lines'
import { readLines, type LineRole } from '../../shared/import/plaintext'

export { MAX_DOCX_BYTES, MAX_DOCX_UNPACKED_BYTES, type DocxWarning } from './docx-package'

type Item = Line | Photo

export interface DocxImport {
  articles: ImportArticle[]
  images: ImportImage[]
  warnings: DocxWarning[]
}

export interface DocxOptions {
  /** 'file' (default): the whole file is one article. 'headings': a new article starts at each Title / Heading 1. */
  split?: 'file' | 'headings'
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
  // Photos above the title, each with the caption (and a credit on its own line) printed under it.
  while (items[start]?.kind === 'image') {
    start++
    const caption = items[start]
    if (!isLine(caption) || !captionOf(caption)) continue
    start++
    const credit = items[start]
    if (isLine(credit) && splitCaption(credit.text)?.caption === '') start++
  }
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
    /** What the shared reader made of each line (plaintext.ts readLines). */
    private readonly shared: SharedReading = { roles: new Map(), starts: new Set(), bylines: new Set() },
  ) {}

  /** Headed 简讯, 园区快讯 …: each brief keeps its signature; none is the column's byline. */
  private isBriefs(): boolean {
    return this.headline !== null && BRIEFS_LABEL.test(this.headline)
  }

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
      // Captions of the photos above the title are no text before it.
      const lines = preamble.filter(
        (item, k): item is Line =>
          isLine(item) &&
          !(preamble[k - 1]?.kind === 'image' && captionOf(item)) &&
          splitCaption(item.text)?.caption !== '',
      )
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
    if (!this.isBriefs()) this.takeTrailingByline()
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
    // A short all-bold line, or one the shared reader takes for a subhead (一、… in a series of them).
    const bold = line.bold && line.style === 'body' && isHeadingLike(text) && !endsParagraph(text)
    const sharedSubhead = this.shared.roles.get(line) === 'subhead' && !line.inTable && isHeadingLike(text)
    if ((bold || sharedSubhead) && (kind === 'plain' || kind === 'name') && runs === line.runs) {
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
    // …授牌。（程晨）: a brief's signature in a column of briefs is no byline of the article (the
    // shared reader, which reads the column as such, did not take one from this line).
    const line = entry.line
    if (!trailing || (line && !this.shared.bylines.has(line))) return
    const runs = entry.block.runs ?? [{ text: entry.block.text }]
    entry.block = paragraphBlock(trimRuns(sliceRuns(runs, 0, trailing.body.length)))
    this.bylines.push(trailing.byline)
  }
}

/** The shared reader's reading of a document: each line's role, and the lines that start an article. */
interface SharedReading {
  roles: ReadonlyMap<Line, LineRole>
  starts: ReadonlySet<Line>
  /** Lines the shared reader took a byline from (whole, or trailing the text). */
  bylines: ReadonlySet<Line>
}

/**
 * Hand the document's lines to the reader plain text is read with (with their style hints; a line
 * right after an image that reads as its caption goes as a caption) and keep what it decided.
 */
function readShared(items: readonly Item[]): SharedReading {
  const lines = items.filter(isLine)
  const source = sourceLines(lines)
  items.forEach((item, i) => {
    const next = items[i + 1]
    if (item.kind !== 'image' || !isLine(next) || !captionOf(next)) return
    const hinted = source[lines.indexOf(next)]
    if (hinted?.hint) hinted.hint = { ...hinted.hint, style: 'caption' }
  })
  const roles = new Map<Line, LineRole>()
  const starts = new Set<Line>()
  const bylines = new Set<Line>()
  for (const article of readLines(source)) {
    // Photos above the headline are carried with it by splitAtHeadings: the article starts at its title.
    const first = article.lines.find((l) => l.role !== 'omit' && l.role !== 'caption')
    const firstLine = first ? lines[first.line - 1] : undefined
    if (firstLine) starts.add(firstLine)
    for (const piece of article.lines) {
      const line = lines[piece.line - 1]
      // A line split in pieces (a dateline and its text) keeps the role of its text.
      if (line && (!roles.has(line) || piece.role === 'paragraph' || piece.role === 'subhead'))
        roles.set(line, piece.role)
      if (line && piece.role === 'byline') bylines.add(line)
    }
  }
  return { roles, starts, bylines }
}

/**
 * Split at Title / Heading 1 paragraphs; a kicker right above one goes with it.
 * (A Title followed by a Heading 1 is a title for the whole file: it makes a part
 * of its own, dropped for having no text.)
 */
function splitAtHeadings(items: readonly Item[], { starts, roles }: SharedReading): Item[][] {
  const segments: Item[][] = [[]]
  items.forEach((item, i) => {
    const previous = items[i - 1]
    const current = segments.at(-1) ?? []
    if (isLine(item) && starts.has(item) && current.length > 0) {
      // Where the shared reader starts an article (a column of briefs, a label, a headline after a
      // byline); photos printed right above it, with their captions, go with it.
      const photos: Item[] = []
      const isPhoto = (last: Item | undefined): boolean =>
        last?.kind === 'image' || (isLine(last) && roles.get(last) === 'caption')
      while (current.length > 0 && isPhoto(current.at(-1))) photos.unshift(current.pop() as Item)
      segments.push(photos)
    } else if (isLine(item) && isHeadlineStyle(item) && !(isLine(previous) && continuesHeadline(previous, item))) {
      const kickerAbove =
        isLine(previous) &&
        current.at(-1) === previous &&
        (previous.style === 'kicker' ||
          roles.get(previous) === 'kicker' ||
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
  const shared = readShared(items)
  let segments = [items]
  if (options.split === 'headings') {
    segments = splitAtHeadings(items, shared)
    if (segments.length <= 1 && !items.some((item) => isLine(item) && isHeadlineStyle(item))) {
      warnings.push({
        message_zh: '文档中没有“标题”或“标题 1”样式的段落，无法按标题拆分，整个文件作为一篇稿件导入。',
        message_en: 'The document has no Title or Heading 1 paragraphs to split at; the whole file is one article.',
      })
    }
  }
  const articles: ImportArticle[] = []
  segments.forEach((segment, i) => {
    const article = new ArticleBuilder(segment, warnings, segments.length > 1 ? i + 1 : 0, shared).build()
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
