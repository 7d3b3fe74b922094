/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import seed from '../../../resources/samples/kaifaqu-2024-25.txt?raw'
import { DEFAULT_RATE_WEIGHTS, errorRate, proofText, type RatedFinding } from './index'

const f = (category: RatedFinding['category'], text: string, extra: Partial<RatedFinding> = {}): RatedFinding => ({
  rule: `r-${category}`,
  category,
  text,
  fix: null,
  ...extra,
})

describe('差错率', () => {
  it('counts errors per 10,000 characters against the 万分之三 line', () => {
    // one wrong word (1) and three different punctuation errors (0.3) in 10,000 characters
    const rate = errorRate({
      chars: 10_000,
      findings: [f('字词', '甲'), f('标点', ','), f('标点', ';'), f('标点', ':')],
    })
    expect(rate.errors).toBe(1.3)
    expect(rate.per10k).toBe(1.3)
    expect(rate.pass).toBe(true)
    expect(rate.byCategory.标点).toEqual({ findings: 3, errors: 0.3 })
    expect(errorRate({ chars: 10_000, findings: ['甲', '乙', '丙', '丁'].map((t) => f('字词', t)) }).pass).toBe(false)
  })

  it('counts the same error at most three times, its headline occurrences first, doubled', () => {
    const same = Array.from({ length: 10 }, () => f('字词', '再接再励', { fix: '再接再厉' }))
    expect(errorRate({ chars: 10_000, findings: same }).errors).toBe(3)
    const withHeadline = [f('字词', '再接再励', { fix: '再接再厉', inHeadline: true }), ...same]
    expect(errorRate({ chars: 10_000, findings: withHeadline }).errors).toBe(4)
  })

  it('caps number usage per issue and leaves house style out', () => {
    const numbers = Array.from({ length: 30 }, (_, i) => f('数字', `${i}`))
    expect(errorRate({ chars: 100_000, findings: numbers }).byCategory.数字.errors).toBe(1)
    expect(errorRate({ chars: 100_000, findings: [f('体例', '怀仁经开区')] }).errors).toBe(0)
  })

  it('takes the weights as data a house can change', () => {
    const weights = { ...DEFAULT_RATE_WEIGHTS, perFinding: { ...DEFAULT_RATE_WEIGHTS.perFinding, 标点: 0.5 } }
    expect(errorRate({ chars: 10_000, findings: [f('标点', ',')] }, weights).errors).toBe(0.5)
    expect(errorRate({ chars: 0, findings: [] }).per10k).toBe(0)
  })

  it('the seed as imported is over the line: its hundreds of half-width marks are a few errors repeated', () => {
    const chars = seed.replace(/\s/g, '').length
    const rate = errorRate({ chars, findings: proofText(seed) })
    // hundreds of half-width marks are a handful of distinct errors, each counted at most 3 times
    expect(rate.byCategory.标点.findings).toBeGreaterThan(250)
    expect(rate.byCategory.标点.errors).toBeLessThan(3)
    console.log(`seed as imported: ${rate.errors} errors in ${chars} characters, ${rate.per10k}/10,000`)
    expect(rate.pass).toBe(false)
  })
})
