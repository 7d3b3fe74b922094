/** The article's block on the pages and how much text it holds, from the last measured copyfit. */
import { charsPerLine } from '@shared/layout/model'
import type { LayoutOutcome } from '@shared/layout/outcome'

export interface BlockTarget {
  page: number
  span: number
  lines: number
  /** Body characters the block held when measured: what was there minus overset, plus empty lines. */
  capacity: number
  /** 字数 of the article when it was measured (capacity is relative to it). */
  measuredChars: number
}

export interface MeasuredCopyfit {
  outcome: LayoutOutcome
  /** Each article's 字数 when the layout was measured. */
  chars: Map<number, number>
}

export function blockTarget(measured: MeasuredCopyfit | null, articleId: number | null): BlockTarget | null {
  if (articleId === null || !measured) return null
  const { outcome } = measured
  for (const page of outcome.layout.pages) {
    const block = page.blocks.find((b) => b.articleId === articleId)
    // 转版: an article cut across pages has a fit per part; what it holds is the sum of its parts.
    const parts = outcome.fits.filter((f) => f.articleId === articleId)
    if (!block || parts.length === 0) continue
    const fit = {
      overChars: parts.reduce((s, f) => s + f.overChars, 0),
      shortLines: parts.reduce((s, f) => s + f.shortLines, 0),
    }
    const measuredChars = measured.chars.get(articleId) ?? 0
    const capacity = measuredChars - fit.overChars + fit.shortLines * charsPerLine(outcome.layout.template)
    return { page: page.number, span: block.span, lines: block.lines, capacity, measuredChars }
  }
  return null
}
