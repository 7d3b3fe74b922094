/**
 * A readable Chinese diff (issue 11 item 4): the texts are cut into word tokens by Intl.Segmenter
 * (granularity 'word': dictionary words for Chinese, whole numbers such as 717亿元's 717, each
 * punctuation mark and each space or line break on its own) and the token lists are diffed with
 * jsdiff's diffArrays; adjacent parts of one kind are merged. Pure: the main process (revision.diff,
 * review.redline) and the renderer use the same function.
 */
import { diffArrays } from 'diff'
import type { DiffPart } from '../api/review-types'

/**
 * Beyond this many differing tokens the word diff gives up (Myers' cost grows with the square of
 * the edit) and the texts are compared paragraph by paragraph instead: still exact, only coarser.
 */
const MAX_EDIT_TOKENS = 20_000

let segmenter: Intl.Segmenter | null = null

/** The word tokens of a text, in order; joined they give the text back exactly. */
export function wordTokens(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh-Hans', { granularity: 'word' })
  const tokens: string[] = []
  for (const { segment } of segmenter.segment(text)) tokens.push(segment)
  return tokens
}

/** Paragraphs with their line break kept, so joined they give the text back exactly. */
function lineTokens(text: string): string[] {
  return text.split(/(?<=\n)/)
}

/** The parts that turn `before` into `after`: equal, deleted and inserted text, in reading order. */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }]
  const changes =
    diffArrays(wordTokens(before), wordTokens(after), { maxEditLength: MAX_EDIT_TOKENS }) ??
    diffArrays(lineTokens(before), lineTokens(after))
  const parts: DiffPart[] = []
  for (const change of changes) {
    const text = change.value.join('')
    if (text === '') continue
    const op: DiffPart['op'] = change.added ? 'insert' : change.removed ? 'delete' : 'equal'
    const last = parts[parts.length - 1]
    if (last && last.op === op) last.text += text
    else parts.push({ op, text })
  }
  return parts
}

/** The text a diff was made from (`side` 'before') or leads to ('after'): for tests and checks. */
export function diffSide(parts: readonly DiffPart[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'insert' : 'delete'
  return parts
    .filter((part) => part.op !== skip)
    .map((part) => part.text)
    .join('')
}

/**
 * The plain text that revisions are compared by and review steps hash: the title fields that
 * are not empty (引题, 主题, 副题, 电头, 署名), one a line, then the body's plain text.
 */
export function reviewText(article: {
  kicker: string
  headline: string
  subtitle: string
  dateline: string
  byline: string
  bodyText: string
}): string {
  const titles = [article.kicker, article.headline, article.subtitle, article.dateline, article.byline].filter(
    (field) => field !== '',
  )
  return [...titles, article.bodyText].join('\n')
}
