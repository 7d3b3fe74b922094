/**
 * Reading order of a PDF page rebuilt from geometry (issue 13 item 3), for the text reader.
 *
 * A PDF gives positioned glyph runs, not lines: Chromium's PDFs (Folio's own export among them)
 * often give one item per glyph or per run of glyphs in one font. Here, per page:
 * 1. runs on one baseline, in one size and close enough together, become a line (a wider gap is
 *    a column gutter: the line stops there);
 * 2. lines stacked in one column, in one size, become a block (a column of text, a headline, a
 *    caption);
 * 3. blocks are ordered as a Chinese newspaper is read: a block above another that it overlaps
 *    goes first; of two blocks side by side the left one goes first, unless something spanning
 *    both stands between them (a headline across the columns, a band rule's text). That gives
 *    columns left to right, each top to bottom, band after band, and a headline before the
 *    columns under it (Breuel's order, topologically sorted);
 * 4. the lines of one paragraph are joined (a paragraph ends at a short line or before an
 *    indented one; a paragraph runs on across a column break), and each paragraph gets a hint
 *    from its size relative to the page's body size: headline, subhead, caption.
 * Text in the outer margin band, and lines repeated at the same place at the top or foot of
 * several pages (running heads, folio lines), are left out as page furniture.
 *
 * Pure: no pdf.js here (src/main/import/pdf.ts reads the file), so it is unit-tested with
 * synthetic items.
 */
import type { LineHint, SourceLine } from './masthead'
import { charLength, splitDateline } from './patterns'

/** One positioned text item, in PDF points with y measured from the top of the page. */
export interface PdfItem {
  text: string
  /** Left edge. */
  x: number
  /** Baseline, from the top of the page. */
  y: number
  width: number
  /** Font size (the em). */
  size: number
}

export interface PdfPage {
  width: number
  height: number
  items: PdfItem[]
}

/** A line of one page: glyph runs joined. */
export interface PdfLine {
  /** Its text, a space only between Latin words and numbers. */
  text: string
  /**
   * With a space wherever the gap is wider than the line's usual spacing: words in a line set
   * flush left (记者 王波); in a justified line such gaps are spacing, and `text` is read.
   */
  spaced: string
  /** The line's usual spacing between characters (points): a justified line's spread, 0 when set solid. */
  spacing: number
  left: number
  right: number
  /** Baseline. */
  y: number
  size: number
}

interface Block {
  lines: PdfLine[]
  left: number
  right: number
  top: number
  bottom: number
  size: number
}

/** A paragraph (or headline, caption …) in reading order, with where it came from. */
export interface OrderedLine {
  text: string
  page: number
  size: number
  /** Starts a block of its own (a new column, headline or caption), not a column break. */
  newBlock: boolean
  /** Where its first line's top stands, as a share of the page height. */
  top: number
}

/** Relative sizes: equal within 6 %. */
function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.06 * Math.max(a, b)
}

/**
 * Glyph runs → lines. Runs are on one line when their baselines agree (within a fifth of the
 * size), their sizes agree, and the gap between them is under `gutter` ems (a wider gap is a
 * column gutter). A gap wider than a third of an em beyond the line's usual spacing is a space.
 */
/** The narrowest space item, in ems, taken as spacing within one line rather than a gutter. */
const BRIDGE = 6
/** A gap wider than the line's usual spacing by this many ems is a space (a space is a quarter to a third of an em). */
const SPACE = 0.18
/** Points a column may stand off its block's edge and still be that column. */
const GRID = 1.5
/** The widest hole, in ems, the lines around a gap may leave in it for the gap to be a justified line's spacing. */
const HOLE = 0.7

