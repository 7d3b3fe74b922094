import { describe, expect, it } from 'vitest'
import zonesJson from '../../../resources/zones.json'
import { loadGazetteer } from './gazetteer'
import { detectZones } from './zones'
import { ZONE_SUFFIXES, SUFFIX_LAST_CHARS } from './zoneNames'

const starter = loadGazetteer(zonesJson)
const empty = loadGazetteer({ zones: [] })

/** The zones of `text` as [text, canonical name, known]. */
const zones = (text: string, gazetteer = starter): Array<[string, string, boolean]> =>
  detectZones(text, gazetteer).map((z) => [z.text, z.zone.name, z.zone.known])

describe('registry zones', () => {
  it.each([
    ['太谷经济技术开发区内一派繁忙景象', '太谷经济技术开发区', '太谷经济技术开发区'],
    ['充分展现了怀仁经开区的创新实力', '怀仁经开区', '怀仁经济技术开发区'],
    ['晋中农高区管委会主任助理', '晋中农高区', '晋中国家农高区'],
    ['关于山西农谷的好消息不绝于耳', '山西农谷', '晋中国家农高区'],
    ['西安高新区聚集各类市场主体', '西安高新区', '西安高新技术产业开发区'],
    ['郑州航空港经济综合实验区货邮吞吐量', '郑州航空港经济综合实验区', '郑州航空港经济综合实验区'],
    ['上海自贸区挂牌十周年', '上海自贸区', '中国（上海）自由贸易试验区'],
  ])('%s', (text, surface, name) => {
    expect(zones(text)).toEqual([[surface, name, true]])
  })

  it('finds a registry zone from forms the registry does not list', () => {
    expect(zones('孝义开发区与文水开发区签订合作协议')).toEqual([
      ['孝义开发区', '孝义经济开发区', true],
      ['文水开发区', '文水经济开发区', true],
    ])
    expect(zones('山西太原经济技术开发区')).toEqual([['山西太原经济技术开发区', '太原经济技术开发区', true]])
    expect(zones('晋城市经济技术开发区')).toEqual([['晋城市经济技术开发区', '晋城经济技术开发区', true]])
    expect(zones('在大同国家级经济技术开发区')).toEqual([['大同国家级经济技术开发区', '大同经济技术开发区', true]])
    expect(zones('太原高新技术开发区')).toEqual([['太原高新技术开发区', '太原高新技术产业开发区', true]])
  })

  it('reads X开发区 as the 经济技术开发区 of place X when X has several development zones', () => {
    expect(zones('太原开发区')).toEqual([['太原开发区', '太原经济技术开发区', true]])
    expect(zones('成都开发区与西安开发区')).toEqual([
      ['成都开发区', '成都经济技术开发区', true],
      ['西安开发区', '西安经济技术开发区', true],
    ])
  })

  it('leaves X开发区 unresolved when place X has several zones and none is a 经济技术开发区', () => {
    const gazetteer = loadGazetteer({
      zones: [
        { id: 'a', name: '甲城经济开发区', type: '经济开发区', source: 'test' },
        { id: 'b', name: '甲城高新技术产业开发区', type: '高新技术产业开发区', source: 'test' },
      ],
    })
    expect(zones('甲城开发区', gazetteer)).toEqual([['甲城开发区', '甲城开发区', false]])
  })
})

