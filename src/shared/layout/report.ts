/**
 * What `folio layout auto --json` prints (issue 12 item 8): per page, how much of the type area
 * below the masthead or folio is left empty, and per block where it sits on the grid and how its
 * text fits. Pure: computed from a LayoutOutcome, so the CLI and tests read one shape.
 */
import { grid, reservedLines, type IssueLayout } from './model'
import type { LayoutOutcome, Warning } from './outcome'

export interface ReportBlock {
  articleId: number
  /** 转版: 0 for an article's start, 1, 2 … for its continuations. */
  part: number
  /** 0-based column and line on the type area's grid. */
  column: number
  line: number
  columns: number
  lines: number
  /** overset in characters (0: fits), shortLines in empty lines at the foot of its columns. */
  fit: { overset: number; shortLines: number } | null
}

export interface ReportPage {
  number: number
  name: string
  /** Share of the page's free grid (below masthead/folio) no block covers: 0 full … 1 empty. */
  emptyFraction: number
  blocks: ReportBlock[]
}

export interface LayoutReport {
  template: { id: string; name: string; columns: number }
  source: LayoutOutcome['source']
  pages: ReportPage[]
  unplaced: LayoutOutcome['unplaced']
  warnings: Warning[]
  reasons: NonNullable<LayoutOutcome['reasons']>
}

/** Grid cells of one page left uncovered, as a share of the cells blocks may take. */
export function emptyFraction(layout: IssueLayout, pageIndex: number): number {
  const page = layout.pages[pageIndex]
  if (!page) return 1
  const g = grid(layout.template)
  const top = reservedLines(layout.template, page.number)
  const rows = Math.max(0, g.lines - top)
  const free = rows * g.columns
  if (free === 0) return 0
  // Blocks are checked not to overlap, but count each cell once anyway.
  const covered = new Set<number>()
  for (const b of page.blocks) {
    for (let line = Math.max(b.line, top); line < Math.min(b.line + b.lines, g.lines); line++) {
      for (let col = b.col; col < Math.min(b.col + b.span, g.columns); col++) covered.add(line * g.columns + col)
    }
  }
  return Math.round((1 - covered.size / free) * 1000) / 1000
}

export function layoutReport(outcome: LayoutOutcome): LayoutReport {
  const { layout } = outcome
  const fitOf = (page: number, articleId: number, part: number) =>
    outcome.fits.find((f) => f.page === page && f.articleId === articleId && (f.part ?? 0) === part)
  return {
    template: { id: layout.template.id, name: layout.template.name, columns: layout.template.columns },
    source: outcome.source,
    pages: layout.pages.map((page, index) => ({
      number: page.number,
      name: page.name,
      emptyFraction: emptyFraction(layout, index),
      blocks: page.blocks.map((b) => {
        const part = b.part ?? 0
        const fit = fitOf(page.number, b.articleId, part)
        return {
          articleId: b.articleId,
          part,
          column: b.col,
          line: b.line,
          columns: b.span,
          lines: b.lines,
          fit: fit ? { overset: fit.overChars, shortLines: fit.shortLines } : null,
        }
      }),
    })),
    unplaced: outcome.unplaced,
    warnings: outcome.warnings,
    reasons: outcome.reasons ?? [],
  }
}
