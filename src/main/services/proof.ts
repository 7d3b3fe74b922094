/**
 * 校对报告: the shared proofing rules over every article of an issue (and its masthead), and the
 * issue's 差错率 as the annex of 《报纸期刊质量管理规定》 counts it (shared/proof errorRate).
 * Reads only; the call's transaction gives one consistent snapshot of the issue.
 */
import { fail } from '../../shared/api/errors'
import {
  CONTEXT_CHARS,
  HEADLINE_FIELDS,
  type ProofField,
  type ProofReport,
  type ReportArticle,
  type ReportFinding,
} from '../../shared/api/proof-types'
import {
  DEFAULT_RATE_WEIGHTS,
  errorRate,
  ignoreKey,
  proofText,
  zoneMentions,
  type RateWeights,
} from '../../shared/proof'
import { detectZones, loadGazetteer, type Gazetteer } from '../../shared/tagging'
import { countChars } from '../../shared/text/count'
import type { ServiceContext } from './context'
import { getIssue } from './issues'
import { registryGazetteer } from './zones'
import { ignoredKeys, rulesOffArticle, rulesOffLibrary } from './proof-settings'

interface ArticleTextRow {
  id: number
  position: number
  kicker: string
  headline: string
  subtitle: string
  dateline: string
  byline: string
  body_text: string
}

/** Reading order of an article's fields; the text is proofed as one, fields joined by line breaks. */
const ARTICLE_FIELDS = [
  ['kicker', 'kicker'],
  ['headline', 'headline'],
  ['subtitle', 'subtitle'],
  ['dateline', 'dateline'],
  ['body', 'body_text'],
  ['byline', 'byline'],
] as const satisfies readonly (readonly [ProofField, keyof ArticleTextRow])[]

/**
 * Proofs the parts of one text unit (an article, the masthead) together, so that article-wide
 * rules (a zone's first mention, numerals used consistently) see the whole article, and gives
 * each finding back to the part it stands in, offsets into that part.
 */
function proofParts(
  parts: readonly (readonly [ProofField, string])[],
  gazetteer: Gazetteer,
  settings: Scope = NO_SETTINGS,
): ReportFinding[] {
  const present = parts.filter(([, text]) => text !== '')
  const starts: number[] = []
  let text = ''
  for (const [, part] of present) {
    if (text !== '') text += '\n'
    starts.push(text.length)
    text += part
  }
  const zones = (t: string) => zoneMentions(detectZones(t, gazetteer))
  const findings = proofText(text, { zones, disabled: settings.disabled }).map((f): ReportFinding => {
    let i = present.length - 1
    while (i > 0 && starts[i]! > f.start) i--
    const [field, part] = present[i]!
    const start = f.start - starts[i]!
    const end = Math.min(f.end - starts[i]!, part.length)
    return {
      field,
      rule: f.rule,
      category: f.category,
      start,
      // a finding reaching past its part (over the joining line break) is cut at the part's end
      end,
      text: f.text,
      message_zh: f.message_zh,
      message_en: f.message_en,
      fix: f.fix,
      inHeadline: HEADLINE_FIELDS.has(field),
      before: contextBefore(part, start),
      after: contextAfter(part, end),
    }
  })
  return settings.ignored.size === 0 ? findings : findings.filter((f) => !settings.ignored.has(ignoreKey(f)))
}

/** What the library's 校对 settings leave out of one text unit. */
interface Scope {
  disabled: readonly string[]
  ignored: ReadonlySet<string>
}
const NO_SETTINGS: Scope = { disabled: [], ignored: new Set() }

function articleScope(ctx: ServiceContext, articleId: number, offLibrary: readonly string[]): Scope {
  return {
    disabled: [...offLibrary, ...rulesOffArticle(ctx, articleId)],
    ignored: new Set(ignoredKeys(ctx, articleId)),
  }
}

function contextBefore(text: string, at: number): string {
  let from = Math.max(0, at - CONTEXT_CHARS, text.lastIndexOf('\n', at - 1) + 1)
  if (/[\udc00-\udfff]/.test(text[from] ?? '')) from++ // not half a character
  return text.slice(from, at)
}

