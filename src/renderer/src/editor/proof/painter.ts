/**
 * Marks over blocks drawn with the CSS Custom Highlight API, as TagsPlugin draws suggestions:
 * ranges kept between runs, redrawn only for blocks that changed, and only for blocks near the
 * editor's view (Chromium revalidates every registered range on each document change, so the
 * cost of a keystroke must not grow with the number of marks in the article).
 *
 * Written for any kind of mark (proofing findings today; tag suggestions and search hits are the
 * same shape — see GUIDE 5.4, one annotation layer) so they can share it.
 */
import { mergeRegister } from '@lexical/utils'
import type { LexicalEditor } from 'lexical'
import type { DirtyBlocks } from '../blocks'
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
  /** Whether the highlights are in CSS.highlights (they leave it while the text is typed). */
  private registered = false

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
    this.register()
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

  /**
   * The text is being typed (a change came while the painter's run after the last one was still
   * waiting): the marks leave the highlight registry until the next draw, which follows the pause
   * and puts them back with the blocks that changed redrawn. While any range is registered,
   * Chromium revalidates every one and repaints their text on each keystroke — in the 5k article
   * about 0.6 ms of paint per key of a bare editor's ~0.3 (bench/typing.bench.ts, TYPING_TRACE and
   * the nohl variant). The ranges themselves are kept; a single edit leaves the marks in place.
   */
  quiet(): void {
    if (!this.highlights || !this.registered) return
    for (const name of this.highlights.keys()) CSS.highlights.delete(name)
    this.registered = false
  }

  dispose(): void {
    this.near?.dispose()
    this.quiet()
  }

  /** Puts the highlights that hold a range into CSS.highlights, and takes out the empty ones. */
  private register(): void {
    if (!this.highlights) return
    for (const [name, h] of this.highlights) showHighlight(name, h)
    this.registered = true
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
    this.register()
  }
}

/**
 * Registers `highlight` under `name` while it holds a range, and unregisters it when empty. An
 * empty highlight left registered still cost each keystroke about as much as a full one: with
 * any highlight registered Chromium paints and layerizes more per frame (bench/typing.bench.ts,
 * TYPING_TRACE, 5k article: one empty highlight 5.55 ms of main thread per key, none 4.64).
 */
export function showHighlight(name: string, highlight: Highlight): void {
  if (highlight.size === 0) CSS.highlights.delete(name)
  else if (CSS.highlights.get(name) !== highlight) CSS.highlights.set(name, highlight)
}

/**
 * Notes each change of the text in `dirty` and asks for the painter's deferred run (`schedule`).
 * While the text is typed — a change that comes while the last one's run is still `waiting`, or
 * any IME composition step (pinyin), from the first — the painter's marks rest until that run
 * draws them again. A single edit leaves them in place.
 */
export function registerTypingRest(
  editor: LexicalEditor,
  painter: { quiet(): void },
  dirty: DirtyBlocks,
  waiting: () => boolean,
  schedule: () => void,
): () => void {
  const step = (): void => {
    painter.quiet()
    schedule()
  }
  return mergeRegister(
    editor.registerUpdateListener((update) => {
      if (!dirty.note(update)) return
      if (waiting()) painter.quiet()
      schedule()
    }),
    editor.registerRootListener((root) => {
      if (!root) return
      root.addEventListener('compositionstart', step)
      root.addEventListener('compositionupdate', step)
      return () => {
        root.removeEventListener('compositionstart', step)
        root.removeEventListener('compositionupdate', step)
      }
    }),
  )
}

function widen(block: BlockText | undefined, at: number): [number, number] {
  const length = block?.text.length ?? 0
  return at < length ? [at, at + 1] : [Math.max(0, at - 1), at]
}
