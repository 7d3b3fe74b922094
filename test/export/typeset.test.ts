import { describe, expect, it } from 'vitest'
import { metaHtml, textHtml } from '../../src/main/export/typeset'

/** The runs bound no-break in some HTML, in order. */
const bound = (html: string): string[] =>
  [...html.matchAll(/<span class="nb">(.*?)<\/span>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''))
const plain = (html: string): string => html.replace(/<[^>]+>/g, '')

describe('meta lines (folio, masthead, dateline, byline)', () => {
  it('keeps each short part of a dateline whole, breaking only between parts', () => {
    expect(bound(metaHtml('科学导报 记者王波 7月2日'))).toEqual(['科学导报', '记者王波', '7月2日'])
    expect(bound(metaHtml('新华社北京 12月31日电'))).toEqual(['新华社北京', '12月31日电'])
    expect(bound(metaHtml('2024年第26期 星期五'))).toEqual(['2024年第26期', '星期五'])
  })

  it('inside a long part, binds dates, issue numbers, numbers with units, weekdays and names', () => {
    expect(bound(metaHtml('本报太原讯记者李明通讯员张小红2023年12月5日'))).toEqual([
      '记者李明',
      '通讯员张小红',
      '2023年12月5日',
    ])
    expect(bound(metaHtml('开发区建设专刊2024年第26期星期五出版'))).toEqual(['2024年第26期', '星期五'])
    expect(bound(metaHtml('投稿邮箱：kfjzsk@163.com'))).toEqual(['kfjzsk@163.com'])
    expect(bound(metaHtml('总投资3.5亿元的项目今日开工建设'))).toEqual(['3.5亿'])
    expect(bound(metaHtml('邮发代号：21-465（国内统一刊号）'))).toEqual(['21-465'])
    // A four-character name (compound surname) stays whole.
    expect(bound(metaHtml('责任编辑：欧阳明月'))).toEqual(['编辑：欧阳明月'])
  })

  it('escapes and loses no character', () => {
    const s = '<b>记者 & 王波</b> 7月2日'
    expect(plain(metaHtml(s)).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(s)
    expect(metaHtml(s)).not.toContain('<b>')
  })
})

describe('text (headlines, body, captions)', () => {
  it('makes —— and …… one 2-em unit each, keeping the characters', () => {
    const html = textHtml('——全省开发区纪略……他说——好')
    expect(html.match(/class="em2 dash"/g)?.length).toBe(2)
    expect(html.match(/class="em2 dots"/g)?.length).toBe(1)
    expect(plain(html)).toBe('——全省开发区纪略……他说——好')
  })

  it('drops literal spaces between Han and Latin or digits (text-autospace spaces them), not others', () => {
    expect(plain(textHtml('截至 2023 年底，共有 GDP 数据'))).toBe('截至2023年底，共有GDP数据')
    expect(plain(textHtml('用 “5G” 网络与 AI 技术'))).toBe('用 “5G” 网络与AI技术')
    expect(plain(textHtml('New York 与 London'))).toBe('New York与London')
  })

  it('binds the last two characters of a paragraph with its closing punctuation', () => {
    expect(bound(textHtml('他们走向更高的目标迈进。', { paragraph: true }))).toEqual(['迈进。'])
    expect(bound(textHtml('形成了“政府+企业+联盟”的发展平台”。', { paragraph: true }))).toEqual(['平台”。'])
    expect(bound(textHtml('他说：“好。”', { paragraph: true }))).toEqual(['说：“好。”'])
    expect(bound(textHtml('进行了调研……', { paragraph: true }))).toEqual(['调研……'])
    expect(bound(textHtml('好', { paragraph: true }))).toEqual([])
    // A dash pair before the last two characters is never split between the runs.
    const html = textHtml('这是——好的', { paragraph: true })
    expect(plain(html)).toBe('这是——好的')
    expect(html).toContain('<span class="em2 dash">——</span><span class="nb">好的</span>')
  })
})