export function buildLines(items: readonly PdfItem[], gutter = 0.6): PdfLine[] {
  const all = items
    .filter((i) => i.size > 0 && i.text !== '')
    .map((i) => ({ ...i, text: i.text.replace(/\s+/g, ' ') }))
    .sort((a, b) => a.y - b.y || a.x - b.x)
  interface Open {
    runs: (PdfItem & { gap: number })[]
    y: number
    size: number
    /** The right end, a bridging space included. */
    right: number
    /** The right end of its last glyph. */
    ink: number
  }
  const open: Open[] = []
  const done: Open[] = []
  for (const item of all) {
    const blank = item.text.trim() === ''
    // Lines whose baseline is far above cannot take this item any more.
    for (let k = open.length - 1; k >= 0; k--) {
      const line = open[k]
      if (line && item.y - line.y > 0.5 * line.size) {
        done.push(line)
        open.splice(k, 1)
      }
    }
    const line = open.find(
      (l) =>
        Math.abs(l.y - item.y) <= 0.2 * Math.min(l.size, item.size) &&
        sameSize(l.size, item.size) &&
        item.x - l.right <= gutter * item.size &&
        item.x - l.ink >= -0.5 * item.size,
    )
    // A wide space item bridges the gap it fills (a running head spaced out across the page) but
    // starts nothing; a narrower one may be pdf.js's own, put over a gutter and an indent.
    if (blank) {
      if (line && item.width >= BRIDGE * item.size) line.right = Math.max(line.right, item.x + item.width)
      if (line) line.runs.push({ ...item, text: ' ', gap: 0 })
      continue
    }
    if (line) {
      line.runs.push({ ...item, text: item.text.trim(), gap: item.x - line.right })
      line.right = Math.max(line.right, item.x + item.width)
      line.ink = item.x + item.width
    } else {
      const right = item.x + item.width
      open.push({ runs: [{ ...item, text: item.text.trim(), gap: 0 }], y: item.y, size: item.size, right, ink: right })
    }
  }
  done.push(...open)
  const lines = splitAtColumnEdges(done).map((l) => {
    const ink = l.runs.filter((r) => r.text !== ' ')
    // Spacing between characters: none inside a run; between runs, the gap left. A justified line
    // spreads every character by the same amount, so a space is a gap clearly wider than the usual one.
    const gaps: number[] = []
    let end = -Infinity
    for (const run of ink) {
      if (end > -Infinity) gaps.push(run.x - end)
      // Inside a run: no gap, but where pdf.js put a space (the gap it stands for, when it can be told).
      const inner = innerGap(run, l.size) ?? 0
      const spaces = run.text.split(' ').length - 1
      for (let k = 1; k < [...run.text.replace(/ /g, '')].length; k++) gaps.push(k <= spaces ? inner : 0)
      end = run.x + run.width
    }
    const sorted = [...gaps].sort((a, b) => a - b)
    const usual = Math.max(0, sorted[Math.floor(sorted.length / 2)] ?? 0)
    const wide = (gap: number): boolean => gap > usual + SPACE * l.size
    let text = ''
    let spaced = ''
    end = -Infinity
    for (const run of ink) {
      const gap = run.x - end
      const latin = /[A-Za-z0-9%]$/.test(text) && /^[A-Za-z0-9]/.test(run.text)
      const space = end > -Infinity && (gap >= BRIDGE * l.size || wide(gap))
      const own = run.text.replace(/(?<![A-Za-z0-9%]) | (?![A-Za-z0-9])/g, '')
      text = space && (latin || gap >= BRIDGE * l.size) ? `${text} ${own}` : text + own
      // A space pdf.js put inside a run of Chinese characters is a word gap only when the run is
      // spread wider than the line's usual spacing (a justified line's spread is no word gap).
      const inner = innerGap(run, l.size)
      const runSpaced = inner !== null && !wide(inner) ? run.text.replace(/ /g, '') : run.text
      spaced = space ? `${spaced} ${runSpaced}` : spaced + runSpaced
      end = run.x + run.width
    }
    const right = Math.max(...ink.map((r) => r.x + r.width))
    return {
      text: text.trim(),
      spaced: spaced.trim(),
      spacing: usual,
      left: ink[0]?.x ?? 0,
      right,
      y: l.y,
      size: l.size,
    }
  })
  return joinJustified(lines.filter((l) => l.text !== ''))
}

