import { describe, expect, it } from 'vitest'
import { blockSplice, blockState } from './splice'
import { docFromBlocks } from './lexical'

const body = (...texts: string[]) => JSON.stringify(docFromBlocks(texts.map((text) => ({ type: 'paragraph', text }))))
const apply = (beforeJson: string, splice: NonNullable<ReturnType<typeof blockSplice>>): unknown[] => {
  const blocks = (JSON.parse(beforeJson) as { root: { children: unknown[] } }).root.children
  blocks.splice(splice.start, splice.remove, ...(JSON.parse(splice.insert) as unknown[]))
  return blocks
}

describe('block splices', () => {
  it('a one-character edit in one paragraph sends that paragraph only', () => {
    const texts = Array.from({ length: 300 }, (_, i) => `第${i}段：全省开发区以高质量发展为主线。`)
    const before = body(...texts)
    texts[150] += '好'
    const after = body(...texts)
    const splice = blockSplice(blockState(before)!, blockState(after)!)!
    expect(splice).toMatchObject({ start: 150, remove: 1, baseBlocks: 300 })
    expect(splice.insert.length).toBeLessThan(after.length / 100)
    expect(apply(before, splice)).toEqual((JSON.parse(after) as { root: { children: unknown[] } }).root.children)
  })

  it('inserted, deleted and repeated paragraphs come out right', () => {
    const cases: [string[], string[]][] = [
      [
        ['甲', '乙', '丙'],
        ['甲', '新', '乙', '丙'],
      ],
      [
        ['甲', '乙', '丙'],
        ['甲', '丙'],
      ],
      [
        ['甲', '甲', '甲'],
        ['甲', '甲'],
      ],
      [['甲'], []],
      [[], ['甲', '乙']],
      [
        ['甲', '乙'],
        ['乙', '甲'],
      ],
      [
        ['同', '同'],
        ['同', '同'],
      ],
    ]
    for (const [from, to] of cases) {
      const splice = blockSplice(blockState(body(...from))!, blockState(body(...to))!)!
      expect(apply(body(...from), splice)).toEqual(
        (JSON.parse(body(...to)) as { root: { children: unknown[] } }).root.children,
      )
      expect(splice.baseBlocks).toBe(blockState(body(...from))!.blocks.length)
    }
  })

  it('a change of the root itself, or a body that is not a document, means the whole body', () => {
    const before = blockState(body('甲'))!
    const changed = JSON.parse(body('甲')) as { root: { direction: unknown } }
    changed.root.direction = 'rtl'
    expect(blockSplice(before, blockState(JSON.stringify(changed))!)).toBeNull()
    expect(blockState('not json')).toBeNull()
    expect(blockState('{"root":{}}')).toBeNull()
  })
})
