/**
 * Figure detector: statistics written as number + optional magnitude + unit.
 *
 *   [qualifier] number [多|余] [万|亿|万亿|千万|百万|千] [多|余] unit [/per-unit] [qualifier]
 *
 * The tag covers number to unit; the outer qualifiers (约, 超过 … 以上, 左右) are reported in
 * `qualifier` but left outside the span, so 超过60% is tagged on 60%. A unit is required:
 * that alone keeps out years and dates (2023年, 7月2日, 二季度), which use time words that are
 * deliberately not units. Further exclusions, each for a kind of number that is not a statistic:
 * - ordinals: 第25期, 第一;
 * - codes and models: digits touching Latin letters or @ / . - (21-465, 21700/18650型, 5G,
 *   PM2.5, kfjzsk@163.com, 工业4.0);
 * - names built from numerals: a counter followed by another numeral (5个10工程);
 * - Chinese numerals used as words: a single-character numeral (一期, 一个, 三个着力, 两个维护,
 *   五台, 一度, 三元里) unless it is a share or a multiple (两个百分点, 增长一倍), and digit
 *   strings (三四家 = three or four, 二〇二三).
 * Durations with 个 (3个月) are time, not counts; a counter that begins a word is no counter
 * (3部门, 5部委).
 */

import type { FigureTag } from './types'
import {
  COUNTER_WORD_STARTS,
  COUNTERS,
  LATIN_UNITS,
  MEASURE_UNITS,
  PER_UNITS,
  QUALIFIERS_AFTER,
  QUALIFIERS_BEFORE,
  QUALIFIERS_INNER,
  SINGLE_NUMERAL_UNITS,
} from './lexicon'
import { CN_NUMERAL_CHARS, CN_NUMERAL_START, parseChineseNumeral, toAsciiDigits } from './numerals'
import { traditionalOnlyTable } from './traditional'

/** Magnitudes folded into the value, as powers of ten. 千 is tried after units, so 3千瓦 is 3 kW. */
const MAGNITUDES: ReadonlyArray<readonly [string, number]> = [
  ['万亿', 12],
  ['千万', 7],
  ['百万', 6],
  ['亿', 8],
  ['万', 4],
  ['千', 3],
]

/** 个 followed by these is a duration (3个月), not a count. */
const TIME_AFTER_COUNTER = /^(月|小时|工作日|季度|星期|钟头|年头)/

interface Unit {
  text: string
  kind: 'measure' | 'counter'
}

/** Units bucketed by first character, longest first. */
const UNITS = new Map<string, Unit[]>()
for (const unit of [
  ...MEASURE_UNITS.map((text) => ({ text, kind: 'measure' as const })),
  ...LATIN_UNITS.map((text) => ({ text, kind: 'measure' as const })),
  ...COUNTERS.map((text) => ({ text, kind: 'counter' as const })),
].sort((a, b) => b.text.length - a.text.length)) {
  const first = unit.text.charAt(0)
  UNITS.set(first, [...(UNITS.get(first) ?? []), unit])
}

const longestFirst = (words: readonly string[]): string[] => [...words].sort((a, b) => b.length - a.length)
const BEFORE = longestFirst(QUALIFIERS_BEFORE)
const AFTER = longestFirst(QUALIFIERS_AFTER)
const PER = longestFirst(PER_UNITS)

/**
 * Digits with thousands separators and a decimal point, ASCII or full-width but not mixed: the
 * full-width comma ， is the ordinary Chinese comma, so 增长15%，120家 is two numbers.
 */
