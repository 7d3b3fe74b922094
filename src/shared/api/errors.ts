/**
 * Typed errors that cross the API boundary. Never a stack trace: a stable code,
 * a Chinese message first and an English one beside it.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'too_large'
  | 'not_found'
  | 'conflict'
  | 'unknown_method'
  | 'unauthorized'
  | 'storage'
  /** Another Folio process is writing this library (store/lock.ts). */
  | 'locked'
  /** The library cannot be opened for writing (damaged, read-only, disk full); nothing was written. */
  | 'unavailable'
  | 'internal'

export interface FolioError {
  code: ErrorCode
  message_zh: string
  message_en: string
  /** Optional machine-readable detail, e.g. the field that failed. */
  field?: string
}

export type ApiResult<T> = { ok: true; result: T } | { ok: false; error: FolioError }

export class FolioFailure extends Error {
  readonly error: FolioError
  constructor(error: FolioError) {
    super(`${error.code}: ${error.message_en}`)
    this.error = error
  }
}

export function folioError(code: ErrorCode, message_zh: string, message_en: string, field?: string): FolioError {
  return field === undefined ? { code, message_zh, message_en } : { code, message_zh, message_en, field }
}

export function fail(code: ErrorCode, message_zh: string, message_en: string, field?: string): never {
  throw new FolioFailure(folioError(code, message_zh, message_en, field))
}

export function isFolioError(value: unknown): value is FolioError {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.code === 'string' && typeof v.message_zh === 'string' && typeof v.message_en === 'string'
}
