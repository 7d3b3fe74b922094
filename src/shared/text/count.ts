/**
 * 字数 as Chinese editors count it: Han characters, Latin letters and digits
 * each count as one; punctuation is counted separately; spaces never count.
 */
export interface CharCount {
  /** Han characters + letters + digits. */
  chars: number
  /** Punctuation marks and symbols (，。、“” ■ …). */
  punct: number
}

const WORD_CHAR = /[\p{Script=Han}\p{L}\p{Nd}]/u
const PUNCT_CHAR = /[\p{P}\p{S}]/u

export function countChars(text: string): CharCount {
  let chars = 0
  let punct = 0
  for (const ch of text) {
    if (WORD_CHAR.test(ch)) chars++
    else if (PUNCT_CHAR.test(ch)) punct++
  }
  return { chars, punct }
}
