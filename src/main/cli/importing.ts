/**
 * `folio import FILE`: plain text extracted from a printed issue, a Word .docx or a printed issue's
 * PDF, through the same parsers the UI's import preview uses, then `import.commit` unless --dry-run.
 */
import { readFileSync, statSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { fail } from '../../shared/api/errors'
import type { Issue } from '../../shared/api/types'
import type { ImportArticle, ImportImage } from '../../shared/import/model'
import { MAX_TEXT_BYTES } from '../../shared/import/decode'
import type { Api } from '../api'
import { parseDocx } from '../import/docx'
import { parsePdf } from '../import/pdf'
import { toImportArticle } from '../../shared/import/model'
import { toIssueFields } from '../../shared/import/masthead-fields'
import { parseTextFile } from '../services/import'

type IssueFields = ReturnType<typeof toIssueFields>

interface Prepared {
  issue: IssueFields
  articles: ImportArticle[]
  images: ImportImage[]
}

async function prepare(file: string, split: 'file' | 'headings'): Promise<Prepared> {
  let size: number
  try {
    size = statSync(file).size
  } catch {
    fail('not_found', `找不到文件：${file}`, `No such file: ${file}`)
  }
  if (extname(file).toLowerCase() === '.docx') {
    const docx = await parseDocx(readFileSync(file), { split })
    const title = basename(file, extname(file))
    return { issue: { title }, articles: docx.articles, images: docx.images }
  }
  if (extname(file).toLowerCase() === '.pdf') {
    const pdf = await parsePdf(readFileSync(file))
    if (pdf.articles.length === 0) {
      fail('invalid_input', '这个 PDF 里没有读出任何稿件。', 'No articles could be read from this PDF.')
    }
    return { issue: { title: basename(file, extname(file)) }, articles: pdf.articles, images: pdf.images }
  }
  if (size > MAX_TEXT_BYTES) {
    fail(
      'too_large',
      `文件过大（超过 ${MAX_TEXT_BYTES / 1024 / 1024} MB）。`,
      `The file is too large (over ${MAX_TEXT_BYTES / 1024 / 1024} MB).`,
    )
  }
  const parsed = parseTextFile(readFileSync(file))
  if (parsed.articles.length === 0) {
    fail('invalid_input', '文件里没有找到任何稿件。', 'No articles were found in the file.')
  }
  return { issue: toIssueFields(parsed), articles: parsed.articles.map(toImportArticle), images: [] }
}

/** The documented JSON shape of `import --json`. */
function describe(issue: Partial<Issue> & { title: string }, articles: ImportArticle[], ids: (number | null)[]) {
  const orNull = (value: string | undefined | null): string | null => (value ? value : null)
  return {
    issue: {
      id: issue.id ?? null,
      title: issue.title,
      edition: orNull(issue.edition),
      number: orNull(issue.number),
      guidance: orNull(issue.guidance),
      postal_code: orNull(issue.postalCode),
      email: orNull(issue.email),
    },
    articles: articles.map((article, index) => ({
      id: ids[index] ?? null,
      kicker: article.kicker,
      headline: article.headline,
      subtitle: article.subtitle,
      dateline: article.dateline,
      byline: article.byline,
      subheads: article.blocks.flatMap((b) => (b.type === 'subhead' ? [b.text] : [])),
      photos: article.blocks.flatMap((b) => (b.type === 'photo' ? [{ caption: b.caption, credit: b.credit }] : [])),
      paragraphs: article.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])),
    })),
  }
}

export async function runImport(
  api: Api,
  file: string,
  options: { issueId?: number; dryRun: boolean; split: 'file' | 'headings' },
): Promise<unknown> {
  const prepared = await prepare(file, options.split)
  if (options.dryRun) {
    const target = options.issueId !== undefined ? api.call('issue.get', { id: options.issueId }) : prepared.issue
    return describe(target, prepared.articles, [])
  }
  const result = api.call('import.commit', {
    ...(options.issueId !== undefined ? { issueId: options.issueId } : { issue: prepared.issue }),
    articles: prepared.articles,
    images: prepared.images,
  })
  return describe(
    result.issue,
    prepared.articles,
    result.articles.map((a) => a.id),
  )
}
