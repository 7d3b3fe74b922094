/** 校样 / 付印 stamp (src/main/export/stamp.ts): what it says and where it stands on the page. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { printStamp, signedAtText, stampedTitle, stampHtml } from '../../src/main/export/stamp'
import { grid, type PageTemplate } from '../../src/shared/layout/model'

const SIKAI = JSON.parse(readFileSync(join(__dirname, '../../resources/templates/sikai.json'), 'utf8')) as PageTemplate
const g = grid(SIKAI)
const mm = (html: string, prop: string): number => Number(new RegExp(`${prop}:([\\d.]+)mm`).exec(html)?.[1])

describe('校样 / 付印 stamp', () => {
  it('says 校样 until the issue is signed off, then 付印 with who and when', () => {
    expect(printStamp(null)).toMatchObject({ kind: 'proof', label: '校样' })
    const at = new Date(2026, 11, 2, 14, 5).toISOString()
    const press = printStamp({ issueId: 1, by: { id: 3, name: '丙' }, at })
    expect(press).toEqual({ kind: 'press', label: '付印', detail: '签发：丙 2026年12月2日 14:05' })
    expect(stampedTitle('开发区建设 专刊 2024年第25期', press)).toBe('开发区建设 专刊 2024年第25期（付印）')
    expect(signedAtText('not a date')).toBe('not a date')
  })

  it('stands in the top margin, clear of the type area, when the page has no mark slug', () => {
    for (const bleed of [0, 3]) {
      const html = stampHtml(printStamp(null), SIKAI, g, { outer: bleed, bleed, width: SIKAI.trim.width + 2 * bleed })
      expect(html).toContain('data-stamp="proof"')
      expect(html).not.toContain('in-slug')
      const top = mm(html, 'top')
      const height = mm(html, 'height')
      // Inside the trim, above the type area (which starts g.top below the trim's top edge).
      expect(top).toBeGreaterThanOrEqual(bleed)
      expect(top + height).toBeLessThanOrEqual(bleed + g.top)
      expect(mm(html, 'right')).toBeCloseTo(bleed + SIKAI.margins.right)
    }
  })

  it('stands in the crop-mark slug, outside the trim and bleed, when there is one', () => {
    const bleed = 3
    const outer = bleed + 10
    const html = stampHtml(printStamp(null), SIKAI, g, { outer, bleed, width: SIKAI.trim.width + 2 * outer })
    expect(html).toContain('in-slug')
    expect(mm(html, 'top') + mm(html, 'height')).toBeLessThanOrEqual(outer - bleed)
  })

  it('escapes the signer’s name', () => {
    const html = stampHtml(
      printStamp({ issueId: 1, by: { id: 1, name: '<b>丙</b>' }, at: '2026-12-02T06:00:00Z' }),
      SIKAI,
      g,
      {
        outer: 0,
        bleed: 0,
        width: SIKAI.trim.width,
      },
    )
    expect(html).toContain('&lt;b&gt;丙&lt;/b&gt;')
    expect(html).not.toContain('<b>丙')
  })

  it('draws nothing without a stamp (measuring)', () => {
    expect(stampHtml(null, SIKAI, g, { outer: 0, bleed: 0, width: 270 })).toBe('')
  })
})
