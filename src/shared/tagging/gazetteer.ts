/**
 * The zone registry as the detector uses it: validated rows plus the indexes built once at
 * load time (tries and maps), so that detection only jumps between candidate positions.
 */

import { z } from 'zod'
import type { ZoneRecord } from './types'
import { corePlace, placeHead, type KnownPlaces } from './places'
import { ReverseTrie } from './trie'
import { NEW_AREA_TYPE, normalizePlace, PROVINCE_NAMES, splitZoneName, zoneKey } from './zoneNames'

const ZoneRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  short: z.array(z.string().min(1)).default([]),
  aliases: z.array(z.string().min(1)).default([]),
  contextAliases: z.array(z.string().min(1)).default([]),
  type: z.string().min(1),
  level: z.enum(['国家级', '省级']).nullable().default(null),
  province: z.string().nullable().default(null),
  city: z.string().nullable().default(null),
  source: z.string().min(1),
})

const PlaceGroupSchema = z.object({
  province: z.string().nullable().default(null),
  city: z.string().nullable().default(null),
  names: z.array(z.string().min(1)),
  source: z.string().min(1),
})

const GazetteerSchema = z.object({
  zones: z.array(ZoneRecordSchema),
  places: z.array(PlaceGroupSchema).default([]),
})

/** The JSON form of the registry (resources/zones.json). */
export type GazetteerData = z.input<typeof GazetteerSchema>

/** A string that names a zone in text. */
export interface SurfaceForm {
  text: string
  zone: ZoneRecord
  /** Only this zone when the zone is named unambiguously nearby (see ZoneRecord.contextAliases). */
  contextual: boolean
  /**
   * For a contextual form: place names that also confirm it nearby. 航空港区, the registry's
   * 郑州航空港区 without its city, is that zone in a text that names 郑州.
   */
  anchors: readonly string[]
}

export interface Gazetteer extends KnownPlaces {
  readonly zones: readonly ZoneRecord[]
  /** Surface forms, found from where they end. */
  readonly surfaces: ReverseTrie<SurfaceForm>
  /** Last characters of the surface forms: the detector jumps between them with indexOf. */
  readonly surfaceLastChars: readonly string[]
  /** core place|type → zone, so that 怀仁经开区 finds 怀仁经济技术开发区 without listing it. */
  readonly byKey: ReadonlyMap<string, ZoneRecord>
  /** Core place → zones there, to resolve the type-less X开发区. */
  readonly byPlace: ReadonlyMap<string, readonly ZoneRecord[]>
  /** Place (normalised: 青岛, 平度) → its province as the registry states it (山东省). */
  readonly provinceOf: ReadonlyMap<string, string>
  /**
   * Zone id → the head of its name's place (厦门火炬 → 厦门) and the places that confirm it, for
   * zones whose place has one: a mention without that head is the zone only near them.
   */
  readonly heads: ReadonlyMap<string, { head: string; anchors: readonly string[] }>
}

/**
 * Validates registry JSON and builds the look-up indexes. Throws an Error naming the first
 * invalid field. Surface forms or keys shared by two zones are ambiguous and left out.
 */
export function loadGazetteer(json: unknown): Gazetteer {
  const parsed = GazetteerSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`zone registry is invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`)
  }
  const zones: ZoneRecord[] = parsed.data.zones
  const known: KnownPlaces = { places: knownPlaces(zones, parsed.data.places) }
  const surfaces = new ReverseTrie<SurfaceForm>()
  const listed = uniqueBy(zones.flatMap(surfaceForms), (s) => s.text)
  // A city-less form yields to every form the registry lists.
  const cityLess = uniqueBy(zones.flatMap(cityLessForms), (s) => s.text)
  for (const form of listed.values()) surfaces.add(form.text, form)
  for (const form of cityLess.values()) if (!listed.has(form.text)) surfaces.add(form.text, form)
  return {
    ...known,
    zones,
    surfaces,
    surfaceLastChars: surfaces.lastChars(),
    byKey: indexKeys(zones, known),
    byPlace: indexPlaces(zones, known),
    provinceOf: indexProvinces(zones, parsed.data.places),
    heads: indexHeads(zones, known),
  }
}

function indexHeads(
  zones: readonly ZoneRecord[],
  known: KnownPlaces,
): Map<string, { head: string; anchors: string[] }> {
  const heads = new Map<string, { head: string; anchors: string[] }>()
  for (const zone of zones) {
    const parts = splitZoneName(zone.name)
    if (!parts || parts.place.length < 2) continue
    const head = placeHead(parts.place, corePlace(parts.place, known))
    if (head) heads.set(zone.id, { head, anchors: [...new Set([head, zone.city ?? head])] })
  }
  return heads
}

