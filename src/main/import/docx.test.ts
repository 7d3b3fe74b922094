import { createHash } from 'node:crypto'
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ParagraphChild,
} from 'docx'
import { describe, expect, it } from 'vitest'
import { FolioFailure, type ErrorCode } from '../../shared/api/errors'
import type { ImportArticle, ImportBlock } from '../../shared/import/model'
import { MAX_DOCX_BYTES, parseDocx } from './docx'

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
/** Another 1×1 PNG (a different pixel), for deduplication. */
const PNG2 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
/** A 1×1 GIF: a type Folio does not import. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

const STYLES = {
  paragraphStyles: [
    { id: 'Yinti', name: '引题', basedOn: 'Normal', run: { size: 28 } },
    { id: 'Tuzhu', name: '图片说明', basedOn: 'Normal', run: { size: 18 } },
    // As Chinese Word and WPS write heading styles: a localised id or a Chinese name.
    { id: '1', name: 'heading 1', basedOn: 'Normal', run: { size: 44 } },
    { id: 'a5', name: '标题 2', basedOn: 'Normal', run: { size: 32 } },
  ],
}

async function docxOf(
  children: (Paragraph | Table)[],
  footnotes: Record<string, { children: Paragraph[] }> = {},
): Promise<Uint8Array> {
  const doc = new Document({ styles: STYLES, footnotes, sections: [{ children }] })
  return new Uint8Array(await Packer.toBuffer(doc))
}

const p = (text: string): Paragraph => new Paragraph({ children: [new TextRun(text)] })
const runs = (...children: ParagraphChild[]): Paragraph => new Paragraph({ children })
const image = (data: Buffer, type: 'png' | 'gif' | 'jpg' = 'png'): Paragraph =>
  new Paragraph({ children: [new ImageRun({ type, data, transformation: { width: 40, height: 30 } })] })

async function failureOf(promise: Promise<unknown>): Promise<FolioFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof FolioFailure) return error
    throw error
  }
  throw new Error('expected a FolioFailure')
}

async function expectFailure(bytes: Uint8Array, code: ErrorCode, zh: RegExp): Promise<void> {
  const { error } = await failureOf(parseDocx(bytes))
  expect(error.code).toBe(code)
  expect(error.message_zh).toMatch(zh)
  expect(error.message_en.length).toBeGreaterThan(10)
  expect(error.message_zh).not.toMatch(/\bat \w|Error:|\.js:\d/)
}

function only(articles: ImportArticle[]): ImportArticle {
  expect(articles).toHaveLength(1)
  const [article] = articles
  if (!article) throw new Error('no article')
  return article
}

const subheads = (blocks: ImportBlock[]): string[] => blocks.flatMap((b) => (b.type === 'subhead' ? [b.text] : []))
const paragraphs = (blocks: ImportBlock[]): string[] => blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []))

// ── a stored (uncompressed) zip, to make broken and foreign packages ─────────

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function zipOf(files: Record<string, string>): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8')
    const data = Buffer.from(content, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}

// ── tests ────────────────────────────────────────────────────────────────────

describe('parseDocx: one article per file', () => {
  it('round-trips kicker, headline, subtitle, dateline, subheads, emphasis, a photo with caption and the byline', async () => {
    const bytes = await docxOf([
      new Paragraph({ style: 'Yinti', text: '创新驱动 实干担当' }),
      new Paragraph({ heading: HeadingLevel.TITLE, text: '高新区新材料产业园开工建设' }),
      p('——总投资120亿元，预计2026年投产'),
      runs(
        new TextRun('　　科学导报 记者王波 7月2日 7月1日上午，'),
        new TextRun({ text: '新材料产业园', bold: true }),
        new TextRun('在高新区开工，这是今年'),
        new TextRun({ text: '全省', italics: true }),
        new TextRun({ text: '最大', italics: true, color: 'C00000' }),
        new TextRun('的产业项目。'),
      ),
      new Paragraph({ heading: HeadingLevel.HEADING_2, text: '一、项目建设提速' }),
      runs(
        new TextRun('园区'),
        new TextRun({ text: '负责人', color: 'FF0000', font: 'SimHei', underline: {} }),
        new TextRun('介绍，'),
        new TextRun({ text: '重点', bold: true }),
        new TextRun({ text: '项目', bold: true, underline: {}, size: 30 }),
        new TextRun({ text: '全部', bold: true, italics: true }),
        new TextRun('按期推进。'),
      ),
      image(PNG),
      new Paragraph({ alignment: AlignmentType.CENTER, text: '工人正在作业。 ■ 王超摄' }),
      new Paragraph({ heading: HeadingLevel.HEADING_2, text: '二、配套服务跟进' }),
      p('园区同步建设人才公寓和研发中心，为入驻企业提供全流程服务。'),
      new Paragraph({ heading: HeadingLevel.HEADING_3, text: '服务专班' }),
      p('专班实行一企一策。'),
      p('袁兆辉'),
    ])
    const result = await parseDocx(bytes)
    expect(result.warnings).toEqual([])
    const article = only(result.articles)
    expect(article.kicker).toBe('创新驱动 实干担当')
    expect(article.headline).toBe('高新区新材料产业园开工建设')
    expect(article.subtitle).toBe('总投资120亿元，预计2026年投产')
    expect(article.dateline).toBe('科学导报 记者王波 7月2日')
    expect(article.byline).toBe('袁兆辉')
    expect(subheads(article.blocks)).toEqual(['一、项目建设提速', '二、配套服务跟进', '服务专班'])
    const hash = sha256(PNG)
    expect(article.blocks).toEqual([
      {
        type: 'paragraph',
        text: '7月1日上午，新材料产业园在高新区开工，这是今年全省最大的产业项目。',
        runs: [
          { text: '7月1日上午，' },
          { text: '新材料产业园', bold: true },
          { text: '在高新区开工，这是今年' },
          { text: '全省最大', italic: true },
          { text: '的产业项目。' },
        ],
      },
      { type: 'subhead', text: '一、项目建设提速' },
      {
        type: 'paragraph',
        text: '园区负责人介绍，重点项目全部按期推进。',
        runs: [
          { text: '园区负责人介绍，' },
          { text: '重点项目', bold: true },
          { text: '全部', bold: true, italic: true },
          { text: '按期推进。' },
        ],
      },
      { type: 'photo', image: hash, caption: '工人正在作业。', credit: '王超' },
      { type: 'subhead', text: '二、配套服务跟进' },
      { type: 'paragraph', text: '园区同步建设人才公寓和研发中心，为入驻企业提供全流程服务。' },
      { type: 'subhead', text: '服务专班' },
      { type: 'paragraph', text: '专班实行一企一策。' },
    ])
    expect(result.images).toHaveLength(1)
    const [stored] = result.images
    expect(stored?.hash).toBe(hash)
    expect(stored?.mime).toBe('image/png')
    expect(Buffer.from(stored?.data ?? '', 'base64').equals(PNG)).toBe(true)
  })

  it('takes the first short line as the headline in a file without styles, and the byline from the dateline', async () => {
    const bytes = await docxOf([
      p('我市举办科技活动周'),
      p('本报讯（记者 张三 通讯员 李四）5月20日，我市科技活动周在市科技馆开幕。'),
      p('活动为期一周，共安排展览、讲座等活动40余场。'),
    ])
    const article = only((await parseDocx(bytes)).articles)
    expect(article).toMatchObject({
      kicker: null,
      headline: '我市举办科技活动周',
      subtitle: null,
      // The date right after the wire belongs to the dateline (the house convention of patterns.ts).
      dateline: '本报讯（记者 张三 通讯员 李四）5月20日',
      byline: '张三 李四',
    })
    expect(paragraphs(article.blocks)).toEqual([
      '我市科技活动周在市科技馆开幕。',
      '活动为期一周，共安排展览、讲座等活动40余场。',
    ])
    // Plain paragraphs carry no runs.
    expect(article.blocks[0]).toEqual({ type: 'paragraph', text: '我市科技活动周在市科技馆开幕。' })
  })

  it('reads a kicker above an unstyled headline when a subtitle follows, a dateline on its own line and a bracketed byline at the end', async () => {
    const bytes = await docxOf([
      p('稳增长 促发展'),
      p('开发区上半年经济运行稳中向好'),
      p('—— 主要指标增速高于全省平均水平'),
      p('科学导报 记者王波 7月2日'),
      p('上半年，开发区地区生产总值同比增长8.1%。'),
      p('工业投资继续保持两位数增长。（记者 赵琳）'),
    ])
    const article = only((await parseDocx(bytes)).articles)
    expect(article).toMatchObject({
      kicker: '稳增长 促发展',
      headline: '开发区上半年经济运行稳中向好',
      subtitle: '主要指标增速高于全省平均水平',
      dateline: '科学导报 记者王波 7月2日',
      byline: '赵琳',
    })
    expect(paragraphs(article.blocks)).toEqual([
      '上半年，开发区地区生产总值同比增长8.1%。',
      '工业投资继续保持两位数增长。',
    ])
  })

  it('takes a smaller line above a larger one as kicker and headline in a file without styles', async () => {
    const bytes = await docxOf([
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '聚焦开发区建设', size: 28 })] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: '园区上半年签约项目58个', size: 44, bold: true })],
      }),
      p('本报讯 上半年，园区共签约项目58个，总投资超过300亿元，其中先进制造业项目占六成以上。'),
    ])
    const article = only((await parseDocx(bytes)).articles)
    expect(article).toMatchObject({ kicker: '聚焦开发区建设', headline: '园区上半年签约项目58个', dateline: '本报讯' })
    expect(paragraphs(article.blocks)).toHaveLength(1)
  })

  it('recognises heading styles by the names Chinese Word and WPS give them', async () => {
    const bytes = await docxOf([
      new Paragraph({ style: '1', text: '园区举办技能大赛' }),
      p('本报讯 近日，园区举办第三届职工技能大赛，来自40家企业的300余名选手参赛。'),
      new Paragraph({ style: 'a5', text: '以赛促学' }),
      p('大赛设置数控车工、电工等8个项目，获奖选手将获得相应职业技能等级证书。'),
    ])
    const article = only((await parseDocx(bytes)).articles)
    expect(article.headline).toBe('园区举办技能大赛')
    expect(subheads(article.blocks)).toEqual(['以赛促学'])
  })

  it('warns about footnotes, which are not imported', async () => {
    const bytes = await docxOf(
      [
        new Paragraph({ heading: HeadingLevel.TITLE, text: '带脚注的稿件' }),
        runs(new TextRun('数据来自统计公报。'), new FootnoteReferenceRun(1)),
      ],
      { 1: { children: [p('2024年统计公报。')] } },
    )
    const result = await parseDocx(bytes)
    expect(paragraphs(only(result.articles).blocks)).toEqual(['数据来自统计公报。'])
    expect(result.warnings.map((w) => w.message_zh)).toEqual([expect.stringContaining('1 条脚注或尾注没有导入')])
  })

  it('makes Heading 1 inside the article a subhead, keeps a short all-bold line as a subhead and table and list text as paragraphs', async () => {
    const bytes = await docxOf([
      new Paragraph({ heading: HeadingLevel.HEADING_1, text: '园区简讯' }),
      p('本月园区新签约项目12个。'),
      new Paragraph({ heading: HeadingLevel.HEADING_1, text: '企业动态' }),
      runs(new TextRun({ text: '新品发布', bold: true })),
      p('某公司发布新一代传感器。'),
      new Table({
        rows: [
          new TableRow({
            children: [new TableCell({ children: [p('项目')] }), new TableCell({ children: [p('投资')] })],
          }),
          new TableRow({
            children: [new TableCell({ children: [p('传感器产线')] }), new TableCell({ children: [p('3亿元')] })],
          }),
        ],
      }),
      new Paragraph({ text: '第一条要点。', bullet: { level: 0 } }),
      new Paragraph({ children: [new TextRun('换行前的一句，'), new TextRun({ text: '换行后的一句。', break: 1 })] }),
    ])
    const article = only((await parseDocx(bytes)).articles)
    expect(article.headline).toBe('园区简讯')
    expect(article.blocks).toEqual([
      { type: 'paragraph', text: '本月园区新签约项目12个。' },
      { type: 'subhead', text: '企业动态' },
      { type: 'subhead', text: '新品发布' },
      { type: 'paragraph', text: '某公司发布新一代传感器。' },
      { type: 'paragraph', text: '项目' },
      { type: 'paragraph', text: '投资' },
      { type: 'paragraph', text: '传感器产线' },
      { type: 'paragraph', text: '3亿元' },
      { type: 'paragraph', text: '第一条要点。' },
      { type: 'paragraph', text: '换行前的一句，' },
      { type: 'paragraph', text: '换行后的一句。' },
    ])
  })

  it('stores a repeated image once, takes a Caption-styled paragraph and a credit on its own line', async () => {
    const bytes = await docxOf([
      new Paragraph({ heading: HeadingLevel.TITLE, text: '图片新闻' }),
      image(PNG),
      new Paragraph({ style: 'Tuzhu', text: '新建成的研发大楼' }),
      p('■ 李明摄'),
      image(PNG2),
      p('图为园区夜景。（张华 摄）'),
      image(PNG),
      p('园区一角。'),
      p('大楼总建筑面积5万平方米，将于年内投入使用，可容纳研发人员两千余人，配套建设实验室和展示中心。'),
    ])
    const result = await parseDocx(bytes)
    const article = only(result.articles)
    expect(result.images.map((i) => i.hash)).toEqual([sha256(PNG), sha256(PNG2)])
    expect(article.blocks).toEqual([
      { type: 'photo', image: sha256(PNG), caption: '新建成的研发大楼', credit: '李明' },
      { type: 'photo', image: sha256(PNG2), caption: '图为园区夜景。', credit: '张华' },
      { type: 'photo', image: sha256(PNG), caption: '园区一角。', credit: null },
      {
        type: 'paragraph',
        text: '大楼总建筑面积5万平方米，将于年内投入使用，可容纳研发人员两千余人，配套建设实验室和展示中心。',
      },
    ])
    // "园区一角。" is a caption only because it is short: the editor is told.
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]?.message_zh).toContain('园区一角')
  })

  it('does not take a paragraph of more than 40 characters after an image as its caption', async () => {
    const long = '园区坚持项目为王，上半年新开工项目38个，竣工投产项目21个，完成固定资产投资同比增长15%。'
    const bytes = await docxOf([new Paragraph({ heading: HeadingLevel.TITLE, text: '项目建设' }), image(PNG), p(long)])
    const article = only((await parseDocx(bytes)).articles)
    expect(article.blocks).toEqual([
      { type: 'photo', image: sha256(PNG), caption: '', credit: null },
      { type: 'paragraph', text: long },
    ])
  })

  it('skips an image of an unsupported type with a warning, keeping its caption in an empty frame', async () => {
    const bytes = await docxOf([
      new Paragraph({ heading: HeadingLevel.TITLE, text: '动图新闻' }),
      image(GIF, 'gif'),
      p('图为展会现场。 ■ 王超摄'),
      image(GIF, 'gif'),
      p('展会吸引了来自全国的两百多家企业参展，现场签约金额超过十亿元，参观人数创历史新高。'),
    ])
    const result = await parseDocx(bytes)
    expect(result.images).toEqual([])
    const article = only(result.articles)
    expect(article.blocks[0]).toEqual({ type: 'photo', image: null, caption: '图为展会现场。', credit: '王超' })
    expect(article.blocks.filter((b) => b.type === 'photo')).toHaveLength(1)
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]?.message_zh).toMatch(/2 张 GIF/)
    expect(result.warnings[0]?.message_en).toMatch(/GIF/)
  })
})

describe('parseDocx: split at headings', () => {
  const children = (): Paragraph[] => [
    new Paragraph({ heading: HeadingLevel.TITLE, text: '第25期来稿' }),
    new Paragraph({ style: 'Yinti', text: '聚焦科技创新' }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '园区新增高新技术企业30家' }),
    p('本报讯 今年以来，园区新增高新技术企业30家。'),
    p('张三'),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '人才公寓交付使用' }),
    p('——首批300套房源面向园区企业'),
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: '拎包入住' }),
    runs(new TextRun('公寓'), new TextRun({ text: '拎包入住', bold: true }), new TextRun('。')),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '园区举办' }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '夏季招聘会' }),
    p('科学导报 记者王波 7月2日 园区举办夏季招聘会，提供岗位两千余个。'),
  ]

  it('starts a new article at each Heading 1 or Title, with the kicker above it', async () => {
    const bytes = await docxOf(children())
    const result = await parseDocx(bytes, { split: 'headings' })
    // The file's title has no text under it: not an article.
    expect(result.warnings.map((w) => w.message_zh)).toEqual([expect.stringContaining('「第25期来稿」下面没有正文')])
    expect(result.articles).toHaveLength(3)
    const [first, second, third] = result.articles
    expect(first).toMatchObject({
      kicker: '聚焦科技创新',
      headline: '园区新增高新技术企业30家',
      dateline: '本报讯',
      byline: '张三',
    })
    expect(paragraphs(first?.blocks ?? [])).toEqual(['今年以来，园区新增高新技术企业30家。'])
    expect(second).toMatchObject({ kicker: null, headline: '人才公寓交付使用', subtitle: '首批300套房源面向园区企业' })
    expect(second?.blocks).toEqual([
      { type: 'subhead', text: '拎包入住' },
      {
        type: 'paragraph',
        text: '公寓拎包入住。',
        runs: [{ text: '公寓' }, { text: '拎包入住', bold: true }, { text: '。' }],
      },
    ])
    // Two Heading 1 paragraphs in a row: one headline on two lines.
    expect(third).toMatchObject({
      headline: '园区举办 夏季招聘会',
      dateline: '科学导报 记者王波 7月2日',
      byline: '王波',
    })
  })

  it('reads the same file as one article by default, later Heading 1s as subheads', async () => {
    const withoutFileTitle = children().slice(1)
    const article = only((await parseDocx(await docxOf(withoutFileTitle))).articles)
    expect(article.kicker).toBe('聚焦科技创新')
    expect(article.headline).toBe('园区新增高新技术企业30家')
    expect(subheads(article.blocks)).toEqual(['人才公寓交付使用', '拎包入住', '园区举办', '夏季招聘会'])
  })

  it('drops a heading with no text under it, with a warning', async () => {
    const bytes = await docxOf([
      new Paragraph({ heading: HeadingLevel.HEADING_1, text: '第一篇' }),
      p('第一篇的正文。'),
      new Paragraph({ heading: HeadingLevel.HEADING_1, text: '第二篇' }),
      p('第二篇的正文。'),
      p(''),
      new Paragraph({ heading: HeadingLevel.HEADING_1, text: '空标题' }),
    ])
    const result = await parseDocx(bytes, { split: 'headings' })
    expect(result.articles.map((a) => a.headline)).toEqual(['第一篇', '第二篇'])
    expect(result.warnings.map((w) => w.message_zh)).toEqual([expect.stringContaining('空标题')])
  })

  it('warns when there is no heading to split at', async () => {
    const result = await parseDocx(await docxOf([p('短标题'), p('正文一段。')]), { split: 'headings' })
    expect(result.articles).toHaveLength(1)
    expect(result.warnings[0]?.message_zh).toContain('无法按标题拆分')
  })
})

describe('parseDocx: files that are not a readable .docx', () => {
  it('refuses an empty file', async () => {
    await expectFailure(new Uint8Array(0), 'invalid_input', /文件是空的/)
  })

  it('refuses a file over the size limit', async () => {
    await expectFailure(new Uint8Array(MAX_DOCX_BYTES + 1), 'too_large', /文件太大（超过 50 MB）/)
  })

  it('refuses a text file renamed .docx', async () => {
    await expectFailure(
      new TextEncoder().encode('科学导报\n开发区建设专刊\n'),
      'invalid_input',
      /不是有效的 Word 文档（\.docx）.*纯文本/,
    )
  })

  it('refuses binary junk and an old .doc', async () => {
    await expectFailure(
      new Uint8Array([0, 1, 2, 3, 255, 254, 0, 7]),
      'invalid_input',
      /^这不是有效的 Word 文档（\.docx）。$/,
    )
    const doc = new Uint8Array(512)
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    await expectFailure(doc, 'invalid_input', /旧版 Word 文档（\.doc）/)
  })

  it('refuses a truncated .docx', async () => {
    const bytes = await docxOf([p('标题'), p('正文。')])
    await expectFailure(bytes.subarray(0, Math.floor(bytes.length / 2)), 'invalid_input', /已损坏/)
  })

  it('refuses a zip whose document part is not XML', async () => {
    const bytes = zipOf({
      '[Content_Types].xml':
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      '_rels/.rels':
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      'word/document.xml': 'this is not xml <<<',
    })
    await expectFailure(bytes, 'invalid_input', /已损坏/)
  })

  it('names the package when it is a zip of something else', async () => {
    await expectFailure(zipOf({ 'xl/workbook.xml': '<workbook/>' }), 'invalid_input', /Excel 表格/)
    await expectFailure(zipOf({ 'notes.txt': 'hello' }), 'invalid_input', /压缩包/)
  })

  it('refuses a document with no text or pictures', async () => {
    await expectFailure(await docxOf([p(''), p('　　')]), 'invalid_input', /Word 文档是空的/)
  })
})

// Issue 13 item 2: the Word path reads with the rules plain text is read with.
describe('parseDocx: the shared reader’s rules hold for Word', () => {
  const feature = (): Paragraph[] => [
    new Paragraph({ heading: HeadingLevel.TITLE, text: '“三个一批”跑出项目建设加速度' }),
    p('本报讯（记者 吴昊 通讯员 钱丽君）开春以来，合肥高新区推动重点项目建设提速增效。'),
    // Numbered subheads typed as plain paragraphs, neither bold nor styled.
    p('一、招商引资紧扣主导产业链条'),
    p('高新区组建12支产业链招商小分队，一季度新引进产业链上下游项目19个。'),
    p('二、要素保障跟着项目需求走'),
    p('今年以来，已供应工业用地1260亩，8个项目实现“拿地即开工”。'),
    // A column of briefs set after the feature, its label in bold, each item signed.
    runs(new TextRun({ text: '要闻速览', bold: true })),
    p('■ 3月4日，高新区为首批5家“零碳工厂”授牌。（程晨）'),
    p('■ 近日，高新区人才公寓二期交付使用，新增房源600套。（汪蕾）'),
  ]

  it('keeps numbered subheads in the one feature and reads the briefs column as its own article', async () => {
    const result = await parseDocx(await docxOf(feature()), { split: 'headings' })
    expect(result.articles.map((a) => a.headline)).toEqual(['“三个一批”跑出项目建设加速度', '要闻速览'])
    const [article, briefs] = result.articles
    expect(article).toMatchObject({ dateline: '本报讯（记者 吴昊 通讯员 钱丽君）', byline: '吴昊 钱丽君' })
    expect(subheads(article?.blocks ?? [])).toEqual(['一、招商引资紧扣主导产业链条', '二、要素保障跟着项目需求走'])
    expect(paragraphs(article?.blocks ?? [])).toHaveLength(3)
    // No brief's signature is the column's byline; each item keeps it.
    expect(briefs?.byline).toBeNull()
    expect(paragraphs(briefs?.blocks ?? [])).toEqual([
      '■ 3月4日，高新区为首批5家“零碳工厂”授牌。（程晨）',
      '■ 近日，高新区人才公寓二期交付使用，新增房源600套。（汪蕾）',
    ])
  })

  it('keeps a kicker the shared reader finds above a Title with it when splitting', async () => {
    const bytes = await docxOf([new Paragraph({ heading: HeadingLevel.HEADING_2, text: '合肥高新区' }), ...feature()])
    const result = await parseDocx(bytes, { split: 'headings' })
    expect(result.warnings).toEqual([])
    expect(result.articles.map((a) => [a.kicker, a.headline])).toEqual([
      ['合肥高新区', '“三个一批”跑出项目建设加速度'],
      [null, '要闻速览'],
    ])
  })

  it('takes the same numbered lines for subheads when the file is one article, and no brief’s signature for its byline', async () => {
    const article = only((await parseDocx(await docxOf(feature()))).articles)
    expect(subheads(article.blocks)).toEqual(['一、招商引资紧扣主导产业链条', '二、要素保障跟着项目需求走', '要闻速览'])
    expect(article.byline).toBe('吴昊 钱丽君')
    expect(paragraphs(article.blocks).at(-1)).toBe('■ 近日，高新区人才公寓二期交付使用，新增房源600套。（汪蕾）')
  })

  it('gives a photo printed above a headline to the article below it', async () => {
    const bytes = await docxOf([
      ...feature().slice(0, 4),
      image(PNG),
      p('量子科技企业的研发人员在调试设备。 ■ 刘洋摄'),
      new Paragraph({ heading: HeadingLevel.TITLE, text: '量子企业“扎堆”落户科学城' }),
      p('本报讯 3月5日，又有4家量子科技企业在科学城集中签约落户。'),
    ])
    const result = await parseDocx(bytes, { split: 'headings' })
    expect(result.articles.map((a) => a.headline)).toEqual(['“三个一批”跑出项目建设加速度', '量子企业“扎堆”落户科学城'])
    expect(result.warnings).toEqual([])
    expect(result.articles[0]?.blocks.some((b) => b.type === 'photo')).toBe(false)
    expect(result.articles[1]?.blocks[0]).toEqual({
      type: 'photo',
      image: sha256(PNG),
      caption: '量子科技企业的研发人员在调试设备。',
      credit: '刘洋',
    })
  })
})
