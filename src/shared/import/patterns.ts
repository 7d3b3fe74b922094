/**
 * Recognisers for the parts of a Chinese newspaper article as they appear in
 * text extracted from a printed page. Each function looks at one line of text
 * and knows nothing about its neighbours; the importer (plaintext.ts) weighs
 * the context.
 */

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff'
/** A personal name: 2–4 Han characters, or a transliterated name with ·. */
const NAME = `(?:[${HAN}]{2,4}|[${HAN}]{1,6}·[${HAN}·]{1,12})`
const NAME_RE = new RegExp(`^${NAME}$`)
/**
 * Staff words that stand before names in bylines, datelines and credits:
 * 记者 and 文/图 may run into the name (记者王波); other words need a separator
 * or a space (摄影：王超, 文/张三), so that 作者风采 is not a byline.
 */
const ROLE_RE = new RegExp(
  `^(?:[${HAN}]{0,8}?(?:记者|通讯员)|实习生|文\\s*[/／·•]\\s*图|图\\s*[/／·•]\\s*文)\\s*[/／:：]?` +
    `|^(?:特约撰稿人?|撰稿|撰文|作者|整理|报道|摄影|文|图)\\s*(?:[/／:：]|$)`,
)

export function charLength(text: string): number {
  return [...text.replace(/\s/g, '')].length
}

// ── closing punctuation ──────────────────────────────────────────────────────

const SENTENCE_END = /[。．！？!?…]$|(?<!\d)\.$/
const CLOSERS = /[”’"'」』）)】〕]+$/

/** Does the line end a sentence (。！？… possibly followed by a closing quote or bracket)? */
function endsSentence(text: string): boolean {
  const trimmed = text.trimEnd()
  if (/[（(]完[）)]$/.test(trimmed)) return true
  return SENTENCE_END.test(trimmed.replace(CLOSERS, ''))
}

/**
 * Can a paragraph legitimately end here? A sentence end, or a colon / semicolon
 * that introduces or closes a list item. A line without this was most likely cut
 * where a print column ended.
 */
export function endsParagraph(text: string): boolean {
  const trimmed = text.trimEnd()
  // …挂牌运营。（张磊）: a news brief signed in brackets after its last sentence.
  const signed = /^(.*[。！？!?…”’」』])\s*[（(][^（()）]{1,24}[)）]$/.exec(trimmed)?.[1]
  return endsSentence(trimmed) || /[:：;；]$/.test(trimmed) || (signed !== undefined && endsSentence(signed))
}

const PAIRS: [string, string][] = [
  ['“', '”'],
  ['‘', '’'],
  ['（', '）'],
  ['(', ')'],
  ['《', '》'],
  ['「', '」'],
  ['『', '』'],
]

/** An opening quote or bracket that is not closed on the line (half-width " counts when odd). */
function hasOpenPair(text: string): boolean {
  if (text.split('"').length % 2 === 0) return true
  return PAIRS.some(([open, close]) => text.split(open).length > text.split(close).length)
}

/**
 * Strong evidence that `next` continues `prev` mid-sentence: it starts with
 * punctuation that cannot start a paragraph, or a number / Latin word / quote
 * was cut in two.
 */
export function continuesText(prev: string, next: string): boolean {
  if (/^[，,、。．；;：:！？!?）)」』”’%‰…]/.test(next)) return true
  if (/[\d.．]$/.test(prev) && /^[\d.．%]/.test(next)) return true
  if (/[A-Za-z]$/.test(prev) && /^[A-Za-z]/.test(next)) return true
  return hasOpenPair(prev)
}

// ── headings ─────────────────────────────────────────────────────────────────

const MAX_HEADING = 40

/**
 * Could this line be a kicker, headline or subhead? Short, no sentence inside,
 * no open quote, at most a few balanced clauses around commas (稳增长，促发展).
 */
