/**
 * Shapes shared by the zone and figure detectors.
 *
 * Offsets (`start`, `end`) are JavaScript string offsets (UTF-16 code units) into the text
 * that was scanned, `end` exclusive, so `text.slice(start, end) === tag.text`.
 */

export type ZoneLevel = '国家级' | '省级'

/** One row of the zone registry (resources/zones.json). */
export interface ZoneRecord {
  /** Stable entity id; tags keep it through editing. */
  id: string
  /** Canonical name shown to editors and stored with tags. */
  name: string
  /** Abbreviations in common use, e.g. 怀仁经开区. */
  short: string[]
  /** Other names, e.g. the full official name or a brand such as 山西农谷. */
  aliases: string[]
  /**
   * Names that are only this zone when the zone is also named unambiguously nearby,
   * e.g. a bare 综改示范区 next to 山西转型综合改革示范区.
   */
  contextAliases: string[]
  /** 经济技术开发区, 高新技术产业开发区, 国家农业高新技术产业示范区 … */
  type: string
  /** Only where a source says so; null when unknown. */
  level: ZoneLevel | null
  province: string | null
  city: string | null
  /** Where the row's facts come from. */
  source: string
}

/** The zone a tag points at: a registry row, or a zone the registry does not know yet. */
export interface ZoneRef {
  /** Canonical name (registry name, or a normalised name for an unknown zone). */
  name: string
  known: boolean
  /** Registry id when known. */
  id: string | null
  /** Zone type as far as the mention tells it (registry type when known). */
  type: string
}

export interface ZoneTag {
  kind: 'zone'
  start: number
  end: number
  text: string
  zone: ZoneRef
}

export interface FigureTag {
  kind: 'figure'
  start: number
  end: number
  /** The number, any inner 多/余, the magnitude and the unit — not the outer qualifiers. */
  text: string
  /** Value with 万/亿 folded in: 717亿元 → 71700000000. */
  value: number
  /** Unit as written, without the magnitude: 元, 千瓦时, 个百分点, GWh. */
  unit: string
  /** 约, 近, 逾, 超过, 高达, 突破, 以上, 左右, 余, 多 …, or null. */
  qualifier: string | null
}

export type Tag = ZoneTag | FigureTag
