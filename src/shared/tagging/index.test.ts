import { describe, expect, it } from 'vitest'
import zonesJson from '../../../resources/zones.json'
import { detectTags, loadGazetteer } from './index'

describe('detectTags', () => {
  it('returns zones and figures sorted by start, in the shape the CLI prints', () => {
    const text = '山西省2023年与共建“一带一路”国家进出口额达717亿元。怀仁经开区拥有专利163项,年发电3.2亿千瓦时。'
    const tags = detectTags(text, loadGazetteer(zonesJson))
    expect(tags).toEqual([
      { kind: 'figure', start: 24, end: 29, text: '717亿元', value: 71700000000, unit: '元', qualifier: null },
      {
        kind: 'zone',
        start: 30,
        end: 35,
        text: '怀仁经开区',
        zone: { name: '怀仁经济技术开发区', known: true, id: 'sx-huairen-etdz', type: '经济技术开发区' },
      },
      { kind: 'figure', start: 39, end: 43, text: '163项', value: 163, unit: '项', qualifier: null },
      { kind: 'figure', start: 47, end: 54, text: '3.2亿千瓦时', value: 320000000, unit: '千瓦时', qualifier: null },
    ])
  })

  it('drops a figure inside a zone name', () => {
    const gazetteer = loadGazetteer({
      zones: [{ id: 'z', name: '五百亩工业园区', type: '工业园区', source: 'test' }],
    })
    const tags = detectTags('五百亩工业园区新增用地三百亩', gazetteer)
    expect(tags.map((t) => [t.kind, t.text])).toEqual([
      ['zone', '五百亩工业园区'],
      ['figure', '三百亩'],
    ])
  })
})