export function isHeadingLike(text: string): boolean {
  const length = charLength(text)
  if (length === 0 || length > MAX_HEADING) return false
  if (/[。；;]/.test(text) || /[，,、]$/.test(text) || hasOpenPair(text)) return false
  if (/[！？!?]$/.test(text) && length > 24) return false
  if (/(?:…|\.\.\.)$/.test(text)) return false
  const clauses = text.split(/[，,]/).map(charLength)
  if (clauses.length === 1) return true
  const shortest = Math.min(...clauses)
  return clauses.length <= 3 && length <= 24 && shortest >= 3 && Math.max(...clauses) <= 2 * shortest
}

/** A subtitle line starts with a dash: ——全省开发区… */
export function subtitleText(text: string): string | null {
  const match = /^(?:[—―─－]{1,2}|-{2})\s*(\S.*)$/.exec(text)
  return match && charLength(text) <= 60 ? (match[1] ?? null) : null
}

// ── names, bylines and credits ───────────────────────────────────────────────

export interface Credits {
  names: string[]
  /** A staff word was present (记者, 通讯员, 文/图 …). */
  hasRole: boolean
}

function stripWrapping(text: string): string {
  return text
    .trim()
    .replace(/^[■□●◆◇◎○★☆•·▲△]\s*/, '')
    .replace(/^[(（](.*)[)）]$/, '$1')
    .trim()
}

/**
 * Read a byline or credit: names, each optionally preceded by a staff word,
 * separated by spaces or 、 ("本报记者 张三 通讯员 李四", "文/图 王超", "袁兆辉").
 */
export function readCredits(text: string): Credits | null {
  const inner = stripWrapping(text)
  if (inner === '' || charLength(inner) > 30) return null
  const names: string[] = []
  let hasRole = false
  for (const token of inner.split(/[\s、,，]+/)) {
    const role = ROLE_RE.exec(token)
    const rest = role ? token.slice(role[0].length) : token
    if (role) hasRole = true
    if (rest === '') continue
    if (!NAME_RE.test(rest)) return null
    names.push(rest)
  }
  return names.length > 0 && names.length <= 6 ? { names, hasRole } : null
}

/**
 * A line made only of names, as a byline stands under an article: one name of
 * up to four characters, or a few names of up to three (so that a four-plus-four
 * subhead such as 开局良好 势头强劲 is not taken for two people).
 */
/** A typesetter's mark before a heading or an item: ■ 从“卖原料”到“卖材料”, ■ 近日…. */
export const LEADING_MARK = /^[■□●◆◇◎○★☆▲△▶►]\s*/

/** Column headings under which several briefs follow (园区快讯, 简讯). */
const BRIEFS_WORDS = '园区快讯|快讯|简讯|短讯|速读|动态|园区动态|新闻速递|信息速递'
/** Labels set above one article (评论, 政策问答 …). */
const LABEL_WORDS =
  '评论|短评|时评|述评|社论|快评|编者按|编后|政策问答|政策解读|专家解读|答记者问|访谈|专访|特写|通讯|综述|' +
  '观察|深度|调查|图片新闻|图说|一线|一线传真|声音|链接|相关链接|背景链接|新闻链接|要闻|聚焦|关注'

/**
 * Labels a page sets above an article or a column (评论, 政策问答, 园区快讯 …): short like a name,
 * but a kicker or a column heading, never a person.
 */
/**
 * Label words a page prefixes with its own name (园区观察, 经济时评, 要闻速览, 县城简讯): with one to
 * four characters before them still a label, never a person's name nor a subhead.
 */
const PREFIXED_BRIEFS = '快讯|简讯|短讯|速览|速递|速读|动态|一览|扫描|集锦'
const PREFIXED_LABELS = '观察|时评|短评|快评|评论|点评|视点|传真'
const PREFIX = `[${HAN}]{1,4}`

export const COLUMN_LABEL = new RegExp(
  `^[■□●◆]?\\s*(?:${LABEL_WORDS}|${BRIEFS_WORDS}|${PREFIX}(?:${PREFIXED_BRIEFS}|${PREFIXED_LABELS}))$`,
)

