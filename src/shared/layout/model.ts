/**
 * The page model (版式 and 版面): page templates, an issue's numbered pages and the article blocks
 * placed on each page's column grid. Pure data and grid arithmetic; no Node, no DOM.
 *
 * Coordinates: a block sits on the type area's grid: `col` (0-based column), `span` (columns),
 * `line` (0-based line from the top of the type area, in body leading) and `lines` (height in
 * body lines). The top `reservedLines(template, page)` lines carry the masthead (page 1) or the
 * folio (every other page); blocks start below them.
 */
import { z } from 'zod'

export const MM_PER_PT = 25.4 / 72
export const PX_PER_MM = 96 / 25.4

const mm = z.number().finite().min(0).max(2000)
const positiveMm = z.number().finite().gt(0).max(2000)
const pt = z.number().finite().gt(0).max(200)

export const templateSchema = z
  .object({
    /** Stable key (file name of the default, e.g. "sikai"); what --template takes. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
      .max(40),
    /** What an editor calls it: 对开, 四开, A3 … */
    name: z.string().trim().min(1).max(40),
    trim: z.object({ width: positiveMm, height: positiveMm }).strict(),
    margins: z.object({ top: mm, bottom: mm, left: mm, right: mm }).strict(),
    columns: z.number().int().min(1).max(20),
    /** Space between columns (a column rule runs down its middle). */
    gutter: mm,
    body: z.object({ size: pt, leading: pt }).strict(),
    /** Bleed used when an export asks for bleed without a size. */
    bleed: mm.max(20),
    /** Height of page 1's masthead band, in body lines. */
    mastheadLines: z.number().int().min(2).max(400),
    /** Height of the folio band on every other page, in body lines. */
    folioLines: z.number().int().min(1).max(40),
  })
  .strict()

export type PageTemplate = z.infer<typeof templateSchema>

export const blockSchema = z
  .object({
    articleId: z.number().int().positive(),
    col: z.number().int().min(0).max(19),
    span: z.number().int().min(1).max(20),
    line: z.number().int().min(0).max(2000),
    lines: z.number().int().min(1).max(2000),
    /** Moved, resized or placed by hand (自动排版 asks before replacing it). Absent in older layouts. */
    manual: z.boolean().optional(),
    /**
     * 转版: which part of its article the block holds — absent (or 0) for the start, 1, 2 … for the
     * continuations on later pages. The print engine flows what does not fit one part into the next
     * and prints （下转第N版）/（上接第N版） at the cut.
     */
    part: z.number().int().min(0).max(20).optional(),
  })
  .strict()

export type LayoutBlock = z.infer<typeof blockSchema>

export const pageSchema = z
  .object({
    number: z.number().int().min(1).max(999),
    /** 版名, e.g. 要闻 */
    name: z.string().max(40),
    /** 责任编辑 */
    editor: z.string().max(40),
    blocks: z.array(blockSchema).max(200),
  })
  .strict()

export type LayoutPage = z.infer<typeof pageSchema>

export const layoutSchema = z
  .object({
    template: templateSchema,
    pages: z.array(pageSchema).max(999),
  })
  .strict()

export type IssueLayout = z.infer<typeof layoutSchema>

/** The type area's geometry in millimetres and lines. */
export interface Grid {
  /** Type area (版心) offset from the trim's top-left corner and size, mm. */
  left: number
  top: number
  width: number
  /** Height snapped down to whole body lines. */
  height: number
  columnWidth: number
  gutter: number
  columns: number
  /** Body leading in mm: the height of one grid line. */
  leading: number
  lines: number
}

export function grid(t: PageTemplate): Grid {
  const width = t.trim.width - t.margins.left - t.margins.right
  const leading = t.body.leading * MM_PER_PT
  const available = t.trim.height - t.margins.top - t.margins.bottom
  const lines = Math.max(1, Math.floor(available / leading + 1e-6))
  return {
    left: t.margins.left,
    top: t.margins.top,
    width,
    height: lines * leading,
    columnWidth: (width - (t.columns - 1) * t.gutter) / t.columns,
    gutter: t.gutter,
    columns: t.columns,
    leading,
    lines,
  }
}

/** Lines at the top of a page taken by the masthead (page 1) or the folio. */
export function reservedLines(t: PageTemplate, pageNumber: number): number {
  return pageNumber === 1 ? t.mastheadLines : t.folioLines
}

/** A block's box in mm relative to the type area. */
export function blockBox(g: Grid, b: Pick<LayoutBlock, 'col' | 'span' | 'line' | 'lines'>) {
  return {
    left: b.col * (g.columnWidth + g.gutter),
    top: b.line * g.leading,
    width: b.span * g.columnWidth + (b.span - 1) * g.gutter,
    height: b.lines * g.leading,
  }
}

/** Characters of body type one column line holds (rounded down). */
export function charsPerLine(t: PageTemplate, span = 1): number {
  const g = grid(t)
  const width = span * g.columnWidth + (span - 1) * g.gutter
  return Math.max(1, Math.floor(width / (t.body.size * MM_PER_PT) + 1e-6))
}

export interface LayoutProblem {
  page: number
  articleId?: number
  message_zh: string
  message_en: string
}

/** What is wrong with a layout: blocks off the grid, over the masthead/folio, overlapping, or placed twice. */
export function checkLayout(layout: IssueLayout): LayoutProblem[] {
  const t = layout.template
  const g = grid(t)
  const problems: LayoutProblem[] = []
  const seen = new Set<string>()
  const numbers = new Set<number>()
  for (const page of layout.pages) {
    if (numbers.has(page.number)) {
      problems.push({
        page: page.number,
        message_zh: `版次 ${page.number} 重复`,
        message_en: `Page ${page.number} twice`,
      })
    }
    numbers.add(page.number)
    const top = reservedLines(t, page.number)
    page.blocks.forEach((b, i) => {
      const where = { page: page.number, articleId: b.articleId }
      if (b.col + b.span > g.columns || b.line < top || b.line + b.lines > g.lines) {
        problems.push({ ...where, message_zh: '稿件块超出版心', message_en: 'Block outside the type area' })
      }
      const key = `${b.articleId}:${b.part ?? 0}`
      if (seen.has(key)) {
        problems.push({ ...where, message_zh: '稿件重复上版', message_en: 'Article placed twice' })
      }
      seen.add(key)
      for (const other of page.blocks.slice(0, i)) {
        const apart =
          b.col + b.span <= other.col ||
          other.col + other.span <= b.col ||
          b.line + b.lines <= other.line ||
          other.line + other.lines <= b.line
        if (!apart) problems.push({ ...where, message_zh: '稿件块重叠', message_en: 'Blocks overlap' })
      }
    })
  }
  return problems
}
