/**
 * The article model the plain-text importer produces, and the functions that
 * rebuild an article from its lines after an editor changes a line's role,
 * joins or splits paragraphs, merges two articles or splits one.
 *
 * An article is kept as its source lines, each with a role; every other field
 * is derived from them by `rebuildArticle`, so the preview can never show a
 * headline that the lines do not hold.
 */
import {
  bylineNames,
  datelineNames,
  endsParagraph,
  LEADING_MARK,
  splitCaption,
  subtitleText,
  type Photo,
} from './patterns'

export type LineRole =
  | 'kicker'
  | 'headline'
  | 'subtitle'
  | 'dateline'
  | 'byline'
  | 'subhead'
  | 'caption'
  | 'paragraph'
  /** Not imported: page furniture (版次, 责任编辑 …) or anything the editor leaves out. */
  | 'omit'

export const LINE_ROLES: readonly LineRole[] = [
  'kicker',
  'headline',
  'subtitle',
  'dateline',
  'byline',
  'subhead',
  'caption',
  'paragraph',
  'omit',
]

export const ROLE_LABELS: Record<LineRole, { zh: string; en: string }> = {
  kicker: { zh: '引题', en: 'Kicker' },
  headline: { zh: '主题', en: 'Headline' },
  subtitle: { zh: '副题', en: 'Subtitle' },
  dateline: { zh: '电头', en: 'Dateline' },
  byline: { zh: '署名', en: 'Byline' },
  subhead: { zh: '小标题', en: 'Subhead' },
  caption: { zh: '图片说明', en: 'Photo caption' },
  paragraph: { zh: '正文', en: 'Paragraph' },
  omit: { zh: '不导入', en: 'Left out' },
}

export interface ArticleLine {
  /** The text of this line (or of the part of it the importer split off), trimmed. */
  text: string
  role: LineRole
  /** 1-based line number in the imported text; 0 for a line made in the preview. */
  line: number
  /**
   * How this line joins the line before it when both have the same role:
   * '' for a paragraph cut at a print-column break, ' ' for the second line of a
   * heading, the dropped separator for text split off the same source line
   * (dateline, trailing byline), null to start a new element.
   */
  join: string | null
}

export type ArticleBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'subhead'; text: string }
  | ({ type: 'photo' } & Photo)

export type NoteCode =
  | 'no-masthead'
  | 'masthead-line'
  | 'kicker'
  | 'two-line-heading'
  | 'weak-split'
  | 'lone-subhead'
  | 'name-subhead'
  | 'byline-kept'
  | 'column-join'
  | 'column-join-unsure'
  | 'unclosed-paragraph'
  | 'caption-no-credit'
  | 'no-headline'
  | 'extra-dateline'
  | 'empty-body'
  | 'page-furniture'
  | 'jump-line'

export interface ImportNote {
  /** 1-based line in the imported text. */
  line: number
  code: NoteCode
  /** 'warn': the importer guessed and may be wrong; 'info': a repair worth a look. */
  level: 'info' | 'warn'
  message_zh: string
  message_en: string
}

const NOTE_TEXT: Record<NoteCode, [ImportNote['level'], string, string]> = {
  'no-masthead': [
    'warn',
    '没有找到报头（刊名、期号等）。导入到新的一期时请填写刊名、期号，导入后也可在“期次信息”中修改。',
    'No masthead found. For a new issue fill in its title and number; they can be changed later in “Issue details”.',
  ],
  'masthead-line': [
    'info',
    '报头中的这一行没有对应的期次字段，未导入。',
    'This masthead line matches no issue field and was left out.',
  ],
  kicker: [
    'info',
    '这一行按引题处理；如果它是两行主题的上一行，请改为“主题”。',
    'Taken as the kicker; if it is the first line of a two-line headline, make it the headline.',
  ],
  'two-line-heading': ['info', '两行合为一个标题。', 'Two lines were joined into one heading.'],
  'weak-split': [
    'warn',
    '从这里起按新稿件处理，但前面没有署名、后面没有电头或副题，请确认。',
    'A new article starts here, but without a byline before or a dateline or subtitle after; please check.',
  ],
  'lone-subhead': [
    'warn',
    '全文只有这一个小标题，它也可能是下一篇稿件的主题。',
    'The only subhead in the article; it may be the headline of another article.',
  ],
  'name-subhead': [
    'warn',
    '这一短行像人名，但后面还有正文，按小标题处理。',
    'This short line looks like a name, but text follows; kept as a subhead.',
  ],
  'byline-kept': [
    'warn',
    '段末像署名，但后面还有正文，保留在段落中。',
    'The paragraph ends like a byline, but text follows; kept in the paragraph.',
  ],
  'column-join': [
    'info',
    '分栏断行：这一段与下一段已接为一段。',
    'Column break: this paragraph was joined with the next one.',
  ],
  'column-join-unsure': [
    'warn',
    '这一行没有结束标点，已与下一段接为一段；如果它是小标题，请改回。',
    'This line has no closing punctuation and was joined with the next paragraph; if it is a subhead, change it back.',
  ],
  'unclosed-paragraph': [
    'warn',
    '段落末尾没有结束标点，也没有可以续接的段落。',
    'The paragraph ends without closing punctuation and nothing continues it.',
  ],
  'caption-no-credit': ['info', '图片说明没有摄影署名。', 'The photo caption has no credit.'],
  'no-headline': ['warn', '这篇稿件没有主题。', 'This article has no headline.'],
  'extra-dateline': ['warn', '这篇稿件有不止一个电头。', 'This article has more than one dateline.'],
  'empty-body': ['warn', '这篇稿件没有正文。', 'This article has no body text.'],
  'jump-line': [
    'info',
    '转版标记（上接/下转第N版）不导入；续文请与前文合并为一篇。',
    'The jump line (continued from / on page N) is left out; merge a continuation with its start.',
  ],
  'page-furniture': [
    'info',
    '版面信息（版次、日期、责任编辑等），不导入；如果它是稿件内容，请改为相应角色。',
    'Page furniture (page number, date, page editors) is left out; if it belongs to the article, give it its role.',
  ],
}