/** Characters set an em wide (Chinese and full-width forms): a run of them has a known width. */
const WIDE = /^[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef ]+$/u

/**
 * The gap at each space inside a run of em-wide characters (pdf.js puts a space into a run where
 * the glyphs stand apart): what the run is wider than its characters, shared among its spaces;
 * 0 for a run without spaces; null when its width cannot be told (Latin, digits).
 */
function innerGap(run: { text: string; width: number }, size: number): number | null {
  const chars = [...run.text.replace(/ /g, '')].length
  const spaces = run.text.split(' ').length - 1
  if (spaces === 0) return 0
  if (!WIDE.test(run.text) || chars < 2) return null
  return Math.max(0, run.width - chars * size) / spaces
}

/**
 * A justified line spreads its characters: pieces of one line, on one baseline, in one size,
 * parted by a gap that a line just above or below it prints across (a column gutter is empty
 * in them too), are one line.
 */
function joinJustified(lines: PdfLine[]): PdfLine[] {
  const sorted = [...lines].sort((a, b) => a.y - b.y || a.left - b.left)
  const out: PdfLine[] = []
  for (const line of sorted) {
    const last = out.at(-1)
    if (
      last &&
      Math.abs(last.y - line.y) <= 0.2 * line.size &&
      sameSize(last.size, line.size) &&
      line.left > last.right &&
      line.left - last.right < 3 * line.size
    ) {
      // The gap is spacing when the lines around print across it, but for holes narrower than a
      // gutter; a gutter (and the indent of the next column's first line) is empty all the way.
      const from = last.right
      const to = line.left
      const ink = sorted
        .filter(
          (o) =>
            o !== last &&
            o !== line &&
            sameSize(o.size, line.size) &&
            Math.abs(o.y - line.y) > 0.5 * line.size &&
            Math.abs(o.y - line.y) <= 2.5 * line.size &&
            o.right > from &&
            o.left < to,
        )
        .map((o) => [Math.max(from, o.left), Math.min(to, o.right)] as const)
        .sort((a, b) => a[0] - b[0])
      let reached = from
      let hole = 0
      for (const [a, b] of ink) {
        hole = Math.max(hole, a - reached)
        reached = Math.max(reached, b)
      }
      hole = Math.max(hole, to - reached)
      // A gutter is a channel down the page: other lines in this size end at its left edge and start
      // at its right one (a line there starting with a bracket hung half an em out fills no hole).
      const ends = sorted.filter((o) => sameSize(o.size, line.size) && Math.abs(o.right - from) <= GRID).length
      const starts = sorted.filter(
        (o) => sameSize(o.size, line.size) && Math.abs(o.left - to) <= 0.6 * line.size + GRID,
      ).length
      const gutter = ends >= 4 && starts >= 4
      const across = ink.length > 0 && hole < HOLE * line.size && !gutter
      if (across) {
        last.text = joinText(last.text, line.text)
        // In `spaced` the gap is a word gap when it is wider than the line's spread (记者 王波 set flush).
        const spread = Math.max(last.spacing, line.spacing)
        last.spaced =
          to - from > spread + SPACE * line.size ? `${last.spaced} ${line.spaced}` : joinText(last.spaced, line.spaced)
        last.right = line.right
        continue
      }
    }
    out.push({ ...line })
  }
  return out
}

/**
 * A run that starts a little left of its column (a bracket set half-width at the line start)
 * can come within a gutter's width of the column to its left: a line is parted again where a
 * run after a gap of a third of an em starts at a column's left edge — where at least three other
 * lines in that size start.
 */
function splitAtColumnEdges<
  L extends { runs: (PdfItem & { gap: number })[]; y: number; size: number; right: number; ink: number },
