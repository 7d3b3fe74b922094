/** Reads and parses one chosen .txt file away from the page (see textFile.ts), telling it how far it is. */
import { parseTextBytes, READ_SHARE, readTextBytes, type WorkerMessage } from './textFile'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<File>) => void) | null
  postMessage(message: WorkerMessage): void
}

/** Progress is told at most this often (a share of the whole), not for every line. */
const STEP = 0.01

scope.onmessage = (event) => {
  let told = -1
  const tell = (fraction: number): void => {
    if (fraction - told < STEP && fraction < 1) return
    told = fraction
    scope.postMessage({ type: 'progress', fraction })
  }
  readTextBytes(event.data, (f) => tell(f * READ_SHARE))
    .then((bytes) => parseTextBytes(bytes, (f) => tell(READ_SHARE + f * (1 - READ_SHARE))))
    .then((result) => scope.postMessage({ type: 'result', result }))
    .catch((error: unknown) =>
      scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    )
}
