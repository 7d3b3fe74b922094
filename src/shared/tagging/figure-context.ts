/**
 * What a figure measures, read from its sentence: the metric (指标), the period (时期) and the
 * development zone it belongs to, for the 数据核对 consistency check. A pure function of one
 * block's text, its figures and its zones, safe on the detection path: each block is scanned
 * once for metric words and periods, and each figure looks back a bounded distance, so the cost
 * is linear in the block.
 *
 * Chinese statistical sentences put the subject and the period first and let later clauses
 * inherit them: “2023年，全省进出口额达717亿元，增长42.3%” — 717亿元 is 进出口额 of 2023年, and
 * 42.3% is its growth. So:
 * - metric: the nearest metric word (figure-metrics.json) before the figure in its clause; a
 *   count names what follows it (引进56家高新技术企业); “A、B分别达到x、y” pairs them in order;
 *   a clause with no metric word of its own (同比增长5.7%) takes the metric of the figure before
 *   it in the sentence, unless the clause names something else (贡献率) — then it is unknown.
 *   A growth rate is the metric + 增速 (增长, 下降, 增幅 before a % or 个百分点), a share the
 *   metric + 占比 (占, 占比, 比重), and a comparison (高于全市4.2个百分点) measures nothing named.
 * - period: the nearest period before the figure in its block (2023年, 今年前三季度, 1—6月,
 *   上半年, “十四五”期间, 截至2024年6月末, 2019年以来 …), years written relative (今年, 去年,
 *   上年) or left out (1—6月) resolved against the year when it is known, else kept as
 *   written. 较上年, 上年同期 are bases of comparison, not periods.
 * - zone: the nearest zone mention before the figure in its sentence, else the one of an earlier
 *   sentence of the block (该区, 园区 refer back to it) unless the sentence names another subject
 *   (全省, 全市, 某某省, 公司).
 */
import metricData from './figure-metrics.json'
import { COUNTERS } from './lexicon'
import type { FigureTag, Tag, ZoneTag } from './types'

export interface MetricEntry {
  /** Canonical metric of an amount; absent when the words only name counts. */
  name?: string
  /** Canonical metric of a count of the things (签约项目数). */
  count?: string
  words: string[]
  /** Generic words among `words` (企业): not the metric right after a quotation mark or a modifier (“专精特新”企业, 领军企业). */
  bare?: string[]
}

export type FigureAspect = '' | '增速' | '占比'

export interface FigureReading {
  /** Canonical metric, with 增速 or 占比 when the figure is one; '' when the sentence does not say. */
  metric: string
  /** The metric without the aspect. */
  base: string
  aspect: FigureAspect
  /** Normalised period (2024年1—6月, “十四五”期间); '' when none is given. */
  period: string
  /** The zone the figure belongs to, or null. */
  zone: ZoneTag | null
}

export interface ReadOptions {
  /** The year: 今年, 去年 and periods without a year are read against it. */
  year?: number | null
}

interface Mention {
  start: number
  end: number
  entry: MetricEntry
}

interface Period {
  start: number
  end: number
  /** Year as written or resolved; null when unknown. */
  year: number | null
  /** Relative year as written (今年, 去年 …) when it could not be resolved. */
  relative: string
  /** What follows the year: 上半年, 1—6月, 以来 …; or the whole period (“十四五”期间). */
  rest: string
  /** 截至 before it. */
  until: boolean
  /** The period names a year of its own (2023年, 今年); else it may take one from before. */
  hasYear: boolean
}

// --- the metric dictionary ------------------------------------------------------------------

export interface MetricDictionary {
  /** By first character, longest word first. */
  byFirst: Map<string, { word: string; entry: MetricEntry }[]>
}

