/**
 * 转版: an article cut across pages is one block per part — stored and read back (continuations
 * live in layout_parts beside layout_blocks), checked on the grid, and printed with （下转第N版）
 * at the cut and （上接第N版） over the continuation, the page numbers taken from the layout.
 */
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { renderIssueHtml, type PrintArticle } from '../../src/main/export/render'
import { hasPartsTable } from '../../src/main/export/schema'
import { findTemplate, getLayout, saveLayout } from '../../src/main/export/store'
import { checkLayout, type IssueLayout } from '../../src/shared/layout/model'
import { jumpLines } from '../../src/shared/layout/modular'
import { tempLibrary, type TempLibrary } from '../helpers'

const resourcesDir = resolve(__dirname, '../../resources')
const libs: TempLibrary[] = []
afterEach(async () => {
  for (const lib of libs.splice(0)) await lib.dispose()
})

function sample(): { lib: TempLibrary; issueId: number; ids: number[]; layout: IssueLayout } {
  const lib = tempLibrary()
  libs.push(lib)
  const { issue, articles } = lib.api.call('sample.open', {})
  const ids = articles.map((a) => a.id)
  const [a, b, c] = ids as [number, number, number]
  const template = findTemplate(lib.db, resourcesDir, 'sikai')
  const layout: IssueLayout = {
    template,
    pages: [
      {
        number: 1,
        name: '',
        editor: '',
        blocks: [
          { articleId: a, col: 0, span: 4, line: 13, lines: 60 },
          { articleId: b, col: 4, span: 2, line: 13, lines: 60 },
        ],
      },
      { number: 2, name: '', editor: '', blocks: [{ articleId: c, col: 0, span: 4, line: 3, lines: 30 }] },
      {
        number: 3,
        name: '',
        editor: '',
        blocks: [{ articleId: a, col: 0, span: 3, line: 3, lines: 20, part: 1, manual: true }],
      },
    ],
  }
  return { lib, issueId: issue.id, ids, layout }
}

describe('continued articles (转版)', () => {
  it('stores each part and reads it back in place; a library without continuations has no parts table', () => {
    const { lib, issueId, layout } = sample()
    expect(checkLayout(layout)).toEqual([])
    saveLayout(lib.db, issueId, { ...layout, pages: layout.pages.slice(0, 2) }, '2024-07-02T08:00:00Z')
    expect(hasPartsTable(lib.db)).toBe(false)
    expect(getLayout(lib.db, issueId)?.pages[1]?.blocks).toEqual(layout.pages[1]?.blocks)
    saveLayout(lib.db, issueId, layout, '2024-07-02T08:01:00Z')
    expect(hasPartsTable(lib.db)).toBe(true)
    const stored = getLayout(lib.db, issueId)
    expect(stored?.pages.map((p) => p.blocks)).toEqual(layout.pages.map((p) => p.blocks))
    expect(jumpLines(stored as IssueLayout)).toEqual([
      { articleId: layout.pages[0]?.blocks[0]?.articleId, part: 0, fromPage: 1, toPage: 3 },
    ])
    // Saving again without the continuation removes it.
    saveLayout(lib.db, issueId, { ...layout, pages: layout.pages.slice(0, 2) }, '2024-07-02T08:02:00Z')
    expect(
      getLayout(lib.db, issueId)
        ?.pages.flatMap((p) => p.blocks)
        .filter((b) => b.part),
    ).toEqual([])
  })

  it('refuses the same part of an article twice, allows two parts', () => {
    const { layout } = sample()
    const twice = structuredClone(layout)
    twice.pages[2]?.blocks.push({
      articleId: layout.pages[0]?.blocks[0]?.articleId as number,
      col: 3,
      span: 3,
      line: 3,
      lines: 10,
      part: 1,
    })
    expect(checkLayout(twice).map((p) => p.message_zh)).toContain('稿件重复上版')
    expect(checkLayout(layout)).toEqual([])
  })

  it('prints （下转第3版） in the cut block and （上接第1版） over its continuation', () => {
    const { lib, issueId, layout } = sample()
    const issue = lib.api.call('issue.get', { id: issueId })
    const articles = new Map<number, PrintArticle>(
      lib.api.call('article.list', { issueId }).map((s) => {
        const a = lib.api.call('article.get', { id: s.id })
        return [
          a.id,
          {
            id: a.id,
            kicker: a.kicker,
            headline: a.headline,
            subtitle: a.subtitle,
            dateline: a.dateline,
            byline: a.byline,
            blocks: [],
          },
        ]
      }),
    )
    const html = renderIssueHtml(
      { issue, layout, articles, author: '' },
      { bleed: 0, marks: false },
      { fontCss: '', printCss: '', script: '', imageUrl: () => null },
    )
    const pages = html.split('<section class="page"').slice(1)
    const plain = (s: string): string => s.replace(/<[^>]+>/g, '')
    const lead = layout.pages[0]?.blocks[0]?.articleId
    expect(pages[0]).toMatch(new RegExp(`data-article="${lead}" data-page="1" data-continues="1"`))
    expect(plain(pages[0] ?? '')).toContain('（下转第3版）')
    expect(plain(pages[0] ?? '')).not.toContain('上接')
    expect(pages[2]).toMatch(new RegExp(`data-article="${lead}" data-page="3" data-part="1"`))
    expect(plain(pages[2] ?? '')).toContain('（上接第1版）')
    expect(plain(pages[1] ?? '')).not.toMatch(/下转|上接/)
  })
})
