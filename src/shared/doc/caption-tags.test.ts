import { describe, expect, it } from 'vitest'
import { addCaptionTag, readCaptionTags, reanchorCaptionTags, type CaptionTag } from './caption-tags'

const caption = '孝义经济开发区内,工人正在作业。项目投资3亿元。'
const zone: CaptionTag = {
  type: 'zone-tag',
  start: 0,
  end: 7,
  text: '孝义经济开发区',
  zoneId: 'z1',
  zoneName: '孝义经济开发区',
}
const figure: CaptionTag = {
  type: 'figure-tag',
  start: 20,
  end: 23,
  text: '3亿元',
  value: 300_000_000,
  unit: '元',
  qualifier: null,
  metric: '',
  period: '',
}

describe('caption tags', () => {
  it('reads only well-formed tags that still match the caption', () => {
    expect(caption.slice(20, 23)).toBe('3亿元')
    expect(readCaptionTags(caption, [zone, figure])).toEqual([zone, figure])
    expect(readCaptionTags(caption, [{ ...zone, text: '别的开发区' }])).toEqual([])
    expect(readCaptionTags(caption, [{ ...figure, value: 'x' }, 'junk', null, { ...zone, start: -1 }])).toEqual([])
    expect(readCaptionTags(caption, 'not an array')).toEqual([])
    // Overlapping spans from a hand-edited file: the first wins.
    expect(readCaptionTags(caption, [zone, { ...zone, start: 2, end: 7, text: '经济开发区' }])).toEqual([zone])
  })

  it('adds a tag only where the text matches and nothing is tagged yet', () => {
    expect(addCaptionTag(caption, [figure], zone)).toEqual([zone, figure])
    expect(addCaptionTag(caption, [zone], { ...zone, start: 1, end: 3, text: '义经' })).toBeNull()
    expect(addCaptionTag(caption, [], { ...zone, text: '怀仁经开区' })).toBeNull()
  })

  it('keeps tags before an edit, shifts tags after it and drops tags the edit touched', () => {
    const tags = [zone, figure]
    // Typing in the middle shifts the figure, keeps the zone.
    const typed = caption.replace('工人', '一线工人')
    expect(reanchorCaptionTags(caption, typed, tags).map((t) => [t.text, typed.slice(t.start, t.end)])).toEqual([
      ['孝义经济开发区', '孝义经济开发区'],
      ['3亿元', '3亿元'],
    ])
    // Typing right before and right after a tag never writes into it.
    const before = '图为' + caption
    expect(reanchorCaptionTags(caption, before, tags)[0]).toMatchObject({ start: 2, end: 9 })
    const after = caption.replace('3亿元', '3亿元左右')
    expect(reanchorCaptionTags(caption, after, tags)[1]).toMatchObject({ start: 20, end: 23 })
    // Rewriting a tagged span drops its tag, leaves the other.
    const rewritten = caption.replace('3亿元', '5亿元')
    expect(reanchorCaptionTags(caption, rewritten, tags)).toEqual([zone])
    expect(reanchorCaptionTags(caption, '', tags)).toEqual([])
  })
})
