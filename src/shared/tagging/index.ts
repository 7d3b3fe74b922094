/**
 * Zone and figure tagging: pure functions over plain text, safe to run in the renderer.
 *
 *   const gazetteer = loadGazetteer(zonesJson)   // once
 *   const tags = detectTags(text, gazetteer)     // per debounced pass
 *
 * Traditional-character text is detected in simplified (traditional.ts): tags carry simplified
 * names, values and units, and their offsets and `text` index the original.
 */

import { scanFigures } from './figures'
import type { Gazetteer } from './gazetteer'
import { mayNameTraditionalZone, originalSpan, toSimplified, type SimplifiedText } from './traditional'
import type { FigureTag, Tag, ZoneTag } from './types'
import { detectZones as zonesIn } from './zones'

export type { FigureTag, Tag, ZoneLevel, ZoneRecord, ZoneRef, ZoneTag } from './types'
export { loadGazetteer, type Gazetteer, type GazetteerData } from './gazetteer'
export { parseChineseNumeral, toAsciiDigits } from './numerals'
export { scoreAgainstGold, type GoldTags, type KindScore, type Score } from './scoring'
export { looksTraditional, simplify } from './traditional'

/**
 * Zone and figure tags sorted by start, never overlapping: a figure inside a zone name
 * gives way to the zone.
 */
export function detectTags(text: string, gazetteer: Gazetteer): Tag[] {
  const scan = scanFigures(text)
  if (scan.traditional) return inOriginal(text, toSimplified(text), (s) => tagsIn(s, gazetteer, scanFigures(s).figures))
  return tagsIn(text, gazetteer, scan.figures)
}

/**
 * Zones alone. A traditional text names no zone the simplified detector can read (開發區 is not
 * 开发区), so the check for traditional characters waits until none was found.
 */
export function detectZones(text: string, gazetteer: Gazetteer): ZoneTag[] {
  const zones = zonesIn(text, gazetteer)
  if (zones.length > 0 || !mayNameTraditionalZone(text)) return zones
  return inOriginal(text, toSimplified(text), (s) => zonesIn(s, gazetteer))
}

export function detectFigures(text: string): FigureTag[] {
  const scan = scanFigures(text)
  return scan.traditional ? inOriginal(text, toSimplified(text), (s) => scanFigures(s).figures) : scan.figures
}

function tagsIn(text: string, gazetteer: Gazetteer, figures: readonly FigureTag[]): Tag[] {
  const zones = zonesIn(text, gazetteer)
  let next = 0 // both lists are sorted by start: the first zone not ending before the figure
  const kept = figures.filter((figure) => {
    while ((zones[next]?.end ?? Infinity) <= figure.start) next++
    const zone = zones[next]
    return !zone || zone.start >= figure.end
  })
  return [...zones, ...kept].sort((a, b) => a.start - b.start)
}

/** Tags detected on the simplified form of a traditional text, mapped back onto the original. */
function inOriginal<T extends Tag>(text: string, converted: SimplifiedText, detect: (text: string) => T[]): T[] {
  return detect(converted.text).map((tag) => {
    const { start, end } = originalSpan(converted, tag.start, tag.end)
    return { ...tag, start, end, text: text.slice(start, end) }
  })
}
