/** The meta an Electron window sends with each call is checked in main like the method and input. */
import { describe, expect, it } from 'vitest'
import { ipcCallMeta } from '../src/main/electron/ipc-meta'

describe('IPC call meta', () => {
  it('takes a member id and a window id, or nothing', () => {
    expect(ipcCallMeta(undefined)).toEqual({ ok: true, meta: {} })
    expect(ipcCallMeta(null)).toEqual({ ok: true, meta: {} })
    expect(ipcCallMeta({})).toEqual({ ok: true, meta: {} })
    expect(ipcCallMeta({ personId: 3, origin: 'w0a1b2c' })).toEqual({
      ok: true,
      meta: { personId: 3, origin: 'w0a1b2c' },
    })
    expect(ipcCallMeta({ personId: null, origin: null })).toEqual({ ok: true, meta: {} })
  })

  it('refuses anything else, in Chinese and English', () => {
    for (const bad of [
      'x',
      42,
      [],
      { personId: 0 },
      { personId: -1 },
      { personId: 1.5 },
      { personId: '3' },
      { personId: Number.MAX_SAFE_INTEGER + 1 },
      { origin: '' },
      { origin: 'a b' },
      { origin: 'x'.repeat(65) },
      { origin: 7 },
      { personId: 1, admin: true },
    ]) {
      const checked = ipcCallMeta(bad)
      expect(checked.ok, JSON.stringify(bad)).toBe(false)
      if (!checked.ok) {
        expect(checked.error.code).toBe('invalid_input')
        expect(checked.error.message_zh).toMatch(/[\u4e00-\u9fff]/)
      }
    }
  })
})
