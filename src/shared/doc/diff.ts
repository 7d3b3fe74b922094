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
 * Beyond this many differing tokens in one changed passage the word diff gives up (Myers' cost
 * grows with the length times the edit) and the passage is shown deleted and inserted whole.
 */
const MAX_EDIT_TOKENS = 1000

let segmenter: Intl.Segmenter | null = null

/**
 * The word tokens of a text, in order; joined they give the text back exactly. Segmented a line
 * at a time: ICU's dictionary segmentation of Chinese slows down far more than linearly with the
 * length of the string it is given (12.5 s for a 62,000-character text in one string, 0.3 s line by line).
 */
export function wordTokens(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh-Hans', { granularity: 'word' })
  const tokens: string[] = []
  for (const line of text.split(/(\n)/)) {
    if (line === '\n') tokens.push(line)
    else if (line !== '') for (const { segment } of segmenter.segment(line)) tokens.push(segment)
  }
  return tokens
}

/** Paragraphs with their line break kept, so joined they give the text back exactly. */
function lineTokens(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/)
}

function push(parts: DiffPart[], op: DiffPart['op'], text: string): void {
  if (text === '') return
  const last = parts[parts.length - 1]
  if (last && last.op === op) last.text += text
  else parts.push({ op, text })
}

/** Word diff of one changed passage (whole delete and insert when the edit is too large). */
function diffWords(parts: DiffPart[], before: string, after: string): void {
  const changes = diffArrays(wordTokens(before), wordTokens(after), { maxEditLength: MAX_EDIT_TOKENS })
  if (!changes) {
    push(parts, 'delete', before)
    push(parts, 'insert', after)
    return
  }
  for (const change of changes) {
    push(parts, change.added ? 'insert' : change.removed ? 'delete' : 'equal', change.value.join(''))
  }
}

/**
 * The parts that turn `before` into `after`: equal, deleted and inserted text, in reading order.
 * Paragraphs are matched first (cheap, and a moved or rewritten paragraph stays whole); each run of
 * changed paragraphs is then diffed word by word.
 */
export function diffText(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = []
  let removed = ''
  let added = ''
  const flush = (): void => {
    if (removed !== '' || added !== '') diffWords(parts, removed, added)
    removed = ''
    added = ''
  }
  for (const change of diffArrays(lineTokens(before), lineTokens(after))) {
    const text = change.value.join('')
    if (change.removed) removed += text
    else if (change.added) added += text
    else {
      flush()
      push(parts, 'equal', text)
    }
  }
  flush()
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
