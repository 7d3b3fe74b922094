/**
 * Zone detector: finds development zones (开发区) in plain text.
 *
 * Candidates come from two sources and the longest non-overlapping ones win:
 * - registry forms (name, short forms, aliases) matched longest first;
 * - the pattern place + optional 国家/国家级/省级 + suffix, for zones the registry does not
 *   know yet; the place's left edge is found by places.ts. A pattern mention whose place and
 *   type match a registry zone (山西太原经开区 ~ 太原经济技术开发区) is that zone.
 * Then:
 * - context-only aliases (综改示范区) are kept only near an unambiguous mention of their zone;
 * - a name in brackets right after a zone (晋中国家农高区(太谷国家农业科创中心), …(以下简称
 *   “综改区”)) becomes an alias of that zone for the rest of the text;
 * - unknown zones are named place + long suffix (X经开区 → X经济技术开发区), mentions of the same
 *   place and type share one name, and a type-less X开发区 joins the one zone of place X.
 * Generic mentions (该开发区, 全省开发区, 国家级经济技术开发区) have no place and are not zones.
 */

import type { Gazetteer } from './gazetteer'
import { corePlace, placeStart } from './places'
import type { ZoneRecord, ZoneRef, ZoneTag } from './types'
import {
  FREE_TRADE,
  FTZ_AREA,
  GENERIC_ZONE_TYPE,
  isProvinceName,
  levelMarkerBefore,
  normalizePlace,
  SUFFIX_LAST_CHAR,
  suffixEndingAt,
  ZONE_SUFFIXES,
  zoneKey,
  type ZoneSuffix,
} from './zoneNames'

/** How far (in characters, either side) a context-only alias looks for its zone. */
const CONTEXT_REACH = 2000

/** Longest bracket content considered as an alias. */
const MAX_BRACKET_ALIAS = 24

interface Mention {
  start: number
  end: number
  ref: ZoneRef
  /** core place|type, for pattern mentions; null for registry forms. */
  key: string | null
  /** Core place (see corePlace), for pattern mentions. */
  place: string | null
  contextual: boolean
  /** Named with a long suffix the text did not write (X高新区 → X高新技术产业开发区). */
  expanded?: boolean
}

export function detectZones(text: string, gazetteer: Gazetteer): ZoneTag[] {
  // 片区 names a part of a pilot free trade zone only where the text is about one.
  const ftzText = /自贸|自由贸易试验区/.test(text)
  const patterns = patternMentions(text, gazetteer).filter((m) => ftzText || m.ref.type !== FTZ_AREA)
  const candidates = [...registryMentions(text, gazetteer), ...withFtzAreas(text, patterns)]
  const chosen = keepContextualInReach(longestNonOverlapping(candidates, text.length))
  const mentions = nameUnknownZones(withBracketAliases(text, chosen))
  return mentions.map((m) => ({
    kind: 'zone',
    start: m.start,
    end: m.end,
    text: text.slice(m.start, m.end),
    zone: m.ref,
  }))
}

const knownRef = (zone: ZoneRecord): ZoneRef => ({ name: zone.name, known: true, id: zone.id, type: zone.type })

function registryMentions(text: string, gazetteer: Gazetteer): Mention[] {
  const mentions: Mention[] = []
  for (const last of gazetteer.surfaceLastChars) {
    for (let at = text.indexOf(last); at >= 0; at = text.indexOf(last, at + 1)) {
      const end = at + 1
      const found = gazetteer.surfaces.longestEndingAt(text, end)
      if (!found) continue
      const { zone, contextual } = found.value
      mentions.push({ start: end - found.length, end, ref: knownRef(zone), key: null, place: null, contextual })
    }
  }
  return mentions
}

function patternMentions(text: string, gazetteer: Gazetteer): Mention[] {
  const mentions: Mention[] = []
  let previousSuffixEnd = 0
  for (let at = text.indexOf(SUFFIX_LAST_CHAR); at >= 0; at = text.indexOf(SUFFIX_LAST_CHAR, at + 1)) {
    const end = at + 1
    const suffix = suffixEndingAt(text, end)
    if (!suffix) continue
    const suffixStart = end - suffix.text.length
    const ftz = suffix.type === FREE_TRADE ? ftzNameBefore(text, suffixStart, gazetteer) : null
    if (ftz) {
      mentions.push({ ...ftz, end, contextual: false })
      previousSuffixEnd = end
      continue
    }
    const marker = levelMarkerBefore(text, suffixStart)
    const placeEnd = Math.max(previousSuffixEnd, suffixStart - (marker?.length ?? 0))
    const start = placeStart(text, placeEnd, gazetteer, previousSuffixEnd)
    if (start !== null && !isProvinceWide(text.slice(start, placeEnd), suffix)) {
      const place = text.slice(start, placeEnd)
      const core = corePlace(place, gazetteer)
      const ref = resolvePattern(place, core, marker === '国家', suffix, gazetteer)
      const expanded = suffix.full !== suffix.text
      mentions.push({ start, end, ref, key: zoneKey(core, suffix.type), place: core, contextual: false, expanded })
    }
    previousSuffixEnd = end
  }
  return mentions
}

