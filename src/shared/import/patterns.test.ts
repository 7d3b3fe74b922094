import { describe, expect, it } from 'vitest'
import {
  BRIEFS_LABEL,
  COLUMN_LABEL,
  continuesText,
  datelineNames,
  endsParagraph,
  isHeadingLike,
  isNamesOnly,
  isPageFurniture,
  NUMBERED_HEADING,
  splitCaption,
  splitDateline,
  splitTrailingByline,
  subtitleText,
} from './patterns'

describe('closing punctuation', () => {
  it.each([
    ['这是一句话。', true],
    ['他说:"好!"', true],
    ['你准备好了吗?', true],
    ['“这样的日子过去想都不敢想！”', true],
    ['……', true],
    ['下一步工作如下:', true],
    ['一是办好系列活动;', true],
    ['联合成立机电业智能配套', false],
    ['共同探索更多合作可能性,聚', false],
    ['同比增长15.', false],
    ['被称为“智慧园区”', false],
    ['该办法（试行）', false],
  ])('%s ends a paragraph: %s', (text, expected) => {
    expect(endsParagraph(text)).toBe(expected)
  })

  it('sees a continuation in punctuation, cut numbers and open quotes', () => {
    expect(continuesText('当好金牌“店小二', '”,全力以赴')).toBe(true)
    expect(continuesText('总产值达1', '200亿元')).toBe(true)
    expect(continuesText('他说:"我们一定要', '把园区建好。"')).toBe(true)
    expect(continuesText('传统产业蝶变新生', '仲夏时节,太谷经济技术开发区')).toBe(false)
  })
})

describe('headings', () => {
  it.each([
    ['传统产业蝶变新生', true],
    ['让世界看见山西: 亮相世界级交流推介平台', true],
    ['稳增长，促发展', true],
    ['产业怎么链?', true],
    ['一、研发投入持续加大', true],
    ['他说：“我们要打造', false],
    ['截至去年底，园区累计引进各类企业达到了一千二百', false],
    ['项目签约仪式日前举行。', false],
    ['在一系列的交流推介活动后,际安集团与飞利浦集团共同探索更多合作可能性,聚', false],
  ])('%s is heading-like: %s', (text, expected) => {
    expect(isHeadingLike(text)).toBe(expected)
  })

  it('reads a subtitle with either kind of dash', () => {
    expect(subtitleText('——全省开发区培育和发展新质生产力纪略')).toBe('全省开发区培育和发展新质生产力纪略')
    expect(subtitleText('—— 记一位园区招商员')).toBe('记一位园区招商员')
    expect(subtitleText('全省开发区')).toBeNull()
  })
})

describe('bylines', () => {
  it('tells names from headings', () => {
    expect(isNamesOnly('李若男')).toBe(true)
    expect(isNamesOnly('何嘉怡 黄志强')).toBe(true)
    expect(isNamesOnly('开局良好 势头强劲')).toBe(false)
    expect(isNamesOnly('应县经济技术开发区')).toBe(false)
  })

  it.each([
    ['…主任卢世雄说。 袁兆辉', '…主任卢世雄说。', '袁兆辉'],
    ['…新路子。  何嘉怡 黄志强', '…新路子。', '何嘉怡 黄志强'],
    ['…日前开工建设。（记者 张三）', '…日前开工建设。', '（记者 张三）'],
  ])('splits the byline off %s', (text, body, byline) => {
    expect(splitTrailingByline(text)).toMatchObject({ body, byline })
  })

  it('leaves a paragraph without a trailing name alone', () => {
    expect(splitTrailingByline('同比增长5.7%,占全省外贸总值的42.3%。')).toBeNull()
    expect(splitTrailingByline('…发展。（完）')).toBeNull()
  })
})

