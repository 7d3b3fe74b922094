/// <reference types="vite/client" />
/**
 * Reading a figure's metric, period and zone from its sentence (figure-context.ts): rules one by
 * one, then scored on invented gold (fixtures/figure-context/gold.json) and on the seed.
 */
import { describe, expect, it } from 'vitest'
import zonesJson from '../../../resources/zones.json'
import seedText from '../../../resources/samples/kaifaqu-2024-25.txt?raw'
import gold from './fixtures/figure-context/gold.json'
import later from './fixtures/figure-context/later.json'
import { readFigureContexts, type FigureReading } from './figure-context'
import { detectTags, loadGazetteer, type FigureTag, type ZoneTag } from './index'

const gazetteer = loadGazetteer(zonesJson)

function read(text: string, year: number | null = 2024): { figure: FigureTag; reading: FigureReading }[] {
  const tags = detectTags(text, gazetteer)
  const figures = tags.filter((t): t is FigureTag => t.kind === 'figure')
  const zones = tags.filter((t): t is ZoneTag => t.kind === 'zone')
  return readFigureContexts(text, figures, zones, { year }).map((reading, i) => ({ figure: figures[i]!, reading }))
}

function readingOf(text: string, figure: string, year: number | null = 2024): FigureReading {
  const found = read(text, year).find((r) => r.figure.text === figure)
  if (!found) throw new Error(`${figure} not detected in ${text}`)
  return found.reading
}

describe('metric', () => {
  it('is the nearest metric word before the figure, canonical', () => {
    expect(readingOf('全省进出口总额达717亿元。', '717亿元').metric).toBe('进出口额')
    expect(readingOf('园区实现营收120亿元。', '120亿元').metric).toBe('营业收入')
    expect(readingOf('去年实到外资6.3亿美元。', '6.3亿美元').metric).toBe('实际使用外资')
  })

  it('takes the longest word: 进出口 is not 出口', () => {
    expect(readingOf('上半年进出口额98亿元。', '98亿元').metric).toBe('进出口额')
    expect(readingOf('上半年出口额98亿元。', '98亿元').metric).toBe('出口额')
  })

  it('reads a growth rate as the metric of the clause before it, with 增速', () => {
    const r = read('2023年，全省进出口额达717亿元，增长42.3%。')
    expect(r.map((x) => x.reading.metric)).toEqual(['进出口额', '进出口额增速'])
  })

  it('reads a share as 占比', () => {
    expect(readingOf('地区生产总值485亿元，占全市的12.8%。', '12.8%').metric).toBe('地区生产总值占比')
  })

  it('pairs the list of 分别', () => {
    const r = read('全区营业收入、工业总产值分别达到960亿元、780亿元。')
    expect(r.map((x) => x.reading.metric)).toEqual(['营业收入', '工业总产值'])
  })

  it('names a count by the thing counted, before or after', () => {
    expect(readingOf('签约项目64个。', '64个').metric).toBe('签约项目数')
    expect(readingOf('培育56家高新技术企业。', '56家').metric).toBe('高新技术企业数')
  })

  it('says nothing for a comparison, an unknown metric or a clause that names something else', () => {
    expect(readingOf('工业增加值增长7%，高于全市4.2个百分点。', '4.2个百分点').metric).toBe('')
    expect(readingOf('完成销售额120亿元。', '120亿元').metric).toBe('')
    expect(readingOf('增加值增长11%，对全市增长的贡献率达到38%。', '38%').metric).toBe('')
    expect(readingOf('实现营业收入120亿元、出货量10万吨。', '10万吨').metric).toBe('')
  })

  it('does not take a kind of enterprise for enterprises', () => {
    const r = read('园区拥有高新技术企业9家、“专精特新”企业6家、科技领军企业3家，入驻企业120家。')
    expect(r.map((x) => [x.figure.text, x.reading.metric])).toEqual([
      ['9家', '高新技术企业数'],
      ['6家', ''],
      ['3家', ''],
      ['120家', '企业数'],
    ])
  })

  it('does not read a metric word inside a zone name', () => {
    expect(readingOf('太原经济技术开发区达120亿元。', '120亿元').metric).toBe('')
  })
})

describe('period', () => {
  it('keeps a written year and resolves relative ones against the issue year', () => {
    expect(readingOf('2023年，营收120亿元。', '120亿元').period).toBe('2023年')
    expect(readingOf('去年，营收120亿元。', '120亿元').period).toBe('2023年')
    expect(readingOf('今年前三季度，营收120亿元。', '120亿元').period).toBe('2024年前三季度')
    expect(readingOf('截至去年底，企业120家。', '120家').period).toBe('截至2023年底')
  })

  it('keeps the words when the issue date is not known', () => {
    expect(readingOf('今年前三季度，营收120亿元。', '120亿元', null).period).toBe('今年前三季度')
    expect(readingOf('1—6月，营收120亿元。', '120亿元', null).period).toBe('1—6月')
  })

  it('normalises months and plans', () => {
    expect(readingOf('1至6月，营收120亿元。', '120亿元').period).toBe('2024年1—6月')
    expect(readingOf('前5个月，营收120亿元。', '120亿元').period).toBe('2024年1—5月')
    expect(readingOf('2024年1-4月，营收120亿元。', '120亿元').period).toBe('2024年1—4月')
    expect(readingOf('“十四五”期间，计划完成固定资产投资1200亿元。', '1200亿元').period).toBe('“十四五”期间')
    expect(readingOf('2021年至2023年，生产总值年均增长8.2%。', '8.2%').period).toBe('2021—2023年')
  })

  it('is not the base of a comparison nor a date', () => {
    expect(readingOf('2023年，企业420家，较上年增加65家。', '65家').period).toBe('2023年')
    expect(readingOf('营收120亿元。', '120亿元').period).toBe('')
  })
})

