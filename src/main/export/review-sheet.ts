/**
 * 审签单: the review record of an article (三审: who passed or returned it at 初审/复审/终审, when,
 * with what comment; the signed revision's hash and 字数) or of an issue (every article's chain and
 * the issue's sign-off), as a PDF for the newsroom's files. Printed like the 校对报告
 * (report-pdf.ts: the same document shell, table styles and print engine).
 */
import type { Input, Result } from '../../shared/api/contract'
import {
  REVIEWS,
  STAGE_EN,
  STAGE_ZH,
  type ArticleReview,
  type IssueSignoff,
  type Review,
  type ReviewDecision,
  type ReviewStep,
} from '../../shared/api/review-types'
import type { Issue } from '../../shared/api/types'
import type { PrintEngine } from './browser'
import { head, printTables, rows, tablesDocument, type ReportLang } from './report-pdf'
import { signedAtText } from './stamp'
import { esc } from './typeset'

/** What a sheet reads of the library. */
export type SheetMethod =
  | 'issue.get'
  | 'article.get'
  | 'article.list'
  | 'review.get'
  | 'revision.get'
  | 'issue.signoff.get'
/** A library read, typed by the contract (inside one transaction: the sheet is one moment's record). */
export type Read = <M extends SheetMethod>(method: M, input: Input<M>) => Result<M>

export interface SheetArticle {
  articleId: number
  position: number
  kicker: string
  headline: string
  subtitle: string
  byline: string
  charCount: number
  review: ArticleReview
  /** The text frozen at 终审 (签发): its revision, the SHA-256 of its plain text and its 字数. */
  signed: { revisionId: number; textHash: string; charCount: number; at: string; by: string } | null
}

export type Sheet =
  | { kind: 'article'; issue: Issue; article: SheetArticle }
  | { kind: 'issue'; issue: Issue; articles: SheetArticle[]; signoff: IssueSignoff | null }

function sheetArticle(read: Read, articleId: number): SheetArticle {
  const a = read('article.get', { id: articleId })
  const review = read('review.get', { articleId })
  const final = review.stage === 'signed' ? lastStep(review.steps, '终审', ['pass']) : null
  const revision = final ? read('revision.get', { id: final.revisionId }) : null
  return {
    articleId: a.id,
    position: a.position,
    kicker: a.kicker,
    headline: a.headline,
    subtitle: a.subtitle,
    byline: a.byline,
    charCount: a.charCount,
    review,
    signed:
      final && revision
        ? {
            revisionId: final.revisionId,
            textHash: final.textHash,
            charCount: revision.charCount,
            at: final.at,
            by: final.by.name,
          }
        : null,
  }
}

export function loadSheet(read: Read, target: { articleId: number } | { issueId: number }): Sheet {
  if ('articleId' in target) {
    const article = sheetArticle(read, target.articleId)
    const issueId = read('article.get', { id: target.articleId }).issueId
    return { kind: 'article', issue: read('issue.get', { id: issueId }), article }
  }
  const issue = read('issue.get', { id: target.issueId })
  const articles = read('article.list', { issueId: issue.id }).map((s) => sheetArticle(read, s.id))
  return { kind: 'issue', issue, articles, signoff: read('issue.signoff.get', { issueId: issue.id }) }
}

/** The steps of the chain now running: from the last submit on (a return or reopen ends a chain). */
export function currentChain(steps: readonly ReviewStep[]): ReviewStep[] {
  let start = -1
  steps.forEach((s, i) => {
    if (s.decision === 'submit') start = i
  })
  return start < 0 ? [] : steps.slice(start)
}

function lastStep(steps: readonly ReviewStep[], review: Review, decisions: ReviewDecision[]): ReviewStep | null {
  const chain = currentChain(steps)
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i]
    if (s && s.stage === review && decisions.includes(s.decision)) return s
  }
  return null
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** 2026-12-02 14:30, in this machine's time zone (the English sheet). */
function localTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

