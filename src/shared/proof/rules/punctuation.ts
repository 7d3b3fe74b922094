/** GB/T 15834-2011 标点符号用法. */
import { inChineseContext, isAsciiDigit, isChineseChar, isHan, paragraphs, skipBlanks } from '../chars'
import type { Hit, ProofContext, Rule } from '../types'
import { regexHits, whole } from './util'

const STD = 'GB/T 15834-2011'
const PROSE = ['url', 'email', 'code', 'number', 'latin', 'dateline'] as const

/**
 * A half-width mark in Chinese text → its full-width form. The span takes the spaces typed after
 * the mark when Chinese follows them (`山西: 亮相` → `山西：亮相`), never a line break.
 */
function* halfWidth(ctx: ProofContext, mark: string, full: string, skipBetweenDigits: boolean): Generator<Hit> {
  const { text } = ctx
  for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) {
    if (skipBetweenDigits && isAsciiDigit(text[i - 1]) && isAsciiDigit(text[i + 1])) continue
    if (!inChineseContext(text, i)) continue
    const after = skipBlanks(text, i + 1)
    const end = after > i + 1 && isChineseChar(text[after]) ? after : i + 1
    yield { start: i, end, fix: full }
  }
}

const halfWidthRule = (
  id: string,
  mark: string,
  full: string,
  name: [string, string],
  clause: string,
  examples: Rule['examples'],
): Rule => ({
  id,
  category: '标点',
  standard: STD,
  clause,
  message_zh: `中文里的${name[0]}用全角“${full}”`,
  message_en: `In Chinese text the ${name[1]} is the full-width “${full}”`,
  match: (ctx) => halfWidth(ctx, mark, full, mark === ',' || mark === ':'),
  fix: 'safe',
  exceptions: PROSE,
  examples,
})

/** 。 typed as a half-width full stop after Chinese, at the end of a sentence. */
function* halfWidthPeriod(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  for (let i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
    if (text[i - 1] === '.' || text[i + 1] === '.') continue
    const before = text[i - 1]
    if (!(isHan(before) || before === '”' || before === '’' || before === '）' || before === '》')) continue
    const next = text[i + 1]
    if (next !== undefined && next !== '\n' && next !== '\r' && next !== ' ' && !isChineseChar(next)) continue
    yield { start: i, end: i + 1, fix: '。' }
  }
}

/** ASCII round brackets in Chinese text → （）, the two of a pair together. */
function* halfWidthParens(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  const chineseSide = (i: number): boolean => inChineseContext(text, i)
  for (const p of paragraphs(text)) {
    const open: number[] = []
    const pairs: [number, number][] = []
    const lone: number[] = []
    for (let i = p.start; i < p.end; i++) {
      const ch = text[i]
      if (ch === '(') open.push(i)
      else if (ch === ')') {
        const o = open.pop()
        if (o === undefined) lone.push(i)
        else pairs.push([o, i])
      }
    }
    lone.push(...open)
    for (const [o, c] of pairs) {
      let hanInside = false
      for (let k = o + 1; k < c && !hanInside; k++) hanInside = isHan(text[k])
      if (hanInside || chineseSide(o) || chineseSide(c)) {
        yield { start: o, end: o + 1, fix: '（' }
        yield { start: c, end: c + 1, fix: '）' }
      }
    }
    for (const i of lone) if (chineseSide(i)) yield { start: i, end: i + 1, fix: text[i] === '(' ? '（' : '）' }
  }
}

/** ASCII quotes in a Chinese paragraph → “” (and '…' around Chinese → ‘’), opening then closing. */
function* asciiQuotes(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  for (const p of paragraphs(text)) {
    const doubles: number[] = []
    const singles: number[] = []
    let han = false
    for (let i = p.start; i < p.end; i++) {
      const ch = text[i]
      if (ch === '"') doubles.push(i)
      else if (ch === "'") singles.push(i)
      else if (!han && isHan(ch)) han = true
    }
    if (!han) continue
    for (let k = 0; k + 1 < doubles.length; k += 2) {
      yield { start: doubles[k] as number, end: (doubles[k] as number) + 1, fix: '“' }
      yield { start: doubles[k + 1] as number, end: (doubles[k + 1] as number) + 1, fix: '”' }
    }
    for (let k = 0; k + 1 < singles.length; k += 2) {
      const o = singles[k] as number
      const c = singles[k + 1] as number
      let hanInside = false
      for (let j = o + 1; j < c && !hanInside; j++) hanInside = isHan(text[j])
      if (!hanInside) continue
      yield { start: o, end: o + 1, fix: '‘' }
      yield { start: c, end: c + 1, fix: '’' }
    }
  }
}