/** The province of each place the `places` lists and the zone rows name, where only one is given. */
function indexProvinces(
  zones: readonly ZoneRecord[],
  groups: ReadonlyArray<{ province: string | null; city: string | null; names: string[] }>,
): Map<string, string> {
  const pairs = [
    ...groups.flatMap((g) => [...g.names, g.city ?? ''].map((place) => [place, g.province] as const)),
    ...zones.map((z) => [z.city ?? '', z.province] as const),
  ]
  const byPlace = new Map<string, string>()
  const ambiguous = new Set<string>()
  for (const [place, province] of pairs) {
    const key = normalizePlace(place)
    if (key.length < 2 || !province) continue
    const seen = byPlace.get(key)
    if (seen && seen !== province) ambiguous.add(key)
    else byPlace.set(key, province)
  }
  for (const key of ambiguous) byPlace.delete(key)
  return byPlace
}

/**
 * A name as text may print it: brackets and dashes half- or full-width (中国(上海)自由贸易试验区,
 * 中国（上海）自由贸易试验区; 广西-东盟, 广西—东盟).
 */
function printedForms(text: string): string[] {
  const full = text.replace(/\(/g, '\uff08').replace(/\)/g, '\uff09')
  const half = text.replace(/\uff08/g, '(').replace(/\uff09/g, ')')
  return [...new Set([text, full, half])]
}

function surfaceForms(zone: ZoneRecord): SurfaceForm[] {
  const plain = [zone.name, ...zone.short, ...zone.aliases]
    .flatMap(printedForms)
    .map((text) => ({ text, zone, contextual: false, anchors: [] }))
  const contextual = zone.contextAliases
    .flatMap(printedForms)
    .map((text) => ({ text, zone, contextual: true, anchors: [] }))
  return [...plain, ...contextual]
}

/**
 * The registry's names and short forms without the zone's city in front (郑州航空港区 → 航空港区),
 * as contextual forms anchored on the city: papers drop the city in a text about it. Only where
 * something more than a bare type is left (苏州工业园区 leaves 工业园区: no form).
 */
function cityLessForms(zone: ZoneRecord): SurfaceForm[] {
  const city = zone.city?.replace(/[市州盟]$/, '') ?? ''
  if (city.length < 2) return []
  const anchors = [...new Set([zone.city ?? city, city])]
  return [zone.name, ...zone.short].flatMap((form) => {
    const rest = form.startsWith(city) ? form.slice(city.length).replace(/^市/, '') : ''
    if (rest.length < 3) return []
    const parts = splitZoneName(rest)
    if (parts && parts.place.length < 2) return []
    return printedForms(rest).map((text) => ({ text, zone, contextual: true, anchors }))
  })
}

function indexKeys(zones: readonly ZoneRecord[], known: KnownPlaces): Map<string, ZoneRecord> {
  const keyed = zones.flatMap((zone) =>
    [zone.name, ...zone.short, ...zone.aliases].flatMap((name) => {
      const parts = splitZoneName(name)
      if (!parts || parts.place.length < 2) return []
      return [{ key: zoneKey(corePlace(parts.place, known), parts.suffix.type), zone }]
    }),
  )
  return new Map([...uniqueBy(keyed, (k) => k.key)].map(([key, k]) => [key, k.zone]))
}

function indexPlaces(zones: readonly ZoneRecord[], known: KnownPlaces): Map<string, ZoneRecord[]> {
  const byPlace = new Map<string, ZoneRecord[]>()
  for (const zone of zones) {
    const parts = splitZoneName(zone.name)
    if (!parts || parts.place.length < 2) continue
    const place = corePlace(parts.place, known)
    byPlace.set(place, [...(byPlace.get(place) ?? []), zone])
  }
  return byPlace
}

/**
 * Provinces, the `places` lists, registry cities and the places of registry zone names — except
 * what stands before 新区: 滨海, 两江, 天府 name an area, not a place, and as places they would
 * cut 慈溪滨海经济开发区 down to 滨海经济开发区.
 */
function knownPlaces(zones: readonly ZoneRecord[], groups: ReadonlyArray<{ names: string[] }>): ReverseTrie<true> {
  const placeOf = (name: string): string => {
    const parts = splitZoneName(name)
    return parts && parts.suffix.type !== NEW_AREA_TYPE ? parts.place : ''
  }
  const fromZones = zones.flatMap((zone) => [
    ...[zone.name, ...zone.short, ...zone.aliases].map(placeOf),
    zone.city ?? '',
  ])
  const trie = new ReverseTrie<true>()
  for (const place of [...PROVINCE_NAMES, ...groups.flatMap((g) => g.names), ...fromZones]) {
    // a known place has at least two characters: 应县, never 应
    for (const form of [place, normalizePlace(place)]) if (form.length >= 2) trie.add(form, true)
  }
  return trie
}

/**
 * Items by key; a key claimed by items of different zones is dropped as ambiguous
 * (the same zone listing a form twice is fine).
 */
function uniqueBy<T extends { zone: ZoneRecord }>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const unique = new Map<string, T>()
  const ambiguous = new Set<string>()
  for (const item of items) {
    const key = keyOf(item)
    const seen = unique.get(key)
    if (seen && seen.zone.id !== item.zone.id) ambiguous.add(key)
    else if (!seen) unique.set(key, item)
  }
  for (const key of ambiguous) unique.delete(key)
  return unique
}
