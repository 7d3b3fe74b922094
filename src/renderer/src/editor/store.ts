/**
 * A value that changes while the editor types (字数, suggestions), held outside React state so
 * that only the few components that show it re-render, never the editor around them.
 */
import { useMemo, useSyncExternalStore } from 'react'
import { idleSubscribe } from '../app/idle'

export interface Store<T> {
  get(): T
  set(value: T): void
  subscribe(listener: () => void): () => void
}

export function createStore<T>(initial: T, equal: (a: T, b: T) => boolean = Object.is): Store<T> {
  let value = initial
  const listeners = new Set<() => void>()
  return {
    get: () => value,
    set: (next) => {
      if (equal(value, next)) return
      value = next
      for (const listener of [...listeners]) listener()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/**
 * The store's value; with `later`, re-rendered when the browser is idle after a change ('idle'),
 * or once typing pauses as well ('quiet'; app/idle.ts).
 */
export function useStore<T>(store: Store<T>, later?: 'idle' | 'quiet'): T {
  const subscribe = useMemo(
    () => (later ? idleSubscribe(store.subscribe, () => later === 'quiet') : store.subscribe),
    [store, later],
  )
  return useSyncExternalStore(subscribe, store.get)
}
