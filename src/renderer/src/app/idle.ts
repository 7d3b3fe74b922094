/**
 * Work that shows something but need not be in the frame of the keystroke that caused it (字数,
 * the save state): run once the browser is idle after that frame, at the latest after `timeout`
 * ms. A status bar written in a keystroke's update is laid out a second time in that frame, after
 * Lexical has measured the caret; written here it is laid out in a frame of its own, which the
 * next key does not wait for.
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
 * `subscribe` with its listeners told when the browser is idle (whenIdle), once for any number of
 * changes before then: for React's useSyncExternalStore, so a value that changes while typing
 * re-renders what shows it after the keystroke's frame.
 */
export function idleSubscribe(subscribe: (listener: () => void) => () => void): (listener: () => void) => () => void {
  return (listener) => {
    let cancel: (() => void) | null = null
    const unsubscribe = subscribe(() => {
      cancel ??= whenIdle(() => {
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
