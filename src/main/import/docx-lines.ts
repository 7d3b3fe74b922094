/**
 * A .docx document tree as lines (issue 13 item 2): one per paragraph, or per line break in a
 * body paragraph, with its runs and what its style says (heading level, bold, size, centring, a
 * table cell), and the images in reading order. `sourceLines` hands the lines to the shared
 * reader (src/shared/import/plaintext.ts readLines) in the form extracted text has, hints added.
 */
import type { TextRun } from '../../shared/import/model'
import type { SourceLine } from '../../shared/import/masthead'
import { childrenOf, stringOf, type MammothNode } from './docx-package'

export type Style = 'body' | 'title' | 'heading' | 'subtitle' | 'kicker' | 'subhead' | 'caption' | 'byline' | 'dateline'

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
export function styleOf(node: MammothNode): { style: Style; level: number } {
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
export interface Line {
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
  /** In a table cell. */
  inTable: boolean
}

export interface Picture {
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

export function runOf(text: string, format: { bold?: boolean; italic?: boolean }): TextRun {
  const run: TextRun = { text }
  if (format.bold) run.bold = true
  if (format.italic) run.italic = true
  return run
}

/** The runs for text[start, end), same formats; offsets count UTF-16 units of the joined text. */
export function sliceRuns(runs: readonly TextRun[], start: number, end: number): TextRun[] {
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
export function trimRuns(runs: readonly TextRun[]): TextRun[] {
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
export class Flattener {
  readonly items: (Line | Picture)[] = []
  /** Footnote and endnote references met: the notes themselves are not imported. */
  notes = 0

  /** Tables the walk is inside. */
  private tables = 0

  block(node: MammothNode): void {
    if (node.type === 'paragraph') return this.paragraph(node)
    if (node.type === 'table') this.tables++
    for (const child of childrenOf(node)) this.block(child)
    if (node.type === 'table') this.tables--
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
          inTable: this.tables > 0,
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

/**
 * The lines as the shared reader takes them: numbered from 1 in reading order, each a block of
 * its own (gap 1) except a line that continues a heading in the same style (two Title or Heading 1
 * paragraphs in a row: one headline on two lines), with the style as a hint.
 */
export function sourceLines(lines: readonly Line[]): SourceLine[] {
  return lines.map((line, i) => {
    const previous = lines[i - 1]
    const headingStyle = line.style === 'title' || line.style === 'heading' || line.style === 'kicker'
    const continues = headingStyle && previous?.style === line.style && previous.level === line.level
    return {
      text: line.text,
      line: i + 1,
      gap: continues ? 0 : 1,
      hint: {
        style: line.style,
        level: line.level,
        bold: line.bold,
        centered: line.centered,
        size: line.size,
        inTable: line.inTable,
      },
    }
  })
}
