/**
 * Reading order from geometry, on synthetic pages: glyph runs placed as a PDF places them.
 */
import { describe, expect, it } from 'vitest'
import { buildLines, orderPages, toSourceLines, type PdfItem, type PdfPage } from './pdf-order'
import { datelineNames, splitDateline } from './patterns'

const PAGE = { width: 600, height: 800 }

/** A line of text at (x, y) in size `size`, one item per character (as Chromium may give them). */
function glyphs(text: string, x: number, y: number, size = 10, spacing = 0): PdfItem[] {
  return [...text].map((ch, i) => ({ text: ch, x: x + i * (size + spacing), y, width: size, size }))
}

/** A column of text: `chars` characters a line, a first-line indent of two ems per paragraph. */
function column(paragraphs: string[], x: number, top: number, chars: number, size = 10, leading = 15): PdfItem[] {
  const items: PdfItem[] = []
  let y = top
  for (const paragraph of paragraphs) {
    let rest = paragraph
    let first = true
    while (rest.length > 0) {
      const room = first ? chars - 2 : chars
      items.push(...glyphs(rest.slice(0, room), x + (first ? 2 * size : 0), y, size))
      rest = rest.slice(room)
      first = false
      y += leading
    }
  }
  return items
}

const page = (items: PdfItem[]): PdfPage => ({ ...PAGE, items })
const texts = (pages: PdfPage[]): string[] => orderPages(pages).map((l) => l.text)

describe('glyph runs to lines', () => {
  it('joins one item per glyph into a line, and parts two columns at their gutter', () => {
    const lines = buildLines([...glyphs('左栏的一行字', 40, 100), ...glyphs('右栏的一行字', 110, 100)])
    expect(lines.map((l) => l.text)).toEqual(['左栏的一行字', '右栏的一行字'])
  })

  it('joins a justified line whose characters are spread, when the lines around print across the gaps', () => {
    const spread = glyphs('记者王波', 40, 115, 10, 8)
    const lines = buildLines([...glyphs('一二三四五六七', 40, 100), ...spread, ...glyphs('一二三四五六七', 40, 130)])
    expect(lines.map((l) => l.text)).toContain('记者王波')
  })

  it('keeps a space between words of a line set flush, and between Latin words', () => {
    const items = [...glyphs('记者', 40, 100), ...glyphs('王波', 63, 100)]
    const [line] = buildLines(items)
    expect(line?.spaced).toBe('记者 王波')
    expect(line?.text).toBe('记者王波')
  })
})

/**
 * A justified line: `words` set from x across `width` points, every character spread by the same
 * amount, and a word gap of `gap` points more between the words.
 */
function justified(words: string[], x: number, y: number, width: number, gap: number, size = 10): PdfItem[] {
  const chars = words.join('').length
  const spread = (width - chars * size - (words.length - 1) * gap) / (chars - 1)
  const items: PdfItem[] = []
  let at = x
  words.forEach((word, w) => {
    if (w > 0) at += gap
    for (const ch of word) {
      items.push({ text: ch, x: at, y, width: size, size })
      at += size + spread
    }
  })
  return items
}

