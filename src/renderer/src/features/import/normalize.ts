/**
 * Normalisation the import preview offers before anything is written: 标点规范化 (every SAFE fix of
 * the proofing engine's 标点 rules) and 转为简体 (traditional → simplified characters).
 *
 * The preview keeps the source lines as the truth: these steps never touch the lines. They apply
 * to the articles built from them (`toImportArticle`), field by field and block by block, just
 * before the import is committed, so the editor sees the original lines until then.
 */
import { applyFixes, proofText, RULES, type Finding } from '@shared/proof'
import type { ImportArticle, ImportBlock, TextRun } from '@shared/import/model'
import { toSimplified } from '@shared/tagging/traditional'

export interface NormalizeOptions {
  /** Apply every safe 标点 fix. */
  punctuation: boolean
  /** Convert traditional characters to simplified (before punctuation). */
  simplified: boolean
}

export interface NormalizeCount {
  /** Punctuation fixes applied. */
  punctuation: number
  /** Characters converted to simplified. */
  simplified: number
}

/** The rules 标点规范化 applies: category 标点, fix marked 'safe'. */
export const SAFE_PUNCTUATION_RULES: readonly string[] = RULES.filter(
  (r) => r.category === '标点' && r.fix === 'safe',
).map((r) => r.id)

/** Fixes that do not overlap (the first wins, ties the longer), as applyFixes chooses them. */
function nonOverlapping(findings: readonly Finding[]): Finding[] {
  const chosen: Finding[] = []
  let reached = -1
  for (const f of [...findings].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (f.start < reached || (f.start === reached && f.start === f.end)) continue
    chosen.push(f)
    reached = f.end
  }
  return chosen
}

/** `text` with every safe punctuation fix applied, and how many fixes that took. */
export function fixPunctuation(text: string, passes = 4): { text: string; count: number } {
  let current = text
  let count = 0
  for (let i = 0; i < passes; i++) {
    const fixable = proofText(current, { only: SAFE_PUNCTUATION_RULES }).filter(
      (f) => f.fix !== null && f.fix !== f.text,
    )
    const chosen = nonOverlapping(fixable)
    if (chosen.length === 0) break
    const next = applyFixes(current, chosen)
    if (next === current) break
    count += chosen.length
    current = next
  }
  return { text: current, count }
}

/** `text` in simplified characters, and how many characters (UTF-16 units of the result) changed. */
export function toSimplifiedCounted(text: string): { text: string; count: number } {
  const converted = toSimplified(text)
  if (converted.text === text) return { text, count: 0 }
  let count = 0
  for (let i = 0; i < converted.text.length; i++) {
    if (converted.text[i] !== text.slice(converted.starts[i], converted.ends[i])) count++
  }
  return { text: converted.text, count }
}

function normalizeString(text: string, options: NormalizeOptions, count: NormalizeCount): string {
  let out = text
  if (options.simplified) {
    const s = toSimplifiedCounted(out)
    out = s.text
    count.simplified += s.count
  }
  if (options.punctuation) {
    const p = fixPunctuation(out)
    out = p.text
    count.punctuation += p.count
  }
  return out
}

function normalizeNullable(text: string | null, options: NormalizeOptions, count: NormalizeCount): string | null {
  return text === null ? null : normalizeString(text, options, count)
}

function normalizeBlock(block: ImportBlock, options: NormalizeOptions, count: NormalizeCount): ImportBlock {
  if (block.type === 'photo') {
    return {
      ...block,
      caption: normalizeString(block.caption, options, count),
      credit: normalizeNullable(block.credit, options, count),
    }
  }
  if (block.type === 'paragraph' && block.runs) {
    // Bold and italic runs keep their edges: each run is normalised on its own.
    const runs: TextRun[] = block.runs.map((r) => ({ ...r, text: normalizeString(r.text, options, count) }))
    return { ...block, runs, text: runs.map((r) => r.text).join('') }
  }
  return { ...block, text: normalizeString(block.text, options, count) }
}

/** One article normalised (a new object; the input is untouched), with what changed. */
export function normalizeArticle(
  article: ImportArticle,
  options: NormalizeOptions,
): { article: ImportArticle; count: NormalizeCount } {
  const count: NormalizeCount = { punctuation: 0, simplified: 0 }
  if (!options.punctuation && !options.simplified) return { article, count }
  const normalized: ImportArticle = {
    kicker: normalizeNullable(article.kicker, options, count),
    headline: normalizeNullable(article.headline, options, count),
    subtitle: normalizeNullable(article.subtitle, options, count),
    dateline: normalizeNullable(article.dateline, options, count),
    byline: normalizeNullable(article.byline, options, count),
    blocks: article.blocks.map((b) => normalizeBlock(b, options, count)),
  }
  return { article: normalized, count }
}

/** Every article normalised, and the totals the preview shows. */
export function normalizeArticles(
  articles: readonly ImportArticle[],
  options: NormalizeOptions,
): { articles: ImportArticle[]; count: NormalizeCount } {
  const total: NormalizeCount = { punctuation: 0, simplified: 0 }
  const out = articles.map((a) => {
    const { article, count } = normalizeArticle(a, options)
    total.punctuation += count.punctuation
    total.simplified += count.simplified
    return article
  })
  return { articles: out, count: total }
}
