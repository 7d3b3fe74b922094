import type { Hit } from '../types'

/** Hits of a global regex; `toHit` turns a match into a hit or null to skip it. */
export function* regexHits(text: string, pattern: RegExp, toHit: (m: RegExpExecArray) => Hit | null): Generator<Hit> {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '') {
      re.lastIndex++
      continue
    }
    const hit = toHit(m)
    if (hit) yield hit
  }
}

/** A hit replacing a whole match. */
export const whole = (m: RegExpExecArray, fix: string | null): Hit => ({
  start: m.index,
  end: m.index + m[0].length,
  fix,
})
