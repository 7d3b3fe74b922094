/**
 * What came in from Word, as lines with roles (issue 13 item 2: the Word preview editable like the text
 * preview). Each part of an imported article — kicker, headline, subtitle, dateline, byline — and
 * each body block becomes one line of a ParsedArticle, so the preview changes roles, splits and
 * merges with the same functions (article.ts) as for text; what only Word has (a paragraph's bold
 * and italic runs, a photo's image and credit) is kept beside the lines, by line number, and comes
 * back when the article is built for import.
 */
import { rebuildArticle, type ArticleLine, type ParsedArticle } from './article'
import type { ImportArticle, ImportBlock, TextRun } from './model'
import { bylineNames, splitCaption, subtitleText } from './patterns'

/** What a line carried in the Word file besides its text. */
export interface LineExtra {
  runs?: TextRun[]
  /** A photo: its image hash (null for a frame whose image was skipped) and credit. */
  photo?: { image: string | null; credit: string | null }
}

export interface EditableArticles {
  articles: ParsedArticle[]
  /** By line number: unique across the articles of one file, so that split and merge keep them. */
  extras: Record<number, LineExtra>
}

/** The articles of one Word file as lines, numbered from 1 across the file. */
export function editableArticles(articles: readonly ImportArticle[]): EditableArticles {
  const extras: Record<number, LineExtra> = {}
  let next = 1
  const line = (role: ArticleLine['role'], text: string, extra?: LineExtra): ArticleLine => {
    const number = next++
    if (extra) extras[number] = extra
    return { text, role, line: number, join: null }
  }
  const parsed = articles.map((article) => {
    const lines: ArticleLine[] = []
    if (article.kicker) lines.push(line('kicker', article.kicker))
    if (article.headline) lines.push(line('headline', article.headline))
    if (article.subtitle) lines.push(line('subtitle', article.subtitle))
    if (article.dateline) lines.push(line('dateline', article.dateline))
    if (article.byline) lines.push(line('byline', article.byline))
    for (const block of article.blocks) lines.push(blockLine(block, line))
    return rebuildArticle(lines)
  })
  return { articles: parsed, extras }
}

function blockLine(
  block: ImportBlock,
  line: (role: ArticleLine['role'], text: string, extra?: LineExtra) => ArticleLine,
): ArticleLine {
  switch (block.type) {
    case 'paragraph':
      return line('paragraph', block.text, block.runs ? { runs: block.runs } : undefined)
    case 'subhead':
      return line('subhead', block.text)
    case 'photo':
      return line('caption', block.caption, { photo: { image: block.image ?? null, credit: block.credit } })
  }
}

/** The article to import from its lines as the editor left them, Word's runs and images put back. */
export function importOfLines(article: ParsedArticle, extras: Readonly<Record<number, LineExtra>>): ImportArticle {
  const parts = { kicker: [] as string[], headline: [] as string[], subtitle: [] as string[], dateline: [] as string[] }
  const bylines: string[] = []
  const blocks: ImportBlock[] = []
  for (const { role, text, line } of article.lines) {
    const extra = extras[line]
    switch (role) {
      case 'omit':
        break
      case 'kicker':
      case 'headline':
      case 'dateline':
        parts[role].push(text)
        break
      case 'subtitle':
        parts.subtitle.push(subtitleText(text) ?? text)
        break
      case 'byline':
        bylines.push(bylineNames(text))
        break
      case 'subhead':
        blocks.push({ type: 'subhead', text })
        break
      case 'paragraph': {
        // Runs only while they still spell the line (an editor's role change keeps the text).
        const runs = extra?.runs
        const spelled = runs !== undefined && runs.map((r) => r.text).join('') === text
        blocks.push(
          spelled ? { type: 'paragraph', text, runs: runs.map((r) => ({ ...r })) } : { type: 'paragraph', text },
        )
        break
      }
      case 'caption': {
        if (extra?.photo) {
          blocks.push({ type: 'photo', image: extra.photo.image, caption: text, credit: extra.photo.credit })
          break
        }
        // A paragraph the editor made a caption: an empty frame with the caption, its credit read from the text.
        const photo = splitCaption(text) ?? { caption: text, credit: null }
        blocks.push({ type: 'photo', image: null, caption: photo.caption, credit: photo.credit })
        break
      }
    }
  }
  const joined = (texts: string[]): string | null => (texts.length > 0 ? [...new Set(texts)].join(' ') : null)
  return {
    kicker: joined(parts.kicker),
    headline: joined(parts.headline),
    subtitle: joined(parts.subtitle),
    dateline: joined(parts.dateline),
    byline: joined(bylines),
    blocks,
  }
}
