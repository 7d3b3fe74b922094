/** 审签单 (src/main/export/review-sheet.ts), pure: which steps the three reviews show, escaping, file names. */
import { describe, expect, it } from 'vitest'
import {
  currentChain,
  sheetFileName,
  sheetHtml,
  type Sheet,
  type SheetArticle,
} from '../../src/main/export/review-sheet'
import type { ReviewStep } from '../../src/shared/api/review-types'
import type { Issue } from '../../src/shared/api/types'

let n = 0
const step = (
  stage: ReviewStep['stage'],
  decision: ReviewStep['decision'],
  name: string,
  comment = '',
): ReviewStep => ({
  id: ++n,
  articleId: 1,
  stage,
  decision,
  by: { id: n, name },
  at: `2026-12-02T0${Math.min(n, 9)}:00:00Z`,
  comment,
  revisionId: n,
  textHash: 'a'.repeat(64),
})

const issue = { id: 7, title: '开发区建设', edition: '专刊', number: '2024年第25期', publicationDate: '' } as Issue

const article = (steps: ReviewStep[], headline = '向“新”而行'): SheetArticle => ({
  articleId: 1,
  position: 0,
  kicker: '',
  headline,
  subtitle: '',
  byline: '',
  charCount: 100,
  review: { articleId: 1, stage: 'draft', steps, openReturn: null },
  signed: null,
})

describe('审签单', () => {
  it('shows the chain now running: from the last submit on', () => {
    const first = [step('初审', 'submit', '甲'), step('初审', 'pass', '甲'), step('复审', 'return', '乙', '重写')]
    const second = [step('初审', 'submit', '甲'), step('初审', 'pass', '丁')]
    expect(currentChain([...first, ...second])).toEqual(second)
    expect(currentChain([])).toEqual([])
    // The three-review table reads the current chain; the log keeps every step.
    const html = sheetHtml({ kind: 'article', issue, article: article([...first, ...second]) })
    const chain = html.slice(html.indexOf('<h2>三审</h2>'), html.indexOf('<h2>签发稿</h2>'))
    expect(chain).toContain('丁')
    expect(chain).not.toContain('重写')
    const log = html.slice(html.indexOf('<h2>审稿记录</h2>'))
    expect(log).toContain('重写')
    expect(log.match(/<tr>/g)?.length).toBe(1 + first.length + second.length)
  })

  it('escapes what people wrote', () => {
    const html = sheetHtml({
      kind: 'article',
      issue,
      article: article(
        [step('初审', 'submit', '<img src=x>'), step('初审', 'return', '乙', '<script>x</script>')],
        '<b>题</b>',
      ),
    })
    expect(html).not.toContain('<script>x')
    expect(html).not.toContain('<img src=x>')
    expect(html).not.toContain('<b>题')
    expect(html).toContain('&lt;script&gt;')
  })

  it('names its file after the article or the issue, safe for any file system', () => {
    const sheet: Sheet = { kind: 'article', issue, article: article([], '山西:加快/打造 新高地?') }
    expect(sheetFileName(sheet)).toBe('审签单-山西_加快_打造_新高地_.pdf')
    expect(sheetFileName({ kind: 'issue', issue, articles: [], signoff: null })).toBe(
      '审签单-开发区建设-专刊-2024年第25期.pdf',
    )
  })

  it('says the issue is not signed off and how many articles are missing', () => {
    const html = sheetHtml({ kind: 'issue', issue, articles: [article([])], signoff: null })
    expect(html).toContain('本期尚未签发（校样）。')
    expect(html).toContain('尚有 1 篇稿件未签发。')
  })
})