/** A column heading under which several briefs follow. */
export const BRIEFS_LABEL = new RegExp(`^[■□●◆]?\\s*(?:${BRIEFS_WORDS}|${PREFIX}(?:${PREFIXED_BRIEFS}))$`)

/**
 * A numbered subhead: 一、 （一） 1. 第一, … A report's numbered parts are subheads of the one
 * article, however long, unless a byline or dateline under one says it opens an article.
 */
export const NUMBERED_HEADING = new RegExp(
  `^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\\d]{1,3}[）)]|\\d{1,2}[、．.](?!\\d)|第[一二三四五六七八九十]{1,3}[，,、:：])\\s*[${HAN}“"《]`,
)

/** A brief signed after its last sentence: …挂牌运营。（张磊）, …成功。（记者 黄鑫） */
export const SIGNED_BRIEF = /[。！？!?…”’」』]\s*[（(][^（()）]{1,24}[)）]$/

/** The signature of an editorial: 本报评论员, 本刊特约评论员. */
export const EDITORIAL_BYLINE = /^(?:本报|本刊|本网)?(?:特约)?评论员$/

/** An interview's question or answer (问：…, 记者：…): text, however short. */
export const INTERVIEW_TURN = /^(?:问|答|记者|主持人|嘉宾|Q|A)\s*[:：]/

