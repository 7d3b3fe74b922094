import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Trailing, whenDue } from './trailing'

describe('Trailing', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs once, `ms` after the last request, however many came before', () => {
    const run = vi.fn()
    const t = new Trailing(run)
    for (let i = 0; i < 10; i++) {
      t.after(300)
      vi.advanceTimersByTime(100)
    }
    expect(run).not.toHaveBeenCalled()
    expect(t.pending).toBe(true)
    vi.advanceTimersByTime(199)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledTimes(1)
    expect(t.pending).toBe(false)
    vi.advanceTimersByTime(5000)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('keeps one timer while requests move it later', () => {
    const t = new Trailing(() => {})
    t.after(300)
    const armed = vi.getTimerCount()
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(50)
      t.after(300)
    }
    expect(vi.getTimerCount()).toBe(armed)
  })

  it('an earlier request runs earlier; cancel runs nothing', () => {
    const run = vi.fn()
    const t = new Trailing(run)
    t.after(1000)
    t.after(100)
    vi.advanceTimersByTime(100)
    expect(run).toHaveBeenCalledTimes(1)
    t.after(100)
    t.cancel()
    vi.advanceTimersByTime(1000)
    expect(run).toHaveBeenCalledTimes(1)
    expect(t.pending).toBe(false)
  })
})

describe('the shared clock', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  /** Counts the clock's wake-ups: every timer callback that runs. */
  const countWakeUps = (): { readonly count: number } => {
    const counter = { count: 0 }
    const real = globalThis.setTimeout
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) =>
      real(() => {
        counter.count++
        fn()
      }, ms)) as typeof setTimeout)
    return counter
  }

  it('wakes about once per shortest delay while requests keep coming, not once per timer', () => {
    const wakeUps = countWakeUps()
    const runs = [250, 300, 400, 600, 1000].map((ms) => ({ ms, run: vi.fn() }))
    const timers = runs.map(({ ms, run }) => ({ ms, timer: new Trailing(run) }))
    // Typing at a key every 60 ms for 3 s: each key asks every timer to wait on.
    for (let t = 0; t < 3000; t += 60) {
      for (const { ms, timer } of timers) timer.after(ms)
      vi.advanceTimersByTime(60)
    }
    for (const { run } of runs) expect(run).not.toHaveBeenCalled()
    // Five timers of their own woke 12 + 10 + 7 + 5 + 3 times; one clock about every 250 ms.
    expect(wakeUps.count).toBeLessThanOrEqual(14)
    vi.advanceTimersByTime(1000)
    for (const { run } of runs) expect(run).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
    vi.restoreAllMocks()
  })

  it('runs each at its own due time, in order, and a run may ask again', () => {
    const order: string[] = []
    const late = new Trailing(() => order.push(`late@${Date.now()}`))
    const again = new Trailing(() => {
      order.push(`again@${Date.now()}`)
      if (order.length < 3) again.after(50)
    })
    const start = Date.now()
    late.after(300)
    again.after(100)
    vi.advanceTimersByTime(1000)
    expect(order).toEqual([
      `again@${start + 100}`,
      `again@${start + 150}`,
      `again@${start + 200}`,
      `late@${start + 300}`,
    ])
  })

  it('a run cancelled or moved later by one due at the same time does not run then', () => {
    const ran: string[] = []
    const b = new Trailing(() => ran.push('b'))
    const c = new Trailing(() => ran.push('c'))
    const a = new Trailing(() => {
      ran.push('a')
      b.cancel()
      c.after(200)
    })
    a.after(100)
    b.after(100)
    c.after(100)
    vi.advanceTimersByTime(100)
    expect(ran).toEqual(['a'])
    expect(b.pending).toBe(false)
    expect(c.pending).toBe(true)
    vi.advanceTimersByTime(200)
    expect(ran).toEqual(['a', 'c'])
  })

  it('a run that throws does not keep the others from running', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const after = vi.fn()
    new Trailing(() => {
      throw new Error('boom')
    }).after(10)
    new Trailing(after).after(10)
    vi.advanceTimersByTime(10)
    expect(after).toHaveBeenCalledTimes(1)
    expect(logged).toHaveBeenCalledWith(new Error('boom'))
    logged.mockRestore()
  })

  it('whenDue looks again when its due time has moved, and can be cancelled', () => {
    let due = performance.now() + 100
    const run = vi.fn()
    whenDue(() => due, run)
    vi.advanceTimersByTime(50)
    due += 100
    vi.advanceTimersByTime(60)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(100)
    expect(run).toHaveBeenCalledTimes(1)
    const cancel = whenDue(() => performance.now() + 10, run)
    cancel()
    vi.advanceTimersByTime(100)
    expect(run).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })
})
