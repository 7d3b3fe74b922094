/// <reference types="vite/client" />
/**
 * The done-when checks of issue 10 on the seed issue (resources/samples), and the time proofText
 * takes on 50,000 characters of it.
 */
import { describe, expect, it } from 'vitest'
import zonesJson from '../../../resources/zones.json'
import seed from '../../../resources/samples/kaifaqu-2024-25.txt?raw'
import { detectTags, loadGazetteer } from '../tagging'
import { fixAll, proofText, zoneMentions } from './index'

const gazetteer = loadGazetteer(zonesJson)
const findings = proofText(seed)

/** Offsets of every occurrence of `needle` in the seed. */
function occurrences(needle: string): number[] {
  const out: number[] = []
  for (let i = seed.indexOf(needle); i >= 0; i = seed.indexOf(needle, i + 1)) out.push(i)
  return out
}

const touches = (start: number, end: number) => findings.filter((f) => f.start < end && f.end > start)

describe('proofing the seed', () => {
  it('reports spans that are the text at their offsets', () => {
    for (const f of findings) expect(seed.slice(f.start, f.end)).toBe(f.text)
  })

  it('flags every half-width comma, colon and semicolon between Chinese characters', () => {
    // counted independently: a mark with a Chinese character right before and right after
    const between = [...seed.matchAll(/(?<=[\u4e00-\u9fff])[,:;](?=[\u4e00-\u9fff])/g)].map((m) => m.index)
    expect(between.length).toBeGreaterThan(200)
    const flagged = new Set(
      findings.filter((f) => /^halfwidth-(comma|colon|semicolon)$/.test(f.rule)).map((f) => f.start),
    )
    expect(between.filter((i) => !flagged.has(i))).toEqual([])
    // and the rest of them too: the seed has no comma, colon or semicolon that is not in Chinese text
    expect(flagged.size).toBe((seed.match(/[,:;]/g) ?? []).length)
  })

  it('flags the ASCII brackets, the inner quotation, the year range and 1000ml', () => {
    expect(findings.filter((f) => f.rule === 'halfwidth-parens').length).toBe((seed.match(/[()]/g) ?? []).length)
    expect(findings.filter((f) => f.rule === 'nested-quotes').map((f) => f.fix)).toEqual(['‘', '’'])
    expect(findings.find((f) => f.rule === 'range-time')).toMatchObject({ text: '2019年-2023年', fix: '2019—2023年' })
    expect(findings.find((f) => f.rule === 'unit-symbol-case')).toMatchObject({ text: 'ml', fix: 'mL' })
  })

  it('flags nothing in numbers, codes, the email address, or the spaces of datelines and bylines', () => {
    for (const literal of ['3.6', '5.7%', '42.3%', '21-465', 'kfjzsk@163.com']) {
      const at = occurrences(literal)
      expect(at.length, literal).toBeGreaterThan(0)
      for (const i of at) expect(touches(i, i + literal.length), literal).toEqual([])
    }
    for (const spaced of ['科学导报 记者王波 7月2日', '。 袁兆辉', '。 王波', '科学导报 近日', '。 ■ 王超摄']) {
      const at = occurrences(spaced)
      expect(at.length, spaced).toBeGreaterThan(0)
      for (const i of at) {
        for (let k = 0; k < spaced.length; k++) {
          if (spaced[k] === ' ') expect(touches(i + k, i + k + 1), spaced).toEqual([])
        }
      }
    }
  })

  it('fix-all gives text that proofs clean, with every number, zone and figure unchanged', () => {
    const fixed = fixAll(seed)
    expect(proofText(fixed).filter((f) => f.fix !== null)).toEqual([])
    expect(fixed.match(/\d+/g)).toEqual(seed.match(/\d+/g))
    const zones = (text: string) =>
      detectTags(text, gazetteer).flatMap((t) => (t.kind === 'zone' ? [`${t.text}→${t.zone.name}`] : []))
    expect(zones(fixed)).toEqual(zones(seed))
    expect(zones(seed).length).toBeGreaterThan(10)
    const figures = (text: string) =>
      detectTags(text, gazetteer).flatMap((t) => (t.kind === 'figure' ? [`${t.value} ${t.unit.toLowerCase()}`] : []))
    // (a unit symbol may change case: 1000ml → 1000mL)
    expect(figures(fixed)).toEqual(figures(seed))
  })

  it('with the zone registry, a zone first mentioned by its short name is flagged', () => {
    const withZones = proofText(seed, {
      only: ['zone-first-mention'],
      zones: (text) => zoneMentions(detectTags(text, gazetteer)),
    })
    for (const f of withZones) {
      expect(f.fix).not.toBeNull()
      expect(f.fix).not.toBe(f.text)
    }
    // every zone the seed names is named in full before (or at) its first short mention
    const report = withZones.map((f) => `${f.text} → ${f.fix}`)
    console.log(`zone-first-mention on the seed: ${report.length ? report.join('; ') : 'none'}`)
  })

  it('stays linear on pathological input', () => {
    // The fastest of five runs of each size: a run the machine preempted says nothing about the scan.
    const fastest = (text: string): number => {
      let best = Infinity
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now()
        proofText(text)
        best = Math.min(best, performance.now() - t0)
      }
      return best
    }
    for (const unit of [',', '(', '“', '1-', '约1', '.', '的', 'a ', '—']) {
      const small = fastest(unit.repeat(5_000))
      const large = fastest(unit.repeat(20_000))
      // four times the text: well under sixteen times the time (what a quadratic scan would take)
      expect(large, unit).toBeLessThan(Math.max(50, 10 * small))
    }
  })
})