>(lines: readonly L[]): L[] {
  const starts = new Map<number, number[]>()
  for (const line of lines) {
    const first = line.runs.find((r) => r.text !== ' ')
    if (!first) continue
    const key = Math.round(line.size * 10)
    starts.set(key, [...(starts.get(key) ?? []), first.x])
  }
  const out: L[] = []
  for (const line of lines) {
    const edges = starts.get(Math.round(line.size * 10)) ?? []
    const atEdge = (x: number): boolean => edges.filter((e) => Math.abs(e - x) <= 0.6 * line.size).length >= 4
    let current: L = { ...line, runs: [] }
    let end = -Infinity
    for (const run of line.runs) {
      if (run.text === ' ') {
        current.runs.push(run)
        continue
      }
      if (current.runs.some((r) => r.text !== ' ') && run.x - end >= 0.3 * line.size && atEdge(run.x)) {
        out.push(current)
        current = { ...line, runs: [] }
      }
      current.runs.push(run)
      end = run.x + run.width
    }
    out.push(current)
  }
  return out.filter((l) => l.runs.some((r) => r.text !== ' '))
}

function overlapX(a: { left: number; right: number }, b: { left: number; right: number }): number {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left)
}

/**
 * Lines → blocks: a line goes under the block above it when it is in the same size, within two
 * and a half ems below its last line, and overlaps it across most of the narrower one's width.
 */
export function buildBlocks(lines: readonly PdfLine[]): Block[] {
  const blocks: Block[] = []
  const sorted = [...lines].sort((a, b) => a.y - b.y || a.left - b.left)
  for (const line of sorted) {
    const width = line.right - line.left
    const block = blocks.findLast((b) => {
      const last = b.lines.at(-1)
      if (!last || !sameSize(last.size, line.size)) return false
      const step = line.y - last.y
      if (step <= 0.5 * line.size || step > 2.5 * line.size) return false
      const narrower = Math.min(width, b.right - b.left)
      // A column set a few points over (another band of columns under a photo across them) is another block.
      if (b.lines.length > 1 && Math.abs(line.left - b.left) > GRID && line.left - b.left < 0.8 * line.size)
        return false
      if (b.lines.length > 1 && line.right - b.right > GRID) return false
      // An indented first line starts the block: the lines under it start up to 2 ems further left.
      return (
        overlapX(b, line) >= 0.5 * narrower &&
        line.left >= b.left - 2.5 * line.size &&
        line.right <= b.right + line.size
      )
    })
    if (block) {
      block.lines.push(line)
      block.left = Math.min(block.left, line.left)
      block.right = Math.max(block.right, line.right)
      block.bottom = line.y
    } else {
      blocks.push({
        lines: [line],
        left: line.left,
        right: line.right,
        top: line.y - line.size,
        bottom: line.y,
        size: line.size,
      })
    }
  }
  return blocks
}

/**
 * Blocks in reading order. First by cuts: a gutter running the whole height of the region parts
 * it into columns (or groups of columns), read left to right; a gap running its whole width
 * takes off its top band, read before the rest (first when that band stands over one group of
 * columns only); each part is ordered in the same way. A region
 * that neither cut parts (a photo set across two columns mid-page) is ordered by precedence.
 */
export function orderBlocks(blocks: readonly Block[], body = 0): Block[] {
  if (blocks.length <= 1) return [...blocks]
  const min = Math.min(...blocks.map((b) => b.size))
  const columns = cut(blocks, (b) => [b.left, b.right], 0.4 * min)
  const [top, ...rest] = cut(blocks, (b) => [b.top, b.bottom], 0.05 * min)
  // A top band within one group of columns (a subtitle centred under its headline, over all
  // columns but the first) comes off first; one across several (two articles' headlines side
  // by side) does not: each group is read whole.
  const peel = top !== undefined && rest.length > 0
  const touched = top ? columns.filter((group) => group.some((b) => top.includes(b))) : []
  // Body text in several groups above a gap across them all: a band of columns (over a photo
  // set across columns the text flows band by band), read before what is under it.
  const inTop = (b: Block): boolean => top?.includes(b) === true
  const textBand = body > 0 && touched.filter((g) => g.some((b) => inTop(b) && sameSize(b.size, body))).length > 1
  const order = (part: readonly Block[]): Block[] => orderBlocks(part, body)
  if (columns.length > 1 && !(peel && (touched.length === 1 || textBand))) return columns.flatMap(order)
  if (peel && top) return [...order(top), ...order(rest.flat())]
  return orderByPrecedence(blocks)
}