function contextAfter(text: string, at: number): string {
  const line = text.indexOf('\n', at)
  let to = Math.min(at + CONTEXT_CHARS, line === -1 ? text.length : line)
  if (/[\ud800-\udbff]/.test(text[to - 1] ?? '')) to--
  return text.slice(at, to)
}

const charsOf = (parts: readonly (readonly [ProofField, string])[]): number =>
  parts.reduce((sum, [, text]) => sum + countChars(text).chars, 0)

const SELECT_ARTICLES = `SELECT id, position, kicker, headline, subtitle, dateline, byline, body_text
  FROM articles WHERE deleted_at IS NULL`

const partsOf = (row: ArticleTextRow): [ProofField, string][] =>
  ARTICLE_FIELDS.map(([field, column]): [ProofField, string] => [field, String(row[column])])

/**
 * The masthead as it prints, one text: title and edition, then each slogan line (offsets of its
 * findings are into this text).
 */
function mastheadParts(issue: { title: string; edition: string; slogan: string }): [ProofField, string][] {
  const lines = [[issue.title, issue.edition].filter(Boolean).join(' '), ...issue.slogan.split('\n')]
  return [
    [
      'masthead',
      lines
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n'),
    ],
  ]
}

function articleReport(row: ArticleTextRow, gazetteer: Gazetteer, weights: RateWeights, scope: Scope): ReportArticle {
  const parts = partsOf(row)
  const findings = proofParts(parts, gazetteer, scope)
  const chars = charsOf(parts)
  const own = errorRate({ chars, findings }, weights)
  return {
    articleId: row.id,
    position: row.position,
    headline: row.headline,
    chars,
    errors: own.errors,
    byCategory: own.byCategory,
    findings,
  }
}

const registry = (ctx: ServiceContext): Gazetteer => loadGazetteer(registryGazetteer(ctx))

export function proofIssue(
  ctx: ServiceContext,
  issueId: number,
  weights: RateWeights = DEFAULT_RATE_WEIGHTS,
): ProofReport {
  const issue = getIssue(ctx, issueId)
  const gazetteer = registry(ctx)
  const masthead = mastheadParts(issue)
  const offLibrary = rulesOffLibrary(ctx)
  const mastheadFindings = proofParts(masthead, gazetteer, { disabled: offLibrary, ignored: new Set() })
  const mastheadChars = charsOf(masthead)
  const rows = ctx.db
    .prepare(`${SELECT_ARTICLES} AND issue_id = ? ORDER BY position, id`)
    .all(issueId) as ArticleTextRow[]
  const articles = rows.map((row) => articleReport(row, gazetteer, weights, articleScope(ctx, row.id, offLibrary)))

  const all = [...mastheadFindings, ...articles.flatMap((a) => a.findings)]
  const chars = mastheadChars + articles.reduce((sum, a) => sum + a.chars, 0)
  const rate = errorRate({ chars, findings: all }, weights)
  return {
    issue: {
      id: issue.id,
      title: issue.title,
      edition: issue.edition,
      number: issue.number,
      publicationDate: issue.publicationDate,
    },
    masthead: {
      chars: mastheadChars,
      errors: errorRate({ chars: mastheadChars, findings: mastheadFindings }, weights).errors,
      findings: mastheadFindings,
    },
    articles,
    byCategory: rate.byCategory,
    rate: { chars: rate.chars, errors: rate.errors, per10k: rate.per10k, threshold: rate.threshold, pass: rate.pass },
    weights,
  }
}

/** One article's part of the report: its findings by field, and its own rate as if it were the issue. */
export function proofArticle(
  ctx: ServiceContext,
  articleId: number,
  weights: RateWeights = DEFAULT_RATE_WEIGHTS,
): ReportArticle {
  const row = ctx.db.prepare(`${SELECT_ARTICLES} AND id = ?`).get(articleId) as ArticleTextRow | undefined
  if (!row) fail('not_found', `找不到第 ${articleId} 号稿件。`, `Article ${articleId} does not exist.`, 'id')
  return articleReport(row, registry(ctx), weights, articleScope(ctx, row.id, rulesOffLibrary(ctx)))
}