describe('zones the registry does not know', () => {
  it.each([
    ['近年来,吕梁经济技术开发区引进项目', '吕梁经济技术开发区', '吕梁经济技术开发区'],
    ['在临汾经济开发区,厂房拔地而起', '临汾经济开发区', '临汾经济开发区'],
    ['项目落户朔州经济开发区', '朔州经济开发区', '朔州经济开发区'],
    ['企业扎根介休经济技术开发区三年来', '介休经济技术开发区', '介休经济技术开发区'],
    ['省委书记深入阳泉经济技术开发区调研', '阳泉经济技术开发区', '阳泉经济技术开发区'],
    ['这次会议在侯马经济开发区举行', '侯马经济开发区', '侯马经济开发区'],
    ['记者从沁源经济开发区获悉', '沁源经济开发区', '沁源经济开发区'],
    ['湛江经开区:钢铁巨轮驶向深蓝', '湛江经开区', '湛江经济技术开发区'],
    ['慈溪高新区分列前三名', '慈溪高新区', '慈溪高新技术产业开发区'],
    ['东莞松山湖高新区的企业', '东莞松山湖高新区', '东莞松山湖高新技术产业开发区'],
    ['南昌小蓝经济技术开发区已形成汽车产业集群', '南昌小蓝经济技术开发区', '南昌小蓝经济技术开发区'],
    ['宁夏银川经济技术开发区引进企业', '宁夏银川经济技术开发区', '银川经济技术开发区'],
    ['阳高县经济开发区', '阳高县经济开发区', '阳高经济开发区'],
    ['大同市云州区经济技术开发区', '大同市云州区经济技术开发区', '大同市云州区经济技术开发区'],
    ['推动和顺经济开发区建设', '和顺经济开发区', '和顺经济开发区'],
    ['第八师石河子经济技术开发区', '石河子经济技术开发区', '石河子经济技术开发区'],
    ['在杨凌农业高新技术产业示范区召开现场会', '杨凌农业高新技术产业示范区', '杨凌农业高新技术产业示范区'],
    ['吕梁国家农高区', '吕梁国家农高区', '吕梁国家农高区'],
    ['榆次工业园区产值增长', '榆次工业园区', '榆次工业园区'],
  ])('%s', (text, surface, name) => {
    expect(zones(text)).toEqual([[surface, name, false]])
  })

  it('finds the zones of the seed with an empty registry', () => {
    expect(zones('在孝义经济开发区,年产10万吨', empty)).toEqual([['孝义经济开发区', '孝义经济开发区', false]])
    expect(zones('签约仪式日前在应县经济技术开发区举行', empty)).toEqual([
      ['应县经济技术开发区', '应县经济技术开发区', false],
    ])
    expect(zones('彰显着晋城经济技术开发区在光机电领域的实力', empty)).toEqual([
      ['晋城经济技术开发区', '晋城经济技术开发区', false],
    ])
  })
})

describe('generic mentions are not zones', () => {
  it.each([
    '全省开发区培育和发展新质生产力',
    '该开发区抢抓5G智能矿山建设',
    '目前,全国共有国家级经济技术开发区230家',
    '国家级经开区和省级开发区要发挥示范作用',
    '全省各个开发区在发展新质生产力的道路上',
    '在全省农业类开发区综合考核中保持优秀',
    '围绕新时期农高区建设的新目标',
    '为农高区建设指明了方向',
    '全力服务好农高区的建设运营发展',
    '瞄准打造开发区升级版的总要求',
    '各开发区要认真落实,各类开发区要加强管理',
    '现有开发区和新设开发区都要纳入管理,省级及以上开发区实行考核',
    '首批国家级经开区名单公布,8个国家级经开区入选',
    '中西部开发区承接产业转移,县域经济开发区发展迅速',
    '城市开发区与农村开发区协调发展,推进产业开发区建设',
    '山西省开发区建设工作领导小组,山西开发区改革取得成效',
    '重点开发区域要优化布局',
    '开发区管委会主任表示,经开区党工委书记和高新区管委会',
    '升级为国家高新技术产业开发区',
    '湾区开发区 | 周刊',
    '入选第一批国家级绿色工业园区名单',
    '成渝开发区竞相“上新”,长三角开发区协同发展',
    '打造城市新区和高铁新区',
    '皖江开发区竞相发展,苏南开发区和沿边开发区',
    '推进特色小镇工业园区建设,各乡镇工业园区和城镇开发区',
  ])('%s', (text) => {
    expect(zones(text)).toEqual([])
  })
})

describe('registry names as printed', () => {
  it('matches names with full-width or half-width brackets and dashes alike', () => {
    expect(zones('中国老挝磨憨-磨丁经济合作区与中国图们江区域(珲春)国际合作示范区')).toEqual([
      ['中国老挝磨憨-磨丁经济合作区', '中国老挝磨憨—磨丁经济合作区', true],
      ['中国图们江区域(珲春)国际合作示范区', '中国图们江区域（珲春）国际合作示范区', true],
    ])
    expect(zones('厦门海沧台商投资区和福州台商投资区')).toEqual([
      ['厦门海沧台商投资区', '厦门海沧台商投资区', true],
      ['福州台商投资区', '福州台商投资区', false],
    ])
  })
})

describe('town parks', () => {
  it('read the town with its county or city as the place, through soft stops inside it', () => {
    expect(zones('260亿元；平度市南村镇工业园区亩均税收,在庐江县同大镇工业园区内')).toEqual([
      ['平度市南村镇工业园区', '平度市南村镇工业园区', false],
      ['庐江县同大镇工业园区', '庐江县同大镇工业园区', false],
    ])
  })
})

