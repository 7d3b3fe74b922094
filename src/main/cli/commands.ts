/**
 * The `folio` CLI commands: a table of small entries over the same API the UI calls.
 * Later features add entries here; each gets parsed options and returns data to print.
 */
import type { ParseArgsConfig } from 'node:util'
import { fail, FolioFailure } from '../../shared/api/errors'
import { existsSync } from 'node:fs'
import type { Article, ArticleSummary, BackupInfo, Issue, RestoreOutcome, SearchHit } from '../../shared/api/types'
import { STAGE_ZH } from '../../shared/api/review-types'
import type { Api } from '../api'
import type { Library } from '../library'
import { EXPORT_COMMANDS } from './export-commands'
import { requireId } from './args'
import type { FigurePage } from '../../shared/api/tagging-types'
import { runImport } from './importing'
import { proofArticle, proofFile, proofHuman, proofIssue, proofIssueHuman } from './proofing'
import { tagFile, tagHuman, tagText } from './tagging'
import { REVIEW_COMMANDS } from './review'
import { USER_COMMANDS } from './users'

type Options = NonNullable<ParseArgsConfig['options']>
type Values = Record<string, string | boolean | undefined>

export interface Command {
  /** e.g. "issue create" */
  name: string
  summary: string
  usage: string
  options: Options
  /**
   * Only reads: opened read-only, beside a Folio that is writing the same library. Every other
   * command takes the library's one writer lock and is refused clearly while another Folio holds it.
   */
  readOnly?: boolean
  /** Returns the data to print: JSON with --json, `human(data)` without. */
  run(api: Api, values: Values, positionals: string[], library: Library): unknown
  human?(data: unknown): string
}

