/**
 * A .txt file chosen for import, read and parsed off the main thread (plaintext.worker.ts) with
 * progress, so that a large file leaves the tab responsive. A file over MAX_TEXT_BYTES is refused
 * from its size before a byte of it is read.
 */
import { checkTextSize, decodeText, type DecodeError } from '@shared/import/decode'
import { parseIssueText, type ParsedIssue } from '@shared/import/plaintext'

export type TextFileResult = { parsed: ParsedIssue } | { error: DecodeError }

/** What the worker says: how far it is (0 to 1), then the result or why it failed. */
export type WorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'result'; result: TextFileResult }
  | { type: 'failed'; message: string }

/** Share of the progress bar for reading the bytes; parsing takes the rest. */
export const READ_SHARE = 0.2

export async function readTextBytes(file: File, onProgress: (fraction: number) => void): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size)
  const reader = file.stream().getReader()
  let at = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    // A file that grew since it was chosen is read no further than the size that was checked.
    if (at + value.length > bytes.length) {
      await reader.cancel()
      break
    }
    bytes.set(value, at)
    at += value.length
    onProgress(file.size === 0 ? 1 : at / file.size)
  }
  return bytes.subarray(0, at)
}

/** Decode and parse bytes (the worker's work; also the fallback where no worker can start). */
export function parseTextBytes(bytes: Uint8Array, onProgress: (fraction: number) => void = () => {}): TextFileResult {
  const decoded = decodeText(bytes)
  if ('error' in decoded) return { error: decoded.error }
  return { parsed: parseIssueText(decoded.text, { onProgress }) }
}

function onMainThread(file: File, onProgress: (fraction: number) => void): Promise<TextFileResult> {
  return readTextBytes(file, (f) => onProgress(f * READ_SHARE)).then((bytes) =>
    parseTextBytes(bytes, (f) => onProgress(READ_SHARE + f * (1 - READ_SHARE))),
  )
}

export function readTextFile(file: File, onProgress: (fraction: number) => void = () => {}): Promise<TextFileResult> {
  const refused = checkTextSize(file.size)
  if (refused) return Promise.resolve({ error: refused })
  let worker: Worker
  try {
    worker = new Worker(new URL('./plaintext.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return onMainThread(file, onProgress)
  }
  return new Promise<TextFileResult>((resolve, reject) => {
    let started = false
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      started = true
      const message = event.data
      if (message.type === 'progress') onProgress(message.fraction)
      else {
        worker.terminate()
        if (message.type === 'result') resolve(message.result)
        else reject(new Error(message.message))
      }
    }
    worker.onerror = (event) => {
      worker.terminate()
      // A worker that could not even start (an old shell, a policy): parse here, as before.
      if (!started) onMainThread(file, onProgress).then(resolve, reject)
      else reject(new Error(event.message))
    }
    worker.postMessage(file)
  })
}
