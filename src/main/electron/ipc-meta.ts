/**
 * The meta a renderer sends with each call over IPC (who acts, which window), checked in main like
 * the method and the input: an object with at most a member's id and a short window id, or nothing.
 * No 'electron' import, so it is tested without Electron.
 */
import { folioError, type FolioError } from '../../shared/api/errors'
import type { CallMeta } from '../../shared/api/review-types'

export const ORIGIN_PATTERN = /^[\w-]{1,64}$/

export function ipcCallMeta(meta: unknown): { ok: true; meta: CallMeta } | { ok: false; error: FolioError } {
  const refused = (): { ok: false; error: FolioError } => ({
    ok: false,
    error: folioError(
      'invalid_input',
      '调用附带的操作人或窗口标识无效。',
      'The call’s person or window id is not valid.',
    ),
  })
  if (meta === undefined || meta === null) return { ok: true, meta: {} }
  if (typeof meta !== 'object' || Array.isArray(meta)) return refused()
  const { personId, origin, ...rest } = meta as Record<string, unknown>
  if (Object.keys(rest).length > 0) return refused()
  const checked: CallMeta = {}
  if (personId !== undefined && personId !== null) {
    if (typeof personId !== 'number' || !Number.isSafeInteger(personId) || personId <= 0) return refused()
    checked.personId = personId
  }
  if (origin !== undefined && origin !== null) {
    if (typeof origin !== 'string' || !ORIGIN_PATTERN.test(origin)) return refused()
    checked.origin = origin
  }
  return { ok: true, meta: checked }
}
