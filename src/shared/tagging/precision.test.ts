/// <reference types="vite/client" />
/**
 * The zone-precision classes of issue 13, each in a text written for it in the shape of another
 * province's paper (fixtures/precision): generic words glued to a type (前三季度经开区, 第五届高新区,
 * 多个新区, 甲乙丙三地高新区), a year eaten into a name (自2010年…设立), two registered zones merged,
 * the kinds 工业集中区, …产业园, 产业转移工业园, 产业集聚区, aliases (X开发区, 航空港区), a bracketed
 * district, （以下简称国家级高新区）, free trade zones named one way, and figures in 部. Scored like
 * the held-out texts, and no tag may touch a string the gold lists as not a tag.
 */
import { describe, expect, it } from 'vitest'
import zonesJson from '../../../resources/zones.json'
import { detectTags, loadGazetteer, scoreAgainstGold, type GoldTags, type Tag } from './index'

type PrecisionGold = GoldTags & { zones_not: string[]; figures_not: string[] }

const PRECISION_TEXTS = import.meta.glob<string>('./fixtures/precision/*.txt', {
  eager: true,
  query: '?raw',
  import: 'default',
})
const PRECISION_GOLDS = import.meta.glob<PrecisionGold>('./fixtures/precision/*.gold.json', {
  eager: true,
  import: 'default',
})

/** Tags of `kind` overlapping an occurrence of a string the gold says is not a tag. */
function touchingNotTags(text: string, tags: readonly Tag[], gold: PrecisionGold): string[] {
  const notTags = [
    ...gold.zones_not.map((surface) => ({ kind: 'zone', surface })),
    ...gold.figures_not.map((surface) => ({ kind: 'figure', surface })),
  ]
  const found: string[] = []
  for (const { kind, surface } of notTags) {
    for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
      const end = at + surface.length
      for (const t of tags)
        if (t.kind === kind && t.start < end && at < t.end) found.push(`${surface}@${at}: ${t.text}`)
    }
  }
  return found
}

describe('zone precision texts', () => {
  const gazetteer = loadGazetteer(zonesJson)
  const entries = Object.entries(PRECISION_TEXTS)

  it('are there, each with its gold', () => {
    expect(entries.length).toBeGreaterThanOrEqual(5)
    for (const [path] of entries) expect(PRECISION_GOLDS[path.replace(/\.txt$/, '.gold.json')]).toBeDefined()
  })

  for (const [path, text] of entries) {
    it(`${path.replace(/^.*\//, '')}: every expected tag found and named, nothing else`, () => {
      const gold = PRECISION_GOLDS[path.replace(/\.txt$/, '.gold.json')]
      if (!gold) throw new Error(`no gold for ${path}`)
      const tags = detectTags(text, gazetteer)
      const score = scoreAgainstGold(text, tags, gold)
      const problems = {
        zones: [...score.zones.missed, ...score.zones.spurious, ...score.zones.wrong],
        figures: [...score.figures.missed, ...score.figures.spurious, ...score.figures.wrong],
        notTags: touchingNotTags(text, tags, gold),
      }
      expect(problems).toEqual({ zones: [], figures: [], notTags: [] })
    })
  }
})