/** 中国（福建）自由贸易试验区: the province in brackets is the place; the name is written with full-width brackets. */
const FTZ_PREFIX = /中国\s*[（(]\s*([\u4e00-\u9fff]{2,8})\s*[）)]\s*$/

function ftzNameBefore(
  text: string,
  suffixStart: number,
  gazetteer: Gazetteer,
): Pick<Mention, 'start' | 'ref' | 'key' | 'place'> | null {
  const match = FTZ_PREFIX.exec(text.slice(Math.max(0, suffixStart - 16), suffixStart))
  const province = match?.[1]
  if (!match || !province) return null
  const core = corePlace(province, gazetteer)
  const key = zoneKey(core, FREE_TRADE)
  const known = gazetteer.byKey.get(key)
  const ref: ZoneRef = known
    ? knownRef(known)
    : { name: `中国（${province}）${FREE_TRADE}`, known: false, id: null, type: FREE_TRADE }
  return { start: suffixStart - match[0].length, ref, key, place: core }
}

/**
 * 中国（福建）自由贸易试验区厦门片区: a free trade zone followed right away by one of its 片区 is
 * one mention, the 片区, named in full; 厦门片区 alone later takes that name (nameUnknownZones).
 */
function withFtzAreas(text: string, mentions: readonly Mention[]): Mention[] {
  const out: Mention[] = []
  for (const m of mentions) {
    const before = out.at(-1)
    if (m.ref.type === FTZ_AREA && before?.ref.type === FREE_TRADE && before.end === m.start) {
      out.pop()
      const area = text.slice(m.start, m.end).replace(/自贸片区$/, '片区')
      out.push({ ...m, start: before.start, ref: { ...m.ref, name: before.ref.name + area }, expanded: false })
    } else out.push(m)
  }
  return out
}

/** 山西开发区, 山西省开发区: the zones of a province, not one zone. */
function isProvinceWide(place: string, suffix: ZoneSuffix): boolean {
  return suffix.type === GENERIC_ZONE_TYPE && isProvinceName(place)
}

/**
 * Registry zone with this place and type; for a type-less X开发区, the only development zone
 * (经济技术开发区, 经济开发区, 高新技术产业开发区 …) of place X.
 * Otherwise an unknown zone named by its normalised place (宁夏银川 → 银川, 文水县 → 文水) and long
 * suffix. A level marker is left out (珠海国家高新区 → 珠海高新技术产业开发区), except a written 国家
 * where it is part of the type's name (晋中国家农高区).
 */
function resolvePattern(
  place: string,
  core: string,
  saysNational: boolean,
  suffix: ZoneSuffix,
  gazetteer: Gazetteer,
): ZoneRef {
  const byKey = gazetteer.byKey.get(zoneKey(core, suffix.type))
  if (byKey) return knownRef(byKey)
  const developmentZones = (gazetteer.byPlace.get(core) ?? []).filter((z) => z.type.endsWith('开发区'))
  const [only] = developmentZones
  if (suffix.type === GENERIC_ZONE_TYPE && developmentZones.length === 1 && only) return knownRef(only)
  const nameMarker = saysNational && suffix.type.startsWith('国家') ? '国家' : ''
  return { name: normalizePlace(place) + nameMarker + suffix.full, known: false, id: null, type: suffix.type }
}

/** Longest first; at equal length a registry zone beats an unknown one. */
function longestNonOverlapping(candidates: readonly Mention[], textLength: number): Mention[] {
  const taken = new Uint8Array(textLength)
  const ranked = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || Number(b.ref.known) - Number(a.ref.known) || a.start - b.start,
  )
  const chosen: Mention[] = []
  for (const m of ranked) {
    if (!isFree(taken, m.start, m.end)) continue
    taken.fill(1, m.start, m.end)
    chosen.push(m)
  }
  return chosen.sort((a, b) => a.start - b.start)
}

/** No character of [start, end) is marked in `taken`. */
function isFree(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i] === 1) return false
  return true
}

function keepContextualInReach(mentions: readonly Mention[]): Mention[] {
  const anchors = mentions.filter((m) => !m.contextual && m.ref.id !== null)
  return mentions.filter(
    (m) => !m.contextual || anchors.some((a) => a.ref.id === m.ref.id && Math.abs(a.start - m.start) <= CONTEXT_REACH),
  )
}

