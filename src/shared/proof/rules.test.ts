/** Every rule on its own written and wrong examples, then each rule's fixes on cases of its own. */
import { describe, expect, it } from 'vitest'
import { applyFixes, fixAll, proofText, RULES } from './index'

const ofRule = (text: string, rule: string) => proofText(text, { only: [rule] })

describe('every rule', () => {
  for (const rule of RULES) {
    if (rule.id === 'zone-first-mention') continue // needs the zone registry: zones.test.ts
    describe(rule.id, () => {
      it('has positive and negative examples, and messages in both languages', () => {
        expect(rule.examples.bad.length).toBeGreaterThan(0)
        expect(rule.examples.good.length).toBeGreaterThan(0)
        expect(rule.message_zh).toMatch(/[\u4e00-\u9fff]/)
        expect(rule.message_en).toMatch(/[a-z]/)
        expect(rule.standard).not.toBe('')
      })
      for (const bad of rule.examples.bad) {
        it(`flags ${JSON.stringify(bad)}`, () => {
          const found = ofRule(bad, rule.id)
          expect(found.length).toBeGreaterThan(0)
          for (const f of found) {
            expect(bad.slice(f.start, f.end)).toBe(f.text)
            if (rule.fix === null) expect(f.fix).toBeNull()
          }
        })
      }
      for (const good of rule.examples.good) {
        it(`leaves ${JSON.stringify(good)} alone`, () => {
          expect(ofRule(good, rule.id)).toEqual([])
        })
      }
    })
  }
  it('have unique ids', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length)
  })
})

/** What fix-all of one rule makes of a text. */
const fixed = (text: string, rule: string) => applyFixes(text, ofRule(text, rule))

describe('fixes', () => {
  it.each([
    ['halfwidth-comma', '依托奥泰,组建协会', '依托奥泰，组建协会'],
    ['halfwidth-comma', '成功培育出LED, 触摸屏', '成功培育出LED，触摸屏'],
    ['halfwidth-comma', '增长5.7%,占全省', '增长5.7%，占全省'],
    ['halfwidth-colon', '让世界看见山西: 亮相平台', '让世界看见山西：亮相平台'],
    ['halfwidth-colon', '让世界了解山西:\n主动开展', '让世界了解山西：\n主动开展'],
    ['halfwidth-semicolon', '深化合作;在人才用上', '深化合作；在人才用上'],
    ['halfwidth-question', '怎么办?', '怎么办？'],
    ['halfwidth-exclamation', '加油!', '加油！'],
    ['halfwidth-period', '顺利开工.', '顺利开工。'],
    ['halfwidth-parens', '办法(试行)》', '办法（试行）》'],
    ['halfwidth-parens', '(ABC) 公司', '（ABC） 公司'],
    ['ascii-quotes', '实施"一体两翼"战略', '实施“一体两翼”战略'],
    ['nested-quotes', '“当好“店小二”服务”', '“当好‘店小二’服务”'],
    ['doubled-marks', '开工，，建设', '开工，建设'],
    ['ellipsis-form', '新材料...', '新材料……'],
    ['ellipsis-form', '钢铁…煤炭', '钢铁……煤炭'],
    ['ellipsis-with-deng', '钢铁、焦化……等产业', '钢铁、焦化等产业'],
    ['enumeration-between-marks', '《决定》、《规划》', '《决定》《规划》'],
    ['range-time', '(2019年-2023年)', '(2019—2023年)'],
    ['range-time', '7月2日-10日', '7月2日—10日'],
    ['range-number', '招收30-50名', '招收30～50名'],
    ['dash-form', '开发区--培育', '开发区——培育'],
    ['bracket-end-punct', '（试行，）', '（试行）'],
    ['year-zero', '二零二四年', '二〇二四年'],
    ['fullwidth-digits', '增长３．６％', '增长3.6％'],
    ['range-both-ends', '增长15～30%', '增长15%～30%'],
    ['range-both-ends', '投资13～17万元', '投资13万～17万元'],
    ['approximation-redundant', '就业约150人左右', '就业约150人'],
    ['estimate-comma', '三、四个人', '三四个人'],
    ['unit-symbol-case', '1000ml规格', '1000mL规格'],
    ['unit-symbol-case', '全长35KM', '全长35km'],
    ['unit-non-legal', '身高180公分', '身高180厘米'],
    ['word-wrong', '再接再励', '再接再厉'],
    ['word-variant', '名符其实', '名副其实'],
    ['word-jiezhi', '截止目前', '截至目前'],
    ['char-repeated', '发展的的关键', '发展的关键'],
  ])('%s: %s → %s', (rule, text, want) => {
    expect(fixed(text, rule)).toBe(want)
  })

  it('ranges come right over two rounds: connector, then the magnitude on both ends', () => {
    expect(fixAll('每户补贴3-5万元')).toBe('每户补贴3万～5万元')
    expect(fixAll('增长10~20%')).toBe('增长10%～20%')
  })

  it('flag-only rules offer no fix', () => {
    for (const f of proofText('他说：“好。台湾政府。时速80km/小时。投资4千元。')) {
      if (['unpaired-marks', 'careful-expression', 'unit-mixed-name-symbol', 'mixed-magnitude'].includes(f.rule)) {
        expect(f.fix).toBeNull()
      }
    }
    expect(proofText('功率150马力', { only: ['unit-non-legal'] })[0]?.fix).toBeNull()
  })

  it('names the standard in every message', () => {
    const [f] = proofText('依托奥泰,组建协会')
    expect(f?.message_zh).toContain('GB/T 15834-2011 4.4')
    expect(f?.message_en).toContain('GB/T 15834-2011 4.4')
  })
})

describe('context', () => {
  it('a quotation over several paragraphs is not unpaired', () => {
    expect(ofRule('“第一段。\n“第二段。”', 'unpaired-marks')).toEqual([])
    expect(ofRule('“第一段。\n第二段。', 'unpaired-marks').map((f) => f.text)).toEqual(['“'])
  })
  it('dates: the minority form is flagged, and a date mixing both forms', () => {
    const text = '7月2日开幕，七月五日闭幕，7月8日总结。'
    expect(ofRule(text, 'date-consistency').map((f) => f.text)).toEqual(['七月五日'])
    expect(ofRule('二〇二四年七月二日至七月五日', 'date-consistency')).toEqual([])
  })
  it('a house list replaces the shipped one, and its guards keep words inside other words', () => {
    const lists = { wrongWords: [{ wrong: '按装', right: '安装', notBefore: '修配机' }] }
    expect(proofText('按装修标准，请按装配图', { only: ['word-wrong'], lists })).toEqual([])
    expect(proofText('设备按装到位', { only: ['word-wrong'], lists }).map((f) => f.fix)).toEqual(['安装'])
  })
})