export function loadMetrics(entries: readonly MetricEntry[]): MetricDictionary {
  const byFirst = new Map<string, { word: string; entry: MetricEntry }[]>()
  for (const entry of entries) {
    for (const word of entry.words) {
      const first = word.charAt(0)
      const list = byFirst.get(first) ?? []
      list.push({ word, entry })
      byFirst.set(first, list)
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.word.length - a.word.length)
  return { byFirst }
}

let defaultDictionary: MetricDictionary | null = null
export function defaultMetrics(): MetricDictionary {
  defaultDictionary ??= loadMetrics((metricData as { metrics: MetricEntry[] }).metrics)
  return defaultDictionary
}

/**
 * Before a bare word, what makes it a kind of its own: a closing quotation mark or a Han
 * character other than the verbs and particles that lead into a count (拥有企业, 引进企业, 其中企业).
 */
const QUALIFIED = /[”"’』」》\u4e00-\u9fff]/
const LEADS_IN = new Set([...'有增育引进驻聚落中及和与其共计达成批类家个新'])

/** Metric words of `text`, left to right, longest first at each position, outside zone names. */
function metricMentions(text: string, dict: MetricDictionary, zones: readonly ZoneTag[]): Mention[] {
  const found: Mention[] = []
  let z = 0
  for (let i = 0; i < text.length; ) {
    while (z < zones.length && zones[z]!.end <= i) z++
    const zone = zones[z]
    if (zone && zone.start <= i) {
      i = zone.end
      continue
    }
    const hit = dict.byFirst.get(text.charAt(i))?.find((w) => text.startsWith(w.word, i))
    if (hit) {
      if (
        !hit.entry.bare?.includes(hit.word) ||
        !QUALIFIED.test(text.charAt(i - 1)) ||
        LEADS_IN.has(text.charAt(i - 1))
      ) {
        found.push({ start: i, end: i + hit.word.length, entry: hit.entry })
      }
      i += hit.word.length
    } else i++
  }
  return found
}

// --- periods ----------------------------------------------------------------------------------

const CN_DIGIT: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
}
const RELATIVE_YEAR: Record<string, number> = { 今年: 0, 本年: 0, 当年: 0, 去年: -1, 上年: -1, 前年: -2, 明年: 1 }
const MONTH = '(?:1[0-2]|0?[1-9]|[一二三四五六七八九十]{1,2}|十[一二])'
const DASH = '[—–\\-－~～至到]'
const SUB = [
  `前${MONTH}个?月`,
  `${MONTH}${DASH}{1,2}${MONTH}月(?:份)?`,
  `[前一二三四]季度`,
  `第[一二三四]季度`,
  '前三季度',
  '上半年',
  '下半年',
  '全年',
  '年初',
  '年末',
  '年底',
  `${MONTH}月(?:末|底|份)?`,
  '以来',
].join('|')
/** After a year: 2023年底, 去年末. */
const SUB_AFTER_YEAR = `${SUB}|底|末|初`
const PERIOD = new RegExp(
  [
    // 截至2024年6月末, 2021年至2023年, 2024年1—4月, 今年前三季度, 去年全年, 2019年以来
    `(截至|截止到?|到)?(?:((?:19|20)\\d{2})年?(?:${DASH}((?:19|20)\\d{2}))?年|(今年|本年|去年|上年|前年|明年))(${SUB_AFTER_YEAR})?`,
    // “十四五”期间
    `[“"]?(十[一二三四五六七八九]五)[”"]?(期间|时期|以来|末)?`,
    // 1—6月, 前三季度, 上半年 without a year
    `(截至|截止到?)?(${SUB})`,
  ].join('|'),
  'g',
)
/** A year after these is the base of a comparison (较上年, 比去年), not the period. */
const COMPARED = /[较比于超]$/

function monthNumber(text: string): string {
  const n = CN_DIGIT[text] ?? (text.startsWith('十') ? 10 + (CN_DIGIT[text.slice(1)] ?? 0) : Number(text))
  return String(Number.isFinite(n) ? n : text)
}

function normaliseSub(sub: string): string {
  const ahead = /^前(.+?)个?月$/.exec(sub)
  if (ahead) return `1—${monthNumber(ahead[1]!)}月`
  const range = new RegExp(`^(${MONTH})${DASH}{1,2}(${MONTH})月(份)?$`).exec(sub)
  if (range) return `${monthNumber(range[1]!)}—${monthNumber(range[2]!)}月`
  if (/^第[一二三四]季度$/.test(sub)) return sub.slice(1)
  const month = new RegExp(`^(${MONTH})月(末|底|份)?$`).exec(sub)
  if (month) return `${monthNumber(month[1]!)}月${month[2] === '份' ? '' : (month[2] ?? '')}`
  return sub
}

function periodMentions(text: string): Period[] {
  const found: Period[] = []
  PERIOD.lastIndex = 0
  for (let m = PERIOD.exec(text); m; m = PERIOD.exec(text)) {
    const [all, until1, year, toYear, relative, sub1, plan, planRest, until2, sub2] = m
    const start = m.index
    const end = start + all.length
    if (COMPARED.test(text.slice(Math.max(0, start - 1), start)) || text.startsWith('同期', end)) continue
    if (year || relative) {
      // 全年 alone says no year; 去年全年 is the year.
      const rest = sub1 === '全年' ? '' : sub1 ? normaliseSub(sub1) : ''
      found.push({
        start,
        end,
        year: year ? Number(year) : null,
        relative: relative ?? '',
        rest: toYear ? `—${toYear}年${rest}` : rest,
        until: until1 === '截至' || (until1?.startsWith('截止') ?? false),
        hasYear: true,
      })
    } else if (plan) {
      found.push({
        start,
        end,
        year: null,
        relative: '',
        rest: `“${plan}”${planRest ?? '期间'}`,
        until: false,
        hasYear: false,
      })
    } else if (
      sub2 &&
      sub2 !== '全年' &&
      sub2 !== '以来' &&
      !(sub2.endsWith('月') && /^\d/.test(sub2) && !sub2.includes('—') && /[日号]/.test(text.charAt(end)))
    ) {
      found.push({
        start,
        end,
        year: null,
        relative: '',
        rest: normaliseSub(sub2),
        until: Boolean(until2),
        hasYear: false,
      })
    }
    if (all.length === 0) PERIOD.lastIndex++
  }
  return found
}

function periodText(p: Period, year: number | null | undefined): string {
  if (p.rest.startsWith('“')) return p.rest
  let y: number | null = p.year
  let words = ''
  if (y === null && p.relative) {
    if (year != null) y = year + (RELATIVE_YEAR[p.relative] ?? 0)
    else words = p.relative
  }
  if (y === null && !words && year != null) y = year
  const head = y !== null ? (p.rest.startsWith('—') ? String(y) : `${y}年`) : words
  // 2021年至2023年 → 2021—2023年; 去年底 → 2023年底
  const rest = p.rest.startsWith('—') ? p.rest : p.rest
  return `${p.until ? '截至' : ''}${head}${rest}`
}

// --- clauses and markers -----------------------------------------------------------------------

const SENTENCE_END = /[。！？!?\n]/
const CLAUSE_END = /[，,；;：:。！？!?\n]/
const RATE_UNITS = new Set(['%', '‰', '个百分点', '百分点', '倍'])
const COUNTER_UNITS = new Set(COUNTERS)
/** Nearest marker before the figure in its clause decides the aspect. */
const MARKERS: ReadonlyArray<readonly [RegExp, 'growth' | 'share' | 'compare']> = [
  [/(同比|环比)?(增长|增速|增幅|下降|下滑|回落|提高|上升|提升|减少|降低|年均增长|增加)/g, 'growth'],
  [/(占比|比重|占(?!地))/g, 'share'],
  [/(高于|低于|快于|慢于|高出|超出|领先)/g, 'compare'],
]
/** Words that may stand between a figure and the metric it inherits without naming another thing. */
const CONNECTIVES =
  /同比|环比|分别|其中|累计|全年|共计|合计|总计|总量|总数|实现|完成|达到|达|为|约|近|超过|超|突破|逾|增长|增速|增幅|下降|下滑|回落|提高|上升|提升|减少|降低|增加|年均|占比|比重|占|以上|左右|的|了|和|与|及|、|全[省市国县区州]|[同上]期|较|比|上年|去年|预计|计划|已|共|再|又|新增|净增|分别|亿元|万元|元|\s/g
const HAN = /[\u4e00-\u9fff]/g
const SCOPE = /全[省市国县州盟]|[\u4e00-\u9fff]{1,4}[省市县](?![级场民长委])|公司|集团|企业(?!数)/

function lastIndexBefore<T extends { start: number }>(list: readonly T[], at: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]!.start < at) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

