/**
 * The structure checks of an import against its gold (the shared format of
 * gold/seed-structure.json and test/fixtures/import/*.expected.json), counted one by one so
 * that an import can be scored as a share of checks right rather than pass/fail only: every
 * issue field, the number of articles, each field of each article (kicker, headline, subtitle,
 * dateline, byline, subheads, photos), where its body starts and ends, its paragraph count when
 * the gold gives one, every paragraph the gold says was joined at a column break or a jump,
 * every exact paragraph, and every string that must not leak into an article (page furniture).
 *
 * Pure: used by the fixture tests and by anyone scoring unseen texts.
 */
import type { IssueMeta } from './masthead'
import type { ParsedArticle } from './article'

export interface GoldArticle {
  kicker: string | null
  headline: string | null
  subtitle: string | null
  dateline: string | null
  byline: string | null
  subheads: string[]
  photos: { caption: string; credit: string | null }[]
  first_paragraph_starts: string
  last_paragraph_ends: string
  paragraph_count?: number
}

export interface StructureGold {
  issue: Partial<IssueMeta>
  articles: GoldArticle[]
  paragraphs_joined?: [string, string][]
  /** [article index, paragraph index, the paragraph's whole text] */
  exact_paragraphs?: [number, number, string][]
  /** Strings (page furniture) that no imported article may contain. */
  no_leak?: string[]
}

export interface StructureCheck {
  name: string
  ok: boolean
}

const FIELDS = ['kicker', 'headline', 'subtitle', 'dateline', 'byline', 'subheads', 'photos'] as const

export interface ParsedForScore {
  issue: IssueMeta
  articles: readonly Pick<ParsedArticle, (typeof FIELDS)[number] | 'paragraphs'>[]
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Every check of `parsed` against `gold`, in a stable order. Articles are compared by position. */
export function structureChecks(parsed: ParsedForScore, gold: StructureGold): StructureCheck[] {
  const checks: StructureCheck[] = []
  const check = (name: string, ok: boolean): void => {
    checks.push({ name, ok })
  }
  for (const [key, value] of Object.entries(gold.issue)) {
    check(`issue.${key}`, same(parsed.issue[key as keyof IssueMeta], value))
  }
  check('article count', parsed.articles.length === gold.articles.length)
  gold.articles.forEach((want, k) => {
    const got = parsed.articles[k]
    for (const field of FIELDS) check(`article ${k} ${field}`, got !== undefined && same(got[field], want[field]))
    check(`article ${k} first paragraph`, got?.paragraphs[0]?.startsWith(want.first_paragraph_starts) === true)
    check(`article ${k} last paragraph`, got?.paragraphs.at(-1)?.endsWith(want.last_paragraph_ends) === true)
    if (want.paragraph_count !== undefined) {
      check(`article ${k} paragraph count`, got?.paragraphs.length === want.paragraph_count)
    }
  })
  const paragraphs = parsed.articles.flatMap((a) => a.paragraphs)
  for (const [before, after] of gold.paragraphs_joined ?? []) {
    check(
      `joined ${before}|${after}`,
      paragraphs.some((p) => p.includes(before + after)),
    )
  }
  for (const [a, p, text] of gold.exact_paragraphs ?? []) {
    check(`article ${a} paragraph ${p} exact`, parsed.articles[a]?.paragraphs[p] === text)
  }
  for (const word of gold.no_leak ?? []) {
    const leaked = parsed.articles.some((a) =>
      [a.kicker, a.headline, a.subtitle, a.dateline, a.byline, ...a.subheads, ...a.paragraphs].some((t) =>
        t?.includes(word),
      ),
    )
    check(`no leak ${word}`, !leaked)
  }
  return checks
}

export interface StructureScore {
  passed: number
  total: number
  /** passed / total × 100 */
  percent: number
  failed: string[]
}

export function scoreStructure(checks: readonly StructureCheck[]): StructureScore {
  const passed = checks.filter((c) => c.ok).length
  return {
    passed,
    total: checks.length,
    percent: checks.length === 0 ? 100 : (100 * passed) / checks.length,
    failed: checks.filter((c) => !c.ok).map((c) => c.name),
  }
}