/** A quotation inside a quotation takes single quotes: “…“店小二”…” → “…‘店小二’…”. */
function* nestedQuotes(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  for (const p of paragraphs(text)) {
    let depth = 0
    const innerOpen: number[] = []
    for (let i = p.start; i < p.end; i++) {
      const ch = text[i]
      if (ch === '“') {
        depth++
        if (depth === 2) innerOpen.push(i)
      } else if (ch === '”' && depth > 0) {
        if (depth === 2) {
          const o = innerOpen.pop()
          if (o !== undefined) {
            yield { start: o, end: o + 1, fix: '‘' }
            yield { start: i, end: i + 1, fix: '’' }
          }
        }
        depth--
      }
    }
  }
}

const PAIRS: [string, string][] = [
  ['“', '”'],
  ['‘', '’'],
  ['《', '》'],
  ['（', '）'],
]

/**
 * Opening and closing marks that do not pair up within a paragraph. A quotation running over
 * several paragraphs opens each of them and closes only the last: an open “ is not unpaired when
 * the next paragraph opens with “.
 */
function* unpaired(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  const paras = paragraphs(text).filter((p) => text.slice(p.start, p.end).trim() !== '')
  const hits: Hit[] = []
  paras.forEach((p, n) => {
    for (const [open, close] of PAIRS) {
      const stack: number[] = []
      for (let i = p.start; i < p.end; i++) {
        const ch = text[i]
        if (ch === open) stack.push(i)
        else if (ch === close && stack.pop() === undefined) {
          hits.push({ start: i, end: i + 1, fix: null, detail_zh: `缺少“${open}”`, detail_en: `no opening “${open}”` })
        }
      }
      const next = paras[n + 1]
      if (open === '“' && next !== undefined && text[skipBlanks(text, next.start)] === '“') continue
      for (const i of stack) {
        hits.push({ start: i, end: i + 1, fix: null, detail_zh: `缺少“${close}”`, detail_en: `no closing “${close}”` })
      }
    }
  })
  yield* hits.sort((a, b) => a.start - b.start)
}

/** Two marks in a row: the same one twice (，， → ，) or two that exclude each other (，。). */
function* doubled(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, /[，。、；：？！]{2,}/g, (m) => {
    const run = m[0]
    // ？！ and ！？ (and their repetitions) are allowed for a strong question or exclamation
    if (/^[？！]+$/.test(run)) return null
    const same = run.split('').every((c) => c === run[0])
    return same
      ? { ...whole(m, run[0] ?? ''), detail_zh: '重复', detail_en: 'repeated' }
      : { ...whole(m, null), detail_zh: '两个点号连用', detail_en: 'two marks in a row' }
  })
}

/** Ellipsis forms: ...  。。。  …  ………  ··· → ……; two ellipses (…………, a paragraph left out) stay. */
function* ellipsis(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  yield* regexHits(text, /\.{3,}|。{3,}|·{3,}|⋯+|…+/g, (m) => {
    const run = m[0]
    if (run === '……' || run === '…………') return null
    if ((run[0] === '.' || run[0] === '·') && !inChineseContext(text, m.index, run.length)) return null
    return whole(m, '……')
  })
}

/** 省略号 and 等/等等 say the same thing; keep one. */
function* ellipsisWithDeng(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, /……(等等|等)/g, (m) => whole(m, m[1] ?? '等'))
}

/** 顿号 between marked items: 《甲》、《乙》 → 《甲》《乙》, “甲”、“乙” → “甲”“乙”. */
function* enumerationBetweenMarks(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, /(?<=[》”’])、(?=[《“‘])/g, (m) => whole(m, ''))
}

/** A year range takes the 一字线 and one 年: 2019年-2023年 → 2019—2023年. */
function* rangeTime(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  yield* regexHits(text, /(?<![\dA-Za-z.\-－/])(\d{4})(年?)[ \u3000]?[-－~～–][ \u3000]?(\d{4})年/g, (m) =>
    whole(m, `${m[1]}—${m[3]}年`),
  )
  // 7月2日-10日, 7月-9月: only the connector changes
  yield* regexHits(text, /(?<=\d[月日])[-－~～–](?=\d{1,2}[月日])/g, (m) => whole(m, '—'))
}

/** What follows a value (not a time) in a range: 3-5个, 10-20%, 3-5万元. */
const MEASURE = '个名人家项次种户元吨米克倍条所位台辆座件份批篇场只头株亩%万亿千百'

