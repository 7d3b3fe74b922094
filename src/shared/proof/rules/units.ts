/**
 * GB 3100-1993 国际单位制及其应用 (with GB 3101-1993 and GB 3102): 法定计量单位 and their symbols.
 * 公斤 and 公里 are legal (the standard lists them beside 千克 and 千米); 亩 is left alone: it
 * is still the unit of farmland in Chinese agricultural reporting and statistics, and the
 * phase-out notice for it (1990) was never carried through — a house may switch a rule on for it.
 */
import type { Hit, ProofContext, Rule } from '../types'
import { regexHits } from './util'

const STD = 'GB 3100-1993'

/** Wrongly cased symbols → the symbol of the standard (only right after a number). */
const SYMBOLS: Record<string, string> = {
  ml: 'mL',
  ML: 'mL',
  Ml: 'mL',
  KM: 'km',
  Km: 'km',
  KG: 'kg',
  Kg: 'kg',
  CM: 'cm',
  Cm: 'cm',
  KW: 'kW',
  Kw: 'kW',
  kw: 'kW',
  KWH: 'kW·h',
  KWh: 'kW·h',
  Kwh: 'kW·h',
  kwh: 'kW·h',
  kWh: 'kW·h',
  hz: 'Hz',
  HZ: 'Hz',
  KHZ: 'kHz',
  Khz: 'kHz',
  MHZ: 'MHz',
  Mhz: 'MHz',
  mhz: 'MHz',
  GHZ: 'GHz',
  Ghz: 'GHz',
  KPA: 'kPa',
  Kpa: 'kPa',
  kpa: 'kPa',
  MPA: 'MPa',
  Mpa: 'MPa',
}

const SYMBOL_RE = new RegExp(
  `(?<![A-Za-z\\d.])\\d+(?:\\.\\d+)?[ \\u2009]?(${Object.keys(SYMBOLS)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![A-Za-z])`,
  'g',
)

function* symbolCase(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, SYMBOL_RE, (m) => {
    const symbol = m[1] ?? ''
    const start = m.index + m[0].length - symbol.length
    const right = SYMBOLS[symbol] ?? symbol
    return { start, end: start + symbol.length, fix: right, detail_zh: `应为 ${right}`, detail_en: `write ${right}` }
  })
}

const CN_UNITS = '千米|公里|厘米|毫米|米|千克|公斤|克|吨|小时|分钟|秒|毫升|升|立方米|平方米|千瓦时|千瓦|瓦'
const SYM_UNITS = 'km|cm|mm|m|kg|g|t|h|min|s|mL|L|m³|m²|kW·h|kWh|kW|W'
const MIXED_RE = new RegExp(
  `(?:${CN_UNITS})[/·](?:${SYM_UNITS})(?![A-Za-z])|(?<![A-Za-z])(?:${SYM_UNITS})[/·](?:${CN_UNITS})`,
  'g',
)

function* mixedNameSymbol(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, MIXED_RE, (m) => ({ start: m.index, end: m.index + m[0].length, fix: null }))
}

/** Non-legal names after a number → the legal unit of the same size; 马力 needs converting. */
const NON_LEGAL: Record<string, string | null> = { 公分: '厘米', 公尺: '米', 公升: '升', 公厘: '毫米', 马力: null }

function* nonLegal(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, /(?<=[\d一二三四五六七八九十百千万两多余])(公分|公尺|公升|公厘|马力)/g, (m) => {
    const name = m[1] ?? ''
    const right = NON_LEGAL[name] ?? null
    return {
      start: m.index,
      end: m.index + name.length,
      fix: right,
      detail_zh: right ? `应为“${right}”` : '应换算为千瓦（1马力≈0.735千瓦）',
      detail_en: right ? `write ${right}` : 'convert to kW (1 metric horsepower ≈ 0.735 kW)',
    }
  })
}

export const UNIT_RULES: Rule[] = [
  {
    id: 'unit-symbol-case',
    category: '计量单位',
    standard: STD,
    clause: '表1—表6',
    message_zh: '单位符号的大小写按标准书写',
    message_en: 'Unit symbols keep the case of the standard',
    match: symbolCase,
    fix: 'review',
    exceptions: ['url', 'email'],
    examples: { bad: ['1000ml规格', '全长35KM', '装机50KW'], good: ['1000 mL', '35 km', '1GWh', 'XML文件', '5G基站'] },
  },
  {
    id: 'unit-mixed-name-symbol',
    category: '计量单位',
    standard: STD,
    clause: '7',
    message_zh: '单位的中文名称与符号不混用',
    message_en: 'A unit is written all in Chinese names or all in symbols, not mixed',
    match: mixedNameSymbol,
    fix: null,
    exceptions: ['url'],
    examples: { bad: ['时速80km/小时', '密度1.2千克/m³'], good: ['80 km/h', '80千米/小时', '每千克30元'] },
  },
  {
    id: 'unit-non-legal',
    category: '计量单位',
    standard: STD,
    clause: '表1—表6',
    message_zh: '用法定计量单位',
    message_en: 'Use a legal unit of measurement',
    match: nonLegal,
    fix: 'review',
    exceptions: [],
    examples: { bad: ['身高180公分', '功率150马力'], good: ['身高180厘米', '重50公斤', '种植300亩', '公分母'] },
  },
]