describe('word gaps in a justified line (a dateline run into the first lines)', () => {
  it('does not take a space pdf.js put inside a run of spread characters for a word gap', () => {
    // 科 学 as one item (pdf.js puts a space where the glyphs stand apart) in a line spread by 2 points.
    const items = [
      { text: '科 学', x: 40, y: 100, width: 22, size: 10 },
      ...glyphs('导报', 64, 100, 10, 2),
      ...glyphs('记者王波', 90, 100, 10, 2),
    ]
    const [line] = buildLines(items)
    expect(line?.spaced).toBe('科学导报 记者王波')
    expect(line?.text).toBe('科学导报记者王波')
  })

  it('keeps a space inside a run when the run is set wider than its characters (记者 王波 set solid)', () => {
    const [line] = buildLines([{ text: '记者 王波', x: 40, y: 100, width: 43, size: 10 }])
    expect(line?.spaced).toBe('记者 王波')
  })

  it('keeps the gaps of a dateline broken over two justified lines, so the reader finds the name', () => {
    const items = [
      ...glyphs('一篇稿件的主题', 40, 60, 20),
      ...justified(['科学导报', '记者王波'], 40, 100, 100, 3),
      ...justified(['7月2日', '中国农村'], 40, 115, 100, 3),
      ...glyphs('发展中心调研。', 40, 130),
      ...column(['第二段写了十几个字的内容'], 40, 145, 10),
    ]
    const [, first] = texts([page(items)])
    expect(first).toBe('科学导报 记者王波7月2日 中国农村发展中心调研。')
    const dateline = splitDateline(first ?? '')
    expect(dateline?.rest).toBe('中国农村发展中心调研。')
    expect(datelineNames(dateline?.dateline ?? '')).toEqual(['王波'])
  })

  it.each([
    [
      ['记者了解到今年', '园区'],
      ['新引进项目共计十', '二个'],
    ],
    [
      ['记者从省商务厅', '获悉'],
      ['今年前五个月全省', '外贸'],
    ],
    [
      ['记者王波', '在园区'],
      ['看到一排排厂房正', '在建设'],
    ],
  ])('gives body text that starts with 记者 no dateline: %s', (line1, line2) => {
    // Word-like gaps inside the lines too (a justified line's spread is uneven at punctuation).
    const items = [
      ...glyphs('一篇稿件的主题', 40, 60, 20),
      ...justified(line1, 60, 100, 100, 5),
      ...justified(line2, 40, 115, 120, 5),
      ...glyphs('这一行是短的。', 40, 130),
      ...column(['第二段写了十几个字的内容'], 40, 145, 12),
    ]
    const [, first] = texts([page(items)])
    const plain = [...line1, ...line2].join('') + '这一行是短的。'
    expect(first).toBe(plain)
    expect(splitDateline(first ?? '')).toBeNull()
  })
})

describe('narrow columns side by side (beside a large photo)', () => {
  /** A column of full lines ten characters wide; the `hung` rows start with a bracket hung half an em out before them. */
  function narrow(text: string, x: number, top: number, hung: number[] = []): PdfItem[] {
    const items: PdfItem[] = []
    let rest = text
    for (let row = 0; rest.length > 0; row++) {
      const y = top + row * 15
      if (hung.includes(row)) {
        items.push({ text: '（', x: x - 5, y, width: 5, size: 10 })
        rest = rest.slice(1)
        items.push(...glyphs(rest.slice(0, 10), x, y))
        rest = rest.slice(10)
      } else {
        items.push(...glyphs(rest.slice(0, 10), x, y))
        rest = rest.slice(10)
      }
    }
    return items
  }
  const left =
    '左栏这一段话一共有八十个字一行十个字刚好排满八行不多也不少每一行都排到栏的右边左栏这一段话一共有八十个字一行十个字刚好排满八行不多也不少每一行都排到栏的右边'
  const right =
    '右栏这段话也排满八行右栏这段话也排满八行右栏这段话也排满八行（广西）括号半个字挂在栏外右栏这段话也排满八行右栏这段话也排满八行右栏这段话也排满八行再补七个字排满'

  it('does not read across a gutter that a bracket hung into it narrows', () => {
    expect(right.indexOf('（')).toBe(30)
    const items = [...narrow(left, 40, 100), ...narrow(right, 148.5, 100, [3])]
    expect(texts([page(items)])).toEqual([left, right])
  })

  it('runs a line on when it stops short only because the next line starts with a figure that did not fit', () => {
    const items = [
      ...glyphs('本报讯十月二十一日', 40, 100),
      ...glyphs('2024年园区举办对接会', 40, 115),
      ...glyphs('这一行排满了十个字的', 40, 130),
      ...glyphs('短的一行。', 40, 145),
    ].map((item) => (/^\d$/.test(item.text) ? { ...item, width: 5 } : item))
    // Figures are half an em wide: pull the rest of the second line in by the half ems they left.
    const second = items.filter((i) => i.y === 115)
    second.forEach((item, k) => {
      item.x = 40 + second.slice(0, k).reduce((sum, i) => sum + i.width, 0)
    })
    expect(second.at(-1)?.x).toBe(130)
    expect(texts([page(items)])).toEqual(['本报讯十月二十一日2024年园区举办对接会这一行排满了十个字的短的一行。'])
  })

  it('still ends a paragraph at a short line when the figure after it would have fitted there', () => {
    const items = [
      ...glyphs('这一行排满了十个字的', 40, 100),
      ...glyphs('差一个字排满的一行', 40, 115),
      ...glyphs('2段不缩进也排满十个', 40, 130),
      ...glyphs('又一行。', 40, 145),
    ]
    expect(texts([page(items)])).toEqual(['这一行排满了十个字的差一个字排满的一行', '2段不缩进也排满十个又一行。'])
  })
})

