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
import { corePlace, hasKnownHead, placeStart, splitPlace } from './places'
import type { ZoneRecord, ZoneRef, ZoneTag } from './types'
import {
  DEMO_ZONE_TYPE,
  FREE_TRADE,
  freeTradeZoneName,
  FTZ_AREA,
  GENERIC_ZONE_TYPE,
  isProvinceName,
  levelMarkerBefore,
  normalizePlace,
  provinceShortName,
  splitZoneName,
  SUFFIX_LAST_CHARS,
  suffixEndingAt,
  TRANSFER_PARK,
  withoutProvince,
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
  /**
   * What the written place has before its core, normalised (中山火炬 → 中山, 惠州仲恺 → 惠州): mentions
   * with different heads are different zones even where their cores meet.
   */
  head: string
  contextual: boolean
  /** Place names that confirm a contextual mention nearby (see SurfaceForm.anchors). */
  anchors: readonly string[]
  /**
   * For a mention without a head resolved to a registry zone whose name has one (火炬高新区 →
   * 厦门火炬…): the unknown zone it is unless the zone or an anchor is named nearby.
   */
  unanchored: ZoneRef | null
  /** Named with a long suffix the text did not write (X高新区 → X高新技术产业开发区). */
  expanded: boolean
}

const NO_ANCHORS: readonly string[] = []

/** Every mention has every field, in one order: the passes below see one object shape. */
function mention(
  fields: Pick<Mention, 'start' | 'end' | 'ref'> & Partial<Omit<Mention, 'start' | 'end' | 'ref'>>,
): Mention {
  return {
    start: fields.start,
    end: fields.end,
    ref: fields.ref,
    key: fields.key ?? null,
    place: fields.place ?? null,
    head: fields.head ?? '',
    contextual: fields.contextual ?? false,
    anchors: fields.anchors ?? NO_ANCHORS,
    unanchored: fields.unanchored ?? null,
    expanded: fields.expanded ?? false,
  }
}

export function detectZones(text: string, gazetteer: Gazetteer): ZoneTag[] {
  // 片区 names a part of a pilot free trade zone only where the text is about one.
  const ftzText = /自贸|自由贸易试验区/.test(text)
  const patterns = patternMentions(text, gazetteer).filter((m) => ftzText || m.ref.type !== FTZ_AREA)
  const candidates = [...registryMentions(text, gazetteer), ...withFtzAreas(text, patterns)]
  const chosen = keepContextualInReach(text, longestNonOverlapping(candidates, text.length))
  const mentions = withFtzProvinces(nameUnknownZones(withBracketAliases(text, chosen)), gazetteer)
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
      const { zone, contextual, anchors } = found.value
      const start = end - found.length
      mentions.push(mention({ start, end, ref: knownRef(zone), contextual, anchors }))
    }
  }
  return mentions
}

/** Calls `visit` at each character zone suffixes end with, in text order. */
function forEachSuffixLastChar(text: string, visit: (at: number) => void): void {
  const [first, second] = SUFFIX_LAST_CHARS
  let a = text.indexOf(first)
  let b = text.indexOf(second)
  while (a >= 0 || b >= 0) {
    if (b < 0 || (a >= 0 && a < b)) {
      visit(a)
      a = text.indexOf(first, a + 1)
    } else {
      visit(b)
      b = text.indexOf(second, b + 1)
    }
  }
}

function patternMentions(text: string, gazetteer: Gazetteer): Mention[] {
  const mentions: Mention[] = []
  let previousSuffixEnd = 0
  forEachSuffixLastChar(text, (at) => {
    const end = at + 1
    const suffix = suffixEndingAt(text, end)
    if (!suffix) return
    const suffixStart = end - suffix.text.length
    const named =
      suffix.type === FREE_TRADE
        ? ftzNameBefore(text, suffixStart, gazetteer)
        : suffix.type === TRANSFER_PARK
          ? pairedPlacesBefore(text, suffixStart, gazetteer, previousSuffixEnd)
          : null
    if (named) {
      mentions.push(mention({ ...named, end }))
      previousSuffixEnd = end
      return
    }
    const marker = levelMarkerBefore(text, suffixStart)
    const placeEnd = Math.max(previousSuffixEnd, suffixStart - (marker?.length ?? 0))
    const start = placeStart(text, placeEnd, gazetteer, previousSuffixEnd)
    const place = start === null ? '' : text.slice(start, placeEnd)
    const plausible =
      start !== null && !isProvinceWide(place, suffix) && (!suffix.needsKnownPlace || hasKnownHead(place, gazetteer))
    const { core, head } = plausible ? splitPlace(place, gazetteer) : { core: '', head: '' }
    const ref = plausible ? resolvePattern(place, core, head, marker === '国家', suffix, gazetteer) : null
    if (start !== null && ref) {
      const expanded = suffix.full !== suffix.text
      const key = zoneKey(core, suffix.type)
      const zoneHead = ref.known && head === '' && ref.id !== null ? gazetteer.heads.get(ref.id) : undefined
      const unanchored = zoneHead ? unknownRef(place, marker === '国家', suffix) : null
      const anchors = zoneHead?.anchors ?? NO_ANCHORS
      mentions.push(mention({ start, end, ref, key, place: core, head, expanded, anchors, unanchored }))
    }
    previousSuffixEnd = end
  })
  return mentions
}

