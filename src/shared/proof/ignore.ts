/**
 * What 忽略 remembers of a finding: its rule and its text with the letters and digits around it,
 * not its offsets — so an ignored finding stays ignored after edits elsewhere and after fixes of
 * the punctuation next to it, in the editor and in the 校对报告 alike (both compute this key).
 */

/** Characters of context either side the key is taken from. */
export const IGNORE_CONTEXT = 6

const words = (text: string): string => text.replace(/[^\p{L}\p{N}]/gu, '')

export function ignoreKey(finding: { rule: string; before: string; text: string; after: string }): string {
  const before = finding.before.slice(-IGNORE_CONTEXT)
  const after = finding.after.slice(0, IGNORE_CONTEXT)
  return `${finding.rule}|${words(before)}[${finding.text}]${words(after)}`
}
