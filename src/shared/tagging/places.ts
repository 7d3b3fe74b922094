/**
 * Where the place name of a zone mention begins, e.g. where 推动孝义经济开发区 turns into
 * 孝义. Chinese has no spaces, so the left boundary is found from three kinds of evidence:
 *
 * 1. hard boundaries: anything that is not a Han character (punctuation, digits, Latin);
 * 2. stop words ending right before the place: verbs, prepositions, adverbs and determiners
 *    that open a noun phrase (在, 位于, 推动, 全力, 该, 全省 …); characters that also occur in
 *    place names (和, 同, 为 …) are soft stops, ignored where a known place runs through them
 *    (大同, 和顺) or where fewer than two characters would be left;
 * 3. known place names (provinces, cities, counties, registry zones): when the text right
 *    before the suffix is a chain of them (山西 + 太原, 晋城 + 市), that chain is the place.
 *
 * A place ending in a known-name chain is always accepted. Otherwise it must sit between a
 * boundary and the suffix, not end in a generic word (农业类, 新时期, 十大), and be short: at
 * most 4 unknown characters (广州南沙), or a known place plus at most 3 (东莞 + 松山湖). Longer
 * unknown stretches are more likely a swallowed phrase than a name.
 */

import { ADMIN_ENDINGS, GENERIC_TAILS, HARD_STOP_CHARS, HARD_STOP_WORDS, SOFT_STOP_CHARS } from './lexicon'
import { ReverseTrie } from './trie'
import { normalizePlace } from './zoneNames'

/** Fewest characters in a place name (应县, 太谷). */
const MIN_PLACE = 2
/** How far left to look for a boundary. */
const MAX_SCAN = 10
/** Longest place accepted without support from known place names (广州南沙, 北京亦庄). */
const MAX_UNKNOWN_PLACE = 4
/** Longest unknown part after a known place (东莞松山湖, 汾阳杏花村, 南昌小蓝). */
const MAX_SUBPLACE = 3

const STOPS = new ReverseTrie<true>()
for (const word of [...HARD_STOP_WORDS, ...HARD_STOP_CHARS]) STOPS.add(word, true)

const isHan = (c: string): boolean => c >= '\u3400' && c <= '\u9fff'

/**
 * 第五届, 前三季度, 三地, 两市, 五省区, 十佳, 多个: an ordinal, a period or a count. A place name never
 * holds one, so a place that does is a determiner glued to a bare type (第五届高新区, 前三季度经开区)
 * or a group of zones (宁波温州绍兴三地高新区). 万 is left out (万州, 万荣), and so are counters that
 * end real names (三门峡, 十堰, 九江, 四会).
 */
const COUNTED =
  /^第|[零〇一二两三四五六七八九十百千几多数0-9０-９]+(?:届|期|批|次|季度|个|家|所|座|地|省区|省|市|县|区|州|大|强|佳|类|年|月|日|号)/

/** 年, 月, 日 after a number end a date, not begin a place: 自2010年杭州湾上虞经济技术开发区设立. */
const DATE_UNIT_CODES = [...'年月日号'].map((c) => c.charCodeAt(0))
const NUMERAL_CHAR = /[0-9０-９零〇一二两三四五六七八九十百千]/

/** The character before `p` ends a date (2010年, 三月). */
function endsDate(text: string, p: number): boolean {
  const c = text.charCodeAt(p - 1)
  return DATE_UNIT_CODES.includes(c) && NUMERAL_CHAR.test(text.charAt(p - 2))
}

/** Place names the boundary search relies on (provinces, cities, counties, zone places). */
export interface KnownPlaces {
  readonly places: ReverseTrie<true>
}

/**
 * Start offset of the place name that ends at `end` (where a level marker or the zone
 * suffix begins), or null when no plausible place name is there (该开发区, 全省开发区).
 * The place never reaches back before `floor`, the end of the previous zone suffix
 * (国家级经开区和省级开发区 has no place before 省级).
 */
/** A town, with its county or city before it: 平度市南村镇, 庐江县同大镇, 南村镇. */
const TOWN = /(?:[\u4e00-\u9fff]{2,3}[市县区旗])?([\u4e00-\u9fff]{2,3}[镇乡])$/
/** 特色小镇, 乡镇, 城镇: kinds of towns, not towns. */
const NOT_A_TOWN = /(?:小镇|乡镇|城镇|集镇)$|^(?:各|全|本|该)?(?:村镇|[镇乡])$/

export function placeStart(text: string, end: number, known: KnownPlaces, floor = 0): number | null {
  const start = plainPlaceStart(text, end, known, floor)
  return start !== null && isCounted(text, start, end) ? null : start
}

/** Characters a COUNTED stretch begins with, by UTF-16 unit: most places have none, and skip the regex. */
const COUNT_CHARS = new Uint8Array(0x10000)
for (const c of '第零〇一二两三四五六七八九十百千几多数0123456789０１２３４５６７８９') COUNT_CHARS[c.charCodeAt(0)] = 1

function isCounted(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++)
    if (COUNT_CHARS[text.charCodeAt(i)] === 1) return COUNTED.test(text.slice(start, end))
  return false
}

/**
 * The part of a place before its core (see corePlace), without an administrative ending: 中山火炬
 * → 中山, 晋中市太谷 → 晋中; '' when the place is its core.
 */
export function placeHead(place: string, core: string): string {
  const normalized = normalizePlace(place)
  return headBefore(normalized, normalized.length - core.length)
}

function headBefore(normalized: string, coreStart: number): string {
  if (coreStart <= 0) return ''
  const head = normalized.slice(0, coreStart)
  return head.length > 2 ? head.replace(/[省市县区州盟旗]$/, '') : head
}

