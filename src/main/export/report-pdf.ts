/**
 * 校对报告 as a PDF: the report (proof.issue) as a plain HTML document of tables, printed by the
 * same print engine as the issue (Chromium from the private origin, the bundled Noto faces served
 * as subsets, never system fonts), finished with the same PDF metadata.
 */
import { CATEGORIES, type Category, type RateWeights } from '../../shared/proof'
import { thresholdLabel, type ProofField, type ProofReport, type ReportFinding } from '../../shared/api/proof-types'
import { openDocument, PRINT_ORIGIN, type PrintEngine } from './browser'
import { fontFaceCss } from './fonts'
import { esc } from './typeset'

export type ReportLang = 'zh' | 'en'

const CATEGORY_EN: Record<Category, string> = {
  标点: 'Punctuation',
  数字: 'Numbers',
  计量单位: 'Units',
  字词: 'Words',
  规范表述: 'Usage',
  体例: 'House style',
}

const FIELD_LABEL: Record<ProofField, [string, string]> = {
  kicker: ['引题', 'Kicker'],
  headline: ['主题', 'Headline'],
  subtitle: ['副题', 'Subtitle'],
  dateline: ['电头', 'Dateline'],
  body: ['正文', 'Body'],
  byline: ['署名', 'Byline'],
  masthead: ['报头', 'Masthead'],
}

const LABELS = {
  zh: {
    title: '校对报告',
    rate: '差错率',
    pass: '合格',
    over: (line: string) => `超出${line}`,
    line: (line: string) => `合格线 ${line}`,
    chars: '检查字数',
    charsCol: '字数',
    errors: '计错',
    findings: '处数',
    category: '类别',
    byCategory: '分类合计',
    articles: '稿件',
    no: '序号',
    headline: '标题',
    untitled: '（无标题）',
    details: '差错明细',
    field: '位置',
    text: '原文',
    fix: '建议',
    message: '说明',
    none: '未发现问题。',
    masthead: '报头',
    total: '合计',
    basis: (w: RateWeights) =>
      `依《报纸期刊质量管理规定》附件计算：差错数 ÷ 检查字数，以万分比表示。标题和报头中的差错按 ${w.headlineFactor} 倍计，同一差错一期最多计 ${w.maxRepeats} 次；标点每处计 ${w.perFinding['标点']} 个差错。`,
    per10k: (n: number) => `万分之${n}`,
    category_: (c: Category) => c,
    field_: (f: ProofField) => FIELD_LABEL[f][0],
  },
  en: {
    title: 'Proofing report',
    rate: 'Error rate',
    pass: 'Pass',
    over: (line: string) => `Over ${line}`,
    line: (line: string) => `Line ${line}`,
    chars: 'Characters checked',
    charsCol: 'Chars',
    errors: 'Errors',
    findings: 'Findings',
    category: 'Category',
    byCategory: 'By category',
    articles: 'Articles',
    no: 'No.',
    headline: 'Headline',
    untitled: '(untitled)',
    details: 'Findings in detail',
    field: 'Where',
    text: 'Text',
    fix: 'Fix',
    message: 'Note',
    none: 'No findings.',
    masthead: 'Masthead',
    total: 'Total',
    basis: (w: RateWeights) =>
      `Counted as the annex of the 2020 newspaper and periodical quality regulation counts it: errors ÷ characters checked, per 10,000. Errors in headlines and the masthead count ${w.headlineFactor} times, one error repeated counts at most ${w.maxRepeats} times, a punctuation error ${w.perFinding['标点']}.`,
    per10k: (n: number) => `${n} per 10,000`,
    category_: (c: Category) => CATEGORY_EN[c],
    field_: (f: ProofField) => FIELD_LABEL[f][1],
  },
}

