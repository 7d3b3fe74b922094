/**
 * Text → print HTML, with the typographic rules CSS alone does not give (W3C clreq, GB/T 15834,
 * GB/T 15835). Pure string functions; render.ts calls them for every piece of text it prints.
 *
 * - `metaHtml` (folio lines, masthead facts, datelines, bylines, credits): such a line breaks only
 *   between its parts, never inside a date, an issue number, a number with its unit, a weekday or a
 *   name; those runs become `<span class="nb">` (white-space: nowrap in print.css).
 * - `textHtml` (headlines, body, captions): `——` and `……` each become one 2-em unit
 *   (`<span class="em2 dash">` / `em2 dots`, drawn by print.css and folio-print.js; the characters
 *   stay in the text, so copying or extracting gives them back); literal spaces between Han and
 *   Latin letters or digits are dropped (text-autospace spaces them); a paragraph's last two
 *   characters, with the punctuation after them, are bound so its last line never holds one.
 */

export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

const nb = (html: string): string => `<span class="nb">${html}</span>`

const HAN = '\\p{Script=Han}'
const CN_DIGIT = '〇零一二三四五六七八九十百千万两'
/** Titles a name follows in a dateline or byline. */
const TITLES = '特约记者|记者|通讯员|实习生|摄影|编辑|撰稿'
const NUM = `(?:\\d+(?:[.,:/-]\\d+)*|[${CN_DIGIT}]+)`

/**
 * Runs a line must not break inside: dates (2024年7月2日, 7月2日, 2024年), issue and page numbers
 * (2024年第25期, 第2版), a weekday (星期五), a name after its title (记者王波), an e-mail address,
 * a code (21-465) and any number with the unit after it (1GWh, 42.3%, 150人). Longest first, so a
 * full date is one run.
 */
const UNBREAKABLE = new RegExp(
  [
    `(?:\\d{2,4}年)?第\\s?${NUM}\\s?[期版号卷届次章条]`,
    `\\d{2,4}年(?:\\d{1,2}月(?:\\d{1,2}[日号])?)?`,
    `${NUM}月${NUM}[日号]`,
    `(?:星期|礼拜|周)[一二三四五六日天]`,
    `(?:${TITLES})[:：]?\\s?(?:(?!${TITLES})${HAN}){2,4}`,
    `[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+`,
    `\\d+(?:-\\d+)+`,
    `\\d+(?:[.,:/]\\d+)*\\s?(?:[%％‰℃]|[A-Za-z]{1,4}\\b|${HAN})`,
  ].join('|'),
  'gu',
)

/** A part of a meta line this short (a dateline's agency, reporter or date) is never broken. */
const SHORT_PART = 8

/** Escaped HTML of `text` with every unbreakable run bound. */
function bindRuns(text: string): string {
  let out = ''
  let at = 0
  for (const m of text.matchAll(UNBREAKABLE)) {
    out += esc(text.slice(at, m.index)) + nb(esc(m[0]))
    at = m.index + m[0].length
  }
  return out + esc(text.slice(at))
}

/**
 * A folio line item, a masthead fact, a dateline or a byline: it may break only at the spaces
 * between its parts; a short part is kept whole, a longer one keeps its dates, numbers and names.
 */
export function metaHtml(text: string): string {
  return text
    .split(/([\s\u3000]+)/u)
    .map((part, i) => {
      if (i % 2 === 1 || part === '') return esc(part)
      return [...part].length <= SHORT_PART ? nb(esc(part)) : bindRuns(part)
    })
    .join('')
}

/** `——` and `……` (and a longer run, two by two) as 2-em units; `s` is already escaped. */
function em2(s: string): string {
  return s
    .replace(/(?:——)+/g, (run) => '<span class="em2 dash">——</span>'.repeat(run.length / 2))
    .replace(/(?:……)+/g, (run) => '<span class="em2 dots">……</span>'.repeat(run.length / 2))
}

/** Literal spaces between Han and Latin letters or digits: text-autospace sets that space. */
function dropAutospace(s: string): string {
  return s
    .replace(new RegExp(`(${HAN}[\\p{Pe}\\p{Pf}]?)[ \\u00a0]+(?=[A-Za-z0-9])`, 'gu'), '$1')
    .replace(new RegExp(`([A-Za-z0-9%])[ \\u00a0]+(?=[\\p{Ps}\\p{Pi}]?${HAN})`, 'gu'), '$1')
}

export interface TextOptions {
  /** The text ends a paragraph: bind its last two characters so no line holds one alone. */
  paragraph?: boolean
}

/** Headline, body paragraph or caption text as print HTML. */
export function textHtml(text: string, options: TextOptions = {}): string {
  const clean = dropAutospace(text)
  if (!options.paragraph) return em2(esc(clean))
  const chars = [...clean.trimEnd()]
  // From the end: the closing punctuation, then two characters that are not punctuation (with any
  // punctuation between them), all in one run: the last line holds at least those two.
  let start = chars.length
  let words = 0
  while (start > 0 && words < 2 && !/\s/u.test(chars[start - 1] ?? '')) {
    start--
    if (!/\p{P}/u.test(chars[start] ?? '')) words++
  }
  // A paragraph of one or two characters, or one that ends in a space-separated word: as it is.
  if (words < 2 || start === 0) return em2(esc(clean))
  const head = chars.slice(0, start).join('')
  const tail = chars.slice(start).join('')
  return `${em2(esc(head))}${nb(em2(esc(tail)))}`
}
