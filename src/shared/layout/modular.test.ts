import { describe, expect, it } from 'vitest'
import { checkLayout, grid, reservedLines, type IssueLayout, type PageTemplate } from './model'
import { jumpLines, modularLayout, pageFill, partitions, MAX_SHORT, type MeasuredArticle } from './modular'

const base = {
  margins: { top: 20, bottom: 18, left: 12.5, right: 12.5 },
  gutter: 3,
  body: { size: 9, leading: 13.5 },
  bleed: 3,
  folioLines: 3,
}
const sikai: PageTemplate = {
  ...base,
  id: 'sikai',
  name: '四开',
  trim: { width: 270, height: 390 },
  columns: 6,
  mastheadLines: 13,
}
const duikai: PageTemplate = {
  ...base,
  id: 'duikai',
  name: '对开',
  trim: { width: 390, height: 545 },
  margins: { top: 27, bottom: 25, left: 20, right: 20 },
  columns: 8,
  gutter: 3.5,
  mastheadLines: 16,
}

const head = (s: number): number => (s >= 3 ? 4 : 3)

/** An article of `body` column-lines of text (at one column); a photo adds its height at every span. */
function article(articleId: number, body: number, photoLines = 0): MeasuredArticle {
  return { articleId, head, need: (s) => head(s) + Math.ceil(body / s) + photoLines + 1 }
}

/** A deterministic spread of article lengths: a long lead, middling pieces and briefs. */
function issue(n: number, seed = 7): MeasuredArticle[] {
  let x = seed
  const rnd = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648
    return x / 2147483648
  }
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 4 === 0 ? 260 : i % 4 === 3 ? 30 : 110
    return article(i + 1, Math.round(kind * (0.6 + rnd() * 0.8)), i % 5 === 0 ? 14 : 0)
  })
}

/** Lines each block is taller than its copy needs (per column): what copyfit calls 余 N 行. */
function shortBy(layout: IssueLayout, articles: MeasuredArticle[]): number[] {
  const jumps = jumpLines(layout)
  const cut = new Set(jumps.map((j) => `${j.articleId}:${j.part}`))
  const out: number[] = []
  for (const p of layout.pages) {
    for (const b of p.blocks) {
      const key = `${b.articleId}:${b.part ?? 0}`
      if (cut.has(key) || (b.part ?? 0) > 0) continue // a cut part is full; a continuation is estimated
      const a = articles.find((x) => x.articleId === b.articleId) as MeasuredArticle
      // A block at the foot of the page prints without the line of space under it.
      const foot = b.line + b.lines === grid(layout.template).lines ? 1 : 0
      out.push(b.lines - a.need(b.span) + foot)
    }
  }
  return out
}

