import { fail } from '../../shared/api/errors'

/** A positive integer id from a command-line value, or a clear error naming what was expected. */
export function requireId(raw: string | boolean | undefined, what: string, flag = ''): number {
  const id = Number(raw)
  if (typeof raw !== 'string' || !Number.isSafeInteger(id) || id <= 0) {
    fail(
      'invalid_input',
      `需要正整数的${what} ID${flag ? `（${flag}）` : ''}，收到「${String(raw ?? '')}」。`,
      `Expected a positive integer ${what} id${flag ? ` (${flag})` : ''}, got "${String(raw ?? '')}".`,
    )
  }
  return id
}
