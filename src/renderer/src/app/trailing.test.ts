import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Trailing } from './trailing'

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
