import { describe, expect, it } from 'vitest'
import { detectFigures } from './figures'

/** The figures of `text` as [text, value, unit, qualifier]. */
const figures = (text: string): Array<[string, number, string, string | null]> =>
  detectFigures(text).map((f) => [f.text, f.value, f.unit, f.qualifier])

describe('detectFigures: values and units', () => {
  it.each([
    ['进出口额达717亿元', '717亿元', 71700000000, '元'],
    ['产值首次突破百亿元', '百亿元', 1e10, '元'],
    ['入驻企业百余家', '百余家', 100, '家'],
    ['同比下降-3.2%', '-3.2%', -3.2, '%'],
    ['增速为－1.8%', '－1.8%', -1.8, '%'],
    ['占比百分之十二点八', '百分之十二点八', 12.8, '%'],
    ['投资三点五亿元', '三点五亿元', 3.5e8, '元'],
    ['货运量12亿吨公里', '12亿吨公里', 1.2e9, '吨公里'],
    ['车流480万辆次', '480万辆次', 4.8e6, '辆次'],
    ['快件3000万单', '3000万单', 3e7, '单'],
    ['投资40亿澳门元', '40亿澳门元', 4e9, '澳门元'],
    ['产业规模突破千亿元', '千亿元', 1e11, '元'],
    ['年产能达百万吨', '百万吨', 1e6, '吨'],
    ['年发电量3.2亿千瓦时', '3.2亿千瓦时', 320000000, '千瓦时'],
    ['提高6个百分点', '6个百分点', 6, '个百分点'],
    ['投资3.6亿元', '3.6亿元', 360000000, '元'],
    ['同比增长5.7%', '5.7%', 5.7, '%'],
    ['增长１２．５％', '１２．５％', 12.5, '%'],
    ['共１，２００家', '１，２００家', 1200, '家'],
    ['年产10万吨', '10万吨', 100000, '吨'],
    ['总额1.5万亿美元', '1.5万亿美元', 1.5e12, '美元'],
    ['新增装机3万千瓦', '3万千瓦', 30000, '千瓦'],
    ['装机容量500 MW', '500 MW', 500, 'MW'],
    ['年产1GWh锂电池', '1GWh', 1, 'GWh'],
    ['面积1.5平方公里', '1.5平方公里', 1.5, '平方公里'],
    ['建筑面积12000平方米', '12000平方米', 12000, '平方米'],
    ['人口1,200万人', '1,200万人', 12000000, '人'],
    ['高达1亿像素', '1亿像素', 100000000, '像素'],
    ['电价0.35元/千瓦时', '0.35元/千瓦时', 0.35, '元/千瓦时'],
    ['接待游客1.2亿人次', '1.2亿人次', 120000000, '人次'],
    ['投资五千万元', '五千万元', 50000000, '元'],
    ['共有三十二个开发区', '三十二个', 32, '个'],
    ['员工四百八十人', '四百八十人', 480, '人'],
    ['企业二百一十家', '二百一十家', 210, '家'],
    ['就业两百人', '两百人', 200, '人'],
    ['共十五项', '十五项', 15, '项'],
    ['投资一万二千万元', '一万二千万元', 120000000, '元'],
    ['占比百分之三十', '百分之三十', 30, '%'],
    ['提高两个百分点', '两个百分点', 2, '个百分点'],
    ['增长一倍', '一倍', 1, '倍'],
  ])('%s → %s', (text, surface, value, unit) => {
    const found = detectFigures(text)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ text: surface, value, unit })
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(surface)
  })
})

describe('detectFigures: qualifiers stay outside the span', () => {
  it.each([
    ['约200亩', '200亩', '约'],
    ['近3000家', '3000家', '近'],
    ['逾300家', '300家', '逾'],
    ['逾百家', '百家', '逾'],
    ['超过60%', '60%', '超过'],
    ['高达42%', '42%', '高达'],
    ['突破400亿元', '400亿元', '突破'],
    ['70%以上', '70%', '以上'],
    ['150人左右', '150人', '左右'],
    ['4000余家', '4000余家', '余'],
    ['300多家', '300多家', '多'],
    ['10多万吨', '10多万吨', '多'],
    ['5万多人', '5万多人', '多'],
    ['三千余人', '三千余人', '余'],
    ['达到50家', '50家', null],
  ])('%s', (text, surface, qualifier) => {
    const found = detectFigures(text)
    expect(found.map((f) => [f.text, f.qualifier])).toEqual([[surface, qualifier]])
  })
})

describe('detectFigures: not figures', () => {
  it.each([
    ['years and dates', '2023年 7月2日 2024年底 2019年-2023年 今年4月 二〇二三年'],
    ['quarters and durations', '二季度 近3年 连续5年 建设周期18个月 两个月内 三天内'],
    ['issue numbers and ordinals', '2024年第25期 第3版 排名第28位 第一 第二 一期 二期'],
    ['codes and models', '邮发代号:21-465 21700/18650型 5G 工业4.0 PM2.5 ISO9001 kfjzsk@163.com 0351-1234567'],
    ['names built from numerals', '“22510”行动计划 实施“5个10工程” 一体两翼、三港四链 “1+3+N”工程'],
    ['numerals as words', '一个接一个 一条路径 一批项目 三个着力 两个维护 五台县 十大行动 十四五 三四家 一度 三元里'],
    ['numbered slogans', '“3个一批” 5个10工程'],
    ['numbers without a unit', '世界500强 编号030001 8点 零增长'],
    ['orders of magnitude', '数百亿元 上千万元 几百万吨 成千万元 百亿级产业 千亿级集群 千瓦时 百姓 百家争鸣 千方百计'],
    ['dashes of codes and ranges', '邮发代号21-465 电话0351-1234567 3-5亿元 下午三点半'],
  ])('%s', (_kind, text) => {
    expect(figures(text)).toEqual([])
  })
})

describe('detectFigures: separators', () => {
  it('reads the Chinese comma between ASCII digits as punctuation', () => {
    expect(figures('增长15%，120家企业')).toEqual([
      ['15%', 15, '%', null],
      ['120家', 120, '家', null],
    ])
  })
})

describe('detectFigures: offsets', () => {
  it('are JavaScript string offsets into the text', () => {
    const text = '据悉,该项目投资3亿元,年产值3.6亿元,解决就业150人左右。'
    for (const f of detectFigures(text)) expect(text.slice(f.start, f.end)).toBe(f.text)
    expect(figures(text)).toEqual([
      ['3亿元', 300000000, '元', null],
      ['3.6亿元', 360000000, '元', null],
      ['150人', 150, '人', '左右'],
    ])
  })
})

describe('detectFigures: the counter 部', () => {
  it('reads documents, films and books counted in 部', () => {
    expect(figures('出台政策文件12部,拍摄纪录片三十部')).toEqual([
      ['12部', 12, '部', null],
      ['三十部', 30, '部', null],
    ])
  })

  it('does not read 部 where it begins a word: departments, ministries, parts', () => {
    expect(figures('3部门联合印发,12部委参加,分为两部分,共有4部分组成,第2部')).toEqual([])
  })
})
