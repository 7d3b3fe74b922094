/**
 * Methods whose payload is a file: the contract carries it as base64 text (`data`), a transport
 * may carry it as raw bytes instead (browser mode: the request or answer body itself), so a
 * 20 MB image or a 200 MB bundle is never base64-encoded in the page or parsed as JSON.
 */
import type { Method } from './contract'

/** Inputs with a `data` file: sent raw, the other fields beside it. */
export const BINARY_INPUT_METHODS = [
  'image.put',
  'import.docx',
  'import.pdf',
  'import.bundle',
] as const satisfies readonly Method[]
/** Results with a `data` file: answered raw when asked for bytes, the other fields beside it. */
export const BINARY_RESULT_METHODS = [
  'export.result',
  'image.get',
  'proof.pdf',
  'review.sheet',
] as const satisfies readonly Method[]

export type BinaryInputMethod = (typeof BINARY_INPUT_METHODS)[number]
export type BinaryResultMethod = (typeof BINARY_RESULT_METHODS)[number]

export function isBinaryInputMethod(method: string): method is BinaryInputMethod {
  return (BINARY_INPUT_METHODS as readonly string[]).includes(method)
}

export function isBinaryResultMethod(method: string): method is BinaryResultMethod {
  return (BINARY_RESULT_METHODS as readonly string[]).includes(method)
}
