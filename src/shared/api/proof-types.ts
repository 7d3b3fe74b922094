/** 校对报告 as the API returns it (proof.issue, proof.article) and `folio proof issue ID --json` prints it. */
import type { Category, CategoryCount, Finding, RateWeights } from '../proof'

/**
 * Where a finding stands: an article's fields, or the issue's masthead (报头: title, edition,
 * slogan). Findings in kicker, headline, subtitle and masthead count double in the rate.
 */
export type ProofField = 'kicker' | 'headline' | 'subtitle' | 'dateline' | 'body' | 'byline' | 'masthead'

export const PROOF_FIELDS: readonly ProofField[] = [
  'kicker',
  'headline',
  'subtitle',
  'dateline',
  'body',
  'byline',
  'masthead',
]

/** Fields the annex counts as 标题 (errors there count double). */
export const HEADLINE_FIELDS: ReadonlySet<ProofField> = new Set(['kicker', 'headline', 'subtitle', 'masthead'])

/** One finding; `start`/`end` are UTF-16 offsets into that field's text (the body: its plain text, captions included). */
export interface ReportFinding extends Finding {
  field: ProofField
  inHeadline: boolean
  /** Up to CONTEXT_CHARS characters of the field before and after the finding, within its line. */
  before: string
  after: string
}

/** How much context a finding carries on each side. */
export const CONTEXT_CHARS = 12

export interface ReportArticle {
  articleId: number
  position: number
  headline: string
  /** 字数 of every field proofed (countChars: Han, letters and digits). */
  chars: number
  /** The article's own weighted errors (its findings rated alone: repeats and caps within the article). */
  errors: number
  byCategory: Record<Category, CategoryCount>
  findings: ReportFinding[]
}

export interface ProofReport {
  issue: { id: number; title: string; edition: string; number: string; publicationDate: string }
  /** The masthead as proofed (报头); its characters count in the rate. */
  masthead: { chars: number; errors: number; findings: ReportFinding[] }
  articles: ReportArticle[]
  /** Per category over the whole issue: findings, and errors as the rate counts them. */
  byCategory: Record<Category, CategoryCount>
  /** The 差错率 of the issue (errorRate over every finding and the issue's 字数). */
  rate: { chars: number; errors: number; per10k: number; threshold: number; pass: boolean }
  weights: RateWeights
}

const ZH_DIGITS = '〇一二三四五六七八九'

/** The pass line as editors say it: 万分之三 (a whole number up to ten in Chinese numerals). */
export function thresholdLabel(per10k: number): string {
  const n =
    Number.isInteger(per10k) && per10k >= 0 && per10k <= 10 ? (per10k === 10 ? '十' : ZH_DIGITS[per10k]) : per10k
  return `万分之${n}`
}

/** The file name a report PDF or CSV gets, e.g. 校对报告-开发区建设-专刊-2024年第25期.pdf. */
export function reportFileName(issue: ProofReport['issue'], ext: 'pdf' | 'csv'): string {
  const name = [issue.title, issue.edition, issue.number].filter(Boolean).join('-')
  return `校对报告-${name.replace(/[\\/:*?"<>|\s]+/g, '_')}.${ext}`
}

/**
 * 校对 settings of one article as stored in the library: rules switched off for the whole library
 * and for this article, and the findings ignored in it (ignoreKey of src/shared/proof/ignore.ts).
 * The editor and the 校对报告 honour the same settings.
 */
export interface ProofSettings {
  articleId: number
  offLibrary: string[]
  offArticle: string[]
  ignored: string[]
}
