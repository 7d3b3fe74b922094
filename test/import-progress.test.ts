import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseIssueText } from '../src/shared/import/plaintext'

const SEED = readFileSync(join(__dirname, 'fixtures/import/seed-kfjz-2024-25.txt'), 'utf8')

describe('parse progress', () => {
  it('is reported from 0 to 1, never backwards, and changes nothing in the result', () => {
    const text = Array.from({ length: 80 }, () => SEED).join('\n\n')
    const seen: number[] = []
    const parsed = parseIssueText(text, { onProgress: (f) => seen.push(f) })
    expect(parsed).toEqual(parseIssueText(text))
    expect(seen[0]).toBe(0)
    expect(seen.at(-1)).toBe(1)
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true)
    // Some reports come from inside the reading, not only at its ends.
    expect(seen.filter((f) => f > 0.2 && f < 0.8).length).toBeGreaterThan(0)
  })

  it('a long column of briefs is still read as briefs after its headline', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `■本报讯 第${i + 1}条简讯的正文,到此为止。`)
    const parsed = parseIssueText(['园区快讯', '', ...items.flatMap((t) => [t, ''])].join('\n'))
    expect(parsed.articles).toHaveLength(1)
    const article = parsed.articles[0]!
    expect(article.headline).toBe('园区快讯')
    expect(article.lines.filter((l) => l.role === 'paragraph')).toHaveLength(3000)
  })
})
