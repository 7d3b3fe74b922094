import { describe, expect, it } from 'vitest'
import { parseChineseNumeral, toAsciiDigits } from './numerals'

describe('parseChineseNumeral', () => {
  it.each([
    ['零', 0],
    ['一', 1],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['三十二', 32],
    ['一百', 100],
    ['一百一十', 110],
    ['二百一十', 210],
    ['两百', 200],
    ['两百五', 250],
    ['四百八十', 480],
    ['一千零五', 1005],
    ['一千零五十', 1050],
    ['三千', 3000],
    ['一万', 10000],
    ['一万二', 12000],
    ['一万二千', 12000],
    ['一万零五百', 10500],
    ['三十万', 300000],
    ['五千万', 50000000],
    ['一亿', 100000000],
    ['一亿二千万', 120000000],
    ['三亿五', 350000000],
    ['三万亿', 3e12],
    ['一万二千亿', 1.2e12],
    ['二〇二三', 2023],
  ])('%s = %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value)
  })

  it.each(['', '十四五', '万', '亿万', '百', '五三十', '一十十', '零万'])('%s is not a numeral', (text) => {
    expect(parseChineseNumeral(text)).toBeNull()
  })
})

describe('toAsciiDigits', () => {
  it('converts full-width digits, point and comma', () => {
    expect(toAsciiDigits('１，２３４．５')).toBe('1,234.5')
    expect(toAsciiDigits('42.3')).toBe('42.3')
  })
})
