/**
 * The size of what a renderer sent over IPC, measured the way the contract's per-method limits
 * (shared/api/limits.ts) count it: UTF-8 bytes of strings (what JSON of it would at least take), bytes
 * of binary data, a few bytes per number, key and punctuation. The walk stops as soon as the limit is
 * passed, and visits each object once (structured clone can carry cycles), so a hostile message costs
 * at most `limit` bytes of work. No 'electron' import: the tests run it in Node.
 */
import { requestLimit } from '../../shared/api/limits'

/** Bytes `value` takes, or some number above `limit` as soon as it is clear it is larger. */
export function ipcPayloadBytes(value: unknown, limit: number): number {
  let total = 0
  const seen = new Set<object>()
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    if (total > limit) return total
    const item = stack.pop()
    if (typeof item === 'string') total += Buffer.byteLength(item, 'utf8') + 2
    else if (typeof item === 'number' || typeof item === 'bigint') total += 24
    else if (typeof item === 'boolean' || item === null || item === undefined) total += 5
    else if (typeof item === 'object') {
      if (seen.has(item)) continue
      seen.add(item)
      if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) total += item.byteLength
      else if (item instanceof Map) {
        total += 2
        for (const [k, v] of item) stack.push(k, v)
      } else if (item instanceof Set) {
        total += 2
        for (const v of item) stack.push(v)
      } else if (Array.isArray(item)) {
        total += 2 + item.length
        for (const v of item) stack.push(v)
      } else {
        total += 2
        for (const [k, v] of Object.entries(item)) {
          total += Buffer.byteLength(k, 'utf8') + 4
          stack.push(v)
        }
      }
    } else total += 8
  }
  return total
}

/** Does this IPC input fit the contract's limit for `method`? */
export function withinRequestLimit(method: string, input: unknown): boolean {
  const limit = requestLimit(method)
  return ipcPayloadBytes(input, limit) <= limit
}
