/** GB/T 15835-2011 出版物上数字用法. */
import type { Hit, ProofContext, Rule } from '../types'
import { regexHits, whole } from './util'

const STD = 'GB/T 15835-2011'

/** 二零二四年 → 二〇二四年: in a year written in Chinese digits, 0 is 〇 (零 counts, 〇 numbers). */
function* yearZero(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, /(?<![一二三四五六七八九十百千万〇零○O0])[〇零○O0一二三四五六七八九]{4}(?=年)/g, (m) => {
    const year = m[0]
    if (!/[一二三四五六七八九]/.test(year) || !/[零○O0]/.test(year)) return null
    return whole(m, year.replace(/[零○O0]/g, '〇'))
  })
}

const FULL_DIGIT = /[０-９]+(?:．[０-９]+)?/g

/** ２０２４ → 2024: Arabic digits are half-width. */
function* fullWidthDigits(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, FULL_DIGIT, (m) =>
    whole(
      m,
      m[0].replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))),
    ),
  )
}

/**
 * 15～30% → 15%～30%, 13～17万元 → 13万～17万元: a percent sign or a 万/亿 is written on both
 * ends of a range, or the first number reads as a bare number.
 */
function* rangeBothEnds(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, /(?<![\dA-Za-z.\-－/:])(\d+(?:\.\d+)?)(?=[～~—\-－–]\d+(?:\.\d+)?([%万亿]))/g, (m) => ({
    start: m.index,
    end: m.index + m[0].length,
    fix: `${m[1]}${m[2]}`,
  }))
}

/** 约150人左右: 约 and 左右 both say “about”; keep one. */
function* approximation(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(
    ctx.text,
    /(?:大约|(?<![节制签公契预合邀隐简婉条相履违特失赴践誓守爽租和盟])约)([\d.]+|[一二两三四五六七八九十百千万亿]+)([^\s，。、；：！？\d]{0,4}?)(左右|上下)/g,
    (m) => {
      const fix = m[0].slice(0, m[0].length - (m[3]?.length ?? 2))
      return whole(m, fix)
    },
  )
}

/** 三、四个 → 三四个: two neighbouring numbers giving an estimate take no 顿号. */
function* estimateComma(ctx: ProofContext): Generator<Hit> {
  const order = '一二三四五六七八九'
  yield* regexHits(
    ctx.text,
    /(?<![第〇零一二三四五六七八九十])([一二三四五六七八])、([二三四五六七八九])(?=[十百千万亿]?[个人天种次家名岁倍位])/g,
    (m) => {
      if (order.indexOf(m[2] ?? '') !== order.indexOf(m[1] ?? '') + 1) return null
      return whole(m, `${m[1]}${m[2]}`)
    },
  )
}

/** 4千, 1百: an Arabic number does not take 十/百/千 (万 and 亿 are allowed). */
function* mixedMagnitude(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, /(?<![\dA-Za-z.])\d+[十百千](?![米克瓦伏帕焦赫卡升分兆])/g, (m) => whole(m, null))
}

