import { describe, expect, it } from 'vitest'
import { autoLayout } from './auto'
import { checkLayout, grid, reservedLines, type IssueLayout, type LayoutBlock, type PageTemplate } from './model'
import { reflowLayout } from './reflow'

// The shipped 四开 and 对开 (resources/templates), and a narrow 3-column grid.
const sikai: PageTemplate = {
  id: 'sikai',
  name: '四开',
  trim: { width: 270, height: 390 },
  margins: { top: 20, bottom: 18, left: 12.5, right: 12.5 },
  columns: 6,
  gutter: 3,
  body: { size: 9, leading: 13.5 },
  bleed: 3,
  mastheadLines: 13,
  folioLines: 3,
}
const duikai: PageTemplate = {
  id: 'duikai',
  name: '对开',
  trim: { width: 390, height: 545 },
  margins: { top: 27, bottom: 25, left: 20, right: 20 },
  columns: 8,
  gutter: 3.5,
  body: { size: 9, leading: 13.5 },
  bleed: 3,
  mastheadLines: 16,
  folioLines: 3,
}
const narrow: PageTemplate = { ...sikai, id: 'narrow', name: '窄', columns: 3, trim: { width: 200, height: 300 } }

/** A deterministic pseudo-random source, so a failing case can be replayed. */
function rng(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
}

const readingOrder = (layout: IssueLayout): number[] =>
  [...layout.pages]
    .sort((a, b) => a.number - b.number)
    .flatMap((p) => [...p.blocks].sort((a, b) => a.line - b.line || a.col - b.col).map((b) => b.articleId))

const blocksById = (layout: IssueLayout): Map<number, LayoutBlock & { page: number }> =>
  new Map(layout.pages.flatMap((p) => p.blocks.map((b) => [b.articleId, { ...b, page: p.number }] as const)))

/** An auto-laid-out issue of `count` articles of random lengths on `t`. */
function sample(t: PageTemplate, seed: number, count = 9): IssueLayout {
  const r = rng(seed)
  const heights = Array.from({ length: count }, () => 4 + Math.floor(r() * 60))
  return autoLayout(
    heights.map((h, i) => ({ articleId: i + 1, need: (span: number) => Math.ceil((h * t.columns) / span) })),
    t,
  )
}

describe('reflow onto another template', () => {
  const pairs: [PageTemplate, PageTemplate][] = [
    [sikai, duikai],
    [duikai, sikai],
    [sikai, narrow],
    [duikai, narrow],
    [narrow, duikai],
  ]

  it('keeps every block on the grid, below the masthead/folio, with no overlap', () => {
    for (const [from, to] of pairs) {
      for (let seed = 1; seed <= 30; seed++) {
        const before = sample(from, seed)
        expect(checkLayout(before)).toEqual([])
        const after = reflowLayout(before, to)
        expect(after.template).toBe(to)
        expect(checkLayout(after), `${from.id}→${to.id} seed ${seed}`).toEqual([])
        for (const p of after.pages) {
          for (const b of p.blocks) expect(b.line).toBeGreaterThanOrEqual(reservedLines(to, p.number))
        }
      }
    }
  })

  it('keeps the reading order of the blocks and every article placed once', () => {
    for (const [from, to] of pairs) {
      for (let seed = 1; seed <= 30; seed++) {
        const before = sample(from, seed)
        const after = reflowLayout(before, to)
        const order = readingOrder(after)
        expect(order).toEqual(readingOrder(before))
      }
    }
  })

  it('scales columns to the new column count and lines to the new type area, within rounding', () => {
    for (const [from, to] of pairs) {
      const gf = grid(from)
      const gt = grid(to)
      for (let seed = 1; seed <= 30; seed++) {
        const before = sample(from, seed)
        const after = blocksById(reflowLayout(before, to))
        for (const p of before.pages) {
          const availF = gf.lines - reservedLines(from, p.number)
          const availT = gt.lines - reservedLines(to, p.number)
          for (const b of p.blocks) {
            const a = after.get(b.articleId)
            if (!a) throw new Error(`article ${b.articleId} lost`)
            expect(a.page).toBe(p.number) // nothing needed a new page here
            expect(Math.abs(a.span - (b.span * gt.columns) / gf.columns)).toBeLessThanOrEqual(1)
            expect(a.span).toBeGreaterThanOrEqual(1)
            expect(Math.abs(a.lines - (b.lines * availT) / availF)).toBeLessThanOrEqual(1)
            expect(Math.abs(a.col - (b.col * gt.columns) / gf.columns)).toBeLessThanOrEqual(0.5)
          }
        }
      }
    }
  })

  it('gives a full-width block the full new width and keeps blocks side by side', () => {
    const before: IssueLayout = {
      template: sikai,
      pages: [
        {
          number: 1,
          name: '要闻',
          editor: '王',
          blocks: [
            { articleId: 1, col: 0, span: 6, line: 13, lines: 30 },
            { articleId: 2, col: 0, span: 3, line: 43, lines: 20 },
            { articleId: 3, col: 3, span: 3, line: 43, lines: 20, manual: true },
          ],
        },
      ],
    }
    const after = reflowLayout(before, duikai)
    const [lead, left, right] = after.pages[0]?.blocks ?? []
    expect(after.pages[0]?.name).toBe('要闻')
    expect(lead).toMatchObject({ articleId: 1, col: 0, span: 8, line: 16 })
    expect(left).toMatchObject({ articleId: 2, col: 0, span: 4 })
    expect(right).toMatchObject({ articleId: 3, col: 4, span: 4, manual: true })
    expect(left?.line).toBe((lead?.line ?? 0) + (lead?.lines ?? 0))
  })

  it('widens blocks scaled to nothing to one column and moves what then collides, onto a new page if need be', () => {
    // Six one-column blocks side by side, each the full page height: on 3 columns two share each column.
    const g = grid(sikai)
    const top = reservedLines(sikai, 2)
    const before: IssueLayout = {
      template: sikai,
      pages: [
        { number: 1, name: '', editor: '', blocks: [] },
        {
          number: 2,
          name: '经济',
          editor: '',
          blocks: Array.from({ length: 6 }, (_, i) => ({
            articleId: i + 1,
            col: i,
            span: 1,
            line: top,
            lines: g.lines - top,
          })),
        },
        { number: 3, name: '副刊', editor: '李', blocks: [{ articleId: 7, col: 0, span: 6, line: 3, lines: 20 }] },
      ],
    }
    const after = reflowLayout(before, narrow)
    expect(checkLayout(after)).toEqual([])
    expect(after.pages.map((p) => p.number)).toEqual([1, 2, 3, 4])
    expect(after.pages.map((p) => p.name)).toEqual(['', '经济', '经济', '副刊'])
    expect(readingOrder(after).sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
    for (const b of after.pages.flatMap((p) => p.blocks)) expect(b.span).toBeGreaterThanOrEqual(1)
    expect(after.pages[3]?.blocks[0]).toMatchObject({ articleId: 7, span: 3 })
  })

  it('leaves a layout on the same template as it was', () => {
    const before = sample(sikai, 7)
    expect(reflowLayout(before, sikai).pages).toEqual(
      before.pages.map((p) => ({ ...p, blocks: [...p.blocks].sort((a, b) => a.line - b.line || a.col - b.col) })),
    )
  })
})
