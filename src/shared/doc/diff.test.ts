import { describe, expect, it } from 'vitest'
import { diffSide, diffText, reviewText, wordTokens } from './diff'

describe('wordTokens', () => {
  it('cuts Chinese into words with punctuation and line breaks on their own, losing nothing', () => {
    const text = '近日，项目签约仪式在应县经济技术开发区举行。\n项目总投资717亿元，同比增长42.3%。'
    const tokens = wordTokens(text)
    expect(tokens.join('')).toBe(text)
    expect(tokens).toContain('，')
    expect(tokens).toContain('\n')
    expect(tokens).toContain('项目')
    // Words, not characters: fewer tokens than characters.
    expect(tokens.length).toBeLessThan([...text].length * 0.8)
  })
})

describe('diffText', () => {
  it('marks a changed figure and leaves the rest equal', () => {
    const parts = diffText('项目总投资717亿元。', '项目总投资71.7亿元。')
    expect(parts.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: '717' },
      { op: 'insert', text: '71.7' },
    ])
    expect(parts[0]).toEqual({ op: 'equal', text: '项目总投资' })
  })

  it('whole words change, never half a character; both sides come back exactly', () => {
    const before = '全省开发区正以崭新的姿态阔步前行，向“新”而行。'
    const after = '全省开发区以崭新姿态阔步前行，向“新”而行，以“质”致远。'
    const parts = diffText(before, after)
    expect(diffSide(parts, 'before')).toBe(before)
    expect(diffSide(parts, 'after')).toBe(after)
    for (const part of parts) expect(part.text.length).toBeGreaterThan(0)
    // Adjacent parts of one kind are merged.
    for (let i = 1; i < parts.length; i++) expect(parts[i]!.op).not.toBe(parts[i - 1]!.op)
    expect(parts.filter((p) => p.op === 'delete').map((p) => p.text)).toContain('正')
  })

  it('an added paragraph is one insert', () => {
    const parts = diffText('第一段。', '第一段。\n第二段。')
    expect(parts).toEqual([
      { op: 'equal', text: '第一段。' },
      { op: 'insert', text: '\n第二段。' },
    ])
  })

  it('identical and empty texts', () => {
    expect(diffText('', '')).toEqual([])
    expect(diffText('同一句话。', '同一句话。')).toEqual([{ op: 'equal', text: '同一句话。' }])
    expect(diffText('', '新写的。')).toEqual([{ op: 'insert', text: '新写的。' }])
    expect(diffText('删掉的。', '')).toEqual([{ op: 'delete', text: '删掉的。' }])
  })

  it('traditional characters and Latin words diff too', () => {
    const parts = diffText('太原經濟技術開發區 GDP 增長', '太原经济技术开发区 GDP 增长')
    expect(diffSide(parts, 'after')).toBe('太原经济技术开发区 GDP 增长')
    expect(parts.some((p) => p.op === 'equal' && p.text.includes('GDP'))).toBe(true)
  })

  it('a rewrite far beyond the word limit still answers exactly, paragraph by paragraph', () => {
    const para = (seed: number) =>
      Array.from({ length: 400 }, (_, i) => `第${seed * 1000 + i}项指标增长${i}%`).join('，')
    const before = Array.from({ length: 12 }, (_, i) => para(i)).join('\n')
    const after = Array.from({ length: 12 }, (_, i) => para(i + 100)).join('\n')
    const parts = diffText(before, after)
    expect(diffSide(parts, 'before')).toBe(before)
    expect(diffSide(parts, 'after')).toBe(after)
  })
})

describe('reviewText', () => {
  it('the title fields that are not empty, one a line, then the body', () => {
    expect(
      reviewText({ kicker: '引题', headline: '主题', subtitle: '', dateline: '电头', byline: '', bodyText: '正文' }),
    ).toBe('引题\n主题\n电头\n正文')
  })
})