const LABELS = {
  zh: {
    article: '稿件审签单',
    issue: '本期审签单',
    headline: '主题',
    kicker: '引题',
    subtitle: '副题',
    byline: '署名',
    chars: '字数',
    stage: '审稿阶段',
    review: '环节',
    person: '审稿人',
    signer: '签发人',
    at: '时间',
    decision: '意见',
    comment: '备注',
    revision: '修订',
    log: '审稿记录',
    chain: '三审',
    none: '—',
    noSteps: '尚无审稿记录。',
    signed: '签发稿',
    notSigned: '尚未签发。',
    hash: '文本 SHA-256',
    revisionNo: (id: number) => `第 ${id} 号修订`,
    no: '序号',
    untitled: '（无标题）',
    signoff: '签发本期',
    signoffBy: (name: string, at: string) => `${name} 于 ${at} 签发本期，准予付印。`,
    signoffNone: '本期尚未签发（校样）。',
    signoffMissing: (n: number) => `尚有 ${n} 篇稿件未签发。`,
    decisions: { submit: '送审', pass: '通过', return: '退改', reopen: '重开' } as Record<ReviewDecision, string>,
    finalPass: '签发',
    review_: (r: Review) => r,
    stage_: (s: ArticleReview['stage']) => STAGE_ZH[s],
    printed: (at: string) => `打印于 ${at}`,
    time: signedAtText,
  },
  en: {
    article: 'Review sheet',
    issue: 'Issue review sheet',
    headline: 'Headline',
    kicker: 'Kicker',
    subtitle: 'Subtitle',
    byline: 'Byline',
    chars: 'Chars',
    stage: 'Stage',
    review: 'Review',
    person: 'Reviewer',
    signer: 'Signed off by',
    at: 'Time',
    decision: 'Decision',
    comment: 'Comment',
    revision: 'Revision',
    log: 'Review log',
    chain: 'Three reviews',
    none: '—',
    noSteps: 'No review steps yet.',
    signed: 'Signed text',
    notSigned: 'Not signed off yet.',
    hash: 'Text SHA-256',
    revisionNo: (id: number) => `Revision ${id}`,
    no: 'No.',
    untitled: '(untitled)',
    signoff: 'Issue sign-off',
    signoffBy: (name: string, at: string) => `Signed off by ${name} at ${at}: cleared for press.`,
    signoffNone: 'The issue is not signed off (proof).',
    signoffMissing: (n: number) => `${n} article(s) not signed off yet.`,
    decisions: { submit: 'Submitted', pass: 'Passed', return: 'Returned', reopen: 'Reopened' } as Record<
      ReviewDecision,
      string
    >,
    finalPass: 'Signed off',
    review_: (r: Review) => ({ 初审: 'First', 复审: 'Second', 终审: 'Final' })[r],
    stage_: (s: ArticleReview['stage']) => STAGE_EN[s],
    printed: (at: string) => `Printed ${at}`,
    time: localTime,
  },
}

type L = (typeof LABELS)['zh'] | (typeof LABELS)['en']

const SHEET_CSS = `
table.facts { width: auto; margin-bottom: 4mm; }
table.facts th { text-align: right; }
.hash { font-family: 'Noto Sans SC', sans-serif; font-size: 7.5pt; word-break: break-all; }
.hash.short { white-space: nowrap; word-break: normal; }
.verdict { font-weight: 700; }
.returned { color: #b3261e; }
.sign { border: 0.4mm solid #1a1a1a; padding: 3mm 5mm; margin: 5mm 0; font-size: 10.5pt; }
.sign.open { border-style: dashed; }
.printed { color: #555; font-size: 8pt; margin-top: 6mm; }
`

function decisionText(L: L, s: ReviewStep): string {
  return s.decision === 'pass' && s.stage === '终审' ? L.finalPass : L.decisions[s.decision]
}

function chainTable(L: L, a: SheetArticle): string {
  const numeric = [false, false, false, false, false]
  const cells = REVIEWS.map((r) => {
    const s = lastStep(a.review.steps, r, ['pass', 'return'])
    return s
      ? [
          esc(L.review_(r)),
          esc(s.by.name),
          esc(L.time(s.at)),
          `<span class="verdict${s.decision === 'return' ? ' returned' : ''}">${esc(decisionText(L, s))}</span>`,
          esc(s.comment),
        ]
      : [esc(L.review_(r)), L.none, L.none, L.none, '']
  })
  return `<table>${head([L.review, L.person, L.at, L.decision, L.comment], numeric)}<tbody>${rows(cells, numeric)}</tbody></table>`
}

function logTable(L: L, a: SheetArticle): string {
  if (a.review.steps.length === 0) return `<p>${esc(L.noSteps)}</p>`
  const numeric = [true, false, false, false, false, false, true]
  const cells = a.review.steps.map((s, i) => [
    String(i + 1),
    esc(L.review_(s.stage)),
    `<span class="verdict${s.decision === 'return' ? ' returned' : ''}">${esc(decisionText(L, s))}</span>`,
    esc(s.by.name),
    esc(L.time(s.at)),
    esc(s.comment),
    String(s.revisionId),
  ])
  return `<table>${head([L.no, L.review, L.decision, L.person, L.at, L.comment, L.revision], numeric)}<tbody>${rows(cells, numeric)}</tbody></table>`
}

function signedBlock(L: L, a: SheetArticle): string {
  if (!a.signed) return `<p>${esc(L.notSigned)}</p>`
  return (
    `<table class="facts"><tbody>` +
    `<tr><th>${esc(L.revision)}</th><td>${esc(L.revisionNo(a.signed.revisionId))}</td></tr>` +
    `<tr><th>${esc(L.chars)}</th><td>${a.signed.charCount}</td></tr>` +
    `<tr><th>${esc(L.hash)}</th><td class="hash">${esc(a.signed.textHash)}</td></tr>` +
    `<tr><th>${esc(L.signer)}</th><td>${esc(`${a.signed.by} · ${L.time(a.signed.at)}`)}</td></tr>` +
    `</tbody></table>`
  )
}

