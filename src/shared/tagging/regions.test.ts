/**
 * Text we have not seen is scored the same way as the seed: articles from other regions
 * (fixtures/regions.ts) against their own gold tags. With the starter registry every score must
 * reach 95%. With an empty registry the rules alone are measured: names without a zone suffix
 * (天津滨海新区, 郑州航空港经济综合实验区) and X开发区 short forms can only come from the registry,
 * so zone recall and names are allowed to be lower there.
 */
import { describe, expect, it } from 'vitest'
import zonesJson from '../../../resources/zones.json'
import { REGION_CASES } from './fixtures/regions'
import { detectTags, loadGazetteer, scoreAgainstGold, type Score } from './index'

type Kind = 'zones' | 'figures'

/** Sums the counts of several scores and derives the ratios again. */
function total(scores: readonly Score[], kind: Kind) {
  const sum = (f: (s: Score[Kind]) => number): number => scores.reduce((n, s) => n + f(s[kind]), 0)
  const expected = sum((s) => s.expected)
  const found = sum((s) => s.found)
  const truePositives = sum((s) => s.truePositives)
  const falsePositives = sum((s) => s.falsePositives)
  return {
    recall: found / expected,
    precision: truePositives / (truePositives + falsePositives),
    accuracy: sum((s) => s.correct) / found,
    problems: scores.flatMap((s) => [...s[kind].missed, ...s[kind].spurious, ...s[kind].wrong]),
  }
}

function scoreAll(registry: unknown): Score[] {
  const gazetteer = loadGazetteer(registry)
  return REGION_CASES.map(({ text, gold }) => scoreAgainstGold(text, detectTags(text, gazetteer), gold))
}

describe('articles from other regions', () => {
  for (const [label, registry] of [
    ['starter registry', zonesJson],
    ['empty registry', { zones: [] }],
  ] as const) {
    it(`scores with the ${label}`, () => {
      const scores = scoreAll(registry)
      for (const kind of ['zones', 'figures'] as const) {
        const t = total(scores, kind)
        const pct = (x: number): string => `${(100 * x).toFixed(1)}%`
        console.log(
          `other regions, ${label}, ${kind}: recall ${pct(t.recall)}, precision ${pct(t.precision)}, ` +
            `${kind === 'zones' ? 'canonical names' : 'values and units'} ${pct(t.accuracy)}` +
            (t.problems.length ? `\n  ${t.problems.join('\n  ')}` : ''),
        )
        const rulesAlone = label === 'empty registry' && kind === 'zones'
        expect(t.recall).toBeGreaterThanOrEqual(rulesAlone ? 0.85 : 0.95)
        expect(t.precision).toBeGreaterThanOrEqual(0.95)
        expect(t.accuracy).toBeGreaterThanOrEqual(rulesAlone ? 0.85 : 0.95)
      }
    })
  }
})