export function isNamesOnly(text: string): boolean {
  if (COLUMN_LABEL.test(text) || EDITORIAL_BYLINE.test(text)) return false
  const credits = readCredits(text)
  if (!credits || credits.hasRole || /[(（■]/.test(text)) return false
  return credits.names.length === 1 || credits.names.every((name) => charLength(name) <= 3)
}

/** The byline as stored: the names, separated by spaces. */
export function bylineNames(text: string): string {
  const credits = readCredits(text)
  return credits ? credits.names.join(' ') : stripWrapping(text)
}

/**
 * A byline trailing the last paragraph after spaces ("…卢世雄说。 袁兆辉"), or in
 * brackets after the last sentence ("…发展。（记者 张三）").
 */
export function splitTrailingByline(text: string): { body: string; sep: string; byline: string } | null {
  const match = /^(.*[。！？!?…”’」』）)])(\s+|(?=[（(]))(\S.{0,29})$/.exec(text)
  if (!match) return null
  const [, body = '', sep = '', tail = ''] = match
  const credits = readCredits(tail)
  if (!credits) return null
  const bracketed = /^[（(].*[）)]$/.test(tail)
  return credits.hasRole || bracketed || isNamesOnly(tail) ? { body, sep, byline: tail } : null
}

// ── photo captions ───────────────────────────────────────────────────────────

export interface Photo {
  caption: string
  credit: string | null
}

const PHOTO_LEAD = /^(?:图\s*[/／·•]\s*文|图\s*[/／:：]|摄影\s*[/／:：]?|摄\s*[/／:：])\s*/
const TEXT_AND_PHOTO_LEAD = /^文\s*[/／·•]\s*图\s*/
const CREDIT_TAIL = /\s*摄(?:影)?$/

function stripCreditWords(raw: string): string {
  return raw.trim().replace(CREDIT_TAIL, '').replace(PHOTO_LEAD, '').replace(TEXT_AND_PHOTO_LEAD, '').trim()
}

/** "王超摄" → "王超"; "本报记者 王超 摄" → "王超"; "新华社发" stays as it is. */
function cleanCredit(raw: string): string | null {
  // （图片由曲靖经开区提供） → 曲靖经开区
  const bare = stripCreditWords(raw).replace(/^(?:图片|照片)?由\s*(.+?)\s*提供$/, '$1')
  if (bare === '') return null
  const credits = readCredits(bare)
  return credits ? credits.names.join(' ') : bare
}

/**
 * Does the text say it is a photo credit (王超摄, 图/王超, 摄影 王超)? "文/图 王超"
 * counts only after a caption: on a line of its own it is the article's byline.
 */
function isCreditText(raw: string, afterCaption: boolean): boolean {
  const marked = CREDIT_TAIL.test(raw) || PHOTO_LEAD.test(raw) || (afterCaption && TEXT_AND_PHOTO_LEAD.test(raw))
  return marked && readCredits(stripCreditWords(raw)) !== null
}

const MAX_CAPTION = 300
const CAPTION_LEAD = /^(?:图为|上图|下图|左图|右图|图\s*[①-⑳\d一二三四五六七八九十]?\s*[：:]|[▲△▼▽↑↓←→])/

function creditAfterSquare(text: string): Photo | null {
  const at = text.lastIndexOf('■')
  if (at < 0) return null
  const caption = text.slice(0, at).trim()
  const raw = text.slice(at + 1).trim()
  if (raw === '') return null // a closing mark (终止符), not a credit
  if (caption === '' && !isCreditText(raw, true)) return null // a bullet before a heading or byline
  return { caption, credit: cleanCredit(raw) }
}

function creditInBrackets(text: string): Photo | null {
  const match = /^(.*?)\s*[（(]\s*([^（()）]{1,30}?(?:摄影?|供图|提供|社发))\s*[）)]$/.exec(text)
  if (!match) return null
  return { caption: (match[1] ?? '').trim(), credit: cleanCredit(match[2] ?? '') }
}

/** An agency's credit: 新华社发, 中新社发. */
const AGENCY_CREDIT = /^(新华社|中新社|视觉中国|人民视觉|东方IC)(?:发|供图|稿)$/

/** "…作业。 王超 摄", "…作业。 文/图 王超", "…驶入车站。 新华社发", or a credit alone ("王超 摄"). */
function creditAfterSpace(text: string): Photo | null {
  if (isCreditText(text, false)) return { caption: '', credit: cleanCredit(text) }
  for (const space of text.matchAll(/\s+/g)) {
    const tail = text.slice(space.index + space[0].length)
    if (charLength(tail) > 30) continue
    if (isCreditText(tail, true)) return { caption: text.slice(0, space.index), credit: cleanCredit(tail) }
    const agency = AGENCY_CREDIT.exec(tail)
    if (agency) return { caption: text.slice(0, space.index), credit: agency[1] ?? null }
  }
  return null
}

/**
 * A photo caption with its credit: "在…作业。 ■ 王超摄", "…（新华社记者 王超 摄）",
 * "…作业。 王超 摄", "图为…" (no credit). A line holding only a credit ("■ 王超摄")
 * gives an empty caption.
 */
export function splitCaption(text: string): Photo | null {
  if (charLength(text) > MAX_CAPTION) return null
  const agency = AGENCY_CREDIT.exec(text)
  if (agency) return { caption: '', credit: agency[1] ?? null }
  const photo = creditAfterSquare(text) ?? creditInBrackets(text) ?? creditAfterSpace(text)
  if (photo) return photo
  return CAPTION_LEAD.test(text) ? { caption: text, credit: null } : null
}

// ── datelines ────────────────────────────────────────────────────────────────

const NUM = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})'
const DATE = `${NUM}月${NUM}日`
const PUB = `(?:据)?(?:本报|本刊|[${HAN}A-Za-z]{1,12}?(?:日报|晚报|早报|时报|导报|商报|报|通讯社|社|网|台|刊|新闻|客户端))`
/** 记者王波; not 记者从… / 记者近日… (a sentence about the reporter). */
const STAFF = `(?:[${HAN}]{0,4}?(?:记者|通讯员)|实习生)(?:\\s+|(?![从在近今昨日获了们对向于]))${NAME}(?:、${NAME})*(?=[\\s(（)）,，:：]|\\d|$)`
const STAFFS = `${STAFF}(?:\\s+${STAFF})*`
/** 新华社北京3月5日电, 新华社北京电 (then a separator), 本报讯. */
const WIRE = `${PUB}(?:[${HAN}]{0,8}?${DATE}[讯电]|[${HAN}]{1,8}?[讯电](?=[\\s(（,，:：]|$)|讯)`
const BRACKET = `[(（][^()（）]{1,40}[)）]`