describe('reading order', () => {
  const left = ['左栏第一段的文字写得比较长一些需要折成好几行才能排完', '左栏第二段也是这样']
  const right = ['右栏第一段紧接着左栏往下读的文字也要折好几行', '右栏第二段']

  it('reads columns left to right, each top to bottom, under the headline that spans them', () => {
    const items = [
      ...glyphs('横跨两栏的主题', 150, 60, 24),
      ...column(left, 40, 100, 10),
      ...column(right, 160, 100, 10),
    ]
    expect(texts([page(items)])).toEqual(['横跨两栏的主题', ...left, ...right])
  })

  it('runs a paragraph cut at the foot of a column on into the next column', () => {
    // Ten characters a line: the first column ends mid-paragraph, the second goes on unindented.
    const paragraph = '这一段在第一栏的末尾断开在第二栏的开头接着排完'
    const items = [
      ...glyphs('主题', 100, 60, 24),
      ...column([paragraph.slice(0, 18)], 40, 100, 10),
      ...glyphs(paragraph.slice(18), 160, 100),
    ]
    expect(texts([page(items)])).toEqual(['主题', paragraph])
  })

  it('reads two articles side by side each whole, though their headlines stand at one height', () => {
    const items = [
      ...glyphs('甲文主题', 40, 60, 20),
      ...glyphs('乙文主题', 300, 60, 20),
      ...column(['甲文的正文写了两行多一点点'], 40, 100, 10),
      ...column(['乙文的正文也写了两行多一些'], 300, 100, 10),
    ]
    expect(texts([page(items)])).toEqual([
      '甲文主题',
      '甲文的正文写了两行多一点点',
      '乙文主题',
      '乙文的正文也写了两行多一些',
    ])
  })

  it('reads a subtitle centred under its headline before the first column beside it', () => {
    const items = [
      ...glyphs('主题在最上面', 120, 50, 24),
      ...glyphs('——副题居中在第二三栏上方', 150, 80, 12),
      ...column(['第一栏从稍低处开始的正文'], 40, 95, 10),
      ...column(['第二栏的正文'], 160, 110, 10),
    ]
    const order = texts([page(items)])
    expect(order.indexOf('——副题居中在第二三栏上方')).toBeLessThan(order.indexOf('第一栏从稍低处开始的正文'))
  })

  it('leaves out text in the margin band and a running head repeated on every page', () => {
    const body = '第一版正文排了好几行字，字号是这一版上最多的字号'
    const one = page([
      ...glyphs('校样', 500, 15, 8),
      ...glyphs('第一版的主题', 40, 80, 20),
      ...column([body], 40, 120, 10),
    ])
    const two = page([
      ...glyphs('开发区建设专刊', 40, 40, 8),
      ...glyphs('第二版的主题', 40, 80, 20),
      ...column(['第二版正文'], 40, 120, 10),
    ])
    const three = page([...glyphs('开发区建设专刊', 40, 40, 8), ...column(['第三版正文'], 40, 120, 10)])
    expect(texts([one, two, three])).toEqual(['第一版的主题', body, '第二版的主题', '第二版正文', '第三版正文'])
  })
})

describe('size to hint', () => {
  it('takes a line set far larger than the body for the headline, the smaller one above it for the kicker', () => {
    const items = [
      ...glyphs('引题在主题上方', 100, 40, 13),
      ...glyphs('主题字号最大', 100, 70, 24),
      ...glyphs('图片说明比正文小', 40, 300, 8),
      ...column(['正文的字号是全页最多的字号所以它是正文', '第二段正文也是一样的字号'], 40, 110, 20),
    ]
    const lines = toSourceLines(orderPages([page(items)]))
    const style = (text: string): string | undefined => lines.find((l) => l.text === text)?.hint?.style
    expect(style('引题在主题上方')).toBe('kicker')
    expect(style('主题字号最大')).toBe('title')
    expect(style('图片说明比正文小')).toBe('caption')
    expect(style('第二段正文也是一样的字号')).toBe('body')
  })
})
