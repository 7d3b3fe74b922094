/**
 * The vocabulary of zone names: suffixes, level markers, province names, and how a name
 * splits into place + level + suffix. Shared by the registry loader and the detector so that
 * both derive the same key for 怀仁经开区 and 怀仁经济技术开发区.
 */

import { PROVINCES } from './lexicon'
import { ReverseTrie } from './trie'

export interface ZoneSuffix {
  /** As written in text: 经开区. */
  text: string
  /** Registry type it denotes: 经济技术开发区. */
  type: string
  /**
   * Long form used to name a zone the registry does not know: 经开区 → 经济技术开发区. Only
   * abbreviations with one certain long form are expanded (农高区 stays as written).
   */
  full: string
  /**
   * A weak type word that many phrases end with (产业园): a zone only after a place the registry
   * or the place lists know (定西中医药产业园, not 新能源产业园).
   */
  needsKnownPlace?: boolean
  /**
   * A type word too generic to name a zone the registry does not know (示范区): X示范区 is only
   * the one registry zone of place X whose type is a 示范区.
   */
  registryOnly?: boolean
  /** Named with its county or county-level city as written: 西平县产业集聚区, 长葛市产业集聚区. */
  keepsCounty?: boolean
}

type SuffixFlags = Pick<ZoneSuffix, 'needsKnownPlace' | 'registryOnly' | 'keepsCounty'>
const suffix = (text: string, type: string, full = text, flags: SuffixFlags = {}): ZoneSuffix => ({
  text,
  type,
  full,
  ...flags,
})

const ETDZ = '经济技术开发区'
const HIGH_TECH = '高新技术产业开发区'
const AGRI_HIGH_TECH = '国家农业高新技术产业示范区'
const REFORM = '综合改革示范区'
const BONDED = '综合保税区'
export const FREE_TRADE = '自由贸易试验区'
/** 深圳（河源）产业转移工业园: a city's park in another city, named with both. */
export const TRANSFER_PARK = '产业转移工业园'
/** Registry-only type word: X示范区 names the one 示范区 of place X the registry knows. */
export const DEMO_ZONE_TYPE = '示范区'
/** A 片区 of a pilot free trade zone: 中国（福建）自由贸易试验区厦门片区, 厦门片区, 青岛自贸片区. */
export const FTZ_AREA = '自由贸易试验区片区'
/** 新区: 国家级新区 and provincial new areas. */
export const NEW_AREA_TYPE = '新区'

/**
 * Zone suffixes. Where several end at the same place the longest wins, so 高新技术产业开发区
 * beats 开发区 and 综合保税区 beats 保税区. Short forms map to the type of their long form;
 * that is what makes X经开区 and X经济技术开发区 the same zone. All end in SUFFIX_LAST_CHAR,
 * which lets the detector jump between candidates with indexOf.
 */
export const ZONE_SUFFIXES: readonly ZoneSuffix[] = [
  suffix(ETDZ, ETDZ),
  suffix('经开区', ETDZ, ETDZ),
  suffix(HIGH_TECH, HIGH_TECH),
  suffix('高新技术开发区', HIGH_TECH, HIGH_TECH),
  suffix('高技术产业开发区', HIGH_TECH),
  suffix('新技术开发区', HIGH_TECH),
  suffix('高新区', HIGH_TECH, HIGH_TECH),
  suffix('经济开发区', '经济开发区'),
  suffix('农业高新技术产业示范区', AGRI_HIGH_TECH),
  suffix('农高区', AGRI_HIGH_TECH),
  suffix('现代农业产业示范区', '现代农业产业示范区'),
  suffix(REFORM, REFORM),
  suffix('综改示范区', REFORM, REFORM),
  suffix('综改区', REFORM, REFORM),
  suffix(BONDED, BONDED),
  suffix('综保区', BONDED, BONDED),
  suffix('保税港区', '保税港区'),
  suffix('保税区', '保税区'),
  suffix('出口加工区', '出口加工区'),
  suffix(FREE_TRADE, FREE_TRADE),
  suffix('自贸试验区', FREE_TRADE, FREE_TRADE),
  suffix('自贸区', FREE_TRADE, FREE_TRADE),
  suffix('自贸片区', FTZ_AREA, '片区'),
  suffix('片区', FTZ_AREA),
  suffix('边境经济合作区', '边境经济合作区'),
  suffix('跨境经济合作区', '跨境经济合作区'),
  suffix('工业园区', '工业园区'),
  suffix('产业集聚区', '产业集聚区', '产业集聚区', { keepsCounty: true }),
  suffix('工业集中区', '工业集中区'),
  suffix(TRANSFER_PARK, TRANSFER_PARK),
  suffix('产业园', '产业园', '产业园', { needsKnownPlace: true }),
  suffix(DEMO_ZONE_TYPE, DEMO_ZONE_TYPE, DEMO_ZONE_TYPE, { registryOnly: true }),
  suffix('台商投资区', '台商投资区'),
  suffix('科技开发区', '科技开发区'),
  // 国家级新区 (天府新区, 两江新区) and provincial ones (宜宾三江新区): only after a place name.
  suffix('新区', NEW_AREA_TYPE),
  suffix('开发区', '开发区'),
]

