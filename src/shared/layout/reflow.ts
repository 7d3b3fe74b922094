/**
 * Reflow (换版式重排): moves an existing layout onto another template's grid instead of throwing
 * the editor's work away. Every block keeps its page, its place in the reading order and its
 * proportions: column edges are scaled to the new column count, line edges to the new type area
 * below the masthead/folio. Scaling edges (not sizes) keeps blocks that did not overlap apart,
 * and keeps their order, whatever the rounding.
 *
 * Only a block that scaling would shrink to nothing is widened to one column / one line; if that
 * makes it collide, it moves down its page, and when the page has no room it goes onto a page
 * inserted right after (later pages are renumbered, their 版名 and 责任编辑 travel with them).
 */
import {
  grid,
  reservedLines,
  type Grid,
  type IssueLayout,
  type LayoutBlock,
  type LayoutPage,
  type PageTemplate,
} from './model'

type Box = Pick<LayoutBlock, 'col' | 'span' | 'line' | 'lines'>

const overlaps = (a: Box, b: Box): boolean =>
  a.col < b.col + b.span && b.col < a.col + a.span && a.line < b.line + b.lines && b.line < a.line + a.lines

/** Reading order on a page: top to bottom, then left to right. */
const reading = (a: LayoutBlock, b: LayoutBlock): number => a.line - b.line || a.col - b.col

export function reflowLayout(layout: IssueLayout, to: PageTemplate): IssueLayout {
  const from = layout.template
  const gf = grid(from)
  const gt = grid(to)
  const colEdge = (c: number): number => Math.round((Math.min(Math.max(c, 0), gf.columns) * gt.columns) / gf.columns)

  const pages: LayoutPage[] = []
  let shift = 0
  for (const source of [...layout.pages].sort((a, b) => a.number - b.number)) {
    const number = source.number + shift
    const topF = reservedLines(from, source.number)
    const topT = reservedLines(to, number)
    const availF = Math.max(1, gf.lines - topF)
    const availT = Math.max(1, gt.lines - topT)
    const lineEdge = (l: number): number =>
      topT + Math.round(((Math.min(Math.max(l, topF), gf.lines) - topF) * availT) / availF)

    let page: LayoutPage = { ...source, number, blocks: [] }
    pages.push(page)
    let overflow: LayoutBlock[] = []
    for (const b of [...source.blocks].sort(reading)) {
      let c0 = colEdge(b.col)
      let c1 = colEdge(b.col + b.span)
      if (c1 <= c0) c1 = c0 + 1
      if (c1 > gt.columns) [c0, c1] = [gt.columns - 1, gt.columns]
      let l0 = lineEdge(b.line)
      let l1 = lineEdge(b.line + b.lines)
      if (l1 <= l0) l1 = l0 + 1
      if (l1 > gt.lines) [l0, l1] = [gt.lines - 1, gt.lines]
      const block: LayoutBlock = { ...b, col: c0, span: c1 - c0, line: l0, lines: l1 - l0 }
      const placed = settle(block, page.blocks, gt.lines)
      if (placed) page.blocks.push(placed)
      else overflow.push(block)
    }
    // What found no room goes onto pages of its own right after, stacked in reading order.
    while (overflow.length > 0) {
      shift += 1
      const top = reservedLines(to, page.number + 1)
      page = { number: page.number + 1, name: source.name, editor: source.editor, blocks: [] }
      pages.push(page)
      const rest: LayoutBlock[] = []
      let cursor = { line: top, col: 0 }
      for (const b of overflow) {
        const placed =
          rest.length === 0 ? pack({ ...b, lines: Math.min(b.lines, gt.lines - top) }, page.blocks, cursor, gt) : null
        if (placed) {
          page.blocks.push(placed)
          cursor = { line: placed.line, col: placed.col + placed.span }
        } else rest.push(b)
      }
      if (rest.length === overflow.length) break // cannot happen: an empty page takes any block
      overflow = rest
    }
  }
  return { template: to, pages }
}

/**
 * The first free place for the block at or after `cursor` in reading order (top to bottom, then
 * left to right), so blocks packed one after another keep their order; null when none is left.
 */
function pack(block: LayoutBlock, placed: LayoutBlock[], cursor: { line: number; col: number }, g: Grid) {
  for (let line = cursor.line; line + block.lines <= g.lines; line++) {
    for (let col = line === cursor.line ? cursor.col : 0; col + block.span <= g.columns; col++) {
      const b = { ...block, line, col }
      if (!placed.some((p) => overlaps(b, p))) return b
    }
  }
  return null
}

/** The block where it is, or moved down below what it collides with; null when the page has no room. */
function settle(block: LayoutBlock, placed: LayoutBlock[], lines: number): LayoutBlock | null {
  let b = block
  for (;;) {
    const hit = placed.filter((p) => overlaps(b, p))
    if (hit.length === 0) return b
    const line = Math.max(...hit.map((p) => p.line + p.lines))
    if (line + b.lines > lines) return null
    b = { ...b, line }
  }
}
