/** Types of scripts/build-if-changed.mjs, for the test (test/build-if-changed.test.ts). */
export function buildInputs(root: string): string[]
export function inputsHash(root: string, files?: string[]): string
export function outputsFingerprint(root: string, outDir?: string): { hash: string; files: number }
export function staleReason(root: string, outDir?: string, files?: string[]): string | null
export function buildIfChanged(options: {
  root: string
  outDir?: string
  always?: boolean
  quiet?: boolean
  files?: string[]
  build?: () => boolean
  log?: (line: string) => void
}): { built: boolean; ok: boolean }
