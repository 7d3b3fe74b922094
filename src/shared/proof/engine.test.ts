/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import zonesJson from '../../../resources/zones.json'
import clean from './fixtures/clean-official.txt?raw'
import { detectTags, loadGazetteer } from '../tagging'
import { applyFixes, fixAll, getRule, proofText, protectedSpans, RULES, zoneMentions, type Finding } from './index'

const gazetteer = loadGazetteer(zonesJson)
const zones = (text: string) => zoneMentions(detectTags(text, gazetteer))

const finding = (start: number, end: number, text: string, fix: string | null): Finding => ({
  rule: 't',
  category: '标点',
  start,
  end,
  text,
  message_zh: '',
  message_en: '',
  fix,
})

describe('applyFixes', () => {
  it('applies fixes right to left, so earlier offsets stay valid', () => {
    const text = '甲,乙:丙'
    expect(applyFixes(text, [finding(1, 2, ',', '，'), finding(3, 4, ':', '：')])).toBe('甲，乙：丙')
  })
  it('skips flag-only findings, overlapping ones and ones whose text has changed', () => {
    const text = 'abcdef'
    expect(
      applyFixes(text, [
        finding(0, 3, 'abc', 'X'),
        finding(2, 4, 'cd', 'Y'), // overlaps the first
        finding(4, 5, 'e', null), // flag only
        finding(5, 6, 'z', 'Z'), // stale
      ]),
    ).toBe('Xdef')
  })
  it('handles insertions and deletions', () => {
    expect(applyFixes('13～17万元', [finding(0, 2, '13', '13万')])).toBe('13万～17万元')
    expect(applyFixes('《甲》、《乙》', [finding(3, 4, '、', '')])).toBe('《甲》《乙》')
  })
})

describe('proofText options', () => {
  const text = '依托奥泰,组建协会;再接再励'
  it('runs only the rules asked for, and not the ones switched off', () => {
    expect(new Set(proofText(text, { only: ['halfwidth-comma'] }).map((f) => f.rule))).toEqual(
      new Set(['halfwidth-comma']),
    )
    const rules = new Set(proofText(text, { disabled: ['halfwidth-comma'] }).map((f) => f.rule))
    expect(rules.has('halfwidth-comma')).toBe(false)
    expect(rules.has('halfwidth-semicolon')).toBe(true)
    expect(rules.has('word-wrong')).toBe(true)
  })
  it('every rule is data the UI can show: category, standard, clause, fix kind', () => {
    for (const f of proofText(text)) {
      const rule = getRule(f.rule)
      expect(rule?.category).toBe(f.category)
      expect(f.message_zh).toContain(rule?.standard)
    }
    expect(RULES.length).toBeGreaterThanOrEqual(25)
  })
})

describe('exceptions', () => {
  it('finds web and email addresses, codes, decimals, Latin words and dateline spaces', () => {
    const text = '科学导报 记者王波 7月2日,详见https://a.example.cn/x?y=1,或kfjzsk@163.com,代号21-465,增长3.6%,LED屏'
    const kinds = protectedSpans(text).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`)
    expect(kinds).toEqual(
      expect.arrayContaining([
        'dateline:科学导报 记者王波 7月2日',
        'url:https://a.example.cn/x?y=1,或'.replace(',或', ''),
        'email:kfjzsk@163.com',
        'code:21-465',
        'number:3.6%',
        'latin:LED',
      ]),
    )
    const found = proofText(text)
    // the commas after each of them are flagged; nothing inside them is
    expect(found.map((f) => f.text)).toEqual([',', ',', ',', ',', ','])
  })
  it('a URL in Chinese text keeps its ? and :', () => {
    expect(proofText('请访问http://www.example.com/a?b=1查询')).toEqual([])
  })
})

describe('the house rule on zone names', () => {
  it('flags a zone whose first mention is short, and only the first', () => {
    const text = '怀仁经开区生物医药园区拥有高新技术企业9家。怀仁经济技术开发区将继续引进项目，怀仁经开区还将扩区。'
    const found = proofText(text, { only: ['zone-first-mention'], zones })
    expect(found.map((f) => [f.text, f.fix])).toEqual([['怀仁经开区', '怀仁经济技术开发区']])
  })
  it('is silent when the full name comes first', () => {
    const text = '怀仁经济技术开发区将继续引进项目，怀仁经开区还将扩区。'
    expect(proofText(text, { only: ['zone-first-mention'], zones })).toEqual([])
  })
})

describe('false positives on correctly written official-style text', () => {
  it('a body of clean text written for this test has (almost) no findings', () => {
    expect(clean.length).toBeGreaterThan(3000)
    const found = proofText(clean, { zones })
    if (found.length > 0) console.log(found.map((f) => `${f.rule}: ${f.text}`).join('\n'))
    console.log(`false positives on ${clean.length} characters of clean text: ${found.length}`)
    expect(found.length).toBeLessThanOrEqual(2)
    expect(fixAll(clean, { zones })).toBe(clean)
  })
})
