/**
 * Each entity's fields, defined once (issue 11 item 7, GUIDE §5.2): key → label (zh, en) and
 * length limit. The contract's field schemas take their limits from here, validation messages
 * name a field by its label (a too-long 刊名 reads 「刊名」, not 「title」), and the editor's
 * inputs take their accessible names from it. The interface dictionary (i18n.tsx) carries the
 * same labels; a test holds the two together. Pure: no DOM, no Node.
 */

export interface FieldDef {
  zh: string
  en: string
  /** Longest value in characters; null where the value's form bounds it (a date, an enum). */
  max: number | null
}

/** Longest single-line field (headline, dateline …) in characters. */
export const MAX_FIELD = 2000
/** Longest serialized article body in characters (about 2 MB: far above any newspaper article). */
export const MAX_BODY = 2_000_000

/** 期 (an issue's masthead data). */
export const ISSUE_FIELDS = {
  title: { zh: '刊名', en: 'Title', max: 200 },
  edition: { zh: '专刊', en: 'Edition', max: 200 },
  number: { zh: '期号', en: 'Issue number', max: 100 },
  publicationDate: { zh: '出版日期', en: 'Publication date', max: null },
  guidance: { zh: '指导单位', en: 'Guided by', max: 500 },
  publisher: { zh: '主办单位', en: 'Published by', max: 500 },
  postalCode: { zh: '邮发代号', en: 'Postal code', max: 50 },
  email: { zh: '投稿邮箱', en: 'Submission e-mail', max: 254 },
  slogan: { zh: '报头标语', en: 'Masthead slogan', max: 500 },
  creditStyle: { zh: '图片署名格式', en: 'Photo credit style', max: 50 },
  status: { zh: '状态', en: 'Status', max: null },
} as const satisfies Record<string, FieldDef>

/** 稿件 (an article's parts as a Chinese newspaper has them). */
export const ARTICLE_FIELDS = {
  kicker: { zh: '引题', en: 'Kicker', max: MAX_FIELD },
  headline: { zh: '主题', en: 'Headline', max: MAX_FIELD },
  subtitle: { zh: '副题', en: 'Subtitle', max: MAX_FIELD },
  dateline: { zh: '电头', en: 'Dateline', max: MAX_FIELD },
  byline: { zh: '署名', en: 'Byline', max: 500 },
  body: { zh: '正文', en: 'Body', max: MAX_BODY },
  // An article's stage is not a field: it moves only through review.* (三审三校).
} as const satisfies Record<string, FieldDef>

export type IssueFieldKey = keyof typeof ISSUE_FIELDS
export type ArticleFieldKey = keyof typeof ARTICLE_FIELDS

/** The length limit of a field that has one (what the contract's schema uses). */
export function maxOf<T extends Record<string, FieldDef>>(table: T, key: keyof T): number {
  const max = table[key]?.max
  if (max === null || max === undefined) throw new Error(`field ${String(key)} has no length limit`)
  return max
}

/**
 * The label of a field named by a validation path (['patch', 'title'], ['headline'] …): the last
 * key of the path that the method's entity table knows.
 */
export function fieldLabel(method: string, path: readonly PropertyKey[]): FieldDef | null {
  const table: Record<string, FieldDef> | null = method.startsWith('issue.')
    ? ISSUE_FIELDS
    : method.startsWith('article.')
      ? ARTICLE_FIELDS
      : method === 'import.commit'
        ? path[0] === 'issue'
          ? ISSUE_FIELDS
          : ARTICLE_FIELDS
        : null
  if (!table) return null
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i]
    if (typeof key !== 'string') continue
    if (Object.prototype.hasOwnProperty.call(table, key)) return table[key] ?? null
  }
  return null
}