/** A registry zone fits a mention whose head (if any) is part of its names, city or province. */
function headFits(head: string, zone: ZoneRecord): boolean {
  if (head === '') return true
  const where = [zone.name, ...zone.short, ...zone.aliases, zone.city ?? '', zone.province ?? '']
  return where.some((s) => s.includes(head))
}

/**
 * 深圳（河源）产业转移工业园: the park of one city in another, named with both, the second in
 * brackets. The name is kept as written, with full-width brackets.
 */
const PAIRED_PLACE = /[（(]\s*([\u4e00-\u9fff]{2,6})\s*[）)]$/

function pairedPlacesBefore(
  text: string,
  suffixStart: number,
  gazetteer: Gazetteer,
  floor: number,
): Pick<Mention, 'start' | 'ref' | 'key' | 'place' | 'head'> | null {
  const match = PAIRED_PLACE.exec(text.slice(Math.max(floor, suffixStart - 10), suffixStart))
  const host = match?.[1]
  if (!match || !host) return null
  const bracketStart = suffixStart - match[0].length
  const start = placeStart(text, bracketStart, gazetteer, floor)
  if (start === null) return null
  const owner = text.slice(start, bracketStart)
  const place = `${normalizePlace(owner)}（${normalizePlace(host)}）`
  const known = gazetteer.byKey.get(zoneKey(place, TRANSFER_PARK))
  const ref = known ? knownRef(known) : { name: place + TRANSFER_PARK, known: false, id: null, type: TRANSFER_PARK }
  return { start, ref, key: zoneKey(place, TRANSFER_PARK), place, head: '' }
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
    : { name: freeTradeZoneName(province), known: false, id: null, type: FREE_TRADE }
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
 * Registry zone with this place and type, if its names agree with the place's head (中山火炬 is not
 * 厦门火炬). For a type-less X开发区: the only development zone (经济技术开发区, 经济开发区,
 * 高新技术产业开发区 …) of place X, or else its only 经济技术开发区 (the zone papers mean by X开发区);
 * for X经开区 without such a zone, X's only 经济开发区; for X示范区, X's only 示范区 of any kind, and
 * nothing when the registry knows none.
 * Otherwise an unknown zone named by its normalised place (宁夏银川 → 银川, 文水县 → 文水) and long
 * suffix. A level marker is left out (珠海国家高新区 → 珠海高新技术产业开发区), except a written 国家
 * where it is part of the type's name (晋中国家农高区). A free trade zone is 中国（省）自由贸易试验区;
 * a 产业集聚区 keeps its county (河南省许昌市襄城县 → 襄城县产业集聚区).
 */
function resolvePattern(
  place: string,
  core: string,
  head: string,
  saysNational: boolean,
  suffix: ZoneSuffix,
  gazetteer: Gazetteer,
): ZoneRef | null {
  const byKey = gazetteer.byKey.get(zoneKey(core, suffix.type))
  if (byKey && headFits(head, byKey)) return knownRef(byKey)
  const atPlace = gazetteer.byPlace.get(core) ?? []
  const ofType = (test: (type: string) => boolean): ZoneRecord | null => {
    const fits = atPlace.filter((z) => test(z.type) && headFits(head, z))
    return fits.length === 1 ? (fits[0] ?? null) : null
  }
  const fallback =
    atPlace.length > 0 &&
    (suffix.type === GENERIC_ZONE_TYPE
      ? (ofType((t) => t.endsWith('开发区')) ?? ofType((t) => t === '经济技术开发区'))
      : suffix.type === '经济技术开发区' && suffix.text === '经开区'
        ? ofType((t) => t === '经济开发区')
        : suffix.type === DEMO_ZONE_TYPE
          ? ofType((t) => t.endsWith(DEMO_ZONE_TYPE))
          : null)
  if (fallback) return knownRef(fallback)
  if (suffix.registryOnly) return null
  const province = suffix.type === FREE_TRADE ? provinceShortName(normalizePlace(place) || place) : null
  if (province) return { name: freeTradeZoneName(province), known: false, id: null, type: FREE_TRADE }
  return unknownRef(place, saysNational, suffix)
}

