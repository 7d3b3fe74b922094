/**
 * Shapes of the proofing engine. Offsets are UTF-16 code units into the text that was proofed,
 * `end` exclusive, so `text.slice(finding.start, finding.end) === finding.text`.
 */

export type Category = '标点' | '数字' | '计量单位' | '字词' | '规范表述' | '体例'

export const CATEGORIES: readonly Category[] = ['标点', '数字', '计量单位', '字词', '规范表述', '体例']

/**
 * Spans a rule leaves alone (see exceptions.ts): web addresses, email addresses, codes such as
 * 21-465 or 0351-1234567, decimals and thousands (3.6, 5.7%, 1,000), Latin words and product
 * names, and the spaces of a dateline, byline or photo credit.
 */
export type ExceptionKind = 'url' | 'email' | 'code' | 'number' | 'latin' | 'dateline'

export const ALL_EXCEPTIONS: readonly ExceptionKind[] = ['url', 'email', 'code', 'number', 'latin', 'dateline']

export interface ProtectedSpan {
  kind: ExceptionKind
  start: number
  end: number
}

/** What a matcher reports: a span, its replacement (null: flag only) and an optional detail. */
export interface Hit {
  start: number
  end: number
  fix: string | null
  /** Appended to the rule's message, e.g. the right form of a listed word. */
  detail_zh?: string
  detail_en?: string
}

/** One finding, the documented JSON shape (CLI `proof … --json`). */
export interface Finding {
  rule: string
  category: Category
  start: number
  end: number
  text: string
  message_zh: string
  message_en: string
  /** The replacement for `text`; null when the rule only flags. */
  fix: string | null
}

/** House-editable lists (data/*.json); options may replace any of them. */
export interface WordEntry {
  /** The form to flag. */
  wrong: string
  /** The form to print. */
  right: string
  /** Characters that, just before `wrong`, mean it is part of another word. */
  notAfter?: string
  /** Characters that, just after `wrong`, mean it is part of another word. */
  notBefore?: string
  note?: string
}

export interface CarefulEntry {
  /** The expression to flag. */
  text: string
  /** What to write instead, or how to handle it. */
  advice_zh: string
  advice_en: string
  /** Where the guidance comes from. */
  source: string
}

export interface HouseLists {
  /** 常见错别字 (形近字、同音字). */
  wrongWords: readonly WordEntry[]
  /** 《第一批异形词整理表》: the non-recommended form → the recommended one. */
  variants: readonly WordEntry[]
  /** 规范表述: forbidden and careful expressions, flag only. */
  careful: readonly CarefulEntry[]
  /** Reduplications and phrases in which a doubled character is right (的的确确, 不了了之). */
  repeatWhitelist: readonly string[]
}

/** A zone mention as the tagging detectors report it (only what the 体例 rule needs). */
export interface ZoneMention {
  start: number
  end: number
  text: string
  /** The zone's full name in the registry. */
  name: string
  known: boolean
}

export interface ProofOptions {
  /** Only these rules (ids). */
  only?: readonly string[]
  /** Rules switched off (ids), per article or library. */
  disabled?: readonly string[]
  /** House lists replacing the shipped ones. */
  lists?: Partial<HouseLists>
  /**
   * Zone mentions of the text (detectTags from shared/tagging), for the house rule that a
   * zone's first mention uses its full registry name. Without them that rule is silent. A function
   * is called with each text proofed (fixAll proofs the text again after each round of fixes).
   */
  zones?: readonly ZoneMention[] | ((text: string) => readonly ZoneMention[])
}

export interface ProofContext {
  text: string
  lists: HouseLists
  zones: readonly ZoneMention[]
}

export interface Rule {
  id: string
  category: Category
  /** e.g. 'GB/T 15834-2011'; '本报体例' for house rules. */
  standard: string
  /** The clause the rule applies, e.g. '4.4'. */
  clause: string
  message_zh: string
  message_en: string
  /**
   * The matcher: linear in the text (plain scans or regexes without nested quantifiers).
   * Reports spans and replacements; the engine drops hits inside the rule's exceptions.
   */
  match(ctx: ProofContext): Iterable<Hit>
  /**
   * How the rule corrects: 'safe' — the replacement is certain (applied by 标点规范化 on import
   * and by fix-all); 'review' — offered per finding for the editor to accept; null — flag only.
   */
  fix: 'safe' | 'review' | null
  exceptions: readonly ExceptionKind[]
  /** Written and wrong examples; the tests run every rule on them. */
  examples: { bad: readonly string[]; good: readonly string[] }
}
