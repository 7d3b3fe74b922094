/**
 * Writes what an importer produced into the library: optionally a new issue with the masthead's
 * metadata, the articles in order, and their images. One transaction (the API's): a failure
 * anywhere leaves nothing half-imported.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fail } from '../../shared/api/errors'
import type { ParsedInput } from '../../shared/api/contract'
import type { Article, Issue } from '../../shared/api/types'
import { docFromBlocks } from '../../shared/doc/lexical'
import { decodeText } from '../../shared/import/decode'
import { toImportArticle } from '../../shared/import/model'
import { toIssueFields } from '../../shared/import/masthead-fields'
import { parseIssueText, type ParsedIssue } from '../../shared/import/plaintext'
import { createArticle } from './articles'
import type { ServiceContext } from './context'
import { hasImage, storeImage } from './images'
import { createIssue, getIssue } from './issues'

export function importIntoLibrary(
  ctx: ServiceContext,
  input: ParsedInput<'import.commit'>,
): { issue: Issue; articles: Article[] } {
  const stored = new Set(input.images.map((image) => storeImage(ctx, image.data, image.hash)))
  for (const article of input.articles) {
    for (const block of article.blocks) {
      if (block.type === 'photo' && block.image && !stored.has(block.image) && !hasImage(ctx, block.image)) {
        fail(
          'invalid_input',
          '稿件引用了一张没有随附的图片。',
          'An article refers to an image that was not included.',
          'images',
        )
      }
    }
  }
  let issueId = input.issueId
  if (issueId === undefined) {
    if (!input.issue)
      fail(
        'invalid_input',
        '请选择导入到哪一期，或新建一期。',
        'Choose an issue to import into, or a new one.',
        'issue',
      )
    issueId = createIssue(ctx, input.issue).id
  } else {
    getIssue(ctx, issueId)
  }
  const targetIssue = issueId
  const articles = input.articles.map((article) =>
    createArticle(ctx, {
      issueId: targetIssue,
      kicker: article.kicker ?? '',
      headline: article.headline ?? '',
      subtitle: article.subtitle ?? '',
      dateline: article.dateline ?? '',
      byline: article.byline ?? '',
      body: JSON.stringify(docFromBlocks(article.blocks)),
    }),
  )
  return { issue: getIssue(ctx, targetIssue), articles }
}

/** Decodes and parses a plain-text issue (typed error on bad bytes). */
export function parseTextFile(bytes: Uint8Array): ParsedIssue {
  const decoded = decodeText(bytes)
  if ('error' in decoded) fail('invalid_input', decoded.error.message_zh, decoded.error.message_en)
  return parseIssueText(decoded.text)
}

/** The bundled sample issue (the seed 开发区建设 专刊), imported as a new issue. */
export function openSample(ctx: ServiceContext): { issue: Issue; articles: Article[] } {
  const parsed = parseTextFile(readFileSync(join(ctx.resourcesDir, 'samples', 'kaifaqu-2024-25.txt')))
  return importIntoLibrary(ctx, {
    issue: toIssueFields(parsed),
    articles: parsed.articles.map(toImportArticle),
    images: [],
  })
}
