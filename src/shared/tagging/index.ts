/**
 * Zone and figure tagging: pure functions over plain text, safe to run in the renderer.
 *
 *   const gazetteer = loadGazetteer(zonesJson)   // once
 *   const tags = detectTags(text, gazetteer)     // per debounced pass
 */

import { detectFigures } from './figures'
import type { Gazetteer } from './gazetteer'
import type { Tag } from './types'
import { detectZones } from './zones'

export type { FigureTag, Tag, ZoneLevel, ZoneRecord, ZoneRef, ZoneTag } from './types'
export { loadGazetteer, type Gazetteer, type GazetteerData } from './gazetteer'
export { detectZones } from './zones'
export { detectFigures } from './figures'
export { parseChineseNumeral, toAsciiDigits } from './numerals'
export { scoreAgainstGold, type GoldTags, type KindScore, type Score } from './scoring'

/**
 * Zone and figure tags sorted by start, never overlapping: a figure inside a zone name
 * gives way to the zone.
 */
export function detectTags(text: string, gazetteer: Gazetteer): Tag[] {
  const zones = detectZones(text, gazetteer)
  let next = 0 // both lists are sorted by start: the first zone not ending before the figure
  const figures = detectFigures(text).filter((figure) => {
    while ((zones[next]?.end ?? Infinity) <= figure.start) next++
    const zone = zones[next]
    return !zone || zone.start >= figure.end
  })
  return [...zones, ...figures].sort((a, b) => a.start - b.start)
}
