/** Zone registry, tag index and figure views as the API returns them (issue: tagging). */
import type { ZoneLevel } from '../tagging/types'

export type AliasKind = 'short' | 'alias' | 'context' | 'learned'

export interface ZoneSummary {
  id: string
  name: string
  type: string
  level: ZoneLevel | null
  province: string | null
  city: string | null
  source: string
  aliases: { alias: string; kind: AliasKind }[]
  /** Tagged mentions across all articles (not deleted). */
  mentionCount: number
  articleCount: number
}

/** The article a tag stands in, and its issue. */
export interface TagPlace {
  articleId: number
  headline: string
  issueId: number
  issueTitle: string
  issueNumber: string
}

export interface ZoneMention extends TagPlace {
  /** The text as written, e.g. 怀仁经开区. */
  text: string
  /** The sentence around it in the article (null when it cannot be found). */
  context: { before: string; after: string } | null
}

/** What a figure tag records: the value with 万/亿 folded in, its unit and qualifier, and the editor's labels. */
export interface FigureFacts {
  value: number
  unit: string
  qualifier: string | null
  /** Editor's label, e.g. 进出口额; '' when not given. */
  metric: string
  /** e.g. 2023年; '' when not given. */
  period: string
}

export interface FigureRow extends FigureFacts, TagPlace {
  text: string
  zoneId: string | null
  zoneName: string | null
  /** Detected in the text but not tagged: its metric, period and zone were read from the sentence (figure.consistency only). */
  detected?: boolean
}

/** Rows of figure.list when no limit is given, and the most one page may hold. */
export const FIGURE_PAGE = 200
export const FIGURE_PAGE_MAX = 1000

/** One page of figure.list and how many figures match the filter in all. */
export interface FigurePage {
  rows: FigureRow[]
  total: number
  /** Every unit live figures are written in (for a filter), whatever the filter. */
  units: string[]
}

/** Mentions and figures a zone's detail lists at most (the first, in reading order); the counts say how many in all. */
export const ZONE_DETAIL_LIMIT = 200

export interface ZoneDetail extends ZoneSummary {
  /** The first ZONE_DETAIL_LIMIT mentions in reading order (mentionCount says how many in all). */
  mentions: ZoneMention[]
  /** The first ZONE_DETAIL_LIMIT of its figures; figure.list with zoneId pages through all. */
  figures: FigureRow[]
  figureCount: number
}

/** About how many figures a consistency group lists (some of each value; figureCount says how many it has). */
export const CONFLICT_FIGURES_LIMIT = 50

/** The same zone + metric (+ period) reported with different values. */
export interface FigureConflict {
  zoneId: string
  zoneName: string
  metric: string
  period: string
  /** Some figures of each value (together about CONFLICT_FIGURES_LIMIT), in reading order. */
  figures: FigureRow[]
  figureCount: number
}

export interface TagRejection {
  kind: 'zone' | 'figure'
  text: string
}

/** Serialized tag nodes inside an article body (Lexical JSON): text nodes with entity data. */
export interface SerializedZoneTag {
  type: 'zone-tag'
  text: string
  zoneId: string
  zoneName: string
}

export interface SerializedFigureTag extends FigureFacts {
  type: 'figure-tag'
  text: string
  /** The zone's name as read from the sentence or set by the editor; absent: the zone tagged before it in its block. */
  zone?: string
}
