/** Turns files the editor chose or dropped into preview articles (nothing is written yet). */
import { toIssueFields, type IssueFields } from '@shared/import/masthead-fields'
import { editableArticles, type LineExtra } from '@shared/import/editable'
import type { ImportImage } from '@shared/import/model'
import type { ImportNote, ParsedArticle } from '@shared/import/plaintext'
import { callWithBytes } from '../../api'
import { readTextFile } from './textFile'

/**
 * An article in the preview: its lines with roles, for text and Word alike. A Word article keeps
 * what only Word has (runs, images) in `extras`, by line number, one record per file.
 */
export type PreviewArticle =
  | { source: 'text'; file: string; article: ParsedArticle }
  | { source: 'docx'; file: string; article: ParsedArticle; extras: Record<number, LineExtra>; warnings: string[] }

export interface Preview {
  articles: PreviewArticle[]
  images: ImportImage[]
  /** Masthead of the first text file that had one. */
  issue: IssueFields | null
  notes: ImportNote[]
  errors: { file: string; message_zh: string; message_en: string }[]
}

export const IMPORTABLE = '.txt,.text,.docx,.pdf,.folio'

export const isBundle = (file: File): boolean => /\.folio$/i.test(file.name)

/** How far reading is: the file being read (its name) and the share of it done, 0 to 1. */
export type ReadProgress = (file: string, fraction: number) => void

export async function readFiles(
  files: File[],
  split: 'file' | 'headings',
  onProgress: ReadProgress = () => {},
): Promise<Preview> {
  const preview: Preview = { articles: [], images: [], issue: null, notes: [], errors: [] }
  for (const file of files) {
    try {
      // A PDF is read in the main process as a .docx is, and previewed the same way (its lines
      // editable, the reading's warnings above them); an issue's PDF is always split into articles.
      if (/\.(?:docx|pdf)$/i.test(file.name)) {
        const bytes = new Uint8Array(await file.arrayBuffer())
        const docx = /\.pdf$/i.test(file.name)
          ? await callWithBytes('import.pdf', bytes, {})
          : await callWithBytes('import.docx', bytes, { split })
        preview.images.push(...docx.images)
        const warnings = docx.warnings.map((w) => w.message_zh)
        const { articles, extras } = editableArticles(docx.articles)
        preview.articles.push(
          ...articles.map((article) => ({ source: 'docx' as const, file: file.name, article, extras, warnings })),
        )
        continue
      }
      // Refused by its size before it is read; parsed in a worker, telling how far it is.
      onProgress(file.name, 0)
      const read = await readTextFile(file, (fraction) => onProgress(file.name, fraction))
      if ('error' in read) {
        const { message_zh, message_en } = read.error
        preview.errors.push({ file: file.name, message_zh, message_en })
        continue
      }
      const parsed = read.parsed
      if (parsed.articles.length === 0) {
        preview.errors.push({ file: file.name, message_zh: '没有找到任何稿件。', message_en: 'No articles found.' })
        continue
      }
      if (!preview.issue && parsed.issue.title) preview.issue = toIssueFields(parsed)
      preview.notes.push(...parsed.notes)
      preview.articles.push(
        ...parsed.articles.map((article) => ({ source: 'text' as const, file: file.name, article })),
      )
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const folio = (error as { error?: { message_zh: string; message_en: string } }).error
      preview.errors.push({
        file: file.name,
        message_zh: folio?.message_zh ?? message,
        message_en: folio?.message_en ?? message,
      })
    }
  }
  return preview
}
