/** Character classes the rules share. All checks are single code-unit tests. */

export function isHan(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false
  const c = ch.charCodeAt(0)
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007
}

/** Full-width punctuation and marks of Chinese typesetting (、。“”‘’《》（）…—～ and the like). */
export function isCjkPunct(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false
  const c = ch.charCodeAt(0)
  return (
    (c >= 0x3001 && c <= 0x303f) || // 、。〈〉《》「」『』【】〔〕
    (c >= 0xff01 && c <= 0xff0f) || // ！＂＃…（）＊＋，－．／
    (c >= 0xff1a && c <= 0xff20) || // ：；＜＝＞？＠
    c === 0xff5e || // ～
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x2026 || // …
    c === 0x2014 || // —
    c === 0x00b7 // ·
  )
}

/** Han or Chinese punctuation: what makes the text around a mark Chinese. */
export function isChineseChar(ch: string | undefined): boolean {
  return isHan(ch) || isCjkPunct(ch)
}

export function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9'
}

export function isLatin(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
}

const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\u3000'

/** Index of the nearest character before `i` that is not a space on the same line, or -1. */
export function prevNonBlank(text: string, i: number): number {
  let j = i - 1
  while (j >= 0 && isBlank(text[j])) j--
  return j >= 0 && text[j] !== '\n' && text[j] !== '\r' ? j : -1
}

/** Index of the nearest character from `i` on that is not a space on the same line, or -1. */
export function nextNonBlank(text: string, i: number): number {
  let j = i
  while (j < text.length && isBlank(text[j])) j++
  return j < text.length && text[j] !== '\n' && text[j] !== '\r' ? j : -1
}

/** End of the run of spaces starting at `i`. */
export function skipBlanks(text: string, i: number): number {
  let j = i
  while (j < text.length && isBlank(text[j])) j++
  return j
}

const inNumber = (ch: string | undefined): boolean => isAsciiDigit(ch) || ch === '.' || ch === '%'

/**
 * The mark at `i` stands in Chinese text: Chinese on its left or on its right (spaces skipped);
 * a number on the left counts as what comes before it (增长3.6%,LED屏).
 */
export function inChineseContext(text: string, i: number, width = 1): boolean {
  let before = prevNonBlank(text, i)
  if (before >= 0 && inNumber(text[before])) {
    while (before >= 0 && inNumber(text[before])) before--
  }
  const after = nextNonBlank(text, i + width)
  return (before >= 0 && isChineseChar(text[before])) || (after >= 0 && isChineseChar(text[after]))
}

/** Paragraphs (lines) of a text with their offsets; line breaks are not part of a paragraph. */
export function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      const end = i > start && text[i - 1] === '\r' ? i - 1 : i
      out.push({ start, end })
      start = i + 1
    }
  }
  return out
}
