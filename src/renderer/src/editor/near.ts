/**
 * Which blocks are near the editor's view, worked out when the view moves (a scroll, a resize)
 * and when the watched blocks change — never per frame.
 *
 * It replaces an IntersectionObserver per painter: Chromium computes every observed target's
 * intersection in each frame whose layout changed, and typing changes layout in every frame, so
 * the observers cost about a millisecond per keystroke in the 50k tagged article (bench/typing:
 * IntersectionObserverController::computeIntersections, ~1.0 ms self per key, none in bare
 * Lexical). Here the cost is one rectangle per watched block per scrolled frame.
 *
 * A block that moves because text above it grew is re-checked at the painter's next run (after
 * the pause that follows typing); the margin covers the few lines it can have moved by then.
 */
export class NearView {
  private readonly near = new Set<string>()
  private watched = new Map<string, HTMLElement>()
  private frame: number | null = null
  private readonly resize: ResizeObserver | null
  private readonly target: EventTarget

  constructor(
    /** The scrolling box the editor sits in; null: the window. */
    private readonly scroller: Element | null,
    /** How far above and below the visible part a block still counts as near, in CSS pixels. */
    private readonly margin: number,
    /** Called when the near set changed because the view moved. */
    private readonly onChange: () => void,
  ) {
    this.target = scroller ?? window
    this.target.addEventListener('scroll', this.schedule, { passive: true })
    this.resize = scroller && typeof ResizeObserver !== 'undefined' ? new ResizeObserver(this.schedule) : null
    if (scroller) this.resize?.observe(scroller)
  }

  has(key: string): boolean {
    return this.near.has(key)
  }

  /** The blocks to keep track of, by key; the near set is worked out again at once. */
  watch(elements: Map<string, HTMLElement>): void {
    this.watched = elements
    this.update()
  }

  dispose(): void {
    this.target.removeEventListener('scroll', this.schedule)
    this.resize?.disconnect()
    if (this.frame !== null) cancelAnimationFrame(this.frame)
  }

  private readonly schedule = (): void => {
    if (this.frame !== null) return
    this.frame = requestAnimationFrame(() => {
      this.frame = null
      if (this.update()) this.onChange()
    })
  }

  /** Whether the near set changed. */
  private update(): boolean {
    const view = this.scroller?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight }
    const top = view.top - this.margin
    const bottom = view.bottom + this.margin
    let changed = false
    for (const key of this.near) {
      if (this.watched.has(key)) continue
      this.near.delete(key)
      changed = true
    }
    for (const [key, element] of this.watched) {
      const rect = element.getBoundingClientRect()
      const isNear = element.isConnected && rect.bottom >= top && rect.top <= bottom
      if (isNear === this.near.has(key)) continue
      if (isNear) this.near.add(key)
      else this.near.delete(key)
      changed = true
    }
    return changed
  }
}
