import { describe, expect, it } from 'vitest'
import { grid, reservedLines, type IssueLayout, type PageTemplate } from './model'
import type { LayoutOutcome } from './outcome'
import { emptyFraction, layoutReport } from './report'

const template: PageTemplate = {
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
const rows = (page: number) => grid(template).lines - reservedLines(template, page)

function layout(blocks: IssueLayout['pages'][number]['blocks'][], names: string[] = []): IssueLayout {
  return { template, pages: blocks.map((b, i) => ({ number: i + 1, name: names[i] ?? '', editor: '', blocks: b })) }
}

describe('emptyFraction', () => {
  it('is 0 for a page covered below its masthead, 1 for an empty page, the uncovered share otherwise', () => {
    const top1 = reservedLines(template, 1)
    const full = layout([[{ articleId: 1, col: 0, span: 6, line: top1, lines: rows(1) }], []])
    expect(emptyFraction(full, 0)).toBe(0)
    expect(emptyFraction(full, 1)).toBe(1)
    // Half the columns, the whole height of page 2: half empty.
    const top2 = reservedLines(template, 2)
    const half = layout([[], [{ articleId: 2, col: 0, span: 3, line: top2, lines: rows(2) }]])
    expect(emptyFraction(half, 1)).toBe(0.5)
  })

  it('does not count the masthead band or cells off the grid as covered', () => {
    const g = grid(template)
    // A block drawn from the top of the page over the masthead covers only what lies below it.
    const over = layout([[{ articleId: 1, col: 0, span: 6, line: 0, lines: g.lines }]])
    expect(emptyFraction(over, 0)).toBe(0)
    const short = layout([[{ articleId: 1, col: 0, span: 6, line: reservedLines(template, 1), lines: 1 }]])
    expect(emptyFraction(short, 0)).toBeCloseTo(1 - 1 / rows(1), 3)
  })
})

describe('layoutReport', () => {
  it('gives each block its grid place and its own fit, continuations matched by part', () => {
    const top = reservedLines(template, 1)
    const l = layout(
      [
        [
          { articleId: 7, col: 0, span: 4, line: top, lines: 40 },
          { articleId: 8, col: 4, span: 2, line: top, lines: 40 },
        ],
        [{ articleId: 7, part: 1, col: 0, span: 6, line: 3, lines: 10 }],
      ],
      ['要闻'],
    )
    const outcome: LayoutOutcome = {
      layout: l,
      source: 'auto',
      fits: [
        { page: 1, articleId: 7, headline: '甲', overChars: 0, shortLines: 0 },
        { page: 1, articleId: 8, headline: '乙', overChars: 35, shortLines: 0 },
        { page: 2, articleId: 7, part: 1, headline: '甲', overChars: 0, shortLines: 2 },
      ],
      overset: [],
      short: [],
      unplaced: [],
      warnings: [],
    }
    const r = layoutReport(outcome)
    expect(r.template).toEqual({ id: 'sikai', name: '四开', columns: 6 })
    expect(r.pages.map((p) => p.number)).toEqual([1, 2])
    expect(r.pages[0]?.name).toBe('要闻')
    expect(r.pages[0]?.blocks).toEqual([
      { articleId: 7, part: 0, column: 0, line: top, columns: 4, lines: 40, fit: { overset: 0, shortLines: 0 } },
      { articleId: 8, part: 0, column: 4, line: top, columns: 2, lines: 40, fit: { overset: 35, shortLines: 0 } },
    ])
    expect(r.pages[1]?.blocks[0]).toMatchObject({ articleId: 7, part: 1, fit: { overset: 0, shortLines: 2 } })
    expect(r.pages[0]?.emptyFraction).toBeCloseTo(1 - 40 / rows(1), 3)
    expect(r.reasons).toEqual([])
  })
})