const ARABIC_NUMBER = /[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?|[０-９]+(?:，[０-９]{3}(?![０-９]))*(?:．[０-９]+)?/y
const CN_NUMBER = new RegExp(`[${CN_NUMERAL_CHARS}]+`, 'y')
const DIGIT = /[0-9０-９]/
const LATIN_LETTER = /[A-Za-z]/
/** Characters that make digits part of a code when right before them. */
const CODE_BEFORE = /[A-Za-z@#_/\\.．]/
const PERCENT_WORDS = '百分之'
/** 百亿元, 千万吨: a bare 百/千 before 万 or 亿 is one hundred / one thousand of it. */
const ROUND_HUNDREDS = '百千'
/** 数百亿, 上千万, 几百万, 成千万: an order of magnitude, not a figure. */
const VAGUE_BEFORE = '数上几成'
const MINUS = '-−－'

interface NumberToken {
  start: number
  end: number
  /** Decimal digits (ASCII) of the value before magnitudes: "3.6", "32". */
  digits: string
  script: 'arabic' | 'chinese'
  /** Characters of the numeral (三 = 1, 三十二 = 3). */
  length: number
}

/**
 * By UTF-16 unit: where a figure can start (a digit, a Chinese numeral, 百分之) and which
 * characters only traditional text uses. One pass over the text finds both, so telling
 * traditional copy from simplified costs simplified text nothing.
 */
const SCAN = new Uint8Array(0x10000)
const FIGURE_START = 1
const TRADITIONAL = 2
for (const c of ['0123456789０１２３４５６７８９', CN_NUMERAL_START, ROUND_HUNDREDS].join('')) {
  SCAN[c.charCodeAt(0)] = FIGURE_START
}
let traditionalMarked = false

/** The figures of simplified `text`, and whether it holds characters only traditional text uses. */
export function scanFigures(text: string): { figures: FigureTag[]; traditional: boolean } {
  if (!traditionalMarked) {
    const only = traditionalOnlyTable()
    for (let c = 0; c < only.length; c++) if (only[c] === 1) SCAN[c] = (SCAN[c] ?? 0) | TRADITIONAL
    traditionalMarked = true
  }
  const figures: FigureTag[] = []
  let traditional = false
  const n = text.length
  for (let i = 0; i < n; ) {
    let mark = 0
    while (i < n && (mark = SCAN[text.charCodeAt(i)] ?? 0) === 0) i++
    if (i >= n) break
    if ((mark & TRADITIONAL) !== 0) traditional = true
    const figure = (mark & FIGURE_START) !== 0 ? figureAt(text, i) : null
    if (figure) figures.push(figure)
    // a figure's characters are digits, numerals and units: none is traditional-only
    i = figure ? figure.end : i + 1
  }
  return { figures, traditional }
}

/** The figures of simplified `text` (index.ts converts traditional text first). */
export function detectFigures(text: string): FigureTag[] {
  return scanFigures(text).figures
}

/** A minus sign before a number that is not the dash of a code or a range (21-465, 3-5): -3.2%. */
function minusBefore(text: string, start: number): boolean {
  const sign = text.charAt(start - 1)
  return sign !== '' && MINUS.includes(sign) && !/[0-9０-９A-Za-z]/.test(text.charAt(start - 2))
}

function figureAt(text: string, i: number): FigureTag | null {
  if (text.startsWith(PERCENT_WORDS, i)) return percentWordsAt(text, i)
  const number = numberAt(text, i)
  if (!number || isOrdinalOrCode(text, number)) return null
  const tail = tailAt(text, number.end)
  if (!tail || !isStatistic(text, number, tail.unit, tail.unitEnd)) return null
  const per = perUnitAt(text, tail.unitEnd)
  const end = tail.unitEnd + per.length
  const negative = number.script === 'arabic' && minusBefore(text, number.start)
  const start = negative ? number.start - 1 : number.start
  return {
    kind: 'figure',
    start,
    end,
    text: text.slice(start, end),
    value: (negative ? -1 : 1) * Number(`${number.digits}e${tail.exponent}`),
    unit: (tail.unit.text === '％' ? '%' : tail.unit.text) + per,
    qualifier: qualifierBefore(text, start) ?? tail.inner ?? qualifierAfter(text, end),
  }
}

interface Tail {
  inner: string | null
  exponent: number
  unit: Unit
  unitEnd: number
}

/** What follows the number: [多|余] [magnitude] [多|余] unit, or null without a unit. */
function tailAt(text: string, numberEnd: number): Tail | null {
  let j = numberEnd
  let inner = innerQualifierAt(text, j)
  if (inner) j += inner.length
  const magnitude = unitAt(text, j) ? null : magnitudeAt(text, j)
  if (magnitude) j += magnitude[0].length
  if (!inner) {
    inner = innerQualifierAt(text, j)
    if (inner) j += inner.length
  }
  const unit = unitAt(text, j)
  if (!unit) return null
  const unitStart = text.charAt(j) === ' ' ? j + 1 : j
  return { inner, exponent: magnitude?.[1] ?? 0, unit, unitEnd: unitStart + unit.text.length }
}

/** 百分之三十 → 30 %. */
function percentWordsAt(text: string, i: number): FigureTag | null {
  const number = numberAt(text, i + PERCENT_WORDS.length)
  if (!number) return null
  return {
    kind: 'figure',
    start: i,
    end: number.end,
    text: text.slice(i, number.end),
    value: Number(number.digits),
    unit: '%',
    qualifier: qualifierBefore(text, i) ?? qualifierAfter(text, number.end),
  }
}

function numberAt(text: string, i: number): NumberToken | null {
  const c = text.charAt(i)
  const before = text.charAt(i - 1)
  if (DIGIT.test(c) && !DIGIT.test(before)) return arabicAt(text, i)
  if (ROUND_HUNDREDS.includes(c) && isRoundHundred(text, i)) {
    if (before !== '' && (CN_NUMERAL_CHARS.includes(before) || VAGUE_BEFORE.includes(before))) return null
    // Read as 一百 / 一千 (two characters' worth, so no single-numeral rule applies).
    return { start: i, end: i + 1, digits: c === '百' ? '100' : '1000', script: 'chinese', length: 2 }
  }
  if (CN_NUMERAL_START.includes(c) && !(before !== '' && CN_NUMERAL_CHARS.includes(before))) {
    return chineseAt(text, i)
  }
  return null
}

/**
 * 百亿元, 千万吨 (before 万/亿); 百余家, 千多人 (before 余/多); 近百家, 逾千人 (after a qualifier):
 * a bare 百/千 is a number there. Elsewhere it is a word (百姓, 千方百计, 百家争鸣).
 */
function isRoundHundred(text: string, i: number): boolean {
  const next = text.charAt(i + 1)
  if (next !== '' && '万亿余多'.includes(next)) return true
  return qualifierBefore(text, i) !== null
}

function arabicAt(text: string, i: number): NumberToken | null {
  ARABIC_NUMBER.lastIndex = i
  const match = ARABIC_NUMBER.exec(text)
  if (!match) return null
  const raw = match[0]
  const digits = (/[０-９．，]/.test(raw) ? toAsciiDigits(raw) : raw).replace(/,/g, '')
  return { start: i, end: i + raw.length, digits, script: 'arabic', length: raw.length }
}

function chineseAt(text: string, i: number): NumberToken | null {
  CN_NUMBER.lastIndex = i
  const run = CN_NUMBER.exec(text)?.[0]
  if (!run) return null
  const isDigitString = run.length > 1 && !/[十百千万亿]/.test(run)
  const value = isDigitString ? null : parseChineseNumeral(run)
  if (value === null) return null
  // 三点五, 十二点八: a decimal point written 点, followed by digits read one by one.
  const decimals = /^点([零〇一二两三四五六七八九]+)/.exec(text.slice(i + run.length))?.[1]
  if (decimals && !/[万亿]/.test(run)) {
    const fraction = [...decimals].map((d) => parseChineseNumeral(d === '两' ? '二' : d) ?? 0).join('')
    const end = i + run.length + 1 + decimals.length
    return { start: i, end, digits: `${value}.${fraction}`, script: 'chinese', length: end - i }
  }
  return { start: i, end: i + run.length, digits: String(value), script: 'chinese', length: run.length }
}

function isOrdinalOrCode(text: string, number: NumberToken): boolean {
  const before = text.charAt(number.start - 1)
  if (before === '第') return true
  if (number.script === 'chinese') return false
  const joinedBefore = CODE_BEFORE.test(before) || (/[-－]/.test(before) && DIGIT.test(text.charAt(number.start - 2)))
  const joinedAfter = /^[-－/／][0-9０-９]/.test(text.slice(number.end, number.end + 2))
  return joinedBefore || joinedAfter
}

/** Rules that tell a count from a name or a word (see the file comment). */
function isStatistic(text: string, number: NumberToken, unit: Unit, unitEnd: number): boolean {
  const next = text.charAt(unitEnd)
  if (unit.kind === 'counter') {
    const nextIsNumeral = DIGIT.test(next) || (next !== '' && CN_NUMERAL_START.includes(next))
    if (nextIsNumeral) return false
    if (unit.text === '个' && TIME_AFTER_COUNTER.test(text.slice(unitEnd, unitEnd + 3))) return false
    if (next !== '' && COUNTER_WORD_STARTS[unit.text]?.includes(next)) return false
  }
  return number.script === 'arabic' || number.length > 1 || SINGLE_NUMERAL_UNITS.includes(unit.text)
}

function unitAt(text: string, j: number): Unit | null {
  const direct = unitStartingAt(text, j)
  if (direct) return direct
  // "100 MW": one space is allowed before a Latin unit
  const spaced = text.charAt(j) === ' ' ? unitStartingAt(text, j + 1) : null
  return spaced && LATIN_UNITS.includes(spaced.text) ? spaced : null
}

function unitStartingAt(text: string, j: number): Unit | null {
  const bucket = UNITS.get(text.charAt(j))
  return bucket?.find((u) => text.startsWith(u.text, j) && !runsOnAsLatin(text, u, j)) ?? null
}

function runsOnAsLatin(text: string, unit: Unit, j: number): boolean {
  return LATIN_LETTER.test(unit.text) && LATIN_LETTER.test(text.charAt(j + unit.text.length))
}

function magnitudeAt(text: string, j: number): readonly [string, number] | null {
  return MAGNITUDES.find(([m]) => text.startsWith(m, j)) ?? null
}

function innerQualifierAt(text: string, j: number): string | null {
  return QUALIFIERS_INNER.find((q) => text.startsWith(q, j)) ?? null
}

function perUnitAt(text: string, end: number): string {
  if (text.charAt(end) !== '/') return ''
  const per = PER.find((p) => text.startsWith(p, end + 1))
  return per ? `/${per}` : ''
}

function qualifierBefore(text: string, start: number): string | null {
  return BEFORE.find((q) => start >= q.length && text.startsWith(q, start - q.length)) ?? null
}

function qualifierAfter(text: string, end: number): string | null {
  return AFTER.find((q) => text.startsWith(q, end)) ?? null
}