function boundaryBefore(text: string, at: number, re: RegExp, floor: number): number {
  for (let i = at - 1; i >= floor; i--) if (re.test(text.charAt(i))) return i + 1
  return floor
}

function boundaryAfter(text: string, at: number, re: RegExp, ceiling: number): number {
  for (let i = at; i < ceiling; i++) if (re.test(text.charAt(i))) return i
  return ceiling
}

function nearestMarker(segment: string): 'growth' | 'share' | 'compare' | null {
  let best: { at: number; kind: 'growth' | 'share' | 'compare' } | null = null
  for (const [re, kind] of MARKERS) {
    re.lastIndex = 0
    for (let m = re.exec(segment); m; m = re.exec(segment)) {
      const at = m.index + m[0].length
      if (!best || at >= best.at) best = { at, kind }
    }
  }
  return best?.kind ?? null
}

/** The text has nothing of its own to be measured: only connectives, places and punctuation. */
function saysNothingElse(segment: string): boolean {
  const rest = segment.replace(CONNECTIVES, '')
  return (rest.match(HAN)?.length ?? 0) < 2
}

const isCount = (f: FigureTag): boolean => COUNTER_UNITS.has(f.unit)
const isRate = (f: FigureTag): boolean => RATE_UNITS.has(f.unit)