describe('photo captions', () => {
  it.each([
    ['在车间内,工人正在作业。 ■ 王超摄', '在车间内,工人正在作业。', '王超'],
    ['工人正在作业。■ 本报记者 刘洋 摄', '工人正在作业。', '刘洋'],
    ['工人正在作业。（新华社记者 李响 摄）', '工人正在作业。', '李响'],
    ['工人正在作业。(成都高新区管委会供图)', '工人正在作业。', '成都高新区管委会供图'],
    ['居民在公园休憩。 文/图 赵琳', '居民在公园休憩。', '赵琳'],
    ['货轮缓缓离港。 ■ 梁振华 张三 摄', '货轮缓缓离港。', '梁振华 张三'],
    ['■ 王超摄', '', '王超'],
    ['王超 摄', '', '王超'],
  ])('%s', (text, caption, credit) => {
    expect(splitCaption(text)).toEqual({ caption, credit })
  })

  it('reads a caption without a credit', () => {
    expect(splitCaption('图为东海岛石化产业园一角。')).toEqual({ caption: '图为东海岛石化产业园一角。', credit: null })
    expect(splitCaption('▲ 志愿者在辖区巡查。')).toEqual({ caption: '▲ 志愿者在辖区巡查。', credit: null })
  })

  it('is not fooled by bullets, closing marks or bylines', () => {
    expect(splitCaption('■ 开发区动态')).toBeNull()
    expect(splitCaption('■ 本报记者 张三')).toBeNull()
    expect(splitCaption('共同书写互利共赢新篇章。■')).toBeNull()
    expect(splitCaption('文/图 王敏')).toBeNull()
    expect(splitCaption('…管委会主任卢世雄说。 袁兆辉')).toBeNull()
  })
})

describe('datelines', () => {
  it.each([
    ['科学导报 记者王波 7月2日,中国农村', '科学导报 记者王波 7月2日', ',', '中国农村'],
    ['科学导报 近日,年产', '科学导报', ' ', '近日,年产'],
    ['本报讯 记者张晓东 通讯员李敏 3月12日，记者从', '本报讯 记者张晓东 通讯员李敏 3月12日', '，', '记者从'],
    ['新华社成都3月10日电（记者王一鸣、张芮）记者10日', '新华社成都3月10日电（记者王一鸣、张芮）', '', '记者10日'],
    ['新华社郑州7月8日电 记者从洛阳高新区获悉', '新华社郑州7月8日电', ' ', '记者从洛阳高新区获悉'],
    ['新华社郑州7月8日电 记者从洛阳', '新华社郑州7月8日电', ' ', '记者从洛阳'],
    ['本报广州11月6日讯 记者陈思远 记者从', '本报广州11月6日讯 记者陈思远', ' ', '记者从'],
    ['本报讯近日,园区', '本报讯', '', '近日,园区'],
  ])('%s', (text, dateline, sep, rest) => {
    expect(splitDateline(text)).toEqual({ dateline, sep, rest })
  })

  it('does not take ordinary openings for datelines', () => {
    expect(splitDateline('国网山西省电力公司近日发布')).toBeNull()
    expect(splitDateline('人民日报近日发表评论')).toBeNull()
    expect(splitDateline('本报记者 赵琳')).toBeNull()
    expect(splitDateline('光明网通讯员从园区获悉')).toBeNull()
  })

  it('names the reporters in a dateline', () => {
    expect(datelineNames('科学导报 记者王波 7月2日')).toEqual(['王波'])
    expect(datelineNames('本报讯 记者张晓东 通讯员李敏')).toEqual(['张晓东', '李敏'])
    expect(datelineNames('新华社成都3月10日电（记者王一鸣、张芮）')).toEqual(['王一鸣', '张芮'])
    expect(datelineNames('科学导报')).toEqual([])
  })
})

describe('page furniture', () => {
  it('recognises 版次, page dates with weekday, page staff and running heads', () => {
    for (const line of [
      '第2版',
      '第 12 版  园区动态',
      'A3版',
      '责任编辑:周敏',
      '美编：吴佳',
      '责任编辑:周敏 美编:吴佳',
      '责任编辑：孙丽　美编：陈晨',
      '责任编辑:刘静 美编:赵磊 校对:孙婷',
      '2024年7月12日 星期五',
      '2024年9月13日　星期五　第3版',
      '第4版　责任编辑：林晓　美编：王莹',
      '编辑 张三、李四',
    ])
      expect(isPageFurniture(line), line).toBe(true)
    expect(isPageFurniture('开发区建设 2024年第25期 第2版', ['开发区建设', '2024年第25期'])).toBe(true)
    expect(isPageFurniture('开发区建设专刊 · 2024年7月12日', ['开发区建设', '专刊'])).toBe(true)
  })

  it('leaves headings, datelines, bylines and text alone', () => {
    for (const line of [
      '2024年7月12日',
      '科学导报 记者王波 7月2日',
      '袁兆辉',
      '编辑部的故事',
      '开发区建设迈上新台阶',
      '第二版块布局更趋合理',
      '设计院助力园区规划',
      '责任编辑周敏说,今年园区发展势头良好。',
      '■ 王超摄',
      '2024年7月12日 星期五,园区举行签约仪式。',
    ])
      expect(isPageFurniture(line), line).toBe(false)
    expect(isPageFurniture('开发区建设', ['开发区建设'])).toBe(true)
  })
})