/** Bracket contents that annotate rather than name: (省级), (试行), (筹). */
const NOT_ALIASES = new Set(['国家级', '省级', '市级', '试行', '暂行', '筹', '筹建', '下同', '草案'])
const ALIAS_INTRO = /^(以下简称|以下称|下称|简称|又称|原名|原称|即)/
const QUOTES = /^[“"‘'「『]|[”"’'」』]$/g
const HAN_NAME = /^[\u3400-\u9fff]{2,}$/

/**
 * Adds the bracketed alias after a zone mention as a mention of the same zone, and every later
 * occurrence of that alias in the text. The first definition of an alias wins. An alias that is
 * itself a zone name the registry does not know (宁波杭州湾经济技术开发区（宁波杭州湾新区）) is
 * taken as the same zone too.
 */
function withBracketAliases(text: string, mentions: readonly Mention[]): Mention[] {
  const aliases = new Map<string, { from: number; of: Mention }>()
  for (const m of mentions) {
    const alias = bracketAliasAfter(text, m.end)
    if (alias && !aliases.has(alias.name)) aliases.set(alias.name, { from: alias.start, of: m })
  }
  if (aliases.size === 0) return [...mentions]
  const all = mentions.map((m) => {
    const alias = m.ref.known ? undefined : aliases.get(text.slice(m.start, m.end))
    if (!alias || m.start < alias.from || alias.of === m) return m
    const { ref, key, place, expanded } = alias.of
    return { ...m, ref, key, place, expanded }
  })
  const taken = new Uint8Array(text.length)
  for (const m of mentions) taken.fill(1, m.start, m.end)
  for (const [name, { from, of }] of aliases) {
    for (let at = text.indexOf(name, from); at >= 0; at = text.indexOf(name, at + name.length)) {
      const end = at + name.length
      if (!isFree(taken, at, end)) continue
      taken.fill(1, at, end)
      all.push({ ...of, start: at, end, contextual: false })
    }
  }
  return all.sort((a, b) => a.start - b.start)
}

function bracketAliasAfter(text: string, end: number): { name: string; start: number } | null {
  if (end >= text.length || !'(\uff08'.includes(text.charAt(end))) return null
  const close = text.slice(end + 1, end + 2 + MAX_BRACKET_ALIAS).search(/[)\uff09]/)
  if (close < 0) return null
  const inside = text.slice(end + 1, end + 1 + close)
  const intro = ALIAS_INTRO.exec(inside)?.[0] ?? ''
  const name = inside.slice(intro.length).replace(QUOTES, '')
  const isAlias = HAN_NAME.test(name) && !NOT_ALIASES.has(name) && !isBareSuffix(name)
  return isAlias ? { name, start: end + 1 + inside.indexOf(name) } : null
}

/** 开发区, 经开区 … alone, or 该区/本区: a type word, not a name. */
function isBareSuffix(name: string): boolean {
  return ZONE_SUFFIXES.some((s) => s.text === name) || /^[该本全园].?区$/.test(name)
}

/**
 * Unknown zones: all mentions with the same place and type take the longest of their names
 * (the most formal form in the text), preferring names written out over expanded short forms; a type-less X开发区 takes the name of the single other
 * unknown zone of place X, if there is one.
 */
function nameUnknownZones(mentions: readonly Mention[]): Mention[] {
  const longestByKey = new Map<string, { ref: ZoneRef; expanded: boolean }>()
  const typedByPlace = new Map<string, Set<string>>()
  for (const m of mentions) {
    if (m.ref.known || m.key === null) continue
    const best = longestByKey.get(m.key)
    const expanded = m.expanded ?? false
    // A name the text wrote out (厦门火炬高技术产业开发区) beats one expanded from a short form.
    const better =
      !best || (best.expanded && !expanded) || (best.expanded === expanded && m.ref.name.length > best.ref.name.length)
    if (better) longestByKey.set(m.key, { ref: m.ref, expanded })
    if (m.ref.type !== GENERIC_ZONE_TYPE && m.place !== null) {
      typedByPlace.set(m.place, (typedByPlace.get(m.place) ?? new Set()).add(m.key))
    }
  }
  return mentions.map((m) => {
    if (m.ref.known || m.key === null) return m
    const typedKeys = m.ref.type === GENERIC_ZONE_TYPE && m.place !== null ? typedByPlace.get(m.place) : undefined
    const [onlyKey] = typedKeys?.size === 1 ? [...typedKeys] : []
    const ref = longestByKey.get(onlyKey ?? m.key)?.ref ?? m.ref
    return { ...m, ref }
  })
}