/** The entry's metric for this figure, or null when it names another kind of figure. */
function metricFor(entry: MetricEntry, figure: FigureTag): string | null {
  if (isCount(figure)) return entry.count ?? null
  return entry.name ?? null
}

/** Longest look-back, in characters, for a figure's metric, period and zone within its block. */
const REACH = 400

/**
 * Readings of `figures` (tags of `text`, in order) from their sentences; `zones` are the zone
 * tags of the same text.
 */
export function readFigureContexts(
  text: string,
  figures: readonly FigureTag[],
  zones: readonly ZoneTag[],
  options: ReadOptions = {},
  dict: MetricDictionary = defaultMetrics(),
): FigureReading[] {
  if (figures.length === 0) return []
  const sortedZones = [...zones].sort((a, b) => a.start - b.start)
  const mentions = metricMentions(text, dict, sortedZones)
  const periods = periodMentions(text)
  const readings: FigureReading[] = []
  /** Base metric of each figure so far, for clauses that inherit. */
  const bases: string[] = []

  for (let k = 0; k < figures.length; k++) {
    const f = figures[k]!
    const floor = Math.max(0, f.start - REACH)
    const sStart = boundaryBefore(text, f.start, SENTENCE_END, floor)
    const cStart = boundaryBefore(text, f.start, CLAUSE_END, sStart)
    const cEnd = boundaryAfter(text, f.end, CLAUSE_END, Math.min(text.length, f.end + REACH))
    const prev = k > 0 ? figures[k - 1]! : null
    const prevInSentence = prev && prev.end > sStart ? prev : null
    const prevInClause = prev && prev.end > cStart ? prev : null
    const from = prevInClause ? prevInClause.end : cStart

    // aspect
    const marker = nearestMarker(text.slice(from, f.start))
    let aspect: FigureAspect = ''
    if (marker === 'growth' && isRate(f)) aspect = '增速'
    else if (marker === 'share' && (isRate(f) || f.unit === '成')) aspect = '占比'

    // metric
    let base = ''
    let decided = false
    if (marker === 'compare' && isRate(f)) decided = true // 高于全市4.2个百分点: a difference, not the metric
    if (!decided) {
      const paired = pairedMetric(text, f, figures, k, cStart, cEnd, mentions)
      if (paired !== null) {
        base = paired
        decided = true
      }
    }
    if (!decided && isCount(f)) {
      // 培育56家高新技术企业: a count names what follows it.
      let after = f.end
      if (text.charAt(after) === '的') after++
      const i = lastIndexBefore(mentions, after + 1)
      const next = mentions[i]
      if (next && next.start === after) {
        const name = metricFor(next.entry, f)
        if (name) {
          base = name
          decided = true
        }
      }
    }
    if (!decided) {
      for (let i = lastIndexBefore(mentions, f.start); i >= 0; i--) {
        const m = mentions[i]!
        if (m.start < cStart) break
        if (m.end > f.start) continue
        const name = metricFor(m.entry, f)
        if (!name) continue
        // A figure between the word and this one: the word is this figure's only if nothing else is named after it.
        if (prevInClause && prevInClause.start >= m.end && !saysNothingElse(text.slice(prevInClause.end, f.start)))
          break
        base = name
        decided = true
        break
      }
    }
    if (!decided && prevInSentence && saysNothingElse(text.slice(prevInClause ? prevInClause.end : cStart, f.start))) {
      // 同比增长5.7%: the clause inherits the metric of the figure before it.
      base = bases[k - 1] ?? ''
      if (base !== '' && isCount(f) !== isCount(prevInSentence) && !isRate(f)) base = ''
    }
    if (aspect === '' && isRate(f) && base !== '' && marker === 'growth') aspect = '增速'
    bases.push(base)
    const metric = base === '' ? '' : `${base}${aspect}`

    // period
    let period = ''
    const p = lastIndexBefore(periods, f.start)
    for (let i = p; i >= 0; i--) {
      const candidate = periods[i]!
      if (candidate.end > f.start) continue
      if (candidate.start < floor) break
      let chosen = candidate
      // 2023年…1—6月: a period without a year takes the year written just before it in the sentence.
      if (!candidate.hasYear && !candidate.rest.startsWith('“')) {
        const before = periods[i - 1]
        if (before && before.hasYear && before.end === candidate.start)
          chosen = { ...candidate, year: before.year, relative: before.relative, hasYear: true }
      }
      period = periodText(chosen, options.year)
      break
    }

    // zone
    readings.push({ metric, base, aspect, period, zone: zoneFor(text, f, sortedZones, sStart, floor, mentions) })
  }
  return readings
}