/** 本报讯 / 新华社北京3月5日电（记者张三） / 本报太原7月2日讯 记者王波, then any separator. */
/** 本报讯 记者 黄晓文 实习生 梁子健 报道：the staff's names may close with 报道. */
const REPORTED = `(?:\\s*报道)?`
const DATELINE_WIRE = new RegExp(
  `^(${WIRE}(?:\\s*${BRACKET})?(?:\\s*${STAFFS}${REPORTED})?(?:\\s*${DATE})?)([\\s,，:：]*)`,
)
/** 科学导报 记者王波 7月2日, then a separator. ("本报记者 赵琳" is a byline: 本报记者 is one word.) */
const PAPER_THEN_STAFF = `(?:${PUB}\\s+|(?!据?本[报刊])${PUB})${STAFFS}${REPORTED}`
const DATELINE_STAFF = new RegExp(`^(${PAPER_THEN_STAFF}(?:\\s*${DATE})?)([\\s,，:：]+|$)`)
/** 科学导报 followed by a space and the text: the paper's name alone. */
const DATELINE_PAPER = new RegExp(`^(${PUB}(?:\\s*${DATE})?)(\\s+|[,，:：]\\s*)(?=\\S)`)

export interface Dateline {
  dateline: string
  /** What stood between the dateline and the text (", " or " "); dropped from both. */
  sep: string
  rest: string
}

/** The dateline (电头) at the start of a first paragraph, if there is one. */
export function splitDateline(text: string): Dateline | null {
  for (const pattern of [DATELINE_WIRE, DATELINE_STAFF, DATELINE_PAPER]) {
    const match = pattern.exec(text)
    if (!match) continue
    const [whole, dateline = '', sep = ''] = match
    return { dateline, sep, rest: text.slice(whole.length) }
  }
  return null
}

/** The reporters named in a dateline ("科学导报 记者王波 7月2日" → ["王波"]). */
export function datelineNames(dateline: string): string[] {
  const bracket = /[(（]([^()（）]+)[)）]/.exec(dateline)
  const inBracket = bracket ? readCredits(bracket[1] ?? '') : null
  if (inBracket) return inBracket.names
  const names: string[] = []
  const staff = new RegExp(`(?:记者|通讯员|实习生)\\s*(${NAME}(?:、${NAME})*)`, 'g')
  for (const match of dateline.matchAll(staff)) names.push(...(match[1] ?? '').split('、'))
  return names
}

// ── page furniture ───────────────────────────────────────────────────────────

/** 版次 (第2版, A3版), optionally followed by the page's name (第2版 园区动态). */
const PAGE_NUMBER = new RegExp(
  `(?:第\\s*[0-9０-９一二三四五六七八九十]{1,3}\\s*版|(?<![0-9A-Za-z])[A-Z]?\\d{1,2}\\s*版)(?:\\s+[${HAN}]{2,8})?(?![${HAN}])`,
)
/** Staff of the page: 责任编辑:周敏, 美编：吴佳, 校对 孙婷. */
const PAGE_STAFF = new RegExp(
  `(?:责任编辑|责编|值班编辑|值班主任|编辑|美编|美术编辑|图片编辑|版式设计|版式|设计|组版|排版|照排|校对|审校|审读|主编)` +
    `(?:\\s*[:：]\\s*|\\s+)${NAME}(?:\\s*[、,，]\\s*${NAME})*`,
  'g',
)
const WEEKDAY = /(?:星期|周)[一二三四五六日天]|农历\S{2,10}/g
/** 转版: （下转第2版）, (上接第1版), （紧接A1版）. */
const JUMP_SOURCE = `[（(]\\s*(?:下转|上接|紧接|转|接)\\s*(?:第\\s*)?[0-9０-９一二三四五六七八九十A-Z]{1,3}\\s*版\\s*[）)]`
const JUMP_AT_START = new RegExp(`^(${JUMP_SOURCE})(\\s*)(?=\\S)`)
const JUMP_AT_END = new RegExp(`(?<=\\S)(\\s*)(${JUMP_SOURCE})$`)