function unknownRef(place: string, saysNational: boolean, suffix: ZoneSuffix): ZoneRef {
  const nameMarker = saysNational && suffix.type.startsWith('国家') ? '国家' : ''
  const named = suffix.keepsCounty ? countyOf(place) : withInnerZoneNamed(normalizePlace(place))
  return { name: named + nameMarker + suffix.full, known: false, id: null, type: suffix.type }
}

/** Short forms of a zone a place may end in, when another zone lies inside it: 合肥经开综保区. */
const INNER_ZONE_SHORT: ReadonlyArray<readonly [string, string]> = [
  ['经开', '经济技术开发区'],
  ['高新', '高新技术产业开发区'],
]

/** 合肥经开 (+ 综保区) → 合肥经济技术开发区: the zone inside another is named after it in full. */
function withInnerZoneNamed(place: string): string {
  const inner = INNER_ZONE_SHORT.find(([short]) => place.endsWith(short) && place.length > short.length + 1)
  return inner ? place.slice(0, place.length - inner[0].length) + inner[1] : place
}

/** The county-level part of a place, with its ending: 河南省许昌市襄城县 → 襄城县, 长葛市 → 长葛市. */
function countyOf(place: string): string {
  const local = withoutProvince(place)
  return /^(?:[\u4e00-\u9fff]{2,4}?[市州盟])?([\u4e00-\u9fff]{2,4}[县市区旗])$/.exec(local)?.[1] ?? local
}

/**
 * Longest first; at equal length a form that needs no context beats a contextual one, and a
 * registry zone beats an unknown one.
 */
