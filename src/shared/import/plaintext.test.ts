// The importer is pure; only its tests read fixtures from disk.
// eslint-disable-next-line no-restricted-imports
import { existsSync, readdirSync, readFileSync } from 'node:fs'
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  mergeArticles,
  normaliseText,
  parseIssueText,
  rebuildArticle,
  setLineJoin,
  setLineRole,
  splitArticle,
  type IssueMeta,
  type ParsedArticle,
  type ParsedIssue,
} from './plaintext'

const FIXTURES = resolve(__dirname, '../../../test/fixtures/import')
const SEED = 'seed-kfjz-2024-25'
/** The gold file the seed fixture was copied from, when this checkout sits beside it. */
const SHARED_GOLD = resolve(__dirname, '../../../../shared/gold/seed-structure.json')

type ArticleFields = Pick<
  ParsedArticle,
  'kicker' | 'headline' | 'subtitle' | 'dateline' | 'byline' | 'subheads' | 'photos'
>

interface Expected {
  issue: Partial<IssueMeta>
  articles: (ArticleFields & {
    first_paragraph_starts: string
    last_paragraph_ends: string
    paragraph_count?: number
  })[]
  paragraphs_joined: [string, string][]
}

function fixture(name: string): { text: string; expected: Expected } {
  return {
    text: readFileSync(resolve(FIXTURES, `${name}.txt`), 'utf8'),
    expected: JSON.parse(readFileSync(resolve(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected,
  }
}

const FIELDS = ['kicker', 'headline', 'subtitle', 'dateline', 'byline', 'subheads', 'photos'] as const

/** Check a parsed issue against an expected structure (the gold format). */
function expectStructure(parsed: ParsedIssue, text: string, expected: Expected): void {
  for (const [key, value] of Object.entries(expected.issue)) {
    expect(parsed.issue[key as keyof IssueMeta], `issue.${key}`).toEqual(value)
  }
  expect(parsed.articles.map((a) => a.headline)).toEqual(expected.articles.map((a) => a.headline))
  expected.articles.forEach((want, k) => {
    const got = parsed.articles[k]
    if (!got) throw new Error(`article ${k} missing`)
    for (const field of FIELDS) expect(got[field], `article ${k} ${field}`).toEqual(want[field])
    expect(got.paragraphs[0]?.startsWith(want.first_paragraph_starts), `article ${k} first paragraph`).toBe(true)
    expect(got.paragraphs.at(-1)?.endsWith(want.last_paragraph_ends), `article ${k} last paragraph`).toBe(true)
    if (want.paragraph_count !== undefined)
      expect(got.paragraphs, `article ${k} paragraphs`).toHaveLength(want.paragraph_count)
  })
  const paragraphs = parsed.articles.flatMap((a) => a.paragraphs)
  for (const [before, after] of expected.paragraphs_joined) {
    expect(
      paragraphs.some((p) => p.includes(before + after)),
      `joined ${before}|${after}`,
    ).toBe(true)
  }
  expectNoJoinAcrossSubheads(parsed, text)
}

/**
 * The paragraphs on both sides of every subhead end and start where a source
 * line does, and no paragraph swallowed a subhead.
 */
function expectNoJoinAcrossSubheads(parsed: ParsedIssue, text: string): void {
  const lines = normaliseText(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  for (const article of parsed.articles) {
    article.blocks.forEach((block, k) => {
      if (block.type !== 'subhead') return
      for (const p of article.paragraphs)
        expect(p.includes(block.text), `paragraph holds subhead ${block.text}`).toBe(false)
      const before = article.blocks[k - 1]
      const after = article.blocks[k + 1]
      // (A paragraph may be two source lines joined at a column break: compare with its ends.)
      if (before?.type === 'paragraph') expect(lines.some((l) => before.text.endsWith(l.slice(-12)))).toBe(true)
      if (after?.type === 'paragraph') expect(lines.some((l) => after.text.startsWith(l.slice(0, 12)))).toBe(true)
    })
  }
}

/**
 * Every non-blank line below the masthead comes back whole: its pieces (a
 * dateline, a paragraph, a trailing byline) with the separators between them.
 */
function expectNothingLost(parsed: ParsedIssue, text: string): void {
  const pieces = new Map<number, string>()
  for (const line of parsed.articles.flatMap((a) => a.lines)) {
    const before = pieces.get(line.line)
    pieces.set(line.line, before === undefined ? line.text : before + (line.join ?? '') + line.text)
  }
  const source = normaliseText(text).split('\n')
  const firstBodyLine = Math.min(...pieces.keys())
  source.forEach((raw, index) => {
    const number = index + 1
    if (raw.trim() !== '' && number >= firstBodyLine) expect(pieces.get(number), `line ${number}`).toBe(raw.trim())
  })
}

describe('seed issue (开发区建设 2024年第25期) against the gold', () => {
  const { text, expected } = fixture(SEED)
  const parsed = parseIssueText(text)

  it('matches every field of the gold structure', () => {
    expect(parsed.articles).toHaveLength(4)
    expectStructure(parsed, text, expected)
  })

  it('has no publisher or date, which the masthead does not print', () => {
    expect(parsed.issue.publisher).toBeNull()
    expect(parsed.issue.date).toBeNull()
    expect(parsed.notes).toEqual([])
  })

  it('keeps the paragraph count of each article', () => {
    expect(parsed.articles.map((a) => a.paragraphs.length)).toEqual([14, 5, 3, 12])
  })

  it.skipIf(!existsSync(SHARED_GOLD))('uses the current shared gold file', () => {
    expect(JSON.parse(readFileSync(SHARED_GOLD, 'utf8'))).toEqual(expected)
  })

  it('changes no character and loses no line', () => {
    expectNothingLost(parsed, text)
  })

  it('joins each column break with nothing between', () => {
    const first = parsed.articles[0]
    const joined = first?.lines.filter((l) => l.join === '').map((l) => l.line)
    expect(joined).toEqual([30, 38])
  })

  it('notes the unsure join under the two-line subhead as a warning', () => {
    const notes = parsed.articles[3]?.notes ?? []
    expect(notes.find((n) => n.line === 102)).toMatchObject({ code: 'column-join-unsure', level: 'warn' })
    expect(notes.find((n) => n.line === 114)).toMatchObject({ code: 'column-join', level: 'info' })
    for (const note of parsed.articles.flatMap((a) => a.notes)) {
      expect(note.message_zh).not.toBe('')
      expect(note.message_en).not.toBe('')
    }
  })

  it('gives the same result for CRLF, CR and a byte-order mark', () => {
    expect(parseIssueText('\uFEFF' + text.replace(/\n/g, '\r\n'))).toEqual(parsed)
    expect(parseIssueText(text.replace(/\n/g, '\r'))).toEqual(parsed)
  })

  it('rebuilds every article unchanged from its own lines', () => {
    for (const article of parsed.articles) expect(rebuildArticle(article.lines, article.notes)).toEqual(article)
  })
})

const samples = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace(/\.expected\.json$/, ''))
  .filter((name) => name !== SEED)

describe.each(samples)('sample %s', (name) => {
  const { text, expected } = fixture(name)
  const parsed = parseIssueText(text)

  it('has the expected structure', () => {
    expectStructure(parsed, text, expected)
  })

  it('changes no character and loses no line', () => {
    expectNothingLost(parsed, text)
  })
})

describe('samples are not the seed', () => {
  it('there are at least three further samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(3)
  })
})

describe('page furniture', () => {
  const text = [
    '园区新闻',
    '',
    '2024年第3期',
    '',
    '园区项目建设跑出加速度',
    '',
    '第1版',
    '',
    '本报讯 今年以来,园区累计签约项目',
    '',
    '2024年7月12日 星期五 第2版',
    '责任编辑:周敏 美编:吴佳',
    '',
    '36个,总投资120亿元。',
    '',
    '第2版',
  ].join('\n')
  const parsed = parseIssueText(text)
  const article = parsed.articles[0]

  it('is left out where it stands, and neither takes the headline nor stops a column join', () => {
    expect(parsed.articles).toHaveLength(1)
    expect(article?.headline).toBe('园区项目建设跑出加速度')
    expect(article?.paragraphs).toEqual(['今年以来,园区累计签约项目36个,总投资120亿元。'])
    expect(article?.lines.filter((l) => l.role === 'omit').map((l) => l.text)).toEqual([
      '第1版',
      '2024年7月12日 星期五 第2版',
      '责任编辑:周敏 美编:吴佳',
      '第2版',
    ])
    expect(article?.notes.filter((n) => n.code === 'page-furniture').map((n) => n.line)).toEqual([7, 11, 12, 16])
  })

  it('leaves 转版 marks out, alone on a line or at either end of a paragraph, and changes nothing else', () => {
    const jumps = parseIssueText(
      [
        '园区新闻',
        '',
        '2024年第3期',
        '',
        '园区项目建设跑出加速度',
        '',
        '本报讯 今年以来,园区累计签约项目36个。',
        '',
        '全年目标有望提前完成。 （下转第2版）',
        '',
        '（上接第1版）',
        '',
        '(上接第1版)下半年,园区将继续发力。',
      ].join('\n'),
    )
    const [article] = jumps.articles
    expect(jumps.articles).toHaveLength(1)
    expect(article?.paragraphs).toEqual([
      '今年以来,园区累计签约项目36个。',
      '全年目标有望提前完成。',
      '下半年,园区将继续发力。',
    ])
    expect(article?.lines.filter((l) => l.role === 'omit').map((l) => l.text)).toEqual([
      '（下转第2版）',
      '（上接第1版）',
      '(上接第1版)',
    ])
    expect(article?.notes.filter((n) => n.code === 'jump-line').map((n) => n.line)).toEqual([9, 13])
  })

  it('brings an article’s continuation on another page back to it, the cut sentence joined', () => {
    const lines = [
      '园区新闻',
      '2024年第3期',
      '合肥经开区三大集群竞相发力',
      '本报讯 今年以来,该区新签约项目58个,总投资',
      '（下转第2版）',
      '冲刺四季度　决胜全年红！',
      '本报讯 全省开发区重点项目集中开工。',
      '芜湖经开区机器人产业集群跻身“国家队”',
      '本报讯 芜湖经开区集聚机器人企业210余家。',
      '（上接第1版）',
      '412亿元。与此同时,该区加快技术改造。',
      '福州新区：数字经济“链”上生金',
      '本报讯 福州新区数字经济加速集聚,(下转第2版)',
      '泉州台商投资区“电”亮新能源产业',
      '本报讯 泉州台商投资区新引进项目23个。',
      '福州新区：数字经济“链”上生金',
      '(上接第1版)',
      '力争到2025年突破1000亿元。',
    ]
    const parsed = parseIssueText(lines.join('\n\n'))
    expect(parsed.articles.map((a) => [a.headline, a.paragraphs])).toEqual([
      ['合肥经开区三大集群竞相发力', ['今年以来,该区新签约项目58个,总投资412亿元。与此同时,该区加快技术改造。']],
      ['冲刺四季度　决胜全年红！', ['全省开发区重点项目集中开工。']],
      ['芜湖经开区机器人产业集群跻身“国家队”', ['芜湖经开区集聚机器人企业210余家。']],
      ['福州新区：数字经济“链”上生金', ['福州新区数字经济加速集聚,力争到2025年突破1000亿元。']],
      ['泉州台商投资区“电”亮新能源产业', ['泉州台商投资区新引进项目23个。']],
    ])
  })

  it('rejoins a sentence cut at the jump when both marks stand in the text’s own lines', () => {
    const lines = [
      '园区新闻',
      '2024年第3期',
      '园区项目建设跑出加速度',
      '本报讯 园区将加快推进一批重点项目,确保年内（下转第2版）',
      '第二篇稿件的标题在这里',
      '本报讯 近日,园区举行活动。',
      '（上接第1版）全部开工建设。',
    ]
    const parsed = parseIssueText(lines.join('\n\n'))
    expect(parsed.articles.map((a) => [a.headline, a.paragraphs])).toEqual([
      ['园区项目建设跑出加速度', ['园区将加快推进一批重点项目,确保年内全部开工建设。']],
      ['第二篇稿件的标题在这里', ['近日,园区举行活动。']],
    ])
    // After a finished sentence the text after the mark stays a paragraph of its own.
    const finished = parseIssueText(lines.join('\n\n').replace('确保年内（下转', '确保年内开工。（下转'))
    expect(finished.articles[0]?.paragraphs).toEqual(['园区将加快推进一批重点项目,确保年内开工。', '全部开工建设。'])
  })

  it('comes back into the text when the editor gives it a role, and any line can be left out', () => {
    if (!article) throw new Error('no article')
    const staff = article.lines.findIndex((l) => l.text.startsWith('责任编辑'))
    expect(setLineRole(article, staff, 'paragraph').paragraphs.join('\n')).toContain('责任编辑:周敏 美编:吴佳')
    const first = article.lines.findIndex((l) => l.role === 'paragraph')
    expect(setLineRole(article, first, 'omit').paragraphs).toEqual(['36个,总投资120亿元。'])
  })
})

describe('an editor’s note (编者按)', () => {
  it('opens the article below it after another article’s text, and stays under a headline it follows', () => {
    const text = [
      '园区新闻',
      '2024年第3期',
      '园区项目建设跑出加速度',
      '本报讯 今年以来,园区累计签约项目36个。',
      '编者按:园区企业是创新的主体。本报今起开设专栏,敬请关注。',
      '一块芯片背后的“十年磨剑”',
      '十年前,这家企业只有7名工程师。',
      '人才公寓交付使用',
      '【编者按】安居才能乐业。',
      '首批300套房源面向园区企业。',
    ].join('\n\n')
    const parsed = parseIssueText(text)
    expect(parsed.articles.map((a) => [a.headline, a.paragraphs])).toEqual([
      ['园区项目建设跑出加速度', ['今年以来,园区累计签约项目36个。']],
      [
        '一块芯片背后的“十年磨剑”',
        ['编者按:园区企业是创新的主体。本报今起开设专栏,敬请关注。', '十年前,这家企业只有7名工程师。'],
      ],
      ['人才公寓交付使用', ['【编者按】安居才能乐业。', '首批300套房源面向园区企业。']],
    ])
  })
})

describe('labels, briefs, interviews and photos above the headline', () => {
  const parse = (...lines: string[]) => parseIssueText(['园区新闻', '', '2024年第3期', '', ...lines].join('\n\n'))

  it('reads a label above an article as its kicker and 本报评论员 as a byline, never as names', () => {
    const parsed = parse(
      '园区新闻一则',
      '本报讯 园区开工。 张三',
      '评论',
      '以“拼”的劲头跑出发展加速度',
      '本报评论员',
      '发展是第一要务。',
    )
    expect(parsed.articles.map((a) => [a.kicker, a.headline, a.byline])).toEqual([
      [null, '园区新闻一则', '张三'],
      ['评论', '以“拼”的劲头跑出发展加速度', '本报评论员'],
    ])
  })

  it('keeps each brief of a 快讯 column whole, with its 本报讯 and signature', () => {
    const parsed = parse(
      '园区快讯',
      '■ 近日,吉林经开区与中国一汽签署战略合作协议。（张磊）',
      '■ 9月3日,延吉高新区冰雪装备论坛开幕。（金美善）',
      '冰雪经济如何“热”起来？',
      '吉林坐拥得天独厚的冰雪资源。',
    )
    expect(parsed.articles.map((a) => a.headline)).toEqual(['园区快讯', '冰雪经济如何“热”起来？'])
    expect(parsed.articles[0]?.paragraphs).toEqual([
      '■ 近日,吉林经开区与中国一汽签署战略合作协议。（张磊）',
      '■ 9月3日,延吉高新区冰雪装备论坛开幕。（金美善）',
    ])
    expect(parsed.articles[0]?.byline).toBeNull()
  })

  it('keeps short interview turns and quoted sentences as text', () => {
    const [article] = parse(
      '政策问答',
      '企业怎么享受政策？',
      '问：加工增值要达到多少？',
      '答：达到30%即可。',
      '“订单排到明年3月！”',
      '企业负责人说。',
    ).articles
    expect(article?.kicker).toBe('政策问答')
    expect(article?.subheads).toEqual([])
    expect(article?.paragraphs).toEqual([
      '问：加工增值要达到多少？',
      '答：达到30%即可。',
      '“订单排到明年3月！”',
      '企业负责人说。',
    ])
  })

  it('gives a photo printed above the headline, credited 新华社发, to that article', () => {
    const [article, ...rest] = parse(
      // The credit on the line right under the caption, as extraction prints it.
      '一列国际货运列车驶入王家营西站。\n新华社发',
      '图为王家营西站集装箱堆场。 中新社发',
      '昆明经开区向南开放加速崛起',
      '本报讯 园区开放步伐加快。',
    ).articles
    expect(rest).toEqual([])
    expect(article?.headline).toBe('昆明经开区向南开放加速崛起')
    expect(article?.photos).toEqual([
      { caption: '一列国际货运列车驶入王家营西站。', credit: '新华社' },
      { caption: '图为王家营西站集装箱堆场。', credit: '中新社' },
    ])
  })

  it('takes a long single heading line after a report without subheads for the next headline', () => {
    const parsed = parse(
      '洋浦政策释放改革红利',
      '本报讯 洋浦累计减免关税3.2亿元。',
      '海口江东新区航空维修产业迎来新订单',
      '12月8日,一家航空维修企业完成C检。',
    )
    expect(parsed.articles.map((a) => a.headline)).toEqual([
      '洋浦政策释放改革红利',
      '海口江东新区航空维修产业迎来新订单',
    ])
    expect(parsed.articles[1]?.notes.map((n) => n.code)).toContain('weak-split')
  })
})

describe('edge cases', () => {
  it('reads text without a masthead, and notes it', () => {
    const parsed = parseIssueText('园区新闻\n\n本报讯 近日，园区召开大会。\n\n会议部署了下一步工作。\n')
    expect(parsed.issue.title).toBeNull()
    expect(parsed.notes.map((n) => n.code)).toEqual(['no-masthead'])
    expect(parsed.articles).toHaveLength(1)
    expect(parsed.articles[0]).toMatchObject({
      headline: '园区新闻',
      dateline: '本报讯',
      paragraphs: ['近日，园区召开大会。', '会议部署了下一步工作。'],
    })
  })

  it('returns nothing for empty or blank text', () => {
    expect(parseIssueText('').articles).toEqual([])
    expect(parseIssueText('\n\n  \r\n').articles).toEqual([])
  })

  it('takes a byline in brackets trailing the last paragraph', () => {
    const parsed = parseIssueText('园区再添新项目\n\n总投资5亿元的新项目日前开工建设。（记者 张三 李四）\n')
    expect(parsed.articles[0]).toMatchObject({ byline: '张三 李四', paragraphs: ['总投资5亿元的新项目日前开工建设。'] })
  })

  it('joins a paragraph cut inside an open quotation', () => {
    const text = '园区负责人谈发展\n\n他说：“我们要打造\n\n全国一流的营商环境。”\n'
    expect(parseIssueText(text).articles[0]?.paragraphs).toEqual(['他说：“我们要打造全国一流的营商环境。”'])
  })

  it('does not join a paragraph that ends with half-width ! or ?', () => {
    const text =
      '标题一行\n\n村民笑着说,在家门口就能上班,这样的日子过去想都不敢想!\n\n园区今年将组织企业参加境外展会和经贸活动,你准备好了吗?\n\n欢迎报名参加。\n'
    expect(parseIssueText(text).articles[0]?.paragraphs).toHaveLength(3)
  })

  it('keeps a short heading between paragraphs as a subhead and notes a lone one', () => {
    const text = '标题一行\n\n第一段写完了。\n\n开局良好\n\n第二段也写完了。\n'
    const article = parseIssueText(text).articles[0]
    expect(article?.subheads).toEqual(['开局良好'])
    expect(article?.notes.map((n) => n.code)).toContain('lone-subhead')
  })

  it('treats a name-like line followed by more text as a subhead, with a warning', () => {
    const text = '标题一行\n\n第一段写完了。\n\n结语\n\n第二段也写完了。\n'
    const article = parseIssueText(text).articles[0]
    expect(article?.subheads).toEqual(['结语'])
    expect(article?.byline).toBeNull()
    expect(article?.notes.map((n) => n.code)).toContain('name-subhead')
  })

  it('takes a byline under the headline', () => {
    const text = '社区里的“小巷管家”\n\n文/图 王敏\n\n每天早上，她都要巡查一遍。\n'
    expect(parseIssueText(text).articles[0]).toMatchObject({ headline: '社区里的“小巷管家”', byline: '王敏' })
  })

  it('puts photos printed between two columns after the paragraph they interrupt', () => {
    const text =
      '标题一行\n\n截至去年底，园区累计引进各类企业达到了一千二百\n\n工人正在作业。 ■ 王超摄\n\n多家，同比增长一成。\n'
    const article = parseIssueText(text).articles[0]
    expect(article?.blocks).toEqual([
      { type: 'paragraph', text: '截至去年底，园区累计引进各类企业达到了一千二百多家，同比增长一成。' },
      { type: 'photo', caption: '工人正在作业。', credit: '王超' },
    ])
  })

  it('splits articles separated by no blank line after a byline', () => {
    const text = '标题甲\n\n正文甲。\n张三\n标题乙\n\n正文乙。\n'
    expect(parseIssueText(text).articles.map((a) => [a.headline, a.byline])).toEqual([
      ['标题甲', '张三'],
      ['标题乙', null],
    ])
  })

  it('starts a new article after several blank lines, and says it guessed', () => {
    const text = '标题一\n\n正文一段。\n\n正文二段。\n\n\n\n园区新闻二则\n\n正文三段。\n'
    const articles = parseIssueText(text).articles
    expect(articles.map((a) => a.headline)).toEqual(['标题一', '园区新闻二则'])
    expect(articles[1]?.notes.map((n) => n.code)).toEqual(['weak-split'])
  })

  it('joins a paragraph wrapped over adjacent lines without a note', () => {
    const text = '标题一\n\n据了解，园区今年将组织企业参加境外展\n会和经贸活动二十场以上。\n'
    const article = parseIssueText(text).articles[0]
    expect(article?.paragraphs).toEqual(['据了解，园区今年将组织企业参加境外展会和经贸活动二十场以上。'])
    expect(article?.notes).toEqual([])
  })

  it('never throws or loses a line on shuffled issues', () => {
    const lines = fixture(SEED).text.split('\n').slice(12)
    let seed = 7
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    for (let round = 0; round < 30; round++) {
      const shuffled = [...lines].sort(() => random() - 0.5).join('\n')
      expectNothingLost(parseIssueText(shuffled), shuffled)
    }
  })

  it('stays linear on a large issue: four times the issues, well under sixteen times the time', () => {
    const { text } = fixture(SEED)
    const issues = (count: number): string => Array.from({ length: count }, () => text).join('\n')
    // The fastest of three runs of each size: a run the machine preempted says nothing about the parser.
    const fastest = (input: string): number => {
      let best = Infinity
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now()
        parseIssueText(input)
        best = Math.min(best, performance.now() - t0)
      }
      return best
    }
    expect(parseIssueText(issues(100)).articles.length).toBeGreaterThanOrEqual(400)
    const small = fastest(issues(25))
    const large = fastest(issues(100))
    expect(large).toBeLessThan(Math.max(50, 10 * small))
  })
})

describe('editing an imported article', () => {
  const parsed = parseIssueText(fixture(SEED).text)
  const [a1, a2, a3, a4] = parsed.articles as [ParsedArticle, ParsedArticle, ParsedArticle, ParsedArticle]

  it('makes a kicker part of the headline', () => {
    const edited = setLineRole(a3, 0, 'headline')
    expect(edited.kicker).toBeNull()
    expect(edited.headline).toBe('应县经济技术开发区 年产1GWh锂离子电池项目落地')
    expect(edited.notes.some((n) => n.code === 'kicker')).toBe(false)
  })

  it('puts a dateline back into its paragraph', () => {
    const index = a2.lines.findIndex((l) => l.role === 'dateline')
    const edited = setLineRole(a2, index, 'paragraph')
    expect(edited.dateline).toBeNull()
    expect(edited.byline).toBeNull()
    expect(edited.paragraphs[0]?.startsWith('科学导报 记者王波 7月2日,中国农村')).toBe(true)
  })

  it('puts a trailing byline back into its paragraph', () => {
    const index = a3.lines.findIndex((l) => l.role === 'byline')
    const edited = setLineRole(a3, index, 'paragraph')
    expect(edited.byline).toBeNull()
    expect(edited.paragraphs.at(-1)?.endsWith('卢世雄说。 袁兆辉')).toBe(true)
  })

  it('separates two paragraphs joined at a column break', () => {
    const index = a1.lines.findIndex((l) => l.line === 30)
    const edited = setLineJoin(a1, index, false)
    expect(edited.paragraphs).toHaveLength(a1.paragraphs.length + 1)
    expect(edited.paragraphs.some((p) => p.endsWith('机电业智能配套'))).toBe(true)
    expect(setLineJoin(edited, index, true).paragraphs).toEqual(a1.paragraphs)
  })

  it('splits an article at a subhead, which becomes the new headline', () => {
    const index = a4.lines.findIndex((l) => l.line === 100)
    const [head, tail] = splitArticle(a4, index)
    expect(head.headline).toBe(a4.headline)
    expect(head.subheads).toEqual(['让世界看见山西: 亮相世界级交流推介平台'])
    expect(tail.headline).toBe('让世界了解山西: 主动开展深度交流对话')
    expect(tail.subheads).toEqual(['让世界投资山西: 国际经贸合作意向成果丰硕'])
    expect(tail.byline).toBe('王波')
    expect([...head.paragraphs, ...tail.paragraphs]).toEqual(a4.paragraphs)
  })

  it('merges two articles: the second headline becomes a subhead', () => {
    const merged = mergeArticles(a2, a3)
    expect(merged.headline).toBe(a2.headline)
    expect(merged.kicker).toBeNull()
    expect(merged.dateline).toBe(a2.dateline)
    expect(merged.subheads).toEqual(['应县经济技术开发区', '年产1GWh锂离子电池项目落地'])
    expect(merged.paragraphs).toContain(
      '科学导报 近日,年产1GWh21700/18650型锂离子电池项目签约仪式日前在应县经济技术开发区管理委员会举行。',
    )
    expect(merged.byline).toBe('袁兆辉')
  })

  it('reports an article without a headline', () => {
    const headless = setLineRole(a2, 0, 'paragraph')
    expect(headless.headline).toBeNull()
    expect(headless.notes.map((n) => n.code)).toContain('no-headline')
  })
})
