import { describe, expect, it } from 'vitest'
import { mergeArticles, setLineRole, splitArticle } from './article'
import { editableArticles, importOfLines } from './editable'
import type { ImportArticle } from './model'

const word: ImportArticle[] = [
  {
    kicker: '聚焦科技创新',
    headline: '园区新增高新技术企业30家',
    subtitle: '全年目标有望提前完成',
    dateline: '本报讯',
    byline: '张三 李四',
    blocks: [
      {
        type: 'paragraph',
        text: '今年以来，园区新增高新技术企业30家。',
        runs: [{ text: '今年以来，' }, { text: '园区', bold: true }, { text: '新增高新技术企业30家。' }],
      },
      { type: 'photo', image: 'abc123', caption: '企业研发中心一角。', credit: '王超' },
      { type: 'subhead', text: '一、研发投入加大' },
      { type: 'paragraph', text: '研发经费同比增长15%。' },
    ],
  },
  {
    kicker: null,
    headline: '简讯',
    subtitle: null,
    dateline: null,
    byline: null,
    blocks: [{ type: 'paragraph', text: '园区举办招聘会。（程晨）' }],
  },
]

describe('what came from Word, as editable lines', () => {
  it('comes back unchanged, runs and images included, when nothing is edited', () => {
    const { articles, extras } = editableArticles(word)
    expect(articles.map((a) => importOfLines(a, extras))).toEqual(word)
    // Numbered across the file, so the second article's lines do not reuse the first's numbers.
    expect(articles[1]?.lines[0]?.line).toBe(10)
  })

  it('shows each part with its role, and keeps an editor’s role change', () => {
    const { articles, extras } = editableArticles(word)
    const first = articles[0]!
    expect(first.lines.map((l) => l.role)).toEqual([
      'kicker',
      'headline',
      'subtitle',
      'dateline',
      'byline',
      'paragraph',
      'caption',
      'subhead',
      'paragraph',
    ])
    // The kicker is really the first line of the headline; the subhead is text; the photo is left out.
    let edited = setLineRole(first, 0, 'headline')
    edited = setLineRole(edited, 7, 'paragraph')
    edited = setLineRole(edited, 6, 'omit')
    const built = importOfLines(edited, extras)
    expect(built.kicker).toBeNull()
    expect(built.headline).toBe('聚焦科技创新 园区新增高新技术企业30家')
    expect(built.blocks).toEqual([
      word[0]!.blocks[0],
      { type: 'paragraph', text: '一、研发投入加大' },
      { type: 'paragraph', text: '研发经费同比增长15%。' },
    ])
  })

  it('splits and merges like text, photos and runs kept where they went', () => {
    const { articles, extras } = editableArticles(word)
    const [head, tail] = splitArticle(articles[0]!, 7)
    expect(importOfLines(tail, extras)).toMatchObject({
      headline: '一、研发投入加大',
      blocks: [{ text: '研发经费同比增长15%。' }],
    })
    expect(importOfLines(head, extras).blocks.at(-1)).toEqual(word[0]!.blocks[1])
    const merged = importOfLines(mergeArticles(articles[0]!, articles[1]!), extras)
    expect(merged.headline).toBe('园区新增高新技术企业30家')
    expect(merged.blocks.slice(-2)).toEqual([
      { type: 'subhead', text: '简讯' },
      { type: 'paragraph', text: '园区举办招聘会。（程晨）' },
    ])
  })
})
