import { describe, expect, it } from 'vitest'
import { isHeadingFont, looksLikeSubhead, rowText } from './wordPaste'

describe('Word paste', () => {
  it('takes a short paragraph all in 黑体 or all bold, without a sentence end, as a 小标题', () => {
    expect(looksLikeSubhead('新兴产业蓄势成阵', { bold: false, headingFont: true })).toBe(true)
    expect(looksLikeSubhead(' 一、传统产业蝶变新生 ', { bold: true, headingFont: false })).toBe(true)
    expect(looksLikeSubhead('新兴产业蓄势成阵', { bold: false, headingFont: false })).toBe(false)
  })

  it('leaves running text alone, however it looks', () => {
    expect(looksLikeSubhead('园区新增企业12家。', { bold: true, headingFont: true })).toBe(false)
    expect(looksLikeSubhead('其中，', { bold: true, headingFont: false })).toBe(false)
    expect(looksLikeSubhead('甲'.repeat(41), { bold: true, headingFont: true })).toBe(false)
    expect(looksLikeSubhead('今年以来。园区', { bold: true, headingFont: false })).toBe(false)
    expect(looksLikeSubhead('甲', { bold: true, headingFont: false })).toBe(false)
  })

  it('knows the fonts headings are set in', () => {
    for (const font of ['黑体', '"SimHei"', '微软雅黑', 'Microsoft YaHei', '方正小标宋_GBK, 方正黑体_GBK']) {
      expect(isHeadingFont(font), font).toBe(true)
    }
    for (const font of ['宋体', 'SimSun', '仿宋_GB2312', 'Times New Roman'])
      expect(isHeadingFont(font), font).toBe(false)
  })

  it('puts a table row on one line, its cells side by side', () => {
    expect(rowText([' 指标 ', '2023年', '', '增长\n'])).toBe('指标　2023年　增长')
    expect(rowText(['', ' '])).toBe('')
  })
})
