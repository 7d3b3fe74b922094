import { afterEach, describe, expect, it, vi } from 'vitest'
import { idleSubscribe } from '../src/renderer/src/app/idle'
import { createStore } from '../src/renderer/src/editor/store'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('idleSubscribe', () => {
  it('tells a listener once, when idle, for any number of changes before then', () => {
    vi.useFakeTimers()
    const store = createStore(0)
    const heard: number[] = []
    idleSubscribe(store.subscribe)(() => heard.push(store.get()))
    store.set(1)
    store.set(2)
    store.set(3)
    expect(heard).toEqual([])
    vi.runAllTimers()
    expect(heard).toEqual([3])
    store.set(4)
    vi.runAllTimers()
    expect(heard).toEqual([3, 4])
  })

  it('waits for requestIdleCallback where there is one, with a deadline', () => {
    const idle: { run: () => void; timeout?: number }[] = []
    vi.stubGlobal('requestIdleCallback', (run: () => void, options?: { timeout?: number }) => {
      idle.push({ run, timeout: options?.timeout })
      return idle.length
    })
    vi.stubGlobal('cancelIdleCallback', () => {})
    const store = createStore('a')
    const heard: string[] = []
    idleSubscribe(store.subscribe)(() => heard.push(store.get()))
    store.set('b')
    store.set('c')
    expect(idle).toHaveLength(1)
    expect(idle[0]!.timeout).toBeGreaterThan(0)
    expect(heard).toEqual([])
    idle[0]!.run()
    expect(heard).toEqual(['c'])
  })

  it('says nothing after unsubscribing, even for a change it had not told yet', () => {
    vi.useFakeTimers()
    const store = createStore(0)
    const heard: number[] = []
    const unsubscribe = idleSubscribe(store.subscribe)(() => heard.push(store.get()))
    store.set(1)
    unsubscribe()
    vi.runAllTimers()
    store.set(2)
    vi.runAllTimers()
    expect(heard).toEqual([])
  })
})