// Issue 13 item 1: classes seen on papers nobody here had seen.
describe('running heads, labels, numbered subheads and datelines of other papers', () => {
  it('takes a running head with its page number and page name for furniture', () => {
    expect(isPageFurniture('4 园区周刊 2024年3月8日 星期五', ['园区周刊'])).toBe(true)
    expect(isPageFurniture('2 仁和报 2024年4月12日 星期五 综合新闻', ['仁和报'])).toBe(true)
    expect(isPageFurniture('经济日报 2024年5月16日 星期四 6 产经', ['经济日报'])).toBe(true)
    expect(isPageFurniture('南沙新区报 | 2024年7月5日 星期五 | 4版', ['南沙新区报'])).toBe(true)
    expect(isPageFurniture('6 │ 开发区导报 │ 2024年6月21日 星期五', ['开发区导报'])).toBe(true)
    expect(isPageFurniture('本期共4版', [])).toBe(false)
    // A page number without a masthead word or a dated weekday is not furniture, nor is a heading beside a date.
    expect(isPageFurniture('4 园区周刊', [])).toBe(false)
    expect(isPageFurniture('2024年3月8日 园区周刊开通', [])).toBe(false)
    expect(isPageFurniture('2024年3月8日 星期五 园区举行开放日活动', [])).toBe(false)
  })

  it('reads labels with a prefix of the page’s own as labels, briefs labels as briefs', () => {
    for (const label of ['园区观察', '经济时评', '要闻速览', '县城简讯', '■ 园区快讯']) {
      expect(COLUMN_LABEL.test(label), label).toBe(true)
      expect(isNamesOnly(label), label).toBe(false)
    }
    expect(BRIEFS_LABEL.test('要闻速览')).toBe(true)
    expect(BRIEFS_LABEL.test('经济时评')).toBe(false)
    expect(COLUMN_LABEL.test('产业发展观察与思考')).toBe(false)
  })

  it.each([
    ['一、招商引资紧扣主导产业链条', true],
    ['（一）装机增长呈现“多点开花”', true],
    ['(3)产业链配套日趋完善', true],
    ['2. 要素保障跟着项目需求走', true],
    ['第一,坚持项目为王', true],
    ['2.5万亩高标准农田建成', false],
    ['一季度工业产值增长12.8%', false],
  ])('%s is a numbered subhead: %s', (text, numbered) => {
    expect(NUMBERED_HEADING.test(text)).toBe(numbered)
  })

  it('keeps every name of a dateline, names starting like a preposition included', () => {
    const bare = splitDateline('本报南京5月15日讯 记者 蒋波 通讯员 于欣 从江苏省能源局获悉')
    expect(bare?.dateline).toBe('本报南京5月15日讯 记者 蒋波 通讯员 于欣')
    expect(datelineNames(bare?.dateline ?? '')).toEqual(['蒋波', '于欣'])
    expect(datelineNames('本报讯（记者 于洋 通讯员 向晓东）')).toEqual(['于洋', '向晓东'])
    expect(datelineNames('本报讯（记者 罗永福 通讯员 杨春燕 龙吉）')).toEqual(['罗永福', '杨春燕', '龙吉'])
    const reported = splitDateline('本报讯 记者 黄晓文 实习生 梁子健 报道:上半年,')
    expect(reported).toEqual({ dateline: '本报讯 记者 黄晓文 实习生 梁子健 报道', sep: ':', rest: '上半年,' })
    expect(datelineNames(reported?.dateline ?? '')).toEqual(['黄晓文', '梁子健'])
    // Without a space, 记者从… is still the reporter's sentence.
    expect(splitDateline('本报讯 记者从园区获悉,')?.dateline).toBe('本报讯')
  })
})
