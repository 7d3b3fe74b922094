/**
 * The masthead (报头) at the top of an extracted issue: 刊名, edition, slogan
 * lines, 指导单位, 主办单位, 期号, 邮发代号, 投稿邮箱 and the date.
 */
import { makeNote, type ImportNote } from './article'
import { charLength, isPageFurniture, subtitleText } from './patterns'

export interface IssueMeta {
  title: string | null
  /** 专刊, 特刊, 第3版 … */
  edition: string | null
  slogan: string[]
  /** 指导单位 */
  guidance: string | null
  /** 主办单位 */
  publisher: string | null
  /** 期号, e.g. 2024年第25期 */
  number: string | null
  /** ISO date (YYYY-MM-DD) */
  date: string | null
  /** 邮发代号 */
  postal_code: string | null
  /** 投稿邮箱 */
  email: string | null
}

/**
 * What a line's source says about it beyond its text: a Word paragraph's style, heading level,
 * weight and size. Plain text has none; the reader (plaintext.ts) weighs them with the text.
 */
export interface LineHint {
  /** The role its paragraph style names (Title, 引题, 小标题, 题注, 署名 …); 'body' for none. */
  style: 'body' | 'title' | 'heading' | 'subtitle' | 'kicker' | 'subhead' | 'caption' | 'byline' | 'dateline'
  /** Heading level for 'heading' (1 = Heading 1); 0 otherwise. */
  level: number
  /** Every character is bold. */
  bold: boolean
  centered: boolean
  /** Largest font size on the line in points; null when left to the style. */
  size: number | null
  /** In a table cell: data, never a heading. */
  inTable?: boolean
}

/** A non-blank line of the imported text. */
export interface SourceLine {
  text: string
  /** 1-based line number. */
  line: number
  /** Blank lines before it. */
  gap: number
  hint?: LineHint
}

type Field = 'guidance' | 'publisher' | 'number' | 'date' | 'postal_code' | 'email'

const ISSUE_NUMBER = /(?<!总)(?:\d{4}\s*年\s*)?第\s*[\d一二三四五六七八九十百零〇]+\s*期/
const TOTAL_NUMBER = /总第\s*\d+\s*期/
const POSTAL = /邮发代号\s*[:：]?\s*([0-9A-Za-z]+(?:\s*[-－—]\s*[0-9A-Za-z]+)*)/
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/
const DATE_ZH = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/
const DATE_NUM = /(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/
/** An organisation: "山西省商务厅". */
const ORG_END =
  /(?:厅|局|委|部|委员会|办公室|办|院|会|政府|中心|协会|集团|公司|大学|学院|所|处|署|馆|社|站|室|组|区|报)$/

/**
 * The organisations named for a role: "指导单位:山西省商务厅", or those standing
 * before the word, "山西省商务厅 山西省科技厅 指导".
 */
function unit(line: string, word: '指导' | '主办'): string | null {
  const labelled = new RegExp(`${word}(?:单位)?\\s*[:：]\\s*(\\S+)`).exec(line)
  if (labelled) return labelled[1] ?? null
  const tokens = line.split(/\s+/)
  const at = tokens.findIndex((t) => t.endsWith(word))
  if (at < 0) return null
  const own = (tokens[at] ?? '').slice(0, -word.length)
  if (own !== '') return ORG_END.test(own) ? own : null
  const names: string[] = []
  for (let i = at - 1; i >= 0 && ORG_END.test(tokens[i] ?? ''); i--) names.unshift(tokens[i] ?? '')
  return names.length > 0 ? names.join(' ') : null
}

function isoDate(line: string): string | null {
  const match = DATE_ZH.exec(line) ?? DATE_NUM.exec(line)
  if (!match) return null
  const [, y = '', m = '', d = ''] = match
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
}

function readFields(line: string): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {}
  const guidance = unit(line, '指导')
  const publisher = unit(line, '主办')
  const number = (ISSUE_NUMBER.exec(line) ?? TOTAL_NUMBER.exec(line))?.[0]
  const postal = POSTAL.exec(line)?.[1]
  const email = EMAIL.exec(line)?.[0]
  const date = isoDate(line)
  if (guidance) found.guidance = guidance
  if (publisher) found.publisher = publisher
  if (number) found.number = number.replace(/\s+/g, '')
  if (postal) found.postal_code = postal.replace(/\s+/g, '')
  if (email) found.email = email
  if (date) found.date = date
  return found
}