/** `place` begins with a known place (定西中医药 → 定西), as a weak zone type requires. */
export function hasKnownHead(place: string, known: KnownPlaces): boolean {
  return knownChains(normalizePlace(place), known).headLength > 0 || knownChains(place, known).headLength > 0
}

function plainPlaceStart(text: string, end: number, known: KnownPlaces, floor: number): number | null {
  const boundary = boundaryBefore(text, end, floor)
  // Town parks (镇工业园区): the administrative endings mark where the name begins, through soft
  // stops that are part of it (庐江县同大镇).
  const town = boundary.found ? TOWN.exec(text.slice(boundary.hard, end)) : null
  if (town?.[1] && !NOT_A_TOWN.test(town[1])) return end - town[0].length
  // a chain of known places may run through a soft stop (大同, 和顺): look for it up to the hard boundary
  const chain = knownChains(text.slice(boundary.hard, end), known).tailStart
  if (chain !== null) return boundary.hard + chain
  const start = boundary.soft ?? boundary.hard
  const place = text.slice(start, end)
  if (!boundary.found || place.length < MIN_PLACE || GENERIC_TAILS.some((tail) => place.endsWith(tail))) return null
  const headLength = knownChains(place, known).headLength
  return place.length - headLength <= (headLength > 0 ? MAX_SUBPLACE : MAX_UNKNOWN_PLACE) ? start : null
}

/**
 * Scans left from `end` to the nearest hard boundary (`floor` is one), noting the nearest soft
 * stop on the way. `found` is false when no boundary was seen within MAX_SCAN characters;
 * `hard` is then where the scan gave up.
 */
function boundaryBefore(
  text: string,
  end: number,
  floor: number,
): { hard: number; soft: number | null; found: boolean } {
  const limit = Math.max(floor, end - MAX_SCAN)
  let soft: number | null = null
  for (let p = end; p > limit; p--) {
    const before = text.charAt(p - 1)
    if (!isHan(before) || STOPS.longestEndingAt(text, p) || endsDate(text, p)) return { hard: p, soft, found: true }
    if (soft === null && SOFT_STOP_CHARS.includes(before) && end - p >= MIN_PLACE) soft = p
  }
  return { hard: limit, soft, found: soft !== null || limit === floor }
}

/**
 * The part of a place that tells zones apart, as compared between mentions: normalised (no
 * province, no trailing 市/县), then without leading known places as long as two characters
 * remain, so that 惠州仲恺 and 仲恺, 广州南沙 and 南沙, 晋中市太谷 and 太谷 meet.
 */
export function corePlace(place: string, known: KnownPlaces): string {
  return splitPlace(place, known).core
}

/** corePlace and placeHead in one: 中山火炬 → 火炬 and 中山. */
export function splitPlace(place: string, known: KnownPlaces): { core: string; head: string } {
  const normalized = normalizePlace(place)
  let cut = 0
  const { headsMask } = knownChains(normalized, known)
  for (let k = 1; k <= normalized.length - MIN_PLACE; k++) if ((headsMask & (1 << k)) !== 0) cut = k
  return { core: normalized.slice(cut), head: headBefore(normalized, cut) }
}

interface Chains {
  /** Where the longest tail made only of known places begins (企业扎根孝义 → 4), or null. */
  tailStart: number | null
  /** Bit k set: stretch[0, k) is made only of known places (广州南沙 → bits 2 and 4). */
  headsMask: number
  /** The longest such head (东莞松山湖 → 2), 0 if none. */
  headLength: number
}

/** Longest stretch whose place lengths fit the bit masks of knownChains. */
const MAX_CHAIN = 30
const endingMasks = new Int32Array(MAX_CHAIN + 1)

/**
 * How `stretch` splits into known places (each optionally followed by 市/县/省 …). Lengths and
 * positions are kept as bits of one integer: this runs two or three times per zone suffix.
 */
function knownChains(stretch: string, known: KnownPlaces): Chains {
  const n = Math.min(stretch.length, MAX_CHAIN)
  const offset = stretch.length - n // a longer stretch is only read at its last MAX_CHAIN characters
  const text = offset > 0 ? stretch.slice(offset) : stretch
  // endingMasks[k]: bit L set when a known place of length L (with its 市/县 …) ends at k
  endingMasks[0] = 0
  for (let k = 1; k <= n; k++) {
    const plain = known.places.lengthMaskEndingAt(text, k, MAX_CHAIN)
    const beforeAdmin = ADMIN_ENDINGS.includes(text.charAt(k - 1)) ? (endingMasks[k - 1] ?? 0) << 1 : 0
    endingMasks[k] = plain | beforeAdmin
  }
  let tail = 1 << n
  let tailStart: number | null = null
  for (let k = n; k >= 0; k--) {
    if ((tail & (1 << k)) === 0) continue
    for (let lengths = endingMasks[k] ?? 0, length = 1; lengths !== 0; length++, lengths >>>= 1) {
      if ((lengths & 2) !== 0) tail |= 1 << (k - length)
    }
    if (k < n) tailStart = k + offset
  }
  let head = 1
  let headLength = 0
  for (let k = 1; k <= n; k++) {
    for (let lengths = endingMasks[k] ?? 0, length = 1; lengths !== 0; length++, lengths >>>= 1) {
      if ((lengths & 2) !== 0 && (head & (1 << (k - length))) !== 0) {
        head |= 1 << k
        headLength = k
        break
      }
    }
  }
  // heads only count from the stretch's own start
  return { tailStart, headsMask: offset > 0 ? 0 : head & ~1, headLength: offset > 0 ? 0 : headLength }
}
