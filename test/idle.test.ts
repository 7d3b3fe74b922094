import { afterEach, describe, expect, it, vi } from 'vitest'
import { QUIET_MS, idleSubscribe, listenForInput, whenQuiet } from '../src/renderer/src/app/idle'
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

describe('whenQuiet', () => {
  const keys = new EventTarget()
  listenForInput(keys)
  const type = (): void => void keys.dispatchEvent(new Event('beforeinput'))
  const clock = (): void => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })

  it('waits while keys keep coming, then runs once they pause', () => {
    clock()
    let ran = 0
    type()
    whenQuiet(() => ran++)
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(QUIET_MS / 3)
      type()
    }
    expect(ran).toBe(0)
    vi.advanceTimersByTime(QUIET_MS - 1)
    expect(ran).toBe(0)
    vi.advanceTimersByTime(1)
    vi.runOnlyPendingTimers()
    expect(ran).toBe(1)
  })

  it('counts input-method steps as typing', () => {
    clock()
    let ran = 0
    whenQuiet(() => ran++)
    for (let i = 0; i < 10; i++) {
      keys.dispatchEvent(new Event('compositionupdate'))
      vi.advanceTimersByTime(QUIET_MS / 2)
    }
    expect(ran).toBe(0)
    vi.runAllTimers()
    expect(ran).toBe(1)
  })

  it('does not run once cancelled', () => {
    clock()
    let ran = 0
    type()
    const cancel = whenQuiet(() => ran++)
    vi.advanceTimersByTime(QUIET_MS / 2)
    cancel()
    vi.runAllTimers()
    expect(ran).toBe(0)
  })
})

describe('idleSubscribe with quiet changes', () => {
  const keys = new EventTarget()
  listenForInput(keys)
  const type = (): void => void keys.dispatchEvent(new Event('beforeinput'))

  it('holds a quiet change while typing, but tells an urgent one at once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    const store = createStore('已保存')
    const heard: string[] = []
    idleSubscribe(store.subscribe, () => store.get() !== '保存失败')(() => heard.push(store.get()))
    type()
    store.set('待保存')
    vi.advanceTimersByTime(QUIET_MS / 2)
    type()
    store.set('已保存')
    vi.advanceTimersByTime(QUIET_MS / 2)
    expect(heard).toEqual([])
    type()
    store.set('保存失败')
    vi.advanceTimersByTime(1)
    vi.runOnlyPendingTimers()
    expect(heard).toEqual(['保存失败'])
    // A quiet change after it waits again.
    type()
    store.set('已保存')
    vi.advanceTimersByTime(QUIET_MS / 2)
    expect(heard).toEqual(['保存失败'])
    vi.runAllTimers()
    expect(heard).toEqual(['保存失败', '已保存'])
  })
})
