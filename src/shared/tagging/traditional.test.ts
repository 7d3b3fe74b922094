/// <reference types="vite/client" />
/**
 * Traditional-character copy: every tagging fixture (seed, held-out texts, other regions, the
 * precision texts) converted to traditional characters here with opencc-js (Taiwan and Hong Kong
 * standards; no converted copy is kept) must score within 2 points of its simplified original,
 * with simplified names and units and offsets into the traditional text.
 */
import { Converter } from 'opencc-js'
import { describe, expect, it } from 'vitest'
import zonesJson from '../../../resources/zones.json'
import seedText from '../../../resources/samples/kaifaqu-2024-25.txt?raw'
import seedGold from './fixtures/seed-tags.json'
import { REGION_CASES } from './fixtures/regions'
import {
  detectFigures,
  detectTags,
  detectZones,
  loadGazetteer,
  looksTraditional,
  scoreAgainstGold,
  simplify,
  type GoldTags,
  type KindScore,
  type Tag,
} from './index'
import { hasTraditional, toSimplified } from './traditional'

const gazetteer = loadGazetteer(zonesJson)

const glob = {
  heldoutTexts: import.meta.glob<string>('./fixtures/heldout/*.txt', { eager: true, query: '?raw', import: 'default' }),
  heldoutGolds: import.meta.glob<GoldTags>('./fixtures/heldout/*.gold.json', { eager: true, import: 'default' }),
  precisionTexts: import.meta.glob<string>('./fixtures/precision/*.txt', {
    eager: true,
    query: '?raw',
    import: 'default',
  }),
  precisionGolds: import.meta.glob<GoldTags>('./fixtures/precision/*.gold.json', { eager: true, import: 'default' }),
}

function withGolds(texts: Record<string, string>, golds: Record<string, GoldTags>) {
  return Object.entries(texts).map(([path, text]) => {
    const gold = golds[path.replace(/\.txt$/, '.gold.json')]
    if (!gold) throw new Error(`no gold for ${path}`)
    return { name: path, text, gold }
  })
}

const FIXTURES = [
  { name: 'seed', text: seedText, gold: seedGold as GoldTags },
  ...withGolds(glob.heldoutTexts, glob.heldoutGolds),
  ...REGION_CASES,
  ...withGolds(glob.precisionTexts, glob.precisionGolds),
]

/**
 * The gold of a text converted with `convert`: surfaces and contexts converted the same way (so
 * they are found in the converted text), canonical names and units left simplified.
 */
function convertedGold(gold: GoldTags, convert: (s: string) => string): GoldTags {
  const span = <T extends { surface: string; context?: string }>(g: T): T => ({
    ...g,
    surface: convert(g.surface),
    ...(g.context ? { context: convert(g.context) } : {}),
  })
  return {
    zones: gold.zones.map(span),
    zones_optional: (gold.zones_optional ?? []).map(span),
    figures: gold.figures.map(span),
    figures_optional: (gold.figures_optional ?? []).map(span),
  }
}

type Totals = Record<'zones' | 'figures', { recall: number; precision: number; accuracy: number; expected: number }>

function totals(cases: ReadonlyArray<{ text: string; gold: GoldTags }>): Totals {
  const scores = cases.map(({ text, gold }) => scoreAgainstGold(text, detectTags(text, gazetteer), gold))
  const of = (kind: 'zones' | 'figures') => {
    const sum = (f: (s: KindScore) => number): number => scores.reduce((n, s) => n + f(s[kind]), 0)
    return {
      recall: sum((s) => s.found) / sum((s) => s.expected),
      precision: sum((s) => s.truePositives) / (sum((s) => s.truePositives) + sum((s) => s.falsePositives)),
      accuracy: sum((s) => s.correct) / sum((s) => s.found),
      expected: sum((s) => s.expected),
    }
  }
  return { zones: of('zones'), figures: of('figures') }
}

