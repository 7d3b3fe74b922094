import { whenDue } from './trailing'

/**
 * Work that shows something but need not be in the frame of the keystroke that caused it (字数,
 * the save state): run once the browser is idle after that frame, at the latest after `timeout`
 * ms. A status bar written in a keystroke's update is laid out a second time in that frame, after
 * Lexical has measured the caret; written here it is laid out in a frame of its own.
 */
export function whenIdle(run: () => void, timeout = 200): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => run(), { timeout })
    return () => cancelIdleCallback(handle)
  }
  const handle = setTimeout(run, 0)
  return () => clearTimeout(handle)
}

/**
 * How long after the last key (or input-method step) a change that only shows something waits.
 * A frame of its own between two quick keys is not free: Chromium keeps drawing on the display's
 * beat for a few frames after any frame, and a key that comes in then waits for the next beat
 * (up to 16.7 ms) instead of being drawn at once. Measured in the 5k article with keys 60 ms
 * apart: the keys with such a frame in the 40 ms before them took 16 ms (median) against 4 ms.
 *
 * Everything that catches up after a pause (字数, tag suggestions, 校对, the save state) waits this
 * same time, so it lands in one wake of the shared clock and one frame, early in the gap before a
 * slow typist's next key. Staggered (tags 250, 字数 300, 校对 400 ms) there were three such frames,
 * the last right where keys 400 ms apart come: 5k article, keys 400 ms apart, same rounds,
 * p50 1.82× → 1.25×, p95 2.79× → 1.58× bare Lexical (bench/typing.bench.ts, TYPING_GAP_MS=400).
 */
export const QUIET_MS = 250

let lastInput = -Infinity

/**
 * Counts keys and input-method steps on `target` as typing, for whenQuiet; the app's document does.
 * A key that types sends beforeinput (Enter and Backspace too); keydown is not listened to as well:
 * a second listener on every key is a script entry of its own in the key's span, and keys that
 * type nothing (moves, shortcuts) change nothing shown that needs holding back.
 */
export function listenForInput(target: EventTarget): void {
  const note = (): void => {
    lastInput = performance.now()
  }
  for (const type of ['beforeinput', 'compositionupdate'])
    target.addEventListener(type, note, { capture: true, passive: true })
}
if (typeof document !== 'undefined') listenForInput(document)

/**
 * Like whenIdle, once no key has come for QUIET_MS: while typing runs on, not at all. The wait is
 * on the shared clock of the trailing timers (app/trailing.ts): no timer of its own waking while
 * typing goes on.
 */
export function whenQuiet(run: () => void, timeout = 200): () => void {
  let cancel = whenDue(
    () => lastInput + QUIET_MS,
    () => (cancel = whenIdle(run, timeout)),
  )
  return () => cancel()
}

/**
 * `subscribe` with its listeners told when the browser is idle (whenIdle), once for any number of
 * changes before then: for React's useSyncExternalStore, so a value that changes while typing
 * re-renders what shows it after the keystroke's frame. With `quiet`, a change for which it says
 * true waits until typing pauses (whenQuiet); one for which it says false (an error, say) is told
 * at the next idle time, even if a quiet change is waiting.
 */
export function idleSubscribe(
  subscribe: (listener: () => void) => () => void,
  quiet: () => boolean = () => false,
): (listener: () => void) => () => void {
  return (listener) => {
    let cancel: (() => void) | null = null
    let waitingQuiet = false
    const unsubscribe = subscribe(() => {
      const mayWait = quiet()
      if (cancel && (mayWait || !waitingQuiet)) return
      cancel?.()
      waitingQuiet = mayWait
      cancel = (mayWait ? whenQuiet : whenIdle)(() => {
        cancel = null
        listener()
      })
    })
    return () => {
      unsubscribe()
      cancel?.()
    }
  }
}
