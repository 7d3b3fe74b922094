import type { Rule } from '../types'
import { NUMBER_RULES } from './numbers'
import { PUNCTUATION_RULES } from './punctuation'
import { UNIT_RULES } from './units'
import { WORD_RULES } from './words'

/** Every rule, in the order findings of one place are listed. */
export const RULES: readonly Rule[] = [...PUNCTUATION_RULES, ...NUMBER_RULES, ...UNIT_RULES, ...WORD_RULES]

export function getRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id)
}