/** The blocks in groups parted by every gap of at least `gap` in their projection on one axis. */
function cut(blocks: readonly Block[], span: (b: Block) => [number, number], gap: number): Block[][] {
  const sorted = [...blocks].sort((a, b) => span(a)[0] - span(b)[0])
  const groups: Block[][] = []
  let end = -Infinity
  for (const block of sorted) {
    const [from, to] = span(block)
    if (groups.length === 0 || from - end >= gap) groups.push([block])
    else groups.at(-1)?.push(block)
    end = Math.max(end, to)
  }
  return groups
}

/**
 * Blocks no cut parts, in reading order: `a` goes before `b` when it is above `b` and they overlap
 * horizontally, or when it is left of `b` and no third block overlapping both horizontally
 * stands between their tops. Topological order; among blocks free to go next, the topmost, then
 * the leftmost. A cycle (overlapping blocks) falls back to the same choice.
 */
function orderByPrecedence(blocks: readonly Block[]): Block[] {
  const n = blocks.length
  const tol = (a: Block, b: Block): number => 0.5 * Math.min(a.size, b.size)
  const before: boolean[][] = blocks.map(() => blocks.map(() => false))
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = blocks[i]
      const b = blocks[j]
      if (i === j || !a || !b) continue
      const t = tol(a, b)
      if (overlapX(a, b) > t) {
        before[i]![j] = a.bottom <= b.top + t || (a.top < b.top - t && a.bottom < b.bottom)
        continue
      }
      if (a.right > b.left + t) continue
      const low = Math.min(a.top, b.top)
      const high = Math.max(a.top, b.top)
      const separated = blocks.some((c, k) => {
        if (k === i || k === j) return false
        const middle = (c.top + c.bottom) / 2
        return middle > low && middle < high && overlapX(c, a) > t && overlapX(c, b) > t
      })
      before[i]![j] = !separated
    }
  }
  const indegree = blocks.map((_, j) => blocks.filter((__, i) => before[i]![j]).length)
  const placed = new Array<boolean>(n).fill(false)
  const out: Block[] = []
  const earlier = (i: number, j: number): boolean => {
    const a = blocks[i]!
    const b = blocks[j]!
    return a.top < b.top - tol(a, b) || (Math.abs(a.top - b.top) <= tol(a, b) && a.left < b.left)
  }
  for (let step = 0; step < n; step++) {
    let pick = -1
    for (let i = 0; i < n; i++) {
      if (placed[i] || indegree[i] !== 0) continue
      if (pick < 0 || earlier(i, pick)) pick = i
    }
    if (pick < 0) {
      for (let i = 0; i < n; i++) if (!placed[i] && (pick < 0 || earlier(i, pick))) pick = i
    }
    placed[pick] = true
    out.push(blocks[pick]!)
    for (let j = 0; j < n; j++) if (before[pick]![j] && !placed[j]) indegree[j] = (indegree[j] ?? 1) - 1
  }
  return out
}

/** The size most characters of the page are set in: its body text. */
export function bodySize(lines: readonly { text: string; size: number }[]): number {
  const count = new Map<number, number>()
  for (const line of lines) {
    const key = Math.round(line.size * 10) / 10
    count.set(key, (count.get(key) ?? 0) + [...line.text].length)
  }
  let best = 0
  let most = -1
  for (const [size, chars] of count) {
    if (chars > most) {
      best = size
      most = chars
    }
  }
  return best
}

