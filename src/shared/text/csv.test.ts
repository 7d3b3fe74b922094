import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from './csv'

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x.example","点我")', `"'=HYPERLINK(""http://x.example"",""点我"")"`],
    ['=1+2', "'=1+2"],
    ['+5个百分点', "'+5个百分点"],
    ['-3.2%', "'-3.2%"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+2', "'\t=1+2"],
    ['\r=1+2', `"'\r=1+2"`],
  ])('neutralises the formula text %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected)
  })

  it('leaves ordinary text alone and quotes only what needs quoting', () => {
    expect(csvCell('717亿元')).toBe('717亿元')
    expect(csvCell('进出口额')).toBe('进出口额')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('他说"好"')).toBe('"他说""好"""')
    expect(csvCell('一行\n两行')).toBe('"一行\n两行"')
    expect(csvCell('a=b')).toBe('a=b')
    expect(csvCell('')).toBe('')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('writes finite numbers as numbers, negative ones included, and neutralises non-finite ones', () => {
    expect(csvCell(-3.2)).toBe('-3.2')
    expect(csvCell(717)).toBe('717')
    expect(csvCell(0)).toBe('0')
    expect(csvCell(1e21)).toBe('1e+21')
    expect(csvCell(-Infinity)).toBe("'-Infinity")
    expect(csvCell(NaN)).toBe('NaN')
  })
})

describe('toCsv', () => {
  it('starts with a BOM, joins lines with CRLF and neutralises every text cell, the header included', () => {
    const csv = toCsv(
      ['期号', '=标题'],
      [
        ['2024年第25期', -3.2],
        ['=cmd|" /C calc"!A0', '-3.2%'],
      ],
    )
    expect(csv).toBe(`\ufeff期号,'=标题\r\n2024年第25期,-3.2\r\n"'=cmd|"" /C calc""!A0",'-3.2%`)
    // No line of the document, once the BOM is gone, starts a cell with a formula character.
    for (const line of csv.slice(1).split('\r\n')) {
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+@\t\r]/)
    }
  })
})