/** Notes about the article as a whole, recomputed on every rebuild. */
const STRUCTURAL: ReadonlySet<NoteCode> = new Set(['no-headline', 'extra-dateline', 'empty-body'])

export function makeNote(code: NoteCode, line: number): ImportNote {
  const [level, message_zh, message_en] = NOTE_TEXT[code]
  return { line, code, level, message_zh, message_en }
}

export interface ParsedArticle {
  kicker: string | null
  headline: string | null
  /** Without its leading dashes. */
  subtitle: string | null
  dateline: string | null
  /** The names, separated by spaces; from the dateline's 记者XXX when there is no byline line. */
  byline: string | null
  subheads: string[]
  photos: Photo[]
  /** Body paragraphs as plain text, without subheads and captions. */
  paragraphs: string[]
  /** The body in reading order. */
  blocks: ArticleBlock[]
  lines: ArticleLine[]
  notes: ImportNote[]
}

interface Element {
  role: LineRole
  text: string
  line: number
}

function elementsOf(lines: readonly ArticleLine[]): Element[] {
  const elements: Element[] = []
  let omitted: number | null = null
  for (const { role, text, line, join } of lines) {
    // Left-out lines are invisible: a paragraph cut around one still joins across it, but the text
    // after a mark left out of the same source line (（上接第1版）园区…) starts afresh — unless the
    // paragraph before it broke off mid-sentence (…确保年内（下转第2版） … （上接第1版）全部开工): then
    // it is the rest of that sentence, joined with nothing between.
    if (role === 'omit') {
      omitted = line
      continue
    }
    const last = elements.at(-1)
    const afterOmitted = omitted === line
    omitted = null
    const joins = join !== null && last?.role === role
    if (joins && !afterOmitted) last.text += join + text
    else if (joins && role === 'paragraph' && !endsParagraph(last.text)) last.text += text
    else elements.push({ role, text, line })
  }
  return elements
}

/** The texts of all elements with this role, joined by spaces (a name given twice counts once). */
function joined(elements: readonly Element[], role: LineRole, clean: (text: string) => string = (t) => t) {
  const texts = new Set(elements.filter((e) => e.role === role).map((e) => clean(e.text)))
  return texts.size > 0 ? [...texts].join(' ') : null
}

/** 文/图 张三: the writer also took the photos, so an uncredited photo is theirs. */
const WORDS_AND_PICTURES = /文\s*[/／·•]\s*图|图\s*[/／·•]\s*文/

function bodyBlocks(elements: readonly Element[]): ArticleBlock[] {
  const blocks: ArticleBlock[] = []
  for (const { role, text } of elements) {
    if (role === 'paragraph') blocks.push({ type: role, text })
    if (role === 'subhead')
      // A typesetter's mark before a subhead is decoration, not words; numbering (一、) stays.
      blocks.push({ type: role, text: text.replace(LEADING_MARK, '') || text })
    if (role !== 'caption') continue
    const photo = splitCaption(text) ?? { caption: text, credit: null }
    const previous = blocks.at(-1)
    // A credit on a line of its own ("■ 王超摄") belongs to the caption above it.
    if (photo.caption === '' && previous?.type === 'photo' && previous.credit === null) previous.credit = photo.credit
    else blocks.push({ type: 'photo', ...photo })
  }
  return blocks
}

