/**
 * What any importer (plain text, .docx, bundles) hands to the library: articles with their
 * parts and a body as blocks. Text importers produce plain paragraphs; .docx keeps bold and
 * italic as runs and images as content-addressed photo blocks.
 */
export interface TextRun {
  text: string
  bold?: boolean
  italic?: boolean
}

export type ImportBlock =
  | { type: 'paragraph'; text: string; runs?: TextRun[] }
  | { type: 'subhead'; text: string }
  | { type: 'photo'; caption: string; credit: string | null; image?: string | null }

export interface ImportArticle {
  kicker: string | null
  headline: string | null
  subtitle: string | null
  dateline: string | null
  byline: string | null
  blocks: ImportBlock[]
}

/** An image carried by an import, stored once in the library under its SHA-256 hash. */
export interface ImportImage {
  hash: string
  mime: 'image/jpeg' | 'image/png' | 'image/webp'
  /** base64 of the image bytes (JSON-safe across every transport). */
  data: string
}

/** Picks the library's fields from any importer's article (e.g. a parsed plain-text article). */
export function toImportArticle(article: ImportArticle): ImportArticle {
  const { kicker, headline, subtitle, dateline, byline, blocks } = article
  return { kicker, headline, subtitle, dateline, byline, blocks }
}