describe('pilot free trade zones and their 片区', () => {
  it('names a 片区 after its zone in full, and the short 片区 forms after it', () => {
    expect(zones('中国（福建）自由贸易试验区厦门片区管委会召开大会。厦门片区实现进出口,青岛自贸片区')).toEqual([
      ['中国（福建）自由贸易试验区厦门片区', '中国（福建）自由贸易试验区厦门片区', false],
      ['厦门片区', '中国（福建）自由贸易试验区厦门片区', false],
      ['青岛自贸片区', '中国（山东）自由贸易试验区青岛片区', false],
    ])
    expect(zones('中国(上海)自由贸易试验区')).toEqual([
      ['中国(上海)自由贸易试验区', '中国（上海）自由贸易试验区', true],
    ])
  })

  it('reads 片区 as a zone only in a text about free trade zones, and never a generic one', () => {
    expect(zones('推进老城片区改造,东部片区')).toEqual([])
    expect(zones('自贸区核心片区和先行片区')).toEqual([])
  })
})

describe('new areas (新区)', () => {
  it('finds national new areas by name and short form, and unknown ones after a place', () => {
    expect(zones('四川天府新区与重庆两江新区签约,两江新区新能源汽车')).toEqual([
      ['四川天府新区', '四川天府新区', true],
      ['重庆两江新区', '重庆两江新区', true],
      ['两江新区', '重庆两江新区', true],
    ])
    expect(zones('宜宾三江新区动力电池产业')).toEqual([['宜宾三江新区', '宜宾三江新区', false]])
  })

  it('does not make 滨海, 两江 … places that cut a longer zone name short', () => {
    expect(zones('慈溪滨海经济开发区')).toEqual([['慈溪滨海经济开发区', '慈溪滨海经济开发区', false]])
  })
})

describe('alias resolution within a text', () => {
  it('takes a zone name in full-width brackets after a zone as that zone', () => {
    expect(zones('宁波杭州湾经济技术开发区（宁波杭州湾新区）引进吉利。宁波杭州湾新区还有')).toEqual([
      ['宁波杭州湾经济技术开发区', '宁波杭州湾经济技术开发区', false],
      ['宁波杭州湾新区', '宁波杭州湾经济技术开发区', false],
      ['宁波杭州湾新区', '宁波杭州湾经济技术开发区', false],
    ])
    expect(zones('漳州台商高技术产业开发区（以下简称“台商区”）成立。台商区')).toEqual([
      ['漳州台商高技术产业开发区', '漳州台商高技术产业开发区', false],
      ['台商区', '漳州台商高技术产业开发区', false],
      ['台商区', '漳州台商高技术产业开发区', false],
    ])
  })

  it('names an unknown zone as the text writes it in full, before a form expanded from a short one', () => {
    expect(zones('漳州台商高技术产业开发区（漳州台商高新区）').map(([, name]) => name)).toEqual([
      '漳州台商高技术产业开发区',
      '漳州台商高技术产业开发区',
    ])
  })

  it('gives X经开区 and X经济技术开发区 one name', () => {
    expect(zones('湛江经济技术开发区已形成三大产业集群。图为湛江经开区一角。')).toEqual([
      ['湛江经济技术开发区', '湛江经济技术开发区', false],
      ['湛江经开区', '湛江经济技术开发区', false],
    ])
  })

  it('gives a city-prefixed and a bare mention one name', () => {
    expect(zones('走进惠州仲恺高新区潼侨镇。近年来,仲恺高新区依托产业集群')).toEqual([
      ['惠州仲恺高新区', '惠州仲恺高新技术产业开发区', false],
      ['仲恺高新区', '惠州仲恺高新技术产业开发区', false],
    ])
  })

  it('reads a type-less X开发区 as all zones of X (no zone) where the text names several of them', () => {
    const text = '赣州开发区:“链”动湾区。赣州经济技术开发区产值增长,赣州高新技术产业开发区投资增长'
    expect(zones(text).map(([surface]) => surface)).toEqual(['赣州经济技术开发区', '赣州高新技术产业开发区'])
  })

  it('lets a type-less X开发区 join the one zone of place X', () => {
    expect(zones('吕梁经济开发区新签约项目12个。吕梁开发区有关负责人表示')).toEqual([
      ['吕梁经济开发区', '吕梁经济开发区', false],
      ['吕梁开发区', '吕梁经济开发区', false],
    ])
  })

  it('takes a name in brackets as an alias', () => {
    const text = '晋中国家农高区(太谷国家农业科创中心)党委书记。以太谷国家农业科创中心为依托'
    expect(zones(text)).toEqual([
      ['晋中国家农高区', '晋中国家农高区', true],
      ['太谷国家农业科创中心', '晋中国家农高区', true],
      ['太谷国家农业科创中心', '晋中国家农高区', true],
    ])
  })

  it('takes an abbreviation introduced with 简称 as an alias', () => {
    const text = '吕梁经济技术开发区(以下简称“吕梁开发区”)成立以来,吕梁开发区累计引进项目'
    expect(zones(text).map(([surface, name]) => [surface, name])).toEqual([
      ['吕梁经济技术开发区', '吕梁经济技术开发区'],
      ['吕梁开发区', '吕梁经济技术开发区'],
      ['吕梁开发区', '吕梁经济技术开发区'],
    ])
  })

  it('does not take annotations in brackets as aliases', () => {
    expect(zones('孝义经济开发区(省级)和《大同经开区人才周转房使用管理办法(试行)》')).toEqual([
      ['孝义经济开发区', '孝义经济开发区', true],
      ['大同经开区', '大同经济技术开发区', true],
    ])
  })

  it('resolves 综改示范区 only with 山西转型综合改革示范区 in reach', () => {
    expect(zones('综改示范区将加快建设。')).toEqual([])
    const near = '山西转型综合改革示范区成立于2017年。今年,综改示范区新签约项目120个。'
    expect(zones(near)).toEqual([
      ['山西转型综合改革示范区', '山西转型综合改革示范区', true],
      ['综改示范区', '山西转型综合改革示范区', true],
    ])
    const far = `山西转型综合改革示范区成立。${'。'.repeat(3000)}综改示范区将加快建设。`
    expect(zones(far)).toHaveLength(1)
  })
})

