/**
 * The bundled print faces: Noto Serif SC (宋体 role: body) and Noto Sans SC (黑体 role: headlines),
 * from @fontsource as woff2 files split by unicode-range. Chromium embeds these as CID TrueType
 * subsets (the system's Noto CJK .ttc files would embed as Type 3 bitmaps), and only the files whose
 * range covers characters on the page are ever loaded: served lazily for printing, inlined for the
 * self-contained HTML export.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export interface FontFile {
  family: string
  weight: number
  /** File name inside the package's files/ folder. */
  file: string
  path: string
  ranges: [number, number][]
}

/** The faces print uses: family → weights. */
export const FACES: { family: 'Noto Serif SC' | 'Noto Sans SC'; pkg: string; weights: number[] }[] = [
  { family: 'Noto Serif SC', pkg: '@fontsource/noto-serif-sc', weights: [400, 900] },
  { family: 'Noto Sans SC', pkg: '@fontsource/noto-sans-sc', weights: [400, 700] },
]

let cache: FontFile[] | null = null

function parseRanges(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-')
    const start = parseInt(lo ?? '0', 16)
    return [start, hi === undefined ? start : parseInt(hi, 16)]
  })
}

/** Every subset file of every face, with its unicode-range. */
export function fontFiles(): FontFile[] {
  if (cache) return cache
  const files: FontFile[] = []
  for (const face of FACES) {
    const dir = dirname(createRequire(__filename).resolve(`${face.pkg}/package.json`))
    for (const weight of face.weights) {
      const css = readFileSync(join(dir, `${weight}.css`), 'utf8')
      for (const block of css.split('@font-face').slice(1)) {
        const url = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)
        const range = /unicode-range:\s*([^;]+);/.exec(block)
        if (!url?.[1]) continue
        files.push({
          family: face.family,
          weight,
          file: url[1],
          path: join(dir, 'files', url[1]),
          ranges: range?.[1] ? parseRanges(range[1]) : [[0, 0x10ffff]],
        })
      }
    }
  }
  cache = files
  return files
}

function covers(file: FontFile, codes: number[]): boolean {
  return codes.some((c) => file.ranges.some(([lo, hi]) => c >= lo && c <= hi))
}

/**
 * @font-face rules for the bundled faces. `chars` limits them to the subsets the text needs; `url`
 * gives each file's address (a served URL for printing, a data: URL for the self-contained HTML).
 */
export function fontFaceCss(url: (file: FontFile) => string, chars?: string): string {
  const codes = chars === undefined ? null : [...new Set([...chars].map((c) => c.codePointAt(0) ?? 0))]
  return fontFiles()
    .filter((f) => codes === null || covers(f, codes))
    .map(
      (f) =>
        `@font-face{font-family:'${f.family}';font-style:normal;font-weight:${f.weight};font-display:block;` +
        `src:url(${url(f)}) format('woff2');unicode-range:${f.ranges
          .map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`))
          .join(',')}}`,
    )
    .join('\n')
}

export function readFontFile(name: string): Buffer | null {
  const file = fontFiles().find((f) => f.file === name)
  return file ? readFileSync(file.path) : null
}