/** Share of the page height, at the top and at the foot, that is margin: text there is a stamp or a mark. */
const MARGIN_BAND = 0.035

/** Text standing as furniture by its position: in the outer margin band, no larger than body text. */
function inMargin(line: PdfLine, page: PdfPage, body: number): boolean {
  if (line.size > body * 1.1) return false
  const band = MARGIN_BAND * page.height
  return line.y < band + line.size || line.y > page.height - band
}

/** A running head or folio line: the same words (numbers aside) at the same height on other pages. */
function repeatedKey(line: PdfLine): string {
  return `${Math.round(line.y / 4)}:${line.text.replace(/[\d\s]+/g, '#')}`
}

/**
 * Pages → paragraphs in reading order. Lines of one paragraph are joined; a paragraph ends at a
 * line that stops short of its block's right edge, before a line indented from the block's left
 * edge, and where the size changes. A paragraph cut at the foot of a column runs on into the next
 * block when that block starts unindented in the same size.
 */
export function orderPages(pages: readonly PdfPage[]): OrderedLine[] {
  const perPage = pages.map((page) => buildLines(page.items))
  // Lines at the same height with the same words on two pages or more: running heads, folio lines.
  const seen = new Map<string, Set<number>>()
  perPage.forEach((lines, p) => {
    for (const line of lines) {
      const key = repeatedKey(line)
      seen.set(key, (seen.get(key) ?? new Set()).add(p))
    }
  })
  const out: OrderedLine[] = []
  perPage.forEach((all, p) => {
    const page = pages[p]!
    const body = bodySize(all)
    const lines = all.filter((line) => {
      if (inMargin(line, page, body)) return false
      const edge = line.y < 0.15 * page.height || line.y > 0.9 * page.height
      return !(edge && pages.length > 1 && (seen.get(repeatedKey(line))?.size ?? 0) > 1)
    })
    // `head`: the first line of a paragraph with its word gaps, while a dateline in it may run on into the next line.
    let open: { line: OrderedLine; full: boolean; head?: string } | null = null
    // The body paragraph under way: a photo's caption (smaller than the body) set into the column does not end it.
    let openBody: { line: OrderedLine; full: boolean; head?: string } | null = null
    const ordered = orderBlocks(buildBlocks(lines), body)
    ordered.forEach((block, b) => {
      const next = ordered[b + 1]
      // A word or two alone in a photo's frame above its caption (待插图片, a chart's label) is the picture's, not text.
      const only = block.lines.length === 1 ? block.lines[0] : undefined
      const label = only !== undefined && charLength(only.text) <= 8 && only.size < 1.5 * body
      if (label && next && next.size < body && !sameSize(next.size, body)) {
        if (overlapX(block, next) > 0 && next.top > block.bottom) return
      }
      block.lines.forEach((line, k) => {
        const indented = line.left > block.left + 0.8 * line.size
        // Full: it reaches the block's right edge, or it stops short only because the next line's
        // first word, Latin or figures (2024中国…), did not fit in what is left (half an em a character at least).
        const after = block.lines[k + 1]
        const word = /^[A-Za-z0-9%.,-]+/.exec(after?.text ?? '')?.[0] ?? ''
        const wrapped =
          after !== undefined &&
          after.left <= block.left + 0.8 * after.size &&
          sameSize(after.size, line.size) &&
          0.5 * word.length * line.size > block.right - line.right
        const full = (line.right >= block.right - 0.8 * line.size || wrapped) && block.lines.length > 1
        const isBody = sameSize(line.size, body)
        const into = k === 0 && isBody ? openBody : open
        const continues =
          into !== null && into.full && !indented && sameSize(into.line.size, line.size) && (k > 0 || isBody)
        // A full line is justified: its wide gaps are spacing. A short one is set flush: they are spaces.
        let words = full ? line.text : line.spaced
        // A dateline run in at the start of a paragraph keeps its spaces (记者 王波 7月2日): the names need them.
        const dateline = k === 0 || !continuesPossible(open, line) ? splitDateline(line.spaced) : null
        const plain = dateline?.dateline.replace(/\s+/g, '') ?? ''
        if (dateline && plain !== '' && words.replace(/\s+/g, '').startsWith(plain) && words === line.text) {
          words = `${dateline.dateline} ${line.text.replace(/\s+/g, '').slice(plain.length)}`.trim()
        }
        if (continues && into) {
          // A dateline broken over the first two lines (科学导报 记者王波 | 7月2日 中国…, both justified):
          // read it again on both lines with their word gaps, and keep its gaps when it reaches further.
          if (into.head !== undefined) {
            const before = splitDateline(into.head)?.dateline.replace(/\s+/g, '') ?? ''
            const again = splitDateline(joinText(into.head, line.spaced))
            const plain = again?.dateline.replace(/\s+/g, '') ?? ''
            const whole = joinText(into.line.text, line.text).replace(/\s+/g, '')
            if (again && plain.length > before.length && whole.startsWith(plain)) {
              into.line.text = `${again.dateline} ${whole.slice(plain.length)}`.trim()
              into.full = full
              into.head = undefined
              open = into
              return
            }
            into.head = undefined
          }
          into.line.text = joinText(into.line.text, words)
          into.full = full
          open = into
          return
        }
        const entry: OrderedLine = {
          text: words,
          page: p + 1,
          size: line.size,
          newBlock: k === 0,
          top: (line.y - line.size) / page.height,
        }
        out.push(entry)
        // A headline set on two lines (centred, neither one full) is one headline.
        const title = !isBody && line.size > body
        open = {
          line: entry,
          full: full || (title && block.lines.length > 1),
          ...(isBody && full ? { head: line.spaced } : {}),
        }
        if (isBody) openBody = open
        else if (line.size > body) openBody = null
      })
    })
  })
  return out
}

