/// <reference types="vite/client" />
/**
 * The seed issue (resources/samples) scored against its gold tags (fixtures/seed-tags.json, a
 * copy of shared/gold/seed-tags.json) with the scoring rules of the gold file.
 */
import { describe, expect, it } from 'vitest'
import zonesJson from '../../../resources/zones.json'
import seedText from '../../../resources/samples/kaifaqu-2024-25.txt?raw'
import gold from './fixtures/seed-tags.json'
import { detectTags, loadGazetteer, scoreAgainstGold, type Score } from './index'

const sharedGold = import.meta.glob<string>('../../../../shared/gold/seed-tags.json', {
  eager: true,
  query: '?raw',
  import: 'default',
})

function report(label: string, score: Score): void {
  const row = (kind: 'zones' | 'figures'): string => {
    const s = score[kind]
    const pct = (x: number): string => `${(100 * x).toFixed(1)}%`
    return `${kind}: recall ${pct(s.recall)} (${s.found}/${s.expected}, exact spans ${s.exact}), precision ${pct(
      s.precision,
    )} (${s.falsePositives} false positives), ${kind === 'zones' ? 'canonical names' : 'values and units'} ${pct(
      s.accuracy,
    )}`
  }
  console.log(`seed, ${label}\n  ${row('zones')}\n  ${row('figures')}`)
}

function expectGood(score: Score): void {
  for (const kind of ['zones', 'figures'] as const) {
    const s = score[kind]
    expect({ kind, missed: s.missed, spurious: s.spurious, wrong: s.wrong }).toEqual({
      kind,
      missed: [],
      spurious: [],
      wrong: [],
    })
    expect(s.recall).toBeGreaterThanOrEqual(0.95)
    expect(s.precision).toBeGreaterThanOrEqual(0.95)
    expect(s.accuracy).toBeGreaterThanOrEqual(0.95)
    expect(s.exact / s.expected).toBeGreaterThanOrEqual(0.95)
  }
}

describe('seed issue against the gold tags', () => {
  it('scores with the starter registry', () => {
    const score = scoreAgainstGold(seedText, detectTags(seedText, loadGazetteer(zonesJson)), gold)
    report('starter registry', score)
    expectGood(score)
  })

  it('scores with an empty registry: the rules alone', () => {
    const score = scoreAgainstGold(seedText, detectTags(seedText, loadGazetteer({ zones: [] })), gold)
    report('empty registry', score)
    expectGood(score)
  })

  it('tags none of the strings the gold file lists as not tags', () => {
    const tags = detectTags(seedText, loadGazetteer(zonesJson))
    const notTags = [
      ...gold.zones_not.map((surface) => ({ kind: 'zone', surface })),
      ...gold.figures_not.map((surface) => ({ kind: 'figure', surface })),
    ]
    for (const { kind, surface } of notTags) {
      for (let at = seedText.indexOf(surface); at >= 0; at = seedText.indexOf(surface, at + 1)) {
        const end = at + surface.length
        const overlapping = tags.filter((t) => t.kind === kind && t.start < end && at < t.end)
        expect({ surface, at, overlapping }).toEqual({ surface, at, overlapping: [] })
      }
    }
  })

  it('uses the same gold as shared/gold when that directory is present', () => {
    for (const raw of Object.values(sharedGold)) expect(JSON.parse(raw)).toEqual(gold)
  })
})
