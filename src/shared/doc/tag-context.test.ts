import { describe, expect, it } from 'vitest'
import { sentenceAround, tagContexts } from './tag-context'
import { docOf, paragraphNode, textNode, type SerializedNode } from './lexical'

const zone = (text: string): SerializedNode => ({ ...textNode(text), type: 'zone-tag', zoneId: 'z', zoneName: text })
const figure = (text: string, value: unknown): SerializedNode => ({ ...textNode(text), type: 'figure-tag', value })

describe('sentenceAround', () => {
  const text = '上半年，全省开发区稳步增长。其中，怀仁经开区进出口额增长12%；太谷经开区紧随其后！'
  it('takes the sentence the span stands in, its end mark kept', () => {
    const at = text.indexOf('怀仁经开区')
    expect(sentenceAround(text, at, at + 5)).toEqual({ before: '其中，', after: '进出口额增长12%；' })
    const last = text.indexOf('太谷经开区')
    expect(sentenceAround(text, last, last + 5)).toEqual({ before: '', after: '紧随其后！' })
  })
  it('cuts a long sentence at the radius and says so', () => {
    const long = `${'甲'.repeat(50)}怀仁经开区${'乙'.repeat(50)}。`
    expect(sentenceAround(long, 50, 55, 10)).toEqual({ before: `…${'甲'.repeat(10)}`, after: `${'乙'.repeat(10)}…` })
  })
})

describe('tagContexts', () => {
  it('numbers tags as the index does (a figure without a value skipped, captions in order) and reads only those asked', () => {
    const doc = docOf([
      paragraphNode([figure('很多', 'many'), textNode('，其中'), zone('怀仁经开区'), textNode('最多。下一句。')]),
      paragraphNode([textNode('去年'), figure('717亿元', 717e8), textNode('，'), zone('太谷经开区'), textNode('在列')]),
      {
        type: 'photo',
        caption: '怀仁经开区一景',
        credit: null,
        tags: [{ type: 'zone-tag', start: 0, end: 5, text: '怀仁经开区', zoneId: 'z', zoneName: '怀仁经开区' }],
      },
    ])
    const all = tagContexts(doc, new Set([0, 1, 2, 3]))
    expect([...all]).toEqual([
      [0, { before: '很多，其中', text: '怀仁经开区', after: '最多。' }],
      [1, { before: '去年', text: '717亿元', after: '，太谷经开区在列' }],
      [2, { before: '去年717亿元，', text: '太谷经开区', after: '在列' }],
      [3, { before: '', text: '怀仁经开区', after: '一景' }],
    ])
    expect([...tagContexts(doc, new Set([3])).keys()]).toEqual([3])
  })
})
