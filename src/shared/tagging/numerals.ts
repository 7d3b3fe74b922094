/**
 * Chinese numerals (三十二, 四百八十, 两百, 一万二千, 二〇二三) and full-width digits.
 */

const DIGIT = new Map<string, number>([
  ['零', 0],
  ['〇', 0],
  ['一', 1],
  ['二', 2],
  ['两', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
])

const SMALL_UNIT = new Map<string, number>([
  ['十', 10],
  ['百', 100],
  ['千', 1000],
])

/** Largest first: a numeral is split at its last 亿, then each part at its last 万. */
const BIG_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['亿', 1e8],
  ['万', 1e4],
]

/** Characters a Chinese numeral may start with (十五 starts with 十; 百姓, 万物 are not numerals). */
export const CN_NUMERAL_START = '零〇一二两三四五六七八九十'
/** Characters a Chinese numeral may contain. */
export const CN_NUMERAL_CHARS = CN_NUMERAL_START + '百千万亿'

/** Full-width digits, point and comma to ASCII (０-９ → 0-9, ． → ., ， → ,). */
export function toAsciiDigits(s: string): string {
  return s.replace(/[０-９．，]/g, (c) =>
    c === '．' ? '.' : c === '，' ? ',' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  )
}

/**
 * Value of a Chinese numeral, or null when the characters do not form one.
 * Positional (三十二 = 32, 一万二千 = 12000, 一千零五 = 1005), with the spoken
 * abbreviations 两百五 = 250 and 一万二 = 12000, or a digit string (二〇二三 = 2023).
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null
  if ([...s].every((c) => DIGIT.has(c))) return parseDigitString(s)
  return parseWithBigUnits(s, 0)
}

function parseDigitString(s: string): number {
  let value = 0
  for (const c of s) value = value * 10 + (DIGIT.get(c) ?? 0)
  return value
}

/** Splits at the last occurrence of the largest big unit present: 一万二千亿 → (一万二千) × 亿. */
function parseWithBigUnits(s: string, unitIndex: number): number | null {
  const big = BIG_UNITS[unitIndex]
  if (!big) return parseSection(s)
  const [unit, factor] = big
  const at = s.lastIndexOf(unit)
  if (at < 0) return parseWithBigUnits(s, unitIndex + 1)
  const head = s.slice(0, at)
  const tail = s.slice(at + 1)
  const headValue = head === '' ? null : parseWithBigUnits(head, 0)
  if (headValue === null || headValue === 0) return null
  const tailValue = parseBigTail(tail, factor, unitIndex)
  return tailValue === null ? null : headValue * factor + tailValue
}

/** What follows 万 or 亿: nothing, an abbreviated digit (一万二 = 12000), or a lower part (一万零五百). */
function parseBigTail(tail: string, factor: number, unitIndex: number): number | null {
  if (tail === '') return 0
  const single = tail.length === 1 ? DIGIT.get(tail) : undefined
  if (single !== undefined && single > 0) return (single * factor) / 10
  const lower = tail.replace(/^[零〇]/, '')
  if (lower === '') return null
  const value = parseWithBigUnits(lower, unitIndex + 1)
  return value !== null && value < factor ? value : null
}

/** A part below 万: digits joined by 十/百/千 in decreasing order. */
function parseSection(s: string): number | null {
  let value = 0
  let pending: number | null = null
  let lastUnit = Infinity
  let zeroSinceUnit = false
  for (const c of s) {
    const digit = DIGIT.get(c)
    if (digit === 0) {
      zeroSinceUnit = true
    } else if (digit !== undefined) {
      if (pending !== null) return null
      pending = digit
    } else {
      const unit = SMALL_UNIT.get(c)
      if (unit === undefined || unit >= lastUnit) return null
      const multiplier = pending ?? (value === 0 && unit === 10 ? 1 : null)
      if (multiplier === null) return null
      value += multiplier * unit
      pending = null
      lastUnit = unit
      zeroSinceUnit = false
    }
  }
  if (pending === null) return value
  const abbreviated = lastUnit !== Infinity && !zeroSinceUnit
  return value + (abbreviated ? (pending * lastUnit) / 10 : pending)
}
