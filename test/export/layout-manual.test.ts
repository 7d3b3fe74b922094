/** The `manual` flag of layout blocks: stored and read back, and layouts stored before it stay valid. */
import { afterEach, describe, expect, it } from 'vitest'
import { getLayout, saveLayout, findTemplate } from '../../src/main/export/store'
import { hasManualColumn } from '../../src/main/export/schema'
import { layoutSchema, type IssueLayout } from '../../src/shared/layout/model'
import { tempLibrary, type TempLibrary } from '../helpers'
import { resolve } from 'node:path'

const resourcesDir = resolve(__dirname, '../../resources')
const libs: TempLibrary[] = []
afterEach(async () => {
  for (const lib of libs.splice(0)) await lib.dispose()
})

function sample(): { lib: TempLibrary; issueId: number; layout: IssueLayout } {
  const lib = tempLibrary()
  libs.push(lib)
  const { issue, articles } = lib.api.call('sample.open', {})
  const [a, b] = articles
  if (!a || !b) throw new Error('sample has too few articles')
  const template = findTemplate(lib.db, resourcesDir, 'sikai')
  const layout: IssueLayout = {
    template,
    pages: [
      {
        number: 1,
        name: '要闻',
        editor: '',
        blocks: [
          { articleId: a.id, col: 0, span: 6, line: 13, lines: 20, manual: true },
          { articleId: b.id, col: 0, span: 3, line: 33, lines: 20 },
        ],
      },
    ],
  }
  return { lib, issueId: issue.id, layout }
}

describe('manual blocks in the store', () => {
  it('keeps the flag on blocks placed by hand and leaves it off the others', () => {
    const { lib, issueId, layout } = sample()
    lib.api.call('layout.save', { issueId, layout })
    const stored = lib.api.call('layout.get', { issueId })
    expect(stored?.pages[0]?.blocks).toEqual(layout.pages[0]?.blocks)
    expect(stored?.pages[0]?.blocks[1]).not.toHaveProperty('manual')
  })

  it('reads a layout stored before the flag existed (no column) as not manual, and adds the column on save', () => {
    const { lib, issueId, layout } = sample()
    saveLayout(lib.db, issueId, layout, '2024-07-02T08:00:00Z')
    lib.db.exec('ALTER TABLE layout_blocks DROP COLUMN manual')
    expect(hasManualColumn(lib.db)).toBe(false)
    const old = getLayout(lib.db, issueId)
    expect(layoutSchema.safeParse(old).success).toBe(true)
    expect(old?.pages[0]?.blocks.some((b) => b.manual)).toBe(false)
    saveLayout(lib.db, issueId, layout, '2024-07-02T08:01:00Z')
    expect(hasManualColumn(lib.db)).toBe(true)
    expect(getLayout(lib.db, issueId)?.pages[0]?.blocks[0]?.manual).toBe(true)
  })
})
