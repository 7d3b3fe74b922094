/**
 * 差错率 of an issue, counted as the annex of 《报纸期刊质量管理规定》 (2020) counts it: errors
 * over characters checked, per 10,000; an issue passes at 万分之三 or less. The weights are data
 * (data/rate-weights.json) a house may change.
 */
import weightsJson from './data/rate-weights.json'
import { CATEGORIES, type Category, type Finding } from './types'

export interface RateWeights {
  /** Errors one finding of a category counts for. */
  perFinding: Record<Category, number>
  /** Most errors a category counts for in one issue (none: no cap). */
  capPerIssue: Partial<Record<Category, number>>
  /** A finding in a headline (引题, 主题, 副题, 报头, 报眉, 栏头) counts this many times. */
  headlineFactor: number
  /** The same error repeated in an issue counts at most this many times. */
  maxRepeats: number
  /** The pass line, errors per 10,000 characters. */
  thresholdPer10k: number
}

export const DEFAULT_RATE_WEIGHTS: RateWeights = {
  perFinding: weightsJson.perFinding,
  capPerIssue: weightsJson.capPerIssue,
  headlineFactor: weightsJson.headlineFactor,
  maxRepeats: weightsJson.maxRepeats,
  thresholdPer10k: weightsJson.thresholdPer10k,
}

/** A finding left in the issue (not fixed, not ignored), and where it stands. */
export type RatedFinding = Pick<Finding, 'rule' | 'category' | 'text' | 'fix'> & { inHeadline?: boolean }

export interface RateInput {
  /** Characters checked (the issue's 字数). */
  chars: number
  findings: readonly RatedFinding[]
}

export interface CategoryCount {
  findings: number
  errors: number
}

export interface ErrorRate {
  chars: number
  errors: number
  /** Errors per 10,000 characters. */
  per10k: number
  threshold: number
  pass: boolean
  byCategory: Record<Category, CategoryCount>
}

const round = (x: number): number => Math.round(x * 1000) / 1000

export function errorRate(input: RateInput, weights: RateWeights = DEFAULT_RATE_WEIGHTS): ErrorRate {
  // the same error: same rule, same wrong text, same correction
  const groups = new Map<string, { category: Category; weights: number[] }>()
  for (const f of input.findings) {
    const key = `${f.rule}\u0000${f.text}\u0000${f.fix ?? ''}`
    const group = groups.get(key) ?? { category: f.category, weights: [] }
    group.weights.push((weights.perFinding[f.category] ?? 0) * (f.inHeadline ? weights.headlineFactor : 1))
    groups.set(key, group)
  }
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { findings: 0, errors: 0 }])) as Record<
    Category,
    CategoryCount
  >
  for (const f of input.findings) byCategory[f.category].findings++
  for (const { category, weights: w } of groups.values()) {
    // a repeated error counts its heaviest occurrences (a headline one first)
    const counted = [...w].sort((a, b) => b - a).slice(0, Math.max(0, weights.maxRepeats))
    byCategory[category].errors += counted.reduce((a, b) => a + b, 0)
  }
  let errors = 0
  for (const c of CATEGORIES) {
    const cap = weights.capPerIssue[c]
    if (cap !== undefined) byCategory[c].errors = Math.min(byCategory[c].errors, cap)
    byCategory[c].errors = round(byCategory[c].errors)
    errors += byCategory[c].errors
  }
  errors = round(errors)
  const per10k = input.chars > 0 ? round((errors / input.chars) * 10_000) : 0
  return {
    chars: input.chars,
    errors,
    per10k,
    threshold: weights.thresholdPer10k,
    pass: per10k <= weights.thresholdPer10k,
    byCategory,
  }
}