const issueLine = (issue: Issue): string =>
  [issue.title, issue.edition, issue.number, issue.publicationDate].filter(Boolean).join(' ')

function articleSection(L: L, a: SheetArticle): string {
  const facts = [
    a.kicker && [L.kicker, a.kicker],
    [L.headline, a.headline || L.untitled],
    a.subtitle && [L.subtitle, a.subtitle],
    a.byline && [L.byline, a.byline],
    [L.chars, String(a.charCount)],
    [L.stage, L.stage_(a.review.stage)],
  ].filter((r): r is [string, string] => Array.isArray(r))
  return (
    `<table class="facts"><tbody>${facts.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>` +
    `<h2>${esc(L.chain)}</h2>${chainTable(L, a)}` +
    `<h2>${esc(L.signed)}</h2>${signedBlock(L, a)}` +
    `<h2>${esc(L.log)}</h2>${logTable(L, a)}`
  )
}

function issueTable(L: L, articles: readonly SheetArticle[]): string {
  const numeric = [true, false, false, false, false, false, true, false]
  const who = (a: SheetArticle, r: Review): string => {
    const s = lastStep(a.review.steps, r, ['pass', 'return'])
    return s
      ? `<span class="${s.decision === 'return' ? 'returned' : ''}">${esc(`${s.by.name}${s.decision === 'return' ? `（${L.decisions.return}）` : ''}`)}</span><br>${esc(L.time(s.at))}`
      : L.none
  }
  const cells = articles.map((a, i) => [
    String(i + 1),
    esc(a.headline || L.untitled),
    esc(L.stage_(a.review.stage)),
    ...REVIEWS.map((r) => who(a, r)),
    String(a.signed?.charCount ?? a.charCount),
    a.signed ? `<span class="hash short">${esc(a.signed.textHash.slice(0, 12))}</span>` : L.none,
  ])
  return `<table>${head([L.no, L.headline, L.stage, ...REVIEWS.map(L.review_), L.chars, L.hash], numeric)}<tbody>${rows(cells, numeric)}</tbody></table>`
}

function signoffBlock(L: L, sheet: Extract<Sheet, { kind: 'issue' }>): string {
  if (sheet.signoff) {
    return `<div class="sign">${esc(L.signoffBy(sheet.signoff.by.name, L.time(sheet.signoff.at)))}</div>`
  }
  const missing = sheet.articles.filter((a) => a.review.stage !== 'signed').length
  return `<div class="sign open">${esc(L.signoffNone)}${missing > 0 ? ` ${esc(L.signoffMissing(missing))}` : ''}</div>`
}

export function sheetTitle(sheet: Sheet, lang: ReportLang = 'zh'): string {
  const L = LABELS[lang]
  return sheet.kind === 'article'
    ? `${L.article} ${sheet.article.headline || L.untitled}`
    : `${L.issue} ${[sheet.issue.title, sheet.issue.edition, sheet.issue.number].filter(Boolean).join(' ')}`
}

export function sheetHtml(sheet: Sheet, lang: ReportLang = 'zh', now?: Date): string {
  const L = LABELS[lang]
  const printed = now ? `<p class="printed">${esc(L.printed(L.time(now.toISOString())))}</p>` : ''
  const body =
    sheet.kind === 'article'
      ? `<h1>${esc(L.article)}</h1><div class="issue">${esc(issueLine(sheet.issue))}</div>${articleSection(L, sheet.article)}`
      : `<h1>${esc(L.issue)}</h1><div class="issue">${esc(issueLine(sheet.issue))}</div>` +
        `<h2>${esc(L.signoff)}</h2>${signoffBlock(L, sheet)}${issueTable(L, sheet.articles)}`
  return tablesDocument({ lang, title: sheetTitle(sheet, lang), css: SHEET_CSS, body: body + printed })
}

const safe = (s: string): string => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80)

export function sheetFileName(sheet: Sheet): string {
  const issue = [sheet.issue.title, sheet.issue.edition, sheet.issue.number].filter(Boolean).join('-')
  return sheet.kind === 'article'
    ? `审签单-${safe(sheet.article.headline || `稿件${sheet.article.articleId}`)}.pdf`
    : `审签单-${safe(issue || `期${sheet.issue.id}`)}.pdf`
}

/** The sheet printed to PDF bytes by the session's print engine. */
export async function sheetPdf(
  engine: PrintEngine,
  sheet: Sheet,
  options: { lang?: ReportLang; now?: Date } = {},
): Promise<Buffer> {
  const lang = options.lang ?? 'zh'
  const subject = [sheet.issue.title, sheet.issue.edition, sheet.issue.number].filter(Boolean).join(' ')
  return printTables(
    engine,
    sheetHtml(sheet, lang, options.now),
    { title: sheetTitle(sheet, lang), subject },
    options.now,
  )
}
