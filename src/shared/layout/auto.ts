/**
 * The first auto-layout (自动排版), kept for the character-count estimate (`estimateNeed`) and the
 * tests built on it; 自动排版 itself (layout.auto, `layout auto`, exports without a stored layout)
 * now uses the modular planner in ./modular.ts, which fills pages, balances columns and cuts (转版).
 *
 * Places an issue's articles onto pages in running order as a starting
 * point the editor then adjusts. Each article becomes one rectangular block on the column grid.
 *
 * The heights come from the caller: `need(span)` is how many body lines the article takes (headline,
 * photos and body, plus one line of separation) when its block spans `span` columns. Export measures
 * these in the same Chromium that prints (src/main/export); `estimateNeed` below is a character-count
 * estimate for places without a browser.
 *
 * Strategy, per page, top to bottom:
 * - two short articles in a row share a band side by side (half the columns each);
 * - an article that fits across the full width below what is placed goes there (通栏);
 * - otherwise a hole under placed blocks takes a later article that fits (at most 3 ahead), else
 *   the article starts the next page (an article opening a page is never displaced);
 * - an article too long for an empty page gets the whole page and is reported overset by copyfit;
 * - the last block of a page is stretched to the foot when little is left, so pages do not end in
 *   a hole (copyfit then reports the block short: 余 N 行).
 */
import {
  grid,
  MM_PER_PT,
  reservedLines,
  type IssueLayout,
  type LayoutBlock,
  type LayoutPage,
  type PageTemplate,
} from './model'

export interface LayoutItem {
  articleId: number
  /** Body lines the block needs at a span of `span` columns (1 … template.columns). */
  need(span: number): number
}

export interface AutoLayoutOptions {
  /** At least this many pages (empty ones are added at the end). */
  minPages?: number
  /** 版名 and 责任编辑 to keep by page number (e.g. from the layout being replaced). */
  pageInfo?: Map<number, { name: string; editor: string }>
}

/** The smallest hole (in lines) worth filling with a later article rather than leaving. */
const MIN_FILL_LINES = 8
/** How far ahead in the running order a hole may borrow an article. */
const LOOK_AHEAD = 3
/** Articles at most this tall across the full width count as short (paired side by side). */
const SHORT_LINES = 16

export function autoLayout(items: LayoutItem[], template: PageTemplate, options: AutoLayoutOptions = {}): IssueLayout {
  const g = grid(template)
  const C = g.columns
  const L = g.lines
  const pages: LayoutPage[] = []
  let page = newPage(1)
  let y = reservedLines(template, 1)

  function newPage(number: number): LayoutPage {
    const info = options.pageInfo?.get(number)
    const p: LayoutPage = { number, name: info?.name ?? '', editor: info?.editor ?? '', blocks: [] }
    pages.push(p)
    return p
  }
  function nextPage(): void {
    stretchLast()
    page = newPage(page.number + 1)
    y = reservedLines(template, page.number)
  }
  /** Closes the gap under the page's last band of blocks when it is small. */
  function stretchLast(): void {
    const top = reservedLines(template, page.number)
    const bottom = Math.max(top, ...page.blocks.map((b) => b.line + b.lines))
    const gap = L - bottom
    if (page.blocks.length === 0 || gap <= 0 || gap > Math.max(MIN_FILL_LINES, Math.ceil((L - top) / 4))) return
    for (const b of page.blocks) if (b.line + b.lines === bottom) b.lines += gap
  }
  const need = (item: LayoutItem, span: number): number => Math.max(2, Math.ceil(item.need(span)))
  const place = (block: LayoutBlock): void => {
    page.blocks.push(block)
  }

  const queue = [...items]
  while (queue.length > 0) {
    const item = queue[0] as LayoutItem
    const next = queue[1]
    const top = reservedLines(template, page.number)
    const rest = L - y
    const full = need(item, C)
    // Two short articles side by side (a module across the page) rather than two thin strips.
    if (next && full <= SHORT_LINES && need(next, C) <= SHORT_LINES) {
      const left = Math.ceil(C / 2)
      const h = Math.max(need(item, left), need(next, C - left))
      if (C >= 4 && h <= rest) {
        place({ articleId: item.articleId, col: 0, span: left, line: y, lines: h })
        place({ articleId: next.articleId, col: left, span: C - left, line: y, lines: h })
        y += h
        queue.splice(0, 2)
        continue
      }
    }
    if (full <= rest) {
      place({ articleId: item.articleId, col: 0, span: C, line: y, lines: full })
      y += full
      queue.shift()
      continue
    }
    // It does not fit: fill the hole with a later short article that does (pulled forward).
    if (y > top && rest >= MIN_FILL_LINES) {
      const j = queue.findIndex((other, k) => k > 0 && k <= LOOK_AHEAD && need(other, C) <= rest)
      if (j > 0) {
        const [other] = queue.splice(j, 1)
        if (other) {
          place({ articleId: other.articleId, col: 0, span: C, line: y, lines: need(other, C) })
          y += need(other, C)
          continue
        }
      }
    }
    if (y === top) {
      // Longer than an empty page: it gets the page; copyfit reports what does not fit.
      place({ articleId: item.articleId, col: 0, span: C, line: y, lines: rest })
      queue.shift()
    }
    if (queue.length > 0) nextPage()
  }
  stretchLast()
  while (pages.length < (options.minPages ?? 1)) newPage(pages.length + 1)
  return { template, pages }
}

export interface EstimateInput {
  /** Characters of body text (all of it, punctuation included). */
  chars: number
  paragraphs: number
  subheads: number
  photos: number
  headlineChars: number
  hasKicker: boolean
  hasSubtitle: boolean
}

/** A character-count estimate of `need(span)` (no browser): what the renderer shows before measuring. */
export function estimateNeed(template: PageTemplate, a: EstimateInput): (span: number) => number {
  const g = grid(template)
  return (span) => {
    const perLine = Math.max(1, Math.floor(g.columnWidth / (template.body.size * MM_PER_PT)))
    // Each paragraph starts with a 2-character indent and ends on a half-used line on average.
    const bodyLines = Math.ceil((a.chars + a.paragraphs * 2) / perLine + a.paragraphs * 0.5) + a.subheads * 2
    const perColumn = Math.ceil(bodyLines / span)
    const headline = (a.hasKicker ? 2 : 0) + (a.hasSubtitle ? 2 : 0) + (span >= 3 ? 4 : 3)
    const photoWidth = span <= 2 ? span : Math.ceil(span / 2)
    const photoHeight = Math.ceil(((photoWidth * g.columnWidth * 2) / 3 + 6) / g.leading)
    return headline + perColumn + a.photos * photoHeight + 1
  }
}