function structuralNotes(elements: readonly Element[], blocks: readonly ArticleBlock[]): ImportNote[] {
  const first = elements[0]?.line ?? 0
  const notes: ImportNote[] = []
  if (!elements.some((e) => e.role === 'headline')) notes.push(makeNote('no-headline', first))
  const datelines = elements.filter((e) => e.role === 'dateline')
  if (datelines.length > 1) notes.push(makeNote('extra-dateline', datelines[1]?.line ?? first))
  if (!blocks.some((b) => b.type === 'paragraph')) notes.push(makeNote('empty-body', first))
  return notes
}

/** Derive every field of an article from its lines. */
export function rebuildArticle(lines: readonly ArticleLine[], notes: readonly ImportNote[] = []): ParsedArticle {
  const elements = elementsOf(lines)
  const blocks = bodyBlocks(elements)
  const photographer = elements.find((e) => e.role === 'byline' && WORDS_AND_PICTURES.test(e.text))
  if (photographer) {
    const credit = bylineNames(photographer.text)
    for (const block of blocks) if (block.type === 'photo' && block.credit === null && credit) block.credit = credit
  }
  const dateline = elements.find((e) => e.role === 'dateline')?.text ?? null
  const fromDateline = dateline ? datelineNames(dateline).join(' ') : ''
  return {
    kicker: joined(elements, 'kicker'),
    headline: joined(elements, 'headline'),
    subtitle: joined(elements, 'subtitle', (text) => subtitleText(text) ?? text),
    dateline,
    byline: joined(elements, 'byline', bylineNames) ?? (fromDateline || null),
    subheads: blocks.flatMap((b) => (b.type === 'subhead' ? [b.text] : [])),
    photos: blocks.flatMap((b) => (b.type === 'photo' ? [{ caption: b.caption, credit: b.credit }] : [])),
    paragraphs: blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])),
    blocks,
    lines: lines.map((l) => ({ ...l })),
    notes: [...notes.filter((n) => !STRUCTURAL.has(n.code)), ...structuralNotes(elements, blocks)],
  }
}

const HEADING_ROLES: ReadonlySet<LineRole> = new Set(['kicker', 'headline', 'subtitle', 'subhead', 'byline'])

/** Give one line another role; the editor's choice silences the importer's notes on that line. */
export function setLineRole(article: ParsedArticle, index: number, role: LineRole): ParsedArticle {
  const target = article.lines[index]
  if (!target) return article
  const lines = article.lines.map((l, i) => (i === index ? { ...l, role } : l))
  return rebuildArticle(
    lines,
    article.notes.filter((n) => n.line !== target.line),
  )
}

/** Join a line to the one before it (same role) or start a new element with it. */
export function setLineJoin(article: ParsedArticle, index: number, join: boolean): ParsedArticle {
  const target = article.lines[index]
  if (!target) return article
  const glue = join ? (HEADING_ROLES.has(target.role) ? ' ' : '') : null
  const lines = article.lines.map((l, i) => (i === index ? { ...l, join: glue } : l))
  return rebuildArticle(
    lines,
    article.notes.filter((n) => n.line !== target.line),
  )
}

function notesFor(notes: readonly ImportNote[], lines: readonly ArticleLine[]): ImportNote[] {
  const numbers = new Set(lines.map((l) => l.line))
  return notes.filter((n) => numbers.has(n.line))
}

/** Without a headline, the subhead an article starts with (one or two lines) becomes it. */
function promoteLeadingSubhead(lines: ArticleLine[]): void {
  if (lines.some((l) => l.role === 'headline')) return
  for (const [i, line] of lines.entries()) {
    if (line.role !== 'subhead' || (i > 0 && line.join === null)) return
    line.role = 'headline'
  }
}

/**
 * Split an article before line `index` (1 … lines.length - 1). When the second
 * part has no headline, a subhead at its start becomes its headline.
 */
export function splitArticle(article: ParsedArticle, index: number): [ParsedArticle, ParsedArticle] {
  if (index < 1 || index >= article.lines.length) throw new RangeError(`cannot split an article before line ${index}`)
  const head = article.lines.slice(0, index)
  const tail = article.lines.slice(index).map((l, i) => ({ ...l, join: i === 0 ? null : l.join }))
  promoteLeadingSubhead(tail)
  return [rebuildArticle(head, notesFor(article.notes, head)), rebuildArticle(tail, notesFor(article.notes, tail))]
}

const TITLE_ROLES: ReadonlySet<LineRole> = new Set(['kicker', 'headline', 'subtitle'])

/**
 * Append `second` to `first`: the second article's title lines become subheads
 * and its dateline goes back into its first paragraph.
 */
export function mergeArticles(first: ParsedArticle, second: ParsedArticle): ParsedArticle {
  const appended = second.lines.map((l): ArticleLine => {
    if (TITLE_ROLES.has(l.role)) return { ...l, role: 'subhead' }
    if (l.role === 'dateline') return { ...l, role: 'paragraph' }
    return { ...l }
  })
  return rebuildArticle([...first.lines, ...appended], [...first.notes, ...second.notes])
}