describe('modular auto-layout', () => {
  for (const [template, count] of [
    [sikai, 9],
    [duikai, 14],
    [sikai, 5],
    [duikai, 6],
  ] as const) {
    it(`${template.name}, ${count} articles: every page but the last at least 90% full, on the grid`, () => {
      const articles = issue(count)
      const { layout } = modularLayout(articles, template)
      expect(checkLayout(layout)).toEqual([])
      const fill = pageFill(layout)
      expect(fill.length).toBeGreaterThan(1)
      for (const f of fill.slice(0, -1)) expect(f).toBeGreaterThanOrEqual(0.9)
      // Every article on a page, in one or more parts.
      const placed = new Set(layout.pages.flatMap((p) => p.blocks.map((b) => b.articleId)))
      expect([...placed].sort((a, b) => a - b)).toEqual(articles.map((a) => a.articleId))
    })

    it(`${template.name}, ${count} articles: no block column more than ${MAX_SHORT} lines short, none overset`, () => {
      const articles = issue(count)
      const { layout } = modularLayout(articles, template)
      for (const s of shortBy(layout, articles)) {
        expect(s).toBeGreaterThanOrEqual(0)
        expect(s).toBeLessThanOrEqual(MAX_SHORT)
      }
    })
  }

  it('the lead is the first article of page 1, across the top; shorter pieces are narrower', () => {
    const articles = issue(9)
    const { layout, reasons } = modularLayout(articles, duikai)
    const p1 = layout.pages[0]
    const lead = p1?.blocks.find((b) => b.line === reservedLines(duikai, 1) && b.col === 0)
    expect(lead?.articleId).toBe(1)
    expect(lead?.span).toBeGreaterThanOrEqual(duikai.columns - 3)
    expect(reasons.find((r) => r.articleId === 1 && r.part === 0)?.message_zh).toMatch(/^头条：/)
    const others = layout.pages.flatMap((p) => p.blocks).filter((b) => b.articleId !== 1)
    expect(others.some((b) => b.span >= 2 && b.span <= 4)).toBe(true)
    for (const r of reasons) expect(r.message_zh.length).toBeGreaterThan(0)
  })

  it('stacks briefs in a narrow column group, one under another', () => {
    const articles = [article(1, 300), article(2, 160), article(3, 20), article(4, 18), article(5, 22), article(6, 150)]
    const { layout, reasons } = modularLayout(articles, duikai)
    const briefs = layout.pages.flatMap((p) => p.blocks).filter((b) => [3, 4, 5].includes(b.articleId))
    expect(briefs).toHaveLength(3)
    expect(new Set(briefs.map((b) => `${b.col}:${b.span}`)).size).toBe(1)
    expect(briefs[0]?.span).toBeLessThanOrEqual(2)
    const byLine = [...briefs].sort((a, b) => a.line - b.line)
    for (let i = 1; i < byLine.length; i++) {
      expect(byLine[i]?.line).toBe((byLine[i - 1]?.line ?? 0) + (byLine[i - 1]?.lines ?? 0))
    }
    for (const id of [3, 4, 5]) expect(reasons.find((r) => r.articleId === id)?.message_zh).toMatch(/^简讯：/)
  })

  it('is deterministic: the same input gives the same layout', () => {
    const a = modularLayout(issue(11), duikai)
    const b = modularLayout(issue(11), duikai)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })

  it('cuts an article that does not fit (转版) and names the pages of both parts', () => {
    // A lead too long for page 1 of 四开 at any width: it must continue on page 2.
    const articles = [article(1, 600), article(2, 80), article(3, 40)]
    const { layout, jumps, reasons } = modularLayout(articles, sikai)
    expect(checkLayout(layout)).toEqual([])
    expect(jumps.length).toBeGreaterThan(0)
    for (const j of jumps) {
      const from = layout.pages.find((p) =>
        p.blocks.some((b) => b.articleId === j.articleId && (b.part ?? 0) === j.part),
      )
      const to = layout.pages.find((p) => p.blocks.some((b) => b.articleId === j.articleId && b.part === j.part + 1))
      expect(from?.number).toBe(j.fromPage)
      expect(to?.number).toBe(j.toPage)
      expect(j.toPage).toBeGreaterThan(j.fromPage)
      expect(reasons.find((r) => r.articleId === j.articleId && r.part === j.part)?.message_zh).toContain(
        `下转第${j.toPage}版`,
      )
      expect(reasons.find((r) => r.articleId === j.articleId && r.part === j.part + 1)?.message_zh).toContain(
        `上接第${j.fromPage}版`,
      )
    }
    expect(pageFill(layout)[0]).toBeGreaterThanOrEqual(0.9)
  })

  it('keeps pinned blocks where they are and lays the rest out around them', () => {
    const articles = issue(9)
    const first = modularLayout(articles, sikai).layout
    const g = grid(sikai)
    const pin = { articleId: 3, col: 3, span: 3, line: 40, lines: g.lines - 40, manual: true }
    const keep: IssueLayout = {
      template: sikai,
      pages: first.pages.map((p) => ({
        ...p,
        blocks: p.number === 2 ? [pin] : [],
      })),
    }
    const { layout } = modularLayout(articles, sikai, { keep })
    expect(checkLayout(layout)).toEqual([])
    const page2 = layout.pages.find((p) => p.number === 2)
    expect(page2?.blocks).toContainEqual(pin)
    // Article 3 is not placed again anywhere else.
    expect(layout.pages.flatMap((p) => p.blocks).filter((b) => b.articleId === 3)).toHaveLength(1)
    for (const f of pageFill(layout).slice(0, -1)) expect(f).toBeGreaterThanOrEqual(0.9)
  })

  it('a page with only a short issue is not padded: one page, nothing stretched', () => {
    const articles = [article(1, 120), article(2, 40)]
    const { layout } = modularLayout(articles, duikai)
    expect(layout.pages).toHaveLength(1)
    for (const s of shortBy(layout, articles)) expect(s).toBeLessThanOrEqual(MAX_SHORT)
  })

  it('partitions: groups of 1–4 columns (one brief stack at most) and the whole width', () => {
    const p = partitions(6)
    expect(p[0]).toEqual([6])
    for (const parts of p) {
      expect(parts.reduce((s, w) => s + w, 0)).toBe(6)
      expect(parts.filter((w) => w === 1).length).toBeLessThanOrEqual(1)
    }
    expect(p).toContainEqual([2, 2, 2])
    expect(p).toContainEqual([4, 2])
  })
})