describe('traditional-character versions of the tagging fixtures', () => {
  const simplified = totals(FIXTURES)
  for (const standard of ['tw', 'hk'] as const) {
    it(`score within 2 points of the simplified ones (${standard})`, () => {
      const convert = Converter({ from: 'cn', to: standard })
      const cases = FIXTURES.map(({ text, gold }) => ({ text: convert(text), gold: convertedGold(gold, convert) }))
      for (const { text } of cases) expect(looksTraditional(text)).toBe(true)
      const traditional = totals(cases)
      for (const kind of ['zones', 'figures'] as const) {
        const [s, t] = [simplified[kind], traditional[kind]]
        const pct = (x: number): string => (100 * x).toFixed(1)
        console.log(
          `${standard} ${kind}: recall ${pct(t.recall)} (simplified ${pct(s.recall)}), precision ${pct(t.precision)} ` +
            `(${pct(s.precision)}), ${kind === 'zones' ? 'names' : 'values and units'} ${pct(t.accuracy)} (${pct(s.accuracy)})`,
        )
        expect(t.expected).toBe(s.expected) // every gold tag was found in the converted text
        expect(t.recall).toBeGreaterThanOrEqual(s.recall - 0.02)
        expect(t.precision).toBeGreaterThanOrEqual(s.precision - 0.02)
        expect(t.accuracy).toBeGreaterThanOrEqual(s.accuracy - 0.02)
      }
    })
  }

  it('tag the same spans as the simplified text where the conversion kept every length', () => {
    const convert = Converter({ from: 'cn', to: 'tw' })
    let compared = 0
    for (const { text } of FIXTURES) {
      const traditional = convert(text)
      if (traditional.length !== text.length) continue
      const plain = detectTags(text, gazetteer)
      const converted = detectTags(traditional, gazetteer)
      const shape = (tags: Tag[], source: string) =>
        tags.map((t) => [
          t.start,
          t.end,
          t.kind === 'zone' ? t.zone.name : `${t.value} ${t.unit}`,
          source.slice(t.start, t.end) === t.text,
        ])
      expect(shape(converted, traditional)).toEqual(shape(plain, text))
      compared++
    }
    expect(compared).toBeGreaterThan(FIXTURES.length / 2)
  })
})

describe('tags on traditional text', () => {
  it('carry simplified names and units, and index the original text', () => {
    const text = '山西懷仁經開區擁有專利163項，投資12億元，新增企業兩百餘個，總額1.5萬億美元，面積3萬平方公尺'
    const tags = detectTags(text, gazetteer)
    expect(tags.map((t) => [t.text, t.kind === 'zone' ? t.zone.name : `${t.value} ${t.unit}`])).toEqual([
      ['山西懷仁經開區', '怀仁经济技术开发区'],
      ['163項', '163 项'],
      ['12億元', '1200000000 元'],
      ['兩百餘個', '200 个'],
      ['1.5萬億美元', '1500000000000 美元'],
    ])
    for (const t of tags) expect(text.slice(t.start, t.end)).toBe(t.text)
  })

  it('map offsets exactly where a conversion changes the length before and inside a tag', () => {
    // 二噁英 becomes 二𫫇英 (3 UTF-16 units → 4), 㗲 becomes 𠵾 (1 → 2): the simplified text is longer.
    const prefix = '二噁英㗲檢測合格，'
    const text = `${prefix}太原經濟技術開發區投資12億元`
    const converted = toSimplified(text)
    expect(converted.text.length).toBeGreaterThan(text.length)
    const tags = detectTags(text, gazetteer)
    expect(tags.map((t) => [t.start, t.end, t.text])).toEqual([
      [prefix.length, prefix.length + 9, '太原經濟技術開發區'],
      [prefix.length + 11, prefix.length + 15, '12億元'],
    ])
  })

  it('maps every unit of a replacement to the whole of its source', () => {
    // one character that becomes a surrogate pair; a phrase that becomes longer
    expect(toSimplified('㗲')).toEqual({ text: '𠵾', starts: Int32Array.from([0, 0]), ends: Int32Array.from([1, 1]) })
    const phrase = toSimplified('含二噁英')
    expect(phrase.text).toBe('含二𫫇英')
    expect([...phrase.starts]).toEqual([0, 1, 1, 1, 1])
    expect([...phrase.ends]).toEqual([1, 4, 4, 4, 4])
  })

  it('are found by detectZones and detectFigures alone too', () => {
    const text = '鄭州經開區營收增長12.5%'
    expect(detectZones(text, gazetteer).map((z) => [z.text, z.zone.name])).toEqual([
      ['鄭州經開區', '郑州经济技术开发区'],
    ])
    expect(detectFigures(text).map((f) => [f.text, f.value, f.unit])).toEqual([['12.5%', 12.5, '%']])
  })
})

describe('telling traditional from simplified copy', () => {
  it('finds no traditional-only character in simplified fixtures', () => {
    for (const { name, text } of FIXTURES)
      expect({ name, traditional: hasTraditional(text) }).toEqual({ name, traditional: false })
  })

  it('leaves characters simplified text shares with traditional alone (乾坤, 著名, 台州)', () => {
    expect(hasTraditional('乾坤湾,著名的台州经开区')).toBe(false)
    expect(detectTags('著名的台州经开区', gazetteer).map((t) => t.text)).toEqual(['台州经开区'])
  })

  it('calls a text traditional from a share of its characters, not from one stray character', () => {
    expect(looksTraditional('園區投資12億元，新增企業兩百餘個')).toBe(true)
    expect(looksTraditional(`${'园区投资新增企业'.repeat(20)}億`)).toBe(false)
    expect(looksTraditional('园区投资12亿元')).toBe(false)
  })

  it('converts a whole text to simplified for the import preview', () => {
    expect(simplify('中國（廣西）自由貿易試驗區欽州港片區')).toBe('中国（广西）自由贸易试验区钦州港片区')
  })
})
