import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { autoLayout, estimateNeed } from '../../src/shared/layout/auto'
import { checkLayout, grid, reservedLines, templateSchema, type PageTemplate } from '../../src/shared/layout/model'
import { defaultTemplates } from '../../src/main/export/store'

const resources = resolve(__dirname, '../../resources')
const templates = defaultTemplates(resources)
const sikai = templates.find((t) => t.id === 'sikai') as PageTemplate

describe('page templates', () => {
  it('ships 对开, 四开, A3 and A4 as valid data', () => {
    expect(templates.map((t) => t.name).sort()).toEqual(['A3', 'A4', '四开', '对开'].sort())
    for (const t of templates) expect(templateSchema.safeParse(t).success).toBe(true)
    expect(sikai.trim).toEqual({ width: 270, height: 390 })
  })

  it('puts the type area on whole body lines and columns that fill its width', () => {
    for (const t of templates) {
      const g = grid(t)
      expect(g.lines).toBeGreaterThan(40)
      expect(g.height).toBeLessThanOrEqual(t.trim.height - t.margins.top - t.margins.bottom + 1e-9)
      expect(g.columns * g.columnWidth + (g.columns - 1) * g.gutter).toBeCloseTo(g.width, 6)
    }
  })
})

describe('auto-layout', () => {
  const items = (heights: number[]) =>
    heights.map((h, i) => ({ articleId: i + 1, need: (span: number) => Math.ceil((h * sikai.columns) / span) }))

  it('places every article once, in running order, on the grid and below the masthead/folio', () => {
    const layout = autoLayout(items([50, 20, 8, 30, 12, 70, 5]), sikai)
    expect(checkLayout(layout)).toEqual([])
    const order = layout.pages.flatMap((p) => p.blocks.map((b) => b.articleId))
    expect([...order].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7])
    // Running order, except that a hole may borrow an article from at most 3 places ahead.
    order.forEach((id, index) => expect(id - (index + 1)).toBeLessThanOrEqual(3))
    for (const p of layout.pages) {
      for (const b of p.blocks) expect(b.line).toBeGreaterThanOrEqual(reservedLines(sikai, p.number))
    }
  })

  it('gives an article longer than a page the whole page (copyfit then reports it overset)', () => {
    const g = grid(sikai)
    const layout = autoLayout(items([500]), sikai)
    expect(layout.pages[0]?.blocks[0]).toMatchObject({ span: g.columns, lines: g.lines - sikai.mastheadLines })
  })

  it('pairs short articles side by side and fills a hole with a later article that fits', () => {
    const g = grid(sikai)
    const rest = g.lines - sikai.mastheadLines
    // 1 nearly fills page 1, 2 does not fit under it, 3 fills the hole; 4 and 5 are short: one band.
    const layout = autoLayout(items([rest - 10, 40, 6, 8, 7]), sikai)
    expect(checkLayout(layout)).toEqual([])
    expect(layout.pages[0]?.blocks.map((b) => b.articleId)).toEqual([1, 3])
    const band = layout.pages[1]?.blocks.filter((b) => b.articleId >= 4) ?? []
    expect(band.map((b) => [b.col, b.span, b.line])).toEqual([
      [0, 3, band[0]?.line],
      [3, 3, band[0]?.line],
    ])
  })

  it('adds empty pages up to minPages and keeps page names', () => {
    const layout = autoLayout(items([10]), sikai, {
      minPages: 4,
      pageInfo: new Map([[2, { name: '园区动态', editor: '李若男' }]]),
    })
    expect(layout.pages.map((p) => p.number)).toEqual([1, 2, 3, 4])
    expect(layout.pages[1]).toMatchObject({ name: '园区动态', editor: '李若男' })
  })

  it('estimates more lines for narrower blocks', () => {
    const need = estimateNeed(sikai, {
      chars: 2000,
      paragraphs: 10,
      subheads: 2,
      photos: 1,
      headlineChars: 12,
      hasKicker: true,
      hasSubtitle: false,
    })
    expect(need(2)).toBeGreaterThan(need(6))
  })
})