/** Generic type: X开发区 may name any kind of development zone (…开发区) of place X. */
export const GENERIC_ZONE_TYPE = '开发区'

/** Municipalities are cities: 天津开发区 is a zone, 山西开发区 is all zones of a province. */
const MUNICIPALITIES = ['北京', '天津', '上海', '重庆']

/** 国家/国家级/省级 between place and suffix (晋中国家农高区), longest first. */
const LEVEL_MARKERS = ['国家级', '省级', '国家']

const PROVINCE_ENDING = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/

/** Full and short province names (山西省, 山西). */
export const PROVINCE_NAMES: ReadonlySet<string> = new Set([
  ...PROVINCES,
  ...PROVINCES.map((p) => p.replace(PROVINCE_ENDING, '')),
])
const LONGEST_PROVINCE = Math.max(...[...PROVINCE_NAMES].map((p) => p.length))

/** The characters zone suffixes end with. */
export const SUFFIX_LAST_CHARS = ['区', '园'] as const

const SUFFIXES_LONGEST_FIRST = [...ZONE_SUFFIXES].sort((a, b) => b.text.length - a.text.length)
const SUFFIX_TRIE = new ReverseTrie<ZoneSuffix>()
for (const s of ZONE_SUFFIXES) SUFFIX_TRIE.add(s.text, s)

/**
 * The longest zone suffix ending at `end` (exclusive), if any; 开发区域 is not 开发区, and 产业园区 is
 * not 产业园 (its 区 is where a suffix may end).
 */
export function suffixEndingAt(text: string, end: number): ZoneSuffix | null {
  const next = text.charAt(end)
  if (next === '域') return null
  const found = SUFFIX_TRIE.longestEndingAt(text, end)?.value ?? null
  return found && next === '区' && found.text.endsWith('园') ? null : found
}

/** The level marker ending at `end`, if any (the place ends where it starts). */
export function levelMarkerBefore(text: string, end: number): string | null {
  return LEVEL_MARKERS.find((marker) => end >= marker.length && text.startsWith(marker, end - marker.length)) ?? null
}

/** Splits a whole name into place and suffix: 晋中国家农高区 → 晋中 + 农高区. Null when no suffix ends it. */
export function splitZoneName(name: string): { place: string; suffix: ZoneSuffix } | null {
  const found = SUFFIXES_LONGEST_FIRST.find((s) => name.endsWith(s.text))
  if (!found) return null
  const rest = name.slice(0, name.length - found.text.length)
  const marker = levelMarkerBefore(rest, rest.length)
  return { place: marker ? rest.slice(0, rest.length - marker.length) : rest, suffix: found }
}

/** 广西壮族自治区, 广西 → 广西; 上海市 → 上海; null when `place` is no province-level name. */
export function provinceShortName(place: string): string | null {
  return PROVINCE_NAMES.has(place) ? place.replace(PROVINCE_ENDING, '') : null
}

/** The one way a pilot free trade zone is named: 中国（广西）自由贸易试验区, full-width brackets. */
export function freeTradeZoneName(province: string): string {
  return `中国（${provinceShortName(province) ?? province}）${FREE_TRADE}`
}

/** 山西, 山西省, 内蒙古 … but not a municipality. */
export function isProvinceName(place: string): boolean {
  return PROVINCE_NAMES.has(place) && !MUNICIPALITIES.some((m) => place.startsWith(m))
}

/**
 * Place as compared between mentions: without a leading province (山西太原 → 太原) and
 * without a trailing 市/县 (晋城市 → 晋城), as long as two characters remain (应县 stays).
 * A trailing 区 stays: 天府新区 is not 天府新.
 */
export function normalizePlace(place: string): string {
  const p = withoutProvince(place)
  return p.length >= 3 && /[市县]$/.test(p) ? p.slice(0, -1) : p
}

/** A place without a leading province, as long as two characters remain: 河南省许昌市 → 许昌市. */
export function withoutProvince(place: string): string {
  for (let length = Math.min(LONGEST_PROVINCE, place.length - 2); length >= 2; length--) {
    if (PROVINCE_NAMES.has(place.slice(0, length))) return place.slice(length)
  }
  return place
}

/** Key under which mentions of the same zone meet: 怀仁|经济技术开发区 (see corePlace). */
export function zoneKey(corePlace: string, type: string): string {
  return `${corePlace}|${type}`
}