describe('offsets and shape', () => {
  it('are JavaScript string offsets, and unknown zones have no id', () => {
    const text = '😀仲夏时节,太谷经济技术开发区内,吕梁经开区外'
    const found = detectZones(text, starter)
    for (const z of found) expect(text.slice(z.start, z.end)).toBe(z.text)
    expect(found[0]?.zone).toEqual({
      name: '太谷经济技术开发区',
      known: true,
      id: 'sx-taigu-etdz',
      type: '经济技术开发区',
    })
    expect(found[1]?.zone).toEqual({ name: '吕梁经济技术开发区', known: false, id: null, type: '经济技术开发区' })
  })
})

describe('loadGazetteer', () => {
  it('rejects an invalid registry with the path of the problem', () => {
    expect(() => loadGazetteer({ zones: [{ id: 'x', name: '', type: '开发区', source: 's' }] })).toThrow(
      /zones\.0\.name/,
    )
    expect(() => loadGazetteer({ zones: 'none' })).toThrow(/zone registry is invalid at zones/)
  })

  it('drops a surface form two zones share', () => {
    const row = { type: '经济开发区', source: 'test' }
    const gazetteer = loadGazetteer({
      zones: [
        { ...row, id: 'a', name: '甲乙经济开发区', aliases: ['明珠园'] },
        { ...row, id: 'b', name: '丙丁经济开发区', aliases: ['明珠园'] },
      ],
    })
    expect(detectZones('明珠园', gazetteer)).toEqual([])
    expect(detectZones('甲乙经济开发区', gazetteer)[0]?.zone.id).toBe('a')
  })

  it('has every zone suffix end in a character the detector jumps to', () => {
    expect(ZONE_SUFFIXES.every((s) => SUFFIX_LAST_CHARS.some((c) => s.text.endsWith(c)))).toBe(true)
  })

  it('ships a starter registry whose rows all have a source', () => {
    expect(starter.zones.length).toBeGreaterThan(40)
    for (const zone of starter.zones) expect(zone.source.length).toBeGreaterThan(0)
  })

  it('finds every name, short form and alias of the starter registry as its zone', () => {
    for (const zone of starter.zones) {
      for (const form of [zone.name, ...zone.short, ...zone.aliases]) {
        expect({ form, found: zones(`记者在${form}调研`) }).toEqual({ form, found: [[form, zone.name, true]] })
      }
    }
  })
})