/** Could this line run on the paragraph under way (that paragraph reached its column's edge)? */
function continuesPossible(open: { full: boolean } | null, line: PdfLine): boolean {
  return open !== null && open.full && line.size > 0
}

function joinText(before: string, after: string): string {
  const a = before.at(-1) ?? ''
  const b = after[0] ?? ''
  return /[A-Za-z0-9]/.test(a) && /[A-Za-z]/.test(b) && !/-$/.test(before) ? `${before} ${after}` : before + after
}

/** Body size of the whole document: the size most characters are set in. */
function documentBody(lines: readonly OrderedLine[]): number {
  return bodySize(lines)
}

/**
 * Ordered paragraphs → the reader's source lines, with a hint from the size: a line set at least
 * 1.5 times the body size is a headline ('title'), one between the body and that a subhead —
 * or a kicker or subtitle when it stands next to a headline — one smaller than the body a
 * caption. A new block after a paragraph of another kind leaves a blank line before it.
 */
export function toSourceLines(lines: readonly OrderedLine[]): SourceLine[] {
  const body = documentBody(lines)
  const kindOf = (line: OrderedLine | undefined): LineHint['style'] | null => {
    if (!line) return null
    if (sameSize(line.size, body)) return 'body'
    if (line.size >= 1.5 * body) return 'title'
    if (line.size > body) return 'subhead'
    return 'caption'
  }
  return lines.map((line, i) => {
    let style = kindOf(line) ?? 'body'
    const previous = lines[i - 1]
    const next = lines[i + 1]
    if (style === 'subhead' && kindOf(next) === 'title' && (next?.size ?? 0) > line.size) style = 'kicker'
    else if (style === 'subhead' && kindOf(previous) === 'title' && (previous?.size ?? 0) > line.size)
      style = 'subtitle'
    const hint: LineHint = { style, level: style === 'title' ? 1 : 0, bold: false, centered: false, size: line.size }
    const gap = line.newBlock && (style === 'title' || style === 'kicker') ? 1 : 0
    return { text: line.text, line: i + 1, gap, hint }
  })
}
