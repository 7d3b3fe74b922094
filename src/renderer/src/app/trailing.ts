/**
 * A trailing timer that is not re-armed on every keystroke: `after(ms)` moves the time it is due,
 * and the one timer already armed, when it fires early, waits out the rest. Debouncing with
 * clearTimeout + setTimeout on each key cost time in the keystroke's
 * own frame (bench/typing.bench.ts, TYPING_TRACE_WINDOW: setTimeout + clearTimeout took 0.126 ms of
 * each key's span in the 5k article, 0.038 with this). Monotonic time: a wall clock set back
 * would postpone the run by as much.
 */
export class Trailing {
  private timer: ReturnType<typeof setTimeout> | null = null
  private due = 0

  constructor(private readonly run: () => void) {}

  /** `run` once `ms` from now have passed, instead of whenever it was due. */
  after(ms: number): void {
    const due = performance.now() + ms
    if (this.timer !== null && due >= this.due) {
      this.due = due
      return
    }
    this.cancel()
    this.due = due
    this.arm(ms)
  }

  /** Whether a run is due. */
  get pending(): boolean {
    return this.timer !== null
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => {
      const left = this.due - performance.now()
      if (left > 0) return this.arm(left)
      this.timer = null
      this.run()
    }, ms)
  }
}
