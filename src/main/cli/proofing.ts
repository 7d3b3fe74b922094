/** `folio proof FILE` and `folio proof article ID`: the shared proofing rules over a file or a stored article. */
import { fail } from '../../shared/api/errors'
import { proofText, zoneMentions, type Finding } from '../../shared/proof'
import { detectTags } from '../../shared/tagging'
import type { ProofReport } from '../../shared/api/proof-types'
import type { Api } from '../api'
import { requireId } from './args'
import { readTextFile, starterGazetteer } from './tagging'

/** The documented JSON shape: offsets are UTF-16 code units into the decoded text. */
function describeFinding(f: Finding) {
  return {
    rule: f.rule,
    category: f.category,
    start: f.start,
    end: f.end,
    text: f.text,
    message_zh: f.message_zh,
    message_en: f.message_en,
    fix: f.fix,
  }
}

export function proofPlainText(text: string) {
  const zones = (t: string) => zoneMentions(detectTags(t, starterGazetteer()))
  return { findings: proofText(text, { zones }).map(describeFinding) }
}

export function proofFile(file: string | undefined) {
  if (!file) fail('invalid_input', '请给出要校对的文本文件。', 'Give the text file to proof.')
  return proofPlainText(readTextFile(file))
}

export function proofArticle(api: Api, raw: string | undefined) {
  const article = api.call('article.get', { id: requireId(raw, '稿件') })
  return proofPlainText(article.bodyText)
}

export const proofHuman = (data: unknown): string => {
  const { findings } = data as ReturnType<typeof proofPlainText>
  if (findings.length === 0) return '（未发现问题 no findings）'
  const rows = findings.map(
    (f) =>
      `${f.start}-${f.end}\t${f.category}\t${f.rule}\t${JSON.stringify(f.text)}${f.fix === null ? '' : ` → ${JSON.stringify(f.fix)}`}\t${f.message_zh}`,
  )
  return [...rows, `共 ${findings.length} 处 / ${findings.length} findings`].join('\n')
}

/** `proof issue ID`: the 校对报告 of an issue, exactly as proof.issue answers it. */
export function proofIssue(api: Api, raw: string | undefined): ProofReport {
  return api.call('proof.issue', { issueId: requireId(raw, '期次') })
}

export const proofIssueHuman = (data: unknown): string => {
  const report = data as ProofReport
  const { rate } = report
  const categories = (byCategory: ProofReport['byCategory']) =>
    Object.entries(byCategory)
      .filter(([, c]) => c.findings > 0)
      .map(([name, c]) => `${name} ${c.findings}`)
      .join('，') || '无'
  const rows = report.articles.map(
    (a) =>
      `#${a.articleId}\t${a.headline || '（无标题）'}\t${a.chars} 字\t${categories(a.byCategory)}\t计错 ${a.errors}`,
  )
  if (report.masthead.findings.length > 0) {
    rows.unshift(
      `报头\t${report.issue.title}\t${report.masthead.chars} 字\t${categories(countsOf(report.masthead.findings))}\t计错 ${report.masthead.errors}`,
    )
  }
  const verdict = rate.pass ? '合格 pass' : `超出万分之${rate.threshold} over the line`
  return [
    `${report.issue.title}${report.issue.edition ? ` ${report.issue.edition}` : ''} ${report.issue.number}`.trim(),
    ...rows,
    `合计 ${rate.chars} 字，计错 ${rate.errors}（${categories(report.byCategory)}）`,
    `差错率 万分之${rate.per10k}（${verdict}） / error rate ${rate.per10k} per 10,000`,
  ].join('\n')
}

function countsOf(findings: ProofReport['masthead']['findings']): ProofReport['byCategory'] {
  const counts = {} as ProofReport['byCategory']
  for (const f of findings) {
    counts[f.category] ??= { findings: 0, errors: 0 }
    counts[f.category].findings++
  }
  return counts
}