/** A value range takes the 浪纹线: 3-5个, 10~20% → 3～5个, 10～20%. */
function* rangeNumber(ctx: ProofContext): Generator<Hit> {
  const re = new RegExp(
    `(?<![\\dA-Za-z.\\-－/:])\\d+(?:\\.\\d+)?[%万亿]?([-－~–])\\d+(?:\\.\\d+)?(?=[${MEASURE}])`,
    'g',
  )
  yield* regexHits(ctx.text, re, (m) => {
    const at = m.index + m[0].search(/[-－~–]/)
    return { start: at, end: at + 1, fix: '～' }
  })
}

/** Dash forms: --, －－, ――, ─── or three em dashes → ——. */
function* dashForm(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  yield* regexHits(text, /-{2,}|－{2,}|―{2,}|─{2,}|—{3,}|—―|―—|—-|-—/g, (m) =>
    inChineseContext(text, m.index, m[0].length) ? whole(m, '——') : null,
  )
}

/** Inside a bracket within a sentence no 点号 ends the note: （试行，） （简称农高区。）党委 */
function* bracketEndPunct(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(ctx.text, /[，、；：](?=[）\]】])|。(?=）[\u4e00-\u9fff，、；：])/g, (m) => whole(m, ''))
}

export const PUNCTUATION_RULES: Rule[] = [
  halfWidthRule('halfwidth-comma', ',', '，', ['逗号', 'comma'], '4.4', {
    bad: ['依托奥泰智能煤机,组建了协会', '成功率达42%,位居前列', '与山西集团, 签署协议'],
    good: ['销售额达1,200万元', 'Hello, world', '订单来自3,5两类'],
  }),
  halfWidthRule('halfwidth-colon', ':', '：', ['冒号', 'colon'], '4.7', {
    bad: ['邮发代号:21-465', '让世界看见山西: 亮相世界级平台', '他说:“好。”'],
    good: ['会议于10:30开始', '网址https://example.com', 'ratio 3:2'],
  }),
  halfWidthRule('halfwidth-semicolon', ';', '；', ['分号', 'semicolon'], '4.6', {
    bad: ['在人才引上,注重融合;在人才育上', '一是加强合作;二是扩大开放'],
    good: ['a; b; c', 'x=1;y=2'],
  }),
  halfWidthRule('halfwidth-question', '?', '？', ['问号', 'question mark'], '4.2', {
    bad: ['如何打造开放新高地?', '你去过太谷吗? 我去过'],
    good: ['https://example.com/?q=1', 'Why not?'],
  }),
  halfWidthRule('halfwidth-exclamation', '!', '！', ['叹号', 'exclamation mark'], '4.3', {
    bad: ['奋斗吧!', '太好了!我们成功了'],
    good: ['Yahoo! Japan', 'x != y'],
  }),
  {
    id: 'halfwidth-period',
    category: '标点',
    standard: STD,
    clause: '4.1',
    message_zh: '中文句末用句号“。”，不用英文句点',
    message_en: 'A Chinese sentence ends with “。”, not a full stop',
    match: halfWidthPeriod,
    fix: 'safe',
    exceptions: PROSE,
    examples: {
      bad: ['项目正式投产.', '项目正式投产.下一步'],
      good: ['增长3.6个百分点', 'www.sxdrc.gov.cn', 'Mr. Smith'],
    },
  },
  {
    id: 'halfwidth-parens',
    category: '标点',
    standard: STD,
    clause: '4.9',
    message_zh: '中文里的括号用全角“（）”',
    message_en: 'In Chinese text brackets are the full-width “（）”',
    match: halfWidthParens,
    fix: 'safe',
    exceptions: ['url', 'email'],
    examples: {
      bad: ['晋中国家农高区(太谷国家农业科创中心)党委', '《人才周转房使用管理办法(试行)》', '(1)加强领导'],
      good: ['f(x) = x + 1', 'see (Smith 2020)', '晋中国家农高区（太谷国家农业科创中心）'],
    },
  },
  {
    id: 'ascii-quotes',
    category: '标点',
    standard: STD,
    clause: '4.8',
    message_zh: '中文里的引号用“”（内层‘’），不用直引号',
    message_en: 'Chinese text quotes with “” (inner ‘’), not straight quotes',
    match: asciiQuotes,
    fix: 'safe',
    exceptions: ['url', 'email', 'code'],
    examples: {
      bad: ['实施"一体两翼"发展战略', "他说'好的'就走了"],
      good: ['实施“一体两翼”发展战略', 'the "quoted" word', "Xi'an and O'Neil"],
    },
  },
  {
    id: 'nested-quotes',
    category: '标点',
    standard: STD,
    clause: '4.8',
    message_zh: '引号里面再用引号时，里层用单引号‘’',
    message_en: 'A quotation inside a quotation takes single quotes ‘’',
    match: nestedQuotes,
    fix: 'safe',
    exceptions: [],
    examples: {
      bad: ['“我们要当好金牌“店小二”，全力服务。”卢世雄说。'],
      good: ['“我们要当好金牌‘店小二’，全力服务。”', '打造“新高地”“新引擎”'],
    },
  },
  {
    id: 'unpaired-marks',
    category: '标点',
    standard: STD,
    clause: '4.8、4.9、4.15',
    message_zh: '引号、括号或书名号不成对',
    message_en: 'A quotation mark, bracket or title mark has no partner',
    match: unpaired,
    fix: null,
    exceptions: [],
    examples: {
      bad: ['他说：“我们一定完成任务。', '学习《办法的有关规定', '园区（一期投产'],
      good: ['他说：“我们一定完成任务。”', '“第一段引文，\n“第二段引文。”'],
    },
  },
  {
    id: 'doubled-marks',
    category: '标点',
    standard: STD,
    clause: '4.1—4.7',
    message_zh: '点号连用',
    message_en: 'Punctuation marks in a row',
    match: doubled,
    fix: 'review',
    exceptions: [],
    examples: { bad: ['项目开工，，建设顺利', '全面开花。，下一步'], good: ['真的吗？！', '这是……', '开工，建设'] },
  },
  {
    id: 'ellipsis-form',
    category: '标点',
    standard: STD,
    clause: '4.11',
    message_zh: '省略号为六个点“……”',
    message_en: 'The ellipsis is six dots “……”',
    match: ellipsis,
    fix: 'safe',
    exceptions: ['url', 'latin', 'number'],
    examples: { bad: ['新能源、新材料...', '等待。。。', '钢铁…煤炭'], good: ['新能源、新材料……', 'wait...', '王·李'] },
  },
  {
    id: 'ellipsis-with-deng',
    category: '标点',
    standard: STD,
    clause: '4.11',
    message_zh: '省略号与“等”“等等”不同时使用',
    message_en: 'An ellipsis and 等 (etc.) are not used together',
    match: ellipsisWithDeng,
    fix: 'review',
    exceptions: [],
    examples: { bad: ['钢铁、煤炭、焦化……等产业'], good: ['钢铁、煤炭、焦化等产业', '钢铁、煤炭、焦化……'] },
  },
  {
    id: 'enumeration-between-marks',
    category: '标点',
    standard: STD,
    clause: '4.5.3.5',
    message_zh: '并列的引号或书名号之间通常不用顿号',
    message_en: 'No enumeration comma between items in quotation or title marks',
    match: enumerationBetweenMarks,
    fix: 'review',
    exceptions: [],
    examples: {
      bad: ['建设“绿色山西”、“智能山西”', '学习《决定》、《规划》'],
      good: ['建设“绿色山西”“智能山西”', '《决定》（草案）、《规划》'],
    },
  },
  {
    id: 'range-time',
    category: '标点',
    standard: STD,
    clause: '4.13.3.2',
    message_zh: '时间的起止用一字线“—”',
    message_en: 'A span of time takes the one-em dash “—”',
    match: rangeTime,
    fix: 'review',
    exceptions: ['url', 'email'],
    examples: {
      bad: ['连续5年(2019年-2023年)', '7月2日-10日举行', '2019-2023年'],
      good: ['2019—2023年', '邮发代号21-465', '2024-07-02'],
    },
  },
  {
    id: 'range-number',
    category: '标点',
    standard: STD,
    clause: '4.13.3.3',
    message_zh: '数值范围用浪纹线“～”',
    message_en: 'A range of values takes the wave dash “～”',
    match: rangeNumber,
    fix: 'review',
    exceptions: ['url', 'email'],
    examples: {
      bad: ['每户补贴3-5万元', '增长10~20%', '招收30-50名学员'],
      good: ['3万～5万元', '电话0351-1234567', 'WZ-10直升机'],
    },
  },
  {
    id: 'dash-form',
    category: '标点',
    standard: STD,
    clause: '4.10',
    message_zh: '破折号为两个字位的“——”',
    message_en: 'The Chinese dash is “——”, two em wide',
    match: dashForm,
    fix: 'safe',
    exceptions: ['url', 'code', 'latin'],
    examples: { bad: ['全省开发区--培育新质生产力', '发展动能———新引擎'], good: ['——全省开发区纪略', '----', 'a--b'] },
  },
  {
    id: 'bracket-end-punct',
    category: '标点',
    standard: STD,
    clause: '4.9',
    message_zh: '句内括号里的末尾不用点号',
    message_en: 'A bracketed note inside a sentence ends without a punctuation mark',
    match: bracketEndPunct,
    fix: 'review',
    exceptions: [],
    examples: {
      bad: ['管理办法（试行，）', '农高区（简称农高区。）党委'],
      good: ['管理办法（试行）', '（完）', '（图为车间。）'],
    },
  },
]