const CN_DATE =
  /(?<![〇零一二三四五六七八九十])(?:[〇零一二三四五六七八九]{4}年)?[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日/g
const AR_DATE = /(?:\d{4}年)?\d{1,2}月\d{1,2}日/g
const MIXED_DATE = /[〇零一二三四五六七八九]{4}年\d{1,2}月|\d{4}年[一二三四五六七八九十]{1,2}月/g

/**
 * Dates of one text in one form (同类别同形式): 7月2日 beside 七月二日, or 二〇二四年7月. The
 * minority form is flagged; 农历 dates and 五四 kinds of names are not dates here.
 */
function* dateConsistency(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  const chinese = [...text.matchAll(CN_DATE)].filter(
    (m) => !text.slice(Math.max(0, m.index - 2), m.index).includes('农历'),
  )
  const arabic = [...text.matchAll(AR_DATE)]
  for (const m of text.matchAll(MIXED_DATE)) {
    yield {
      start: m.index,
      end: m.index + m[0].length,
      fix: null,
      detail_zh: '一个日期混用两种数字',
      detail_en: 'one date in two kinds of digits',
    }
  }
  if (chinese.length === 0 || arabic.length === 0) return
  const minority = chinese.length <= arabic.length ? chinese : arabic
  for (const m of minority) {
    yield {
      start: m.index,
      end: m.index + m[0].length,
      fix: null,
      detail_zh: minority === chinese ? '本文其他日期用阿拉伯数字' : '本文其他日期用汉字数字',
      detail_en:
        minority === chinese ? 'other dates here are in Arabic digits' : 'other dates here are in Chinese digits',
    }
  }
}

export const NUMBER_RULES: Rule[] = [
  {
    id: 'year-zero',
    category: '数字',
    standard: STD,
    clause: '5.2.5',
    message_zh: '汉字数字表示年份时，“0”写作“〇”',
    message_en: 'A year in Chinese digits writes 0 as 〇',
    match: yearZero,
    fix: 'safe',
    exceptions: [],
    examples: { bad: ['二零二四年', '一九九O年', '二○二三年'], good: ['二〇二四年', '三千零五十二元', '零点方案'] },
  },
  {
    id: 'fullwidth-digits',
    category: '数字',
    standard: STD,
    clause: '5.1.7',
    message_zh: '阿拉伯数字用半角（二分字身）',
    message_en: 'Arabic digits are half-width',
    match: fullWidthDigits,
    fix: 'safe',
    exceptions: [],
    examples: { bad: ['２０２４年', '增长３．６％'], good: ['2024年', '增长3.6%'] },
  },
  {
    id: 'range-both-ends',
    category: '数字',
    standard: STD,
    clause: '5.1.3',
    message_zh: '数值范围两端的百分号或“万”“亿”都要写出',
    message_en: 'A percent sign or 万/亿 is written at both ends of a range',
    match: rangeBothEnds,
    fix: 'review',
    exceptions: ['url', 'email'],
    examples: {
      bad: ['增长15～30%', '投资13～17万元', '规模9～16亿'],
      good: ['增长15%～30%', '13万～17万元', '100～150千克'],
    },
  },
  {
    id: 'approximation-redundant',
    category: '数字',
    standard: '本报体例',
    clause: '概数',
    message_zh: '“约”与“左右”“上下”意思重复，只用一个',
    message_en: '约 and 左右/上下 both mean “about”: use one',
    match: approximation,
    fix: 'review',
    exceptions: [],
    examples: { bad: ['解决就业约150人左右', '大约三成上下'], good: ['解决就业150人左右', '约150人', '左右两侧'] },
  },
  {
    id: 'estimate-comma',
    category: '数字',
    standard: STD,
    clause: '5.2.1',
    message_zh: '相邻两数连用表示概数，中间不用顿号',
    message_en: 'Two neighbouring numbers giving an estimate take no enumeration comma',
    match: estimateComma,
    fix: 'review',
    exceptions: [],
    examples: { bad: ['来了三、四个人', '五、六十岁'], good: ['来了三四个人', '第一、二季度', '一、二号线'] },
  },
  {
    id: 'mixed-magnitude',
    category: '数字',
    standard: STD,
    clause: '5.3',
    message_zh: '阿拉伯数字不与“十”“百”“千”连用（“万”“亿”除外）',
    message_en: 'Arabic digits do not take 十/百/千 (万 and 亿 may be used)',
    match: mixedMagnitude,
    fix: null,
    exceptions: ['latin'],
    examples: { bad: ['投资4千元', '1百多人'], good: ['4000元', '5千米', '3千克', '12万元'] },
  },
  {
    id: 'date-consistency',
    category: '数字',
    standard: STD,
    clause: '4.3',
    message_zh: '同类数字用同一种形式',
    message_en: 'Numbers of one kind take one form',
    match: dateConsistency,
    fix: null,
    exceptions: [],
    examples: {
      bad: ['7月2日开幕，七月五日闭幕，7月8日总结', '二〇二四年7月'],
      good: ['7月2日开幕，7月5日闭幕', '二〇二四年七月二日', '农历五月初五'],
    },
  },
]