describe('zone', () => {
  it('is the zone named before the figure in the sentence', () => {
    expect(readingOf('2023年，太原经济技术开发区实现营收120亿元。', '120亿元').zone?.zone.name).toBe(
      '太原经济技术开发区',
    )
  })

  it('carries to the next sentence unless it names another subject', () => {
    const text = '太原经济技术开发区去年营收120亿元。今年上半年，该区税收8亿元。全省税收200亿元。'
    expect(readingOf(text, '8亿元').zone?.zone.name).toBe('太原经济技术开发区')
    expect(readingOf(text, '200亿元').zone).toBeNull()
  })

  it('is none without a zone', () => {
    expect(readingOf('2023年，山西省进出口额达717亿元。', '717亿元').zone).toBeNull()
  })
})

interface GoldSentence {
  text: string
  date?: string
  figures: [string, string, string, string | null][]
}

interface GoldSet {
  date: string
  sentences: GoldSentence[]
}

/** Scores a gold set and prints the numbers with every miss. */
function scoreSet(label: string, data: GoldSet): { metric: number; period: number; zone: number; total: number } {
  let total = 0
  const right = { metric: 0, period: 0, zone: 0 }
  const wrong: string[] = []
  for (const s of data.sentences) {
    const year = Number((s.date ?? data.date).slice(0, 4))
    const readings = read(s.text, year)
    let from = 0
    for (const [figure, metric, period, zone] of s.figures) {
      total++
      const at = readings.findIndex((r, i) => i >= from && r.figure.text === figure)
      if (at < 0) {
        wrong.push(`${figure} not detected: ${s.text}`)
        continue
      }
      from = at + 1
      const r = readings[at]!.reading
      const got: (string | null)[] = r.zone ? [r.zone.text, r.zone.zone.name] : [null]
      const ok = { metric: r.metric === metric, period: r.period === period, zone: got.includes(zone) }
      for (const k of ['metric', 'period', 'zone'] as const) if (ok[k]) right[k]++
      if (!ok.metric || !ok.period || !ok.zone)
        wrong.push(
          `${figure}: ${[
            !ok.metric && `metric ${r.metric || '∅'} ≠ ${metric || '∅'}`,
            !ok.period && `period ${r.period || '∅'} ≠ ${period || '∅'}`,
            !ok.zone && `zone ${got[0] ?? '∅'} ≠ ${zone ?? '∅'}`,
          ]
            .filter(Boolean)
            .join(', ')} — ${s.text}`,
        )
    }
  }
  const pct = (n: number): string => `${((100 * n) / total).toFixed(1)}%`
  console.log(
    `figure context, ${label}: ${data.sentences.length} sentences, ${total} figures: metric ${pct(right.metric)}, period ${pct(
      right.period,
    )}, zone ${pct(right.zone)}\n  ${wrong.join('\n  ')}`,
  )
  return { metric: right.metric / total, period: right.period / total, zone: right.zone / total, total }
}

describe('gold', () => {
  it('reads metric and period of ≥ 90% of the figures in the invented sentences', () => {
    const data = gold as unknown as GoldSet
    const score = scoreSet('gold', data)
    expect(data.sentences.length).toBeGreaterThanOrEqual(60)
    expect(score.metric).toBeGreaterThanOrEqual(0.9)
    expect(score.period).toBeGreaterThanOrEqual(0.9)
  })

  it('prints how sentences written after the rules read (not tuned against, no bar)', () => {
    const score = scoreSet('written after the rules', later as unknown as GoldSet)
    expect(score.total).toBeGreaterThan(0)
  })

  it('reads the seed: 山西 717亿元 is 进出口额 of 2023年', () => {
    const line = seedText.split('\n').find((l) => l.includes('717亿元'))
    expect(line).toBeDefined()
    const r = read(line!, 2024)
    const of = (text: string): FigureReading | undefined => r.find((x) => x.figure.text === text)?.reading
    expect(of('717亿元')).toMatchObject({ metric: '进出口额', period: '2023年' })
    expect(of('5.7%')).toMatchObject({ metric: '进出口额增速', period: '2023年' })
    expect(of('42.3%')).toMatchObject({ metric: '进出口额占比', period: '2023年' })
  })
})