function longestNonOverlapping(candidates: readonly Mention[], textLength: number): Mention[] {
  const taken = new Uint8Array(textLength)
  const rank = (m: Mention): number => 4 * (m.end - m.start) + (m.contextual ? 0 : 2) + (m.ref.known ? 1 : 0)
  const ranked = [...candidates].sort((a, b) => rank(b) - rank(a) || a.start - b.start)
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

/**
 * Contextual mentions stay where their zone is named unambiguously within reach, or one of their
 * anchor places is written there (航空港区 in a text that names 郑州); a headless pattern mention
 * of a registry zone with a head is that zone only there, and else the unknown zone it names.
 */
function keepContextualInReach(text: string, mentions: readonly Mention[]): Mention[] {
  const anchors = mentions.filter((m) => !m.contextual && !m.unanchored && m.ref.id !== null)
  const placeInReach = (m: Mention): boolean =>
    (m.anchors ?? []).some((place) => {
      const at = text.indexOf(place, Math.max(0, m.start - CONTEXT_REACH))
      return at >= 0 && at <= m.start + CONTEXT_REACH
    })
  const confirmed = (m: Mention): boolean =>
    anchors.some((a) => a.ref.id === m.ref.id && Math.abs(a.start - m.start) <= CONTEXT_REACH) || placeInReach(m)
  const kept: Mention[] = []
  for (const m of mentions) {
    if (m.unanchored) kept.push(confirmed(m) ? m : { ...m, ref: m.unanchored })
    else if (!m.contextual || confirmed(m)) kept.push(m)
  }
  return kept
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
  const isAlias =
    HAN_NAME.test(name) && !NOT_ALIASES.has(name) && !isBareSuffix(name) && !(intro === '' && isDistrict(name))
  return isAlias ? { name, start: end + 1 + inside.indexOf(name) } : null
}

/** 开发区, 经开区 … alone, with a level (国家级高新区), or 该区/本区: a type word, not a name. */
function isBareSuffix(name: string): boolean {
  const type = name.replace(/^(国家级|省级|市级|国家)/, '')
  return ZONE_SUFFIXES.some((s) => s.text === type) || /^[该本全园].?区$/.test(name)
}

/**
 * 江门高新区（江海区）, 宁波高新区（鄞州区）: a short administrative name in brackets is the district
 * the zone lies in or is run together with — a place, not another name of the zone.
 */
function isDistrict(name: string): boolean {
  return /^[\u4e00-\u9fff]{2,3}[区县市旗]$/.test(name) && splitZoneName(name) === null && !/[港园]区$/.test(name)
}

/**
 * Unknown zones: all mentions with the same place and type take the longest of their names
 * (the most formal form in the text), preferring names written out over expanded short forms; a
 * type-less X开发区 takes the name of the single other unknown zone of place X, if there is one,
 * and where the text names several zones of X it means all of them and is no zone.
 */
function nameUnknownZones(mentions: readonly Mention[]): Mention[] {
  // Mentions meet on place and type; where the texts name their places with different heads
  // (中山火炬, 厦门火炬) they are different zones, and a headless one (火炬) joins the only head.
  const headsByKey = new Map<string, Set<string>>()
  for (const m of mentions) {
    if (m.ref.known || m.key === null || !m.head) continue
    headsByKey.set(m.key, (headsByKey.get(m.key) ?? new Set()).add(m.head))
  }
  const groupOf = (key: string, head: string | undefined): string => {
    const heads = headsByKey.get(key)
    const joined = head || (heads?.size === 1 ? [...heads][0] : '')
    return joined ? `${key}|${joined}` : key
  }
  const longestByKey = new Map<string, { ref: ZoneRef; expanded: boolean }>()
  const typedByPlace = new Map<string, Set<string>>()
  for (const m of mentions) {
    if (m.ref.known || m.key === null) continue
    const group = groupOf(m.key, m.head)
    const best = longestByKey.get(group)
    const expanded = m.expanded ?? false
    // A name the text wrote out (厦门火炬高技术产业开发区) beats one expanded from a short form.
    const better =
      !best || (best.expanded && !expanded) || (best.expanded === expanded && m.ref.name.length > best.ref.name.length)
    if (better) longestByKey.set(group, { ref: m.ref, expanded })
    if (m.ref.type !== GENERIC_ZONE_TYPE && m.place !== null) {
      typedByPlace.set(m.place, (typedByPlace.get(m.place) ?? new Set()).add(group))
    }
  }
  return mentions.flatMap((m) => {
    if (m.ref.known || m.key === null) return [m]
    const typedKeys = m.ref.type === GENERIC_ZONE_TYPE && m.place !== null ? typedByPlace.get(m.place) : undefined
    // 赣州开发区 in a text that names 赣州经开区 and 赣州高新区 is the city's zones, not one of them
    if (typedKeys && typedKeys.size > 1) return []
    const [onlyKey] = typedKeys?.size === 1 ? [...typedKeys] : []
    const ref = longestByKey.get(onlyKey ?? groupOf(m.key, m.head))?.ref ?? m.ref
    return [{ ...m, ref }]
  })
}

const FTZ_NAME = /^中国（[^）]+）自由贸易试验区/

/**
 * A 片区 named without its free trade zone belongs to the zone of its place's province where the
 * registry knows it (青岛自贸片区 → 中国（山东）自由贸易试验区青岛片区); otherwise to the zone the
 * text is about there (平潭片区 after 中国（福建）…): the nearest named before it, or else after it.
 */
function withFtzProvinces(mentions: readonly Mention[], gazetteer: Gazetteer): Mention[] {
  if (!mentions.some((m) => m.ref.type === FTZ_AREA)) return [...mentions]
  const named = mentions.flatMap((m) => {
    const prefix = m.ref.type === FREE_TRADE || m.ref.type === FTZ_AREA ? FTZ_NAME.exec(m.ref.name)?.[0] : undefined
    return prefix ? [{ at: m.start, prefix }] : []
  })
  return mentions.map((m) => {
    if (m.ref.type !== FTZ_AREA || m.ref.known || FTZ_NAME.test(m.ref.name)) return m
    const province = m.place === null ? undefined : gazetteer.provinceOf.get(m.place)
    const near = named.filter((n) => n.at < m.start).at(-1) ?? named.find((n) => n.at > m.start)
    const prefix = province ? freeTradeZoneName(province) : near?.prefix
    return prefix ? { ...m, ref: { ...m.ref, name: prefix + m.ref.name } } : m
  })
}