/**
 * A jump line (转版) at the start or the end of a paragraph's line: "（上接第1版）园区…" or
 * "…发展。（下转第2版）". It belongs to the page, not to the text.
 */
export function splitJump(text: string): { jump: string; sep: string; text: string; at: 'start' | 'end' } | null {
  const start = JUMP_AT_START.exec(text)
  if (start) return { jump: start[1] ?? '', sep: start[2] ?? '', text: text.slice(start[0].length), at: 'start' }
  const end = JUMP_AT_END.exec(text)
  if (end) return { jump: end[2] ?? '', sep: end[1] ?? '', text: text.slice(0, end.index), at: 'end' }
  return null
}
const DATE_ANY = /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/g

/**
 * A line that a printed page repeats around the text rather than part of any article: 版次,
 * the page's date with its weekday, 责任编辑 / 美编 / 校对, or a running head made of the
 * publication's own masthead words (刊名, edition, 期号) with a page number or date.
 */
/** 本版图片除署名外均由…提供: a note about the page's pictures. */
const PAGE_NOTE = /^(?:本版)?(?:图片|照片|图)(?:除署名外)?(?:均)?由.{2,30}提供[。.]?$|^本版(?:图片|照片)/

/** What a running head sets between its parts: spaces, dots, bars and box-drawing rules (6 │ 开发区导报 │ …). */
const RULES = /[\s·・|｜│┃丨/／\-—_]+/g

export function isPageFurniture(text: string, masthead: readonly string[] = []): boolean {
  if (PAGE_NOTE.test(text)) return true
  if (charLength(text) > 60 || /[。！？■]/.test(text)) return false
  let rest = text
  let cues = 0
  const take = (pattern: RegExp | string): void => {
    const before = rest
    rest = typeof pattern === 'string' ? rest.split(pattern).join(' ') : rest.replace(pattern, ' ')
    if (rest !== before) cues++
  }
  take(new RegExp(JUMP_SOURCE, 'g'))
  take(new RegExp(PAGE_STAFF.source, 'g'))
  take(new RegExp(PAGE_NUMBER.source, 'g'))
  const staffOrPage = cues > 0
  take(WEEKDAY)
  const withWeekday = cues > (staffOrPage ? 1 : 0)
  const datesBefore = rest
  take(DATE_ANY)
  const dated = rest !== datesBefore
  const wordsBefore = rest
  for (const word of masthead) if (word.trim().length >= 2) take(word.trim())
  const runningHead = rest !== wordsBefore
  // A date alone may be a dateline or a heading: furniture only beside a weekday, 版次, staff or masthead words.
  if (dated && !withWeekday && !staffOrPage && !runningHead) return false
  if (cues === 0) return false
  // A running head: `4 园区周刊 2024年3月8日 星期五`, `2 仁和报 2024年4月12日 星期五 综合新闻` — the bare page
  // number, and beside the dated weekday the page's name (a few characters at either end), are furniture too.
  if ((dated && withWeekday) || runningHead) {
    const numberless = rest.replace(/(?:^|\s)[A-Z]?\d{1,3}(?=\s|$)/g, ' ')
    const numbered = numberless !== rest
    rest = numberless
    if (dated && withWeekday && (numbered || runningHead)) {
      const words = rest.trim().split(/\s+/)
      const name = new RegExp(`^[${HAN}·・]{2,6}$`)
      if (words.length > 0 && name.test(words.at(-1) ?? '')) words.pop()
      else if (words.length > 0 && name.test(words[0] ?? '')) words.shift()
      rest = words.join(' ')
    }
  }
  return rest.replace(RULES, '') === ''
}