const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Noto Sans SC', sans-serif; font-size: 9pt; color: #1a1a1a; line-height: 1.45; }
h1 { font-family: 'Noto Serif SC', serif; font-weight: 900; font-size: 18pt; margin: 0 0 2mm; }
.issue { color: #555; margin-bottom: 5mm; }
.rate { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6mm; border: 0.4mm solid #1a1a1a; padding: 3mm 5mm; margin-bottom: 5mm; }
.rate > span { white-space: nowrap; }
.rate .value { font-size: 20pt; font-weight: 700; }
.rate .verdict { font-size: 12pt; font-weight: 700; padding: 0.5mm 3mm; border-radius: 1mm; }
.rate.pass .verdict { color: #fff; background: #1f7a3a; }
.rate.fail .verdict { color: #fff; background: #b3261e; }
.rate .facts { color: #444; }
h2 { font-size: 11pt; margin: 6mm 0 2mm; font-weight: 700; }
h3 { font-size: 9.5pt; margin: 4mm 0 1mm; font-weight: 700; break-after: avoid; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.2mm solid #999; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: 700; white-space: nowrap; }
table.detail { table-layout: fixed; }
table.detail td:nth-child(1), table.detail td:nth-child(2), table.detail td:nth-child(4) { white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
tfoot td { font-weight: 700; }
.mono { white-space: pre-wrap; }
mark { background: #f6e0de; color: #b3261e; font-weight: 700; padding: 0 0.3mm; }
.ws { display: inline-block; min-width: 0.6em; border-bottom: 0.3mm solid #b3261e; background: #f6e0de; color: #b3261e; }
.ws.br { min-width: 1.2em; height: 0.9em; border-right: 0.3mm solid #b3261e; }
.basis { color: #555; font-size: 8pt; margin-top: 6mm; }
`

/** Table body rows of HTML cells (escaped by the caller); numeric columns right-aligned. */
export function rows(cells: readonly string[][], numeric: readonly boolean[]): string {
  return cells
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('')
}

/** A table head of plain-text labels. */
export function head(cells: readonly string[], numeric: readonly boolean[]): string {
  return `<thead><tr>${cells.map((c, i) => `<th${numeric[i] ? ' class="n"' : ''}>${esc(c)}</th>`).join('')}</tr></thead>`
}

/**
 * A finding's text with its invisible characters shown (a space, a line break) as marked boxes:
 * drawn by CSS, not by symbols such as ␣ that the bundled faces lack (Chromium would reach for a
 * system font and embed it as a Type 3 bitmap).
 */
const shown = (s: string): string =>
  s
    .split(/( |\n)/)
    .map((part) =>
      part === ' ' ? '<span class="ws"> </span>' : part === '\n' ? '<span class="ws br"></span>' : esc(part),
    )
    .join('')

/** The report as a document to print: tables only, the bundled faces from the private origin. */
export function reportHtml(report: ProofReport, lang: ReportLang = 'zh'): string {
  const L = LABELS[lang]
  const { rate } = report
  const line = L.per10k(rate.threshold)
  const lineText = lang === 'zh' ? thresholdLabel(rate.threshold) : line
  const issueLine = [report.issue.title, report.issue.edition, report.issue.number, report.issue.publicationDate]
    .filter(Boolean)
    .join(' ')

  const catNumeric = [false, true, true]
  const catTable =
    `<table>${head([L.category, L.findings, L.errors], catNumeric)}<tbody>` +
    rows(
      CATEGORIES.map((c) => [
        esc(L.category_(c)),
        String(report.byCategory[c].findings),
        String(report.byCategory[c].errors),
      ]),
      catNumeric,
    ) +
    `</tbody><tfoot>${rows(
      [[esc(L.total), String(CATEGORIES.reduce((n, c) => n + report.byCategory[c].findings, 0)), String(rate.errors)]],
      catNumeric,
    )}</tfoot></table>`

  const artNumeric = [true, false, true, ...CATEGORIES.map(() => true), true]
  const masthead = report.masthead.findings.length > 0
  const artRows = report.articles.map((a, i) => [
    String(i + 1),
    esc(a.headline || L.untitled),
    String(a.chars),
    ...CATEGORIES.map((c) => String(a.byCategory[c].findings || '')),
    String(a.errors),
  ])
  if (masthead) {
    const counts = (c: Category) => report.masthead.findings.filter((f) => f.category === c).length
    artRows.unshift([
      '',
      esc(L.masthead),
      String(report.masthead.chars),
      ...CATEGORIES.map((c) => String(counts(c) || '')),
      String(report.masthead.errors),
    ])
  }
  const artTable =
    `<table>${head([L.no, L.headline, L.charsCol, ...CATEGORIES.map(L.category_), L.errors], artNumeric)}<tbody>` +
    rows(artRows, artNumeric) +
    '</tbody></table>'

  const detailNumeric = [false, false, false, false, false]
  const detail = (title: string, findings: readonly ReportFinding[]): string =>
    findings.length === 0
      ? ''
      : `<h3>${esc(title)}</h3><table class="detail"><colgroup><col style="width:9%"><col style="width:${lang === 'zh' ? 8 : 13}%"><col style="width:40%"><col style="width:7%"><col></colgroup>${head([L.field, L.category, L.text, L.fix, L.message], detailNumeric)}<tbody>` +
        rows(
          findings.map((f) => [
            esc(L.field_(f.field)),
            esc(L.category_(f.category)),
            `<span class="mono">${esc(f.before)}<mark>${shown(f.text)}</mark>${esc(f.after)}</span>`,
            f.fix === null ? '—' : `<span class="mono">${shown(f.fix)}</span>`,
            esc(lang === 'zh' ? f.message_zh : f.message_en),
          ]),
          detailNumeric,
        ) +
        '</tbody></table>'
  const details = [
    masthead ? detail(L.masthead, report.masthead.findings) : '',
    ...report.articles.map((a, i) => detail(`${i + 1}. ${a.headline || L.untitled}`, a.findings)),
  ].join('')

  return tablesDocument({
    lang,
    title: `${L.title} ${issueLine}`,
    body: `<h1>${esc(L.title)}</h1>
<div class="issue">${esc(issueLine)}</div>
<div class="rate ${rate.pass ? 'pass' : 'fail'}">
<span>${esc(L.rate)}</span><span class="value">${esc(L.per10k(rate.per10k))}</span>
<span class="verdict">${esc(rate.pass ? L.pass : L.over(lineText))}</span>
<span class="facts">${esc(`${L.line(lineText)} · ${L.chars} ${rate.chars} · ${L.errors} ${rate.errors}`)}</span>
</div>
<h2>${esc(L.byCategory)}</h2>${catTable}
<h2>${esc(L.articles)}</h2>${artTable}
${details ? `<h2>${esc(L.details)}</h2>${details}` : `<p>${esc(L.none)}</p>`}
<p class="basis">${esc(L.basis(report.weights))}</p>`,
  })
}

/**
 * A document of tables on A4 (the 校对报告, the 审签单): the bundled faces from the private origin,
 * the report's styles plus `css`, ready once fonts are loaded.
 */
export function tablesDocument(o: { lang: ReportLang; title: string; css?: string; body: string }): string {
  const ready =
    "window.folioPrint={done:new Promise(function(r){if(document.readyState==='complete')r();else addEventListener('load',function(){r()})}).then(function(){return document.fonts.ready}).then(function(){return true})}"
  return `<!doctype html><html lang="${o.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<title>${esc(o.title)}</title>
<style>${fontFaceCss((file) => `${PRINT_ORIGIN}/fonts/${file.file}`)}${REPORT_CSS}${o.css ?? ''}</style>
<script>${ready}</script></head><body>
${o.body}
</body></html>`
}

/** A table document printed to PDF bytes by the print engine and finished with the PDF metadata. */
export async function printTables(
  engine: PrintEngine,
  html: string,
  info: { title: string; subject: string },
  now?: Date,
): Promise<Buffer> {
  const page = await openDocument(engine, { html })
  try {
    const pdf = await page.pdf()
    // Loaded on first PDF, not at every start (like playwright-core).
    const { finishPdf } = await import('./pdf-finish')
    return await finishPdf(pdf, { ...info, author: 'Folio' }, { ...(now && { now }) })
  } finally {
    await page.close()
  }
}

/** The report printed to PDF bytes in the given engine (the session's print browser). */
export async function reportPdf(
  engine: PrintEngine,
  report: ProofReport,
  options: { lang?: ReportLang; now?: Date } = {},
): Promise<Buffer> {
  const lang = options.lang ?? 'zh'
  const issue = [report.issue.title, report.issue.edition, report.issue.number].filter(Boolean).join(' ')
  return printTables(
    engine,
    reportHtml(report, lang),
    { title: `${LABELS[lang].title} ${issue}`, subject: issue },
    options.now,
  )
}
