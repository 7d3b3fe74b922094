/**
 * 校对: proofing rules as data over plain text, pure, safe to run in the renderer or a worker.
 *
 *   const findings = proofText(text, { zones: zoneMentions(tags) })
 *   const fixed = applyFixes(text, findings.filter((f) => f.rule === 'halfwidth-comma'))
 *   const clean = fixAll(text)
 *
 * Each finding names its rule (getRule(id) gives the standard, clause and fix kind).
 */
export { applyFixes, fixAll, proofText, rulesFor } from './engine'
export { protectedSpans } from './exceptions'
export { IGNORE_CONTEXT, ignoreKey } from './ignore'
export { DEFAULT_LISTS } from './lists'
export { getRule, RULES } from './rules'
export { zoneMentions } from './zones'
export type {
  CarefulEntry,
  Category,
  ExceptionKind,
  Finding,
  HouseLists,
  ProofOptions,
  Rule,
  WordEntry,
  ZoneMention,
} from './types'
export { CATEGORIES } from './types'
export {
  DEFAULT_RATE_WEIGHTS,
  errorRate,
  type CategoryCount,
  type ErrorRate,
  type RatedFinding,
  type RateInput,
  type RateWeights,
} from './rate'
