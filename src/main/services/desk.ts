/**
 * 编辑台 (the desk) of an issue: where every article stands — its review stage, who holds it, 字数,
 * copyfit, zone names left untagged, proofing findings and its last change. One read of the
 * issue's articles, their last steps and revisions, and one proofing pass over the issue.
 */
import type { Desk, DeskRow, PersonRef, ReviewStage } from '../../shared/api/review-types'
import { charsPerLine } from '../../shared/layout/model'
import type { LayoutOutcome } from '../../shared/layout/outcome'
import { parseDoc, type SerializedNode } from '../../shared/doc/lexical'
import { detectZones, loadGazetteer, type Gazetteer } from '../../shared/tagging'
import type { ServiceContext } from './context'
import { getIssueSignoff, requireIssue } from './issues'
import { proofIssue } from './proof'
import { personOf } from './review-steps'
import { registryGazetteer } from './zones'

interface DeskArticleRow {
  id: number
  position: number
  kicker: string
  headline: string
  review_stage: ReviewStage
  char_count: number
  body_json: string
  updated_at: string
}

/**
 * The body's running text with every tagged span (zone or figure tag) replaced by an object
 * replacement character, so detection finds only names not yet tagged; captions included.
 */
function untaggedText(node: SerializedNode, out: string[]): void {
  if (node.type === 'zone-tag' || node.type === 'figure-tag') {
    out.push('\uFFFC')
    return
  }
  if (node.type === 'linebreak') out.push('\n')
  else if (typeof node.text === 'string') out.push(node.text)
  for (const child of node.children ?? []) untaggedText(child, out)
  if (typeof node.caption === 'string') out.push('\n', node.caption)
  if (node.type !== 'text' && node.type !== 'zone-tag' && node.type !== 'figure-tag' && node.children) out.push('\n')
}

/** Zone suggestions the tags panel would offer: detected in untagged text, not rejected (全部忽略). */
export function untaggedZoneCount(body: string, rejected: ReadonlySet<string>, gazetteer: Gazetteer): number {
  const parts: string[] = []
  untaggedText(parseDoc(body).root, parts)
  return detectZones(parts.join(''), gazetteer).filter((zone) => !rejected.has(zone.text)).length
}

const copyfitKey = (issueId: number): string => `desk.copyfit:${issueId}`

interface StoredCopyfit {
  /** The layout it measured (issue_layouts.updated_at): another layout makes it stale. */
  layoutUpdatedAt: string
  measuredAt: string
  /** Per article: lines over (+, the characters that do not fit in lines of its block) or short (−). */
  lines: Record<string, number>
}

function layoutUpdatedAt(ctx: ServiceContext, issueId: number): string | null {
  try {
    return (
      (ctx.db.prepare('SELECT updated_at FROM issue_layouts WHERE issue_id = ?').pluck().get(issueId) as
        | string
        | undefined) ?? null
    )
  } catch {
    return null // no layout tables yet
  }
}

/**
 * Keeps the copyfit the print engine just measured (layout.copyfit, layout.auto) for the desk:
 * per article the lines its blocks are short (余 N 行, negative) or over (超 N 字 in lines of the
 * block's width). Answers the outcome unchanged.
 */
export function rememberCopyfit(ctx: ServiceContext, issueId: number, outcome: LayoutOutcome): LayoutOutcome {
  const at = layoutUpdatedAt(ctx, issueId)
  if (at === null) return outcome
  const lines: Record<string, number> = {}
  for (const fit of outcome.fits) {
    const page = outcome.layout.pages.find((p) => p.number === fit.page)
    const block = page?.blocks.find((b) => b.articleId === fit.articleId && (b.part ?? 0) === (fit.part ?? 0))
    const perLine = charsPerLine(outcome.layout.template, block?.span ?? 1)
    const over = fit.overChars > 0 ? Math.ceil(fit.overChars / perLine) : 0
    lines[fit.articleId] = (lines[fit.articleId] ?? 0) + over - fit.shortLines
  }
  const stored: StoredCopyfit = { layoutUpdatedAt: at, measuredAt: ctx.now().toISOString(), lines }
  ctx.db
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(copyfitKey(issueId), JSON.stringify(stored))
  return outcome
}

/** The remembered copyfit while it still describes the layout, else null (never measured, or stale). */
function storedCopyfit(ctx: ServiceContext, issueId: number): StoredCopyfit | null {
  const raw = ctx.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(copyfitKey(issueId)) as
    | string
    | undefined
  if (raw === undefined) return null
  const stored = JSON.parse(raw) as StoredCopyfit
  return stored.layoutUpdatedAt === layoutUpdatedAt(ctx, issueId) ? stored : null
}

export function getDesk(ctx: ServiceContext, issueId: number): Desk {
  requireIssue(ctx, issueId)
  const rows = ctx.db
    .prepare(
      `SELECT id, position, kicker, headline, review_stage, char_count, body_json, updated_at
       FROM articles WHERE issue_id = ? AND deleted_at IS NULL ORDER BY position, id`,
    )
    .all(issueId) as DeskArticleRow[]
  const lastStep = ctx.db.prepare(
    'SELECT person_id, person_name, at FROM review_steps WHERE article_id = ? ORDER BY id DESC LIMIT 1',
  )
  const lastRevision = ctx.db.prepare(
    `SELECT person_id, person_name, created_at FROM revisions
     WHERE article_id = ? AND reason != 'conflict' ORDER BY id DESC LIMIT 1`,
  )
  const rejections = ctx.db.prepare("SELECT text FROM tag_rejections WHERE article_id = ? AND kind = 'zone'").pluck()
  const findings = new Map(proofIssue(ctx, issueId).articles.map((a) => [a.articleId, a.findings.length]))
  const gazetteer = loadGazetteer(registryGazetteer(ctx))
  const copyfit = storedCopyfit(ctx, issueId)

  const deskRows: DeskRow[] = rows.map((row) => {
    type Who = { person_id: number | null; person_name: string | null }
    const step = lastStep.get(row.id) as (Who & { at: string }) | undefined
    const revision = lastRevision.get(row.id) as (Who & { created_at: string }) | undefined
    const editor: PersonRef | null =
      revision && revision.person_name !== null ? personOf(revision.person_id, revision.person_name) : null
    // Who holds it: whoever acted last, a review step or an edit (a revision kept after it).
    const holder =
      step && (!revision || step.at >= revision.created_at) ? personOf(step.person_id, step.person_name) : editor
    return {
      articleId: row.id,
      position: row.position,
      kicker: row.kicker,
      headline: row.headline,
      stage: row.review_stage,
      holder,
      charCount: row.char_count,
      // As last measured, unless the article changed since (then only a new measurement knows).
      copyfitLines: copyfit && row.updated_at <= copyfit.measuredAt ? (copyfit.lines[String(row.id)] ?? null) : null,
      untaggedZones: untaggedZoneCount(row.body_json, new Set(rejections.all(row.id) as string[]), gazetteer),
      proofFindings: findings.get(row.id) ?? 0,
      lastChange: { at: row.updated_at, by: editor },
    }
  })
  return { issueId, rows: deskRows, signoff: getIssueSignoff(ctx, issueId) }
}