/** Masthead furniture that has no field of its own (主管, 刊号, 电话 …). */
const OTHER_META =
  /主管|承办|协办|出版|刊号|CN\s*\d{2}\s*-|ISSN|星期[一二三四五六日天]|农历|(?:电话|热线|传真|网址|地址|邮编)\s*[:：]/i
const EDITION_WORD = '(?:专刊|特刊|周刊|副刊|增刊|专版|号外)'
/** 专刊, 第3版, A2版: an edition even on the first line. */
const BARE_EDITION = new RegExp(`^(?:${EDITION_WORD}|第\\s*[A-Z]?\\d{1,3}\\s*版.*|[A-Z]\\d{1,2}\\s*版.*)$`)
/** 开放创新专刊, 光谷·园区专刊: an edition once the title is known (before it, 三联生活周刊 is a title). */
const NAMED_EDITION = new RegExp(`^[\\u4e00-\\u9fff][\\u4e00-\\u9fff·・]{0,10}${EDITION_WORD}$`)

/**
 * The words of a short masthead line without the typesetter's decoration: ·专刊·, ■专刊■, and
 * letter-spaced 专 刊 (each character its own word) read as 专刊.
 */
function undecorated(text: string): string {
  const bare = text.replace(/^[·・■□◆◇●○★☆\-—\s]+|[·・■□◆◇●○★☆\-—\s]+$/g, '')
  return /^[\u4e00-\u9fff](?:\s+[\u4e00-\u9fff])+$/.test(bare) ? bare.replace(/\s+/g, '') : bare
}
const TITLE_WITH_EDITION = new RegExp(`^(\\S.*?)\\s*[\\s·・|｜]\\s*([\\u4e00-\\u9fff]{0,8}${EDITION_WORD})$`)

function isMetaLine(text: string): boolean {
  const words = undecorated(text)
  return (
    Object.keys(readFields(text)).length > 0 ||
    OTHER_META.test(text) ||
    BARE_EDITION.test(words) ||
    NAMED_EDITION.test(words)
  )
}

/** Could the line still belong to the masthead? Stops at the first sentence, caption or subtitle. */
function mastheadLike(text: string): boolean {
  return charLength(text) <= 80 && !/[。！？■]/.test(text) && subtitleText(text) === null
}

const MAX_MASTHEAD_LINES = 16

function emptyMeta(): IssueMeta {
  return {
    title: null,
    edition: null,
    slogan: [],
    guidance: null,
    publisher: null,
    number: null,
    date: null,
    postal_code: null,
    email: null,
  }
}

function assignLine(meta: IssueMeta, { text, line }: SourceLine, notes: ImportNote[]): void {
  const fields = readFields(text)
  for (const [field, value] of Object.entries(fields) as [Field, string][]) meta[field] ??= value
  if (Object.keys(fields).length > 0) return
  const words = undecorated(text)
  if (BARE_EDITION.test(words) || (meta.title !== null && NAMED_EDITION.test(words))) meta.edition ??= words
  else if (OTHER_META.test(text)) notes.push(makeNote('masthead-line', line))
  else if (meta.title === null) {
    const split = TITLE_WITH_EDITION.exec(text)
    meta.title = split?.[1] ?? undecorated(text)
    if (split?.[2]) meta.edition ??= split[2]
  } else if (charLength(text) <= 24 && !/\d/.test(text)) meta.slogan.push(text)
  else notes.push(makeNote('masthead-line', line))
}

/**
 * Read the masthead: the lines at the top up to the last one that carries
 * issue metadata. `end` is the index of the first line after it.
 */
export function readMasthead(lines: readonly SourceLine[]): { issue: IssueMeta; end: number; notes: ImportNote[] } {
  let end = 0
  for (let i = 0; i < Math.min(lines.length, MAX_MASTHEAD_LINES); i++) {
    const text = lines[i]?.text ?? ''
    if (!mastheadLike(text)) break
    // Page furniture (第1版, 2024年7月12日 星期五) belongs to the masthead only when it adjoins
    // it; after a headline it is the page's, and must not pull that headline into the masthead.
    if (isMetaLine(text) && (i === end || !isPageFurniture(text))) end = i + 1
  }
  const meta = emptyMeta()
  const notes: ImportNote[] = []
  for (const line of lines.slice(0, end)) assignLine(meta, line, notes)
  if (end === 0) notes.push(makeNote('no-masthead', lines[0]?.line ?? 1))
  return { issue: meta, end, notes }
}