describe('a zone name is a place and a type, never a determiner, ordinal, time or count', () => {
  it.each([
    '前三季度经开区新开工项目35个',
    '今年前三季度国家级高新区营业收入增长',
    '第五届高新区高质量发展论坛开幕',
    '与西北多个新区签署合作协议',
    '宁波温州绍兴三地高新区联建孵化网络',
    '沪苏浙皖四地开发区协同发展',
    '长株潭三市经开区共建产业链',
    '来自五省区的高新区负责人',
    '评选全省十佳开发区',
  ])('%s', (text) => {
    expect(zones(text)).toEqual([])
  })

  it.each([
    ['今年一季度合肥经开区新签约项目', '合肥经开区', '合肥经济技术开发区'],
    ['三门峡经济开发区', '三门峡经济开发区', '三门峡经济开发区'],
    ['十堰高新区企业', '十堰高新区', '十堰高新技术产业开发区'],
    ['七台河经济开发区', '七台河经济开发区', '七台河经济开发区'],
  ])('keeps places with numerals in their names: %s', (text, surface, name) => {
    expect(zones(text).map(([s, n]) => [s, n])).toEqual([[surface, name]])
  })

  it('ends a date before the place: a year, month or day is never part of a zone name', () => {
    expect(zones('自2010年杭州湾上虞经济技术开发区设立以来,5月嘉兴经开区,二〇二三年长垣产业集聚区')).toEqual([
      ['杭州湾上虞经济技术开发区', '杭州湾上虞经济技术开发区', false],
      ['嘉兴经开区', '嘉兴经济技术开发区', false],
      ['长垣产业集聚区', '长垣产业集聚区', false],
    ])
  })

  it('never builds a name out of （以下简称国家级高新区）, nor takes it as an alias', () => {
    expect(zones('全省国家高新技术产业开发区（以下简称国家级高新区）达8家。国家级高新区营收增长')).toEqual([])
    expect(zones('合肥高新区（以下简称国家级高新区）。国家级高新区')).toEqual([
      ['合肥高新区', '合肥高新技术产业开发区', true],
    ])
  })
})

describe('a canonical name never merges two zones', () => {
  it('keeps a zone whose place has another city in front apart from the registry zone of that name', () => {
    expect(zones('中山火炬高技术产业开发区与厦门火炬高新区签约')).toEqual([
      ['中山火炬高技术产业开发区', '中山火炬高技术产业开发区', false],
      ['厦门火炬高新区', '厦门火炬高技术产业开发区', true],
    ])
  })

  it('keeps zones with different cities apart; a headless mention joins the one in the text, else the registry’s where its city is named', () => {
    expect(zones('中山火炬高新区与厦门火炬高新区签约', empty).map(([, name]) => name)).toEqual([
      '中山火炬高新技术产业开发区',
      '厦门火炬高新技术产业开发区',
    ])
    // 中山 is a place the starter lists know: the bare 火炬高新区 joins 中山火炬, not the registry's 厦门火炬
    expect(zones('中山火炬高技术产业开发区成立。火炬高新区企业').map(([, name]) => name)).toEqual([
      '中山火炬高技术产业开发区',
      '中山火炬高技术产业开发区',
    ])
    expect(zones('本报厦门电 火炬高新区企业')).toEqual([['火炬高新区', '厦门火炬高技术产业开发区', true]])
  })

  it('still resolves a registry zone written with its own city or province in front', () => {
    expect(zones('山西晋中市太谷经开区')).toEqual([['山西晋中市太谷经开区', '太谷经济技术开发区', true]])
  })
})

describe('kinds of zone', () => {
  it('reads 工业集中区 after a place, not alone', () => {
    expect(zones('武威工业集中区新落地项目,鼓励工业集中区建设共享车间')).toEqual([
      ['武威工业集中区', '武威工业集中区', false],
    ])
  })

  it('reads X产业园 only after a known place', () => {
    expect(zones('定西中医药产业园入驻企业64家')).toEqual([['定西中医药产业园', '定西中医药产业园', false]])
    expect(zones('推动各类产业园提质增效,支持新建一批新能源产业园,光机电产业园内')).toEqual([])
  })

  it('names a 产业转移工业园 with both cities, brackets full-width', () => {
    expect(zones('深圳（河源）产业转移工业园和广州(梅州)产业转移工业园')).toEqual([
      ['深圳（河源）产业转移工业园', '深圳（河源）产业转移工业园', false],
      ['广州(梅州)产业转移工业园', '广州（梅州）产业转移工业园', false],
    ])
    expect(zones('加快产业转移工业园建设')).toEqual([])
  })

  it('names a 产业集聚区 with its county or county-level city, not its province or prefecture', () => {
    expect(zones('长葛市产业集聚区与河南省许昌市襄城县产业集聚区')).toEqual([
      ['长葛市产业集聚区', '长葛市产业集聚区', false],
      ['河南省许昌市襄城县产业集聚区', '襄城县产业集聚区', false],
    ])
    expect(zones('西平县产业集聚区成立。西平产业集聚区').map(([, name]) => name)).toEqual([
      '西平县产业集聚区',
      '西平县产业集聚区',
    ])
    expect(zones('全省现有产业集聚区184个')).toEqual([])
  })
})