/** A row offset from the command line: 0 or more. */
function offsetOf(raw: string | boolean): number {
  const n = Number(raw)
  if (typeof raw !== 'string' || !Number.isSafeInteger(n) || n < 0) {
    fail(
      'invalid_input',
      `--offset 需要 0 或正整数，收到「${String(raw)}」。`,
      `--offset takes 0 or more, got "${String(raw)}".`,
    )
  }
  return n
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

const backupRow = (b: BackupInfo): string =>
  `${b.takenAt}\t${b.reason}\t${(b.bytes / 1024 / 1024).toFixed(1)} MB\t${b.issues} 期 ${b.articles} 篇\t${b.path}`
const issueRow = (i: Issue): string =>
  `#${i.id}\t${i.title}${i.edition ? ` ${i.edition}` : ''}\t${i.number}\t${i.publicationDate}\t${i.articleCount} 篇`
const articleRow = (a: ArticleSummary): string =>
  `#${a.id}\t${a.position + 1}\t${a.headline || '（无标题）'}\t${a.charCount} 字\t${STAGE_ZH[a.stage]}`

export const COMMANDS: Command[] = [
  {
    name: 'issue create',
    summary: '新建期次 / create an issue',
    usage:
      'issue create --title T [--number N] [--edition E] [--date YYYY-MM-DD] [--guidance G] [--postal-code C] [--email E]',
    options: {
      title: { type: 'string' },
      number: { type: 'string' },
      edition: { type: 'string' },
      date: { type: 'string' },
      guidance: { type: 'string' },
      publisher: { type: 'string' },
      'postal-code': { type: 'string' },
      email: { type: 'string' },
    },
    run: (api, v) =>
      api.call('issue.create', {
        title: str(v.title) ?? '',
        ...(v.number !== undefined && { number: str(v.number) }),
        ...(v.edition !== undefined && { edition: str(v.edition) }),
        ...(v.date !== undefined && { publicationDate: str(v.date) }),
        ...(v.guidance !== undefined && { guidance: str(v.guidance) }),
        ...(v.publisher !== undefined && { publisher: str(v.publisher) }),
        ...(v['postal-code'] !== undefined && { postalCode: str(v['postal-code']) }),
        ...(v.email !== undefined && { email: str(v.email) }),
      }),
    human: (data) => `已创建 created ${issueRow(data as Issue)}`,
  },
  {
    name: 'issue list',
    readOnly: true,
    summary: '列出期次 / list issues',
    usage: 'issue list [--json]',
    options: {},
    run: (api) => api.call('issue.list', {}),
    human: (data) => (data as Issue[]).map(issueRow).join('\n') || '（暂无期次 no issues）',
  },
  {
    name: 'article list',
    readOnly: true,
    summary: '列出一期的稿件 / list an issue’s articles',
    usage: 'article list --issue ID [--json]',
    options: { issue: { type: 'string' } },
    run: (api, v) => api.call('article.list', { issueId: requireId(v.issue, '期次') }),
    human: (data) => (data as ArticleSummary[]).map(articleRow).join('\n') || '（本期暂无稿件 no articles）',
  },
  {
    name: 'article show',
    readOnly: true,
    summary: '显示一篇稿件 / show an article',
    usage: 'article show ID [--json]',
    options: {},
    run: (api, _v, positionals) => api.call('article.get', { id: requireId(positionals[0], '稿件') }),
    human: (data) => {
      const a = data as Article
      return [
        a.kicker,
        a.headline,
        a.subtitle && `——${a.subtitle}`,
        a.dateline,
        '',
        a.bodyText,
        '',
        a.byline,
        `（${a.charCount} 字）`,
      ]
        .filter((line) => line !== undefined)
        .join('\n')
    },
  },
  {
    name: 'import',
    summary: '导入文本、Word 或 PDF 稿件 / import a text, .docx or .pdf file',
    usage: 'import FILE [--issue ID] [--dry-run] [--split headings] [--json]',
    options: { issue: { type: 'string' }, 'dry-run': { type: 'boolean' }, split: { type: 'string' } },
    run: (api, v, positionals) => {
      const file = positionals[0]
      if (!file) fail('invalid_input', '请给出要导入的文件。', 'Give the file to import.')
      if (v.split !== undefined && v.split !== 'headings' && v.split !== 'file') {
        fail('invalid_input', '--split 只能是 headings 或 file。', '--split must be headings or file.')
      }
      return runImport(api, file, {
        ...(v.issue !== undefined && { issueId: requireId(v.issue, '期次') }),
        dryRun: v['dry-run'] === true,
        split: v.split === 'headings' ? 'headings' : 'file',
      })
    },
    human: (data) => {
      const d = data as { issue: { id: number | null; title: string }; articles: { headline: string | null }[] }
      const lines = d.articles.map((a, i) => `  ${i + 1}. ${a.headline ?? '（无标题）'}`)
      return [
        `${d.issue.id === null ? '预览 preview' : `已导入 imported → #${d.issue.id}`} ${d.issue.title}`,
        ...lines,
      ].join('\n')
    },
  },
  {
    name: 'tag detect',
    summary: '识别文本中的开发区和数据 / detect zones and figures in a text file',
    usage: 'tag detect FILE [--json]',
    options: {},
    run: (_api, _v, positionals) => {
      const file = positionals[0]
      if (!file) fail('invalid_input', '请给出文本文件。', 'Give a text file.')
      return tagFile(file)
    },
    human: tagHuman,
  },
  {
    name: 'tag article',
    readOnly: true,
    summary: '识别一篇稿件中的开发区和数据 / detect zones and figures in a stored article',
    usage: 'tag article ID [--json]',
    options: {},
    run: (api, _v, positionals) => {
      const article = api.call('article.get', { id: requireId(positionals[0], '稿件') })
      return { article: article.id, ...tagText(article.bodyText) }
    },
    human: tagHuman,
  },
  {
    name: 'proof',
    readOnly: true,
    summary: '按标点、数字、计量单位和字词规范校对文本文件 / proof a text file',
    usage: 'proof FILE [--json]',
    options: {},
    run: (_api, _v, positionals) => proofFile(positionals[0]),
    human: proofHuman,
  },
  {
    name: 'proof article',
    readOnly: true,
    summary: '校对一篇稿件的正文 / proof a stored article’s body',
    usage: 'proof article ID [--json]',
    options: {},
    run: (api, _v, positionals) => proofArticle(api, positionals[0]),
    human: proofHuman,
  },
  {
    name: 'proof issue',
    readOnly: true,
    summary: '一期的校对报告与差错率 / the proofing report of an issue, with its error rate',
    usage: 'proof issue ID [--json]',
    options: {},
    run: (api, _v, positionals) => proofIssue(api, positionals[0]),
    human: proofIssueHuman,
  },
  {
    name: 'search',
    readOnly: true,
    summary: '在所有稿件中搜索 / search every article',
    usage: 'search WORDS [--issue ID] [--limit N] [--json]',
    options: { issue: { type: 'string' }, limit: { type: 'string' } },
    run: (api, v, positionals) => {
      const query = positionals.join(' ').trim()
      if (query === '') fail('invalid_input', '请给出要搜索的文字。', 'Give the words to search for.', 'query')
      return api.call('search.articles', {
        query,
        ...(v.issue !== undefined && { issueId: requireId(str(v.issue), '期次') }),
        ...(v.limit !== undefined && { limit: requireId(str(v.limit), '条数') }),
      })
    },
    human: (data) =>
      (data as SearchHit[])
        .map(
          (h) =>
            `#${h.articleId}\t${h.issueNumber}\t${h.headline}\t${h.snippet.before}【${h.snippet.match}】${h.snippet.after}`,
        )
        .join('\n'),
  },
  {
    name: 'figure list',
    readOnly: true,
    summary: '列出标注的数据（分页）/ list tagged figures, a page at a time',
    usage: 'figure list [--zone ID] [--unit U] [--issue ID] [--offset N] [--limit N] [--json]',
    options: {
      zone: { type: 'string' },
      unit: { type: 'string' },
      issue: { type: 'string' },
      offset: { type: 'string' },
      limit: { type: 'string' },
    },
    run: (api, v) =>
      api.call('figure.list', {
        ...(v.zone !== undefined && { zoneId: str(v.zone) }),
        ...(v.unit !== undefined && { unit: str(v.unit) }),
        ...(v.issue !== undefined && { issueId: requireId(str(v.issue), '期次') }),
        ...(v.offset !== undefined && { offset: offsetOf(v.offset) }),
        ...(v.limit !== undefined && { limit: requireId(str(v.limit), '条数') }),
      }),
    human: (data) => {
      const page = data as FigurePage
      return [
        ...page.rows.map((f) =>
          [f.issueNumber, f.headline, f.zoneName ?? '', f.metric, f.period, f.text, f.value, f.unit].join('\t'),
        ),
        `共 ${page.total} 条 / ${page.total} in all`,
      ].join('\n')
    },
  },
  {
    name: 'backup list',
    readOnly: true,
    summary: '列出资料库备份 / list the library’s backups',
    usage: 'backup list [--json]',
    options: {},
    run: (api) => api.call('library.backups', {}),
    human: (data) => (data as BackupInfo[]).map(backupRow).join('\n'),
  },
  {
    name: 'backup',
    summary: '立即备份资料库 / back the library up now',
    usage: 'backup [--json]',
    options: {},
    run: async (api) => {
      const answer = await api.dispatchAsync('library.backup', {})
      if (!answer.ok) throw new FolioFailure(answer.error)
      return answer.result
    },
    human: (data) => backupRow(data as BackupInfo),
  },
  {
    name: 'backup restore',
    summary: '用备份替换资料库（先备份当前的）/ replace the library with a backup (the current one is backed up first)',
    usage: 'backup restore FILE [--json]   # FILE: a name from backup list, or a library file',
    options: {},
    run: async (api, _v, positionals, library) => {
      const file = positionals[0]
      if (!file) fail('invalid_input', '请给出要恢复的备份文件。', 'Name the backup file to restore.', 'file')
      if (existsSync(file)) return library.restoreFile(file)
      const answer = await api.dispatchAsync('library.restore', { file })
      if (!answer.ok) throw new FolioFailure(answer.error)
      return answer.result
    },
    human: (data) => {
      const { restored, safety } = data as RestoreOutcome
      return [
        `已恢复 restored: ${backupRow(restored)}`,
        safety ? `恢复前的资料库已备份 the replaced library was kept as: ${backupRow(safety)}` : '',
      ]
        .filter(Boolean)
        .join('\n')
    },
  },
  ...EXPORT_COMMANDS,
  ...USER_COMMANDS,
  ...REVIEW_COMMANDS,
]
