/**
 * Marks over blocks drawn with the CSS Custom Highlight API, as TagsPlugin draws suggestions:
 * ranges kept between runs, redrawn only for blocks that changed, and only for blocks near the
 * editor's view (Chromium revalidates every registered range on each document change, so the
 * cost of a keystroke must not grow with the number of marks in the article).
 *
 * Written for any kind of mark (proofing findings today; tag suggestions and search hits are the
 * same shape — see GUIDE 5.4, one annotation layer) so they can share it.
 */
import type { LexicalEditor } from 'lexical'
import { NearView } from '../near'
import { domRange, type BlockText } from '../tagging/segments'

export interface Mark {
  blockKey: string
  start: number
  end: number
  /** Not in the body's text (a photo caption): never drawn. */
  inCaption?: boolean
}

/** How far above and below the visible part of the editor blocks keep their highlights, by default (px). */
const NEAR_MARGIN = 600

export class HighlightPainter<M extends Mark> {
  private readonly highlights: Map<string, Highlight> | null
  private readonly drawn = new Map<M, { range: Range; name: string }>()
  private readonly near: NearView | null
  private shown: M[] = []
  private blocks = new Map<string, BlockText>()

  constructor(
    private readonly editor: LexicalEditor,
    names: readonly string[],
    /** Which highlight a mark goes into. */
    private readonly nameOf: (mark: M) => string,
    /** A block this near the view (CSS px above and below it) has its marks drawn. */
    margin = NEAR_MARGIN,
  ) {
    const drawing = typeof CSS !== 'undefined' && 'highlights' in CSS
    this.highlights = drawing ? new Map(names.map((n) => [n, new Highlight()])) : null
    if (this.highlights) for (const [name, h] of this.highlights) CSS.highlights.set(name, h)
    const scroller = editor.getRootElement()?.closest('.editor-scroll') ?? null
    this.near = this.highlights ? new NearView(scroller, margin, () => this.draw(new Set())) : null
  }

  /** The marks to show now; `touched` blocks have their ranges made again. */
  show(marks: M[], blocks: Map<string, BlockText>, touched: ReadonlySet<string>): void {
    this.shown = marks
    this.blocks = blocks
    this.watch()
    this.draw(touched)
  }

  dispose(): void {
    this.near?.dispose()
    if (this.highlights) for (const name of this.highlights.keys()) CSS.highlights.delete(name)
  }

  private watch(): void {
    if (!this.near) return
    const elements = new Map<string, HTMLElement>()
    for (const m of this.shown) {
      if (m.inCaption || elements.has(m.blockKey)) continue
      const element = this.editor.getElementByKey(m.blockKey)
      if (element) elements.set(m.blockKey, element)
    }
    this.near.watch(elements)
  }

  private draw(touched: ReadonlySet<string>): void {
    const highlights = this.highlights
    if (!highlights) return
    const wanted = (m: M): boolean => !m.inCaption && (!this.near || this.near.has(m.blockKey))
    const live = new Set(this.shown)
    for (const [m, { range, name }] of this.drawn) {
      if (live.has(m) && wanted(m) && !touched.has(m.blockKey)) continue
      highlights.get(name)?.delete(range)
      this.drawn.delete(m)
    }
    for (const m of this.shown) {
      if (this.drawn.has(m) || !wanted(m)) continue
      const block = this.blocks.get(m.blockKey)
      // An insertion point is drawn over the character after it (or before, at the end).
      const [start, end] = m.start === m.end ? widen(block, m.start) : [m.start, m.end]
      const range = block ? domRange(this.editor, block, start, end) : null
      if (!range) continue
      const name = this.nameOf(m)
      this.drawn.set(m, { range, name })
      highlights.get(name)?.add(range)
    }
  }
}

function widen(block: BlockText | undefined, at: number): [number, number] {
  const length = block?.text.length ?? 0
  return at < length ? [at, at + 1] : [Math.max(0, at - 1), at]
}