describe('aliases the registry knows', () => {
  it('reads a short form without its city (航空港区) in a text that names the city or the zone', () => {
    expect(zones('航空港区出台政策文件12部。本报郑州电')).toEqual([['航空港区', '郑州航空港经济综合实验区', true]])
    expect(zones('航空港区出台政策文件12部')).toEqual([])
  })

  it('reads X示范区 as the one 示范区 of place X the registry knows, and never an unknown one', () => {
    expect(zones('阳曲示范区建设提速')).toEqual([['阳曲示范区', '阳曲现代农业产业示范区', true]])
    expect(zones('创建生态文明示范区,推进甲城示范区建设')).toEqual([])
  })

  it('reads X经开区 as the registry’s X经济开发区 where X has no 经济技术开发区', () => {
    expect(zones('孝义经开区')).toEqual([['孝义经开区', '孝义经济开发区', true]])
  })
})

describe('a zone inside another', () => {
  it('is named after the outer zone in full: 合肥经开综保区 → 合肥经济技术开发区综合保税区', () => {
    expect(zones('合肥经开综保区进出口增长,郑州高新综保区', empty).map(([, n]) => n)).toEqual([
      '合肥经济技术开发区综合保税区',
      '郑州高新技术产业开发区综合保税区',
    ])
  })
})

describe('a district in brackets after a zone is a place', () => {
  it('is not an alias of the zone, and is not tagged later', () => {
    expect(zones('江门高新区（江海区）新增高新技术企业86家。江海区委有关负责人')).toEqual([
      ['江门高新区', '江门高新技术产业开发区', false],
    ])
  })

  it('still takes a zone-like name in brackets as an alias', () => {
    expect(zones('甲乙经济技术开发区（甲乙港区）成立。甲乙港区').map(([s, n]) => [s, n])).toEqual([
      ['甲乙经济技术开发区', '甲乙经济技术开发区'],
      ['甲乙港区', '甲乙经济技术开发区'],
      ['甲乙港区', '甲乙经济技术开发区'],
    ])
    expect(zones('某某经济技术开发区（某某新区）成立。某某新区').map(([s, n]) => [s, n])).toEqual([
      ['某某经济技术开发区', '某某经济技术开发区'],
      ['某某新区', '某某经济技术开发区'],
      ['某某新区', '某某经济技术开发区'],
    ])
  })
})

describe('free trade zones are named one way', () => {
  it('names X自贸试验区 and X自由贸易试验区…片区 as 中国（X）自由贸易试验区, with or without 中国（…）', () => {
    expect(zones('广西自由贸易试验区南宁片区与广西自贸试验区,中国(云南)自由贸易试验区')).toEqual([
      ['广西自由贸易试验区南宁片区', '中国（广西）自由贸易试验区南宁片区', false],
      ['广西自贸试验区', '中国（广西）自由贸易试验区', false],
      ['中国(云南)自由贸易试验区', '中国（云南）自由贸易试验区', false],
    ])
    expect(zones('上海自贸区临港新片区')).toEqual([
      ['上海自贸区临港新片区', '中国（上海）自由贸易试验区临港新片区', false],
    ])
  })

  it('gives a lone 片区 the free trade zone the text is about, or its place’s province', () => {
    expect(zones('中国（福建）自由贸易试验区厦门片区。平潭片区').map(([, n]) => n)).toEqual([
      '中国（福建）自由贸易试验区厦门片区',
      '中国（福建）自由贸易试验区平潭片区',
    ])
    expect(zones('广西自贸试验区挂牌。崇左片区').map(([, n]) => n)).toEqual([
      '中国（广西）自由贸易试验区',
      '中国（广西）自由贸易试验区崇左片区',
    ])
  })

  it('does not take a count of free trade zones for one', () => {
    expect(zones('全国共有22个自贸试验区,各片区各有探索')).toEqual([])
  })
})
