/**
 * Trailing timers that share one clock. `after(ms)` moves the time a run is due; no timer is
 * re-armed on a keystroke. Debouncing with clearTimeout + setTimeout on each key cost time in the
 * keystroke's own frame (bench/typing.bench.ts, TYPING_TRACE_WINDOW: setTimeout + clearTimeout took
 * 0.126 ms of each key's span in the 5k article, 0.038 with a moved due time).
 *
 * One timer for all of them: each trailing timer of its own, while typing went on, woke every
 * `ms` to find its due time moved (字数 300, tags 250, 校对 400, autosave, far blocks, whenQuiet):
 * about one timer task per key, each one a chance to land in the next key's frame. The shared
 * clock wakes once for the earliest due time, runs what is due, and sleeps until the next.
 * Monotonic time: a wall clock set back would postpone the runs by as much.
 */

interface Waiter {
  /** When it is due (performance.now() time); may move later without telling the clock. */
  dueAt(): number
  fire(): void
}

/** Runs due within this much of one another share a wake-up. */
const SLACK_MS = 1

const waiting = new Set<Waiter>()
let timer: ReturnType<typeof setTimeout> | null = null
let timerDue = Infinity

/** Has the clock wake by `due` (sooner if it already would). */
function wakeBy(due: number): void {
  if (timer !== null && timerDue <= due) return
  if (timer !== null) clearTimeout(timer)
  timerDue = due
  timer = setTimeout(wake, Math.max(0, due - performance.now()))
}

function wake(): void {
  timer = null
  timerDue = Infinity
  const now = performance.now()
  const ready = [...waiting].filter((waiter) => waiter.dueAt() <= now + SLACK_MS)
  ready.sort((a, b) => a.dueAt() - b.dueAt())
  // In the order they fell due. One that an earlier run cancelled or moved later does not run now;
  // one that throws does not keep the others from running.
  for (const waiter of ready) {
    if (!waiting.has(waiter) || waiter.dueAt() > now + SLACK_MS) continue
    waiting.delete(waiter)
    try {
      waiter.fire()
    } catch (error) {
      console.error(error)
    }
  }
  let next = Infinity
  for (const waiter of waiting) next = Math.min(next, waiter.dueAt())
  if (next < Infinity) wakeBy(next)
}

function wait(waiter: Waiter): void {
  waiting.add(waiter)
  wakeBy(waiter.dueAt())
}

function stopWaiting(waiter: Waiter): void {
  waiting.delete(waiter)
  if (waiting.size === 0 && timer !== null) {
    clearTimeout(timer)
    timer = null
    timerDue = Infinity
  }
}

/**
 * Forgets every waiting run and the clock's timer: for tests, whose fake timers are thrown away
 * between them (a timer armed under the last test's fake clock would never wake in the next).
 */
export function resetClock(): void {
  if (timer !== null) clearTimeout(timer)
  waiting.clear()
  timer = null
  timerDue = Infinity
}

/** A run due `ms` after the last request for it, on the shared clock. */
export class Trailing {
  private due = 0
  private readonly waiter: Waiter = {
    dueAt: () => this.due,
    fire: () => this.run(),
  }

  constructor(private readonly run: () => void) {}

  /** `run` once `ms` from now have passed, instead of whenever it was due. */
  after(ms: number): void {
    this.due = performance.now() + ms
    if (waiting.has(this.waiter) && this.due >= timerDue) return
    wait(this.waiter)
  }

  /** Whether a run is due. */
  get pending(): boolean {
    return waiting.has(this.waiter)
  }

  cancel(): void {
    stopWaiting(this.waiter)
  }
}

/**
 * `run` once `dueAt()` has passed — a due time that moves later by itself (the last key plus a
 * pause, say): the clock looks again when it wakes. Returns a cancel.
 */
export function whenDue(dueAt: () => number, run: () => void): () => void {
  const waiter: Waiter = { dueAt, fire: run }
  wait(waiter)
  return () => stopWaiting(waiter)
}
