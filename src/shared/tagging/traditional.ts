/**
 * Traditional-character copy (繁体): found, converted to simplified for detection, and tags
 * mapped back to the original text.
 *
 * The detectors and the registry speak simplified Chinese. A traditional text is converted with
 * OpenCC's dictionaries (opencc-js: Taiwan and Hong Kong variants, then traditional → simplified
 * phrases and characters), and every character of the result remembers which characters of the
 * original it came from. Conversion is character for character almost everywhere, but not
 * always: a phrase may be replaced by one of another length, and some characters are outside the
 * Basic Multilingual Plane on one side only (two UTF-16 units against one). Offsets are therefore
 * mapped through each replacement, never assumed equal: a tag's start is where the original of
 * its first character starts, its end where the original of its last character ends.
 *
 * Simplified text is not converted at all. Whether a text needs converting is told by a table of
 * characters only traditional text uses (億, 萬, 個, 區, 開 …, none of which a simplified text
 * contains), looked up in the pass the figure detector makes over every character anyway; the
 * conversion dictionaries are parsed the first time a traditional text arrives.
 */

import { Locale, Trie, type DictGroup } from 'opencc-js/t2cn'

/** A text converted to simplified, with each converted UTF-16 unit's span in the original. */
export interface SimplifiedText {
  text: string
  /** Original offset where converted unit i's source begins. */
  starts: Int32Array
  /** Original offset where converted unit i's source ends (exclusive). */
  ends: Int32Array
}

const dictionaries = (name: string, of: Record<string, readonly DictGroup[]>): readonly DictGroup[] => {
  const found = of[name]
  if (!found) throw new Error(`opencc-js has no dictionaries "${name}"`)
  return found
}

/** Conversion stages, in order: regional variants (臺 → 台, 着 for 著 …), then traditional → simplified. */
const STAGES: ReadonlyArray<readonly DictGroup[]> = [
  [...dictionaries('hk', Locale.from), ...dictionaries('tw', Locale.from)],
  dictionaries('cn', Locale.to),
]

let tries: Trie[] | null = null
let traditionalOnly: Uint8Array | null = null

function stageTries(): Trie[] {
  tries ??= STAGES.map((groups) => {
    const trie = new Trie()
    for (const group of groups) trie.loadDictGroup(group)
    return trie
  })
  return tries
}

function entries(dict: DictGroup[number]): ReadonlyArray<readonly [string, string]> {
  if (typeof dict !== 'string') return dict
  return dict.split('|').map((line) => {
    const [from = '', to = ''] = line.split(' ')
    return [from, to] as const
  })
}

/**
 * Characters (BMP) that a conversion changes and that no conversion produces: they occur in
 * traditional text only. 乾, 著, 台 … are written in simplified text too and are not in it.
 */
export function traditionalOnlyTable(): Uint8Array {
  if (traditionalOnly) return traditionalOnly
  const changed = new Set<string>()
  const produced = new Set<string>()
  for (const groups of STAGES) {
    for (const group of groups) {
      for (const dict of group) {
        for (const [from, to] of entries(dict)) {
          if (from !== to && from.length === 1) changed.add(from)
          for (const c of to) produced.add(c)
        }
      }
    }
  }
  const table = new Uint8Array(0x10000)
  for (const c of changed) if (!produced.has(c)) table[c.charCodeAt(0)] = 1
  traditionalOnly = table
  return table
}

/** How many characters of `text` only traditional text uses. */
export function traditionalCount(text: string): number {
  const table = traditionalOnlyTable()
  let count = 0
  for (let i = 0; i < text.length; i++) count += table[text.charCodeAt(i)] ?? 0
  return count
}

/**
 * Whether `text` holds any character only traditional text uses: then detection converts it.
 * (detectTags learns this from its figure scan instead, at no extra cost.)
 */
export function hasTraditional(text: string): boolean {
  const table = traditionalOnlyTable()
  for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) return true
  return false
}

/**
 * Whether zone detection needs `text` converted: a traditional text names a zone with 區 or 園
 * (開發區, 產業園), so a text with neither is detected as it is, after two indexOf scans.
 */
export function mayNameTraditionalZone(text: string): boolean {
  return (text.includes('區') || text.includes('園')) && hasTraditional(text)
}

/**
 * Whether `text` is written in traditional characters, as the import preview asks before it
 * offers converting: at least 3% of its Han characters (and two of them) are traditional-only.
 * Simplified papers have none; traditional ones have 11–16% (measured on the fixtures).
 */
export function looksTraditional(text: string): boolean {
  let han = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x3400 && c <= 0x9fff) han++
  }
  const traditional = traditionalCount(text)
  return traditional >= 2 && traditional >= 0.03 * han
}

/** `text` in simplified characters, with the offsets of the original (see SimplifiedText). */
export function toSimplified(text: string): SimplifiedText {
  let current: SimplifiedText = { text, starts: identity(text.length, 0), ends: identity(text.length, 1) }
  for (const trie of stageTries()) current = convertStage(trie, current)
  return current
}

/** The simplified text alone (what the import preview's "convert to simplified" writes). */
export function simplify(text: string): string {
  return stageTries().reduce((s, trie) => trie.convert(s), text)
}

function identity(length: number, shift: number): Int32Array {
  const offsets = new Int32Array(length)
  for (let i = 0; i < length; i++) offsets[i] = i + shift
  return offsets
}

/** One stage: longest dictionary matches replaced, each output unit keeping its source span. */
function convertStage(trie: Trie, input: SimplifiedText): SimplifiedText {
  const { text } = input
  const parts: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  let copyFrom = 0
  const copyTo = (to: number): void => {
    if (to <= copyFrom) return
    parts.push(text.slice(copyFrom, to))
    for (let k = copyFrom; k < to; k++) {
      starts.push(input.starts[k] ?? 0)
      ends.push(input.ends[k] ?? 0)
    }
  }
  for (let i = 0; i < text.length; ) {
    const match = trie.matchPrefix(text, i)
    if (!match) {
      i += unitsAt(text, i)
      continue
    }
    copyTo(i)
    const { end, value } = match
    parts.push(value)
    const sourceStart = input.starts[i] ?? 0
    const sourceEnd = input.ends[end - 1] ?? sourceStart
    // Same length in the same plane: unit for unit. Otherwise every unit spans the whole source.
    const same = value.length === end - i && !SURROGATE.test(value) && !SURROGATE.test(text.slice(i, end))
    for (let k = 0; k < value.length; k++) {
      starts.push(same ? (input.starts[i + k] ?? sourceStart) : sourceStart)
      ends.push(same ? (input.ends[i + k] ?? sourceEnd) : sourceEnd)
    }
    i = end
    copyFrom = end
  }
  copyTo(text.length)
  return { text: parts.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) }
}

const SURROGATE = /[\ud800-\udfff]/

/** UTF-16 units of the code point at `i`. */
function unitsAt(text: string, i: number): number {
  const c = text.charCodeAt(i)
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1
}

/** Maps a span [start, end) of the converted text back to the original. */
export function originalSpan(converted: SimplifiedText, start: number, end: number): { start: number; end: number } {
  const from = converted.starts[start] ?? 0
  const to = end > start ? (converted.ends[end - 1] ?? from) : from
  return { start: from, end: Math.max(from, to) }
}