/** “A、B分别达到x、y”: the figure's metric by its place in the list, or null when not such a clause. */
function pairedMetric(
  text: string,
  f: FigureTag,
  figures: readonly FigureTag[],
  k: number,
  cStart: number,
  cEnd: number,
  mentions: readonly Mention[],
): string | null {
  const clause = text.slice(cStart, f.start)
  const split = clause.lastIndexOf('分别')
  if (split < 0) return null
  const at = cStart + split
  const listed = mentions.filter((m) => m.start >= cStart && m.end <= at)
  const inList = figures.filter((g) => g.start >= at && g.end <= cEnd)
  const index = inList.indexOf(figures[k]!)
  if (listed.length < 2 || listed.length !== inList.length || index < 0) return null
  return metricFor(listed[index]!.entry, f) ?? ''
}

function zoneFor(
  text: string,
  f: FigureTag,
  zones: readonly ZoneTag[],
  sStart: number,
  floor: number,
  mentions: readonly Mention[],
): ZoneTag | null {
  const i = lastIndexBefore(zones, f.start)
  let zone: ZoneTag | null = null
  for (let j = i; j >= 0; j--) {
    const z = zones[j]!
    if (z.end <= f.start) {
      zone = z
      break
    }
  }
  if (!zone || zone.start < floor) return null
  if (zone.start >= sStart) return zone
  // From an earlier sentence: unless this one has a subject of its own before its first metric word.
  const firstMetric = mentions.find((m) => m.start >= sStart && m.start < f.start)
  const subject = text.slice(sStart, firstMetric ? firstMetric.start : f.start)
  return SCOPE.test(subject) ? null : zone
}

/**
 * A period as written or typed (今年上半年, 去年, 1至6月) in the normal form readings use, read
 * against the year; text that is not one period is returned trimmed, as it was.
 */
export function resolvePeriod(period: string, year: number | null | undefined): string {
  const text = period.trim()
  if (text === '') return ''
  const found = periodMentions(text)
  const only = found.length === 1 ? found[0] : undefined
  if (!only || only.start !== 0 || only.end !== text.length) return text
  return periodText(only, year)
}

/** The year of an ISO date (2024-08-20 → 2024), or null. */
export function yearOf(date: string | null | undefined): number | null {
  const m = /^(\d{4})-\d{2}-\d{2}/.exec(date ?? '')
  return m ? Number(m[1]) : null
}

/** The reading of each figure among `tags` (detectTags of `text`), by tag. */
export function readTags(text: string, tags: readonly Tag[], options: ReadOptions = {}): Map<FigureTag, FigureReading> {
  const figures = tags.filter((t): t is FigureTag => t.kind === 'figure')
  const zones = tags.filter((t): t is ZoneTag => t.kind === 'zone')
  const readings = readFigureContexts(text, figures, zones, options)
  return new Map(figures.map((f, i) => [f, readings[i]!]))
}
