/**
 * Import of plain text extracted from a printed Chinese newspaper issue.
 *
 * The text comes one paragraph per line, blocks separated by blank lines, with
 * the masthead at the top and articles one after another. The importer:
 *   1. reads the masthead (masthead.ts);
 *   2. gives every line a kind from its own text (patterns.ts): heading-like,
 *      subtitle, caption, dateline, byline, name, or text;
 *   3. walks the lines, deciding from the context where an article starts
 *      (after a byline; a heading group followed by a subtitle or a dateline;
 *      weaker cues noted as such) and what each line is within it;
 *   4. joins paragraphs cut at a print-column break;
 *   5. derives the article fields from the lines (article.ts).
 * Every guess it is unsure of becomes a note the import preview shows.
 *
 * Pure TypeScript: runs in the renderer as well as in Node.
 */
import {
  makeNote,
  rebuildArticle,
  type ArticleLine,
  type ImportNote,
  type LineRole,
  type ParsedArticle,
} from './article'
import { readMasthead, type IssueMeta, type LineHint, type SourceLine } from './masthead'
import {
  BRIEFS_LABEL,
  charLength,
  COLUMN_LABEL,
  continuesText,
  EDITORIAL_BYLINE,
  INTERVIEW_TURN,
  NUMBERED_HEADING,
  SIGNED_BRIEF,
  endsParagraph,
  isHeadingLike,
  isNamesOnly,
  isPageFurniture,
  LEADING_MARK,
  splitJump,
  readCredits,
  splitCaption,
  splitDateline,
  splitTrailingByline,
  subtitleText,
} from './patterns'

export * from './article'
export type { IssueMeta, LineHint, SourceLine } from './masthead'
export type { Photo } from './patterns'

export interface ParsedIssue {
  issue: IssueMeta
  articles: ParsedArticle[]
  /** Notes on the masthead; each article carries its own notes. */
  notes: ImportNote[]
}

/** Strip a byte-order mark and make every line end with \n; nothing else changes. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

function sourceLines(text: string): SourceLine[] {
  const lines: SourceLine[] = []
  let gap = 0
  normaliseText(text)
    .split('\n')
    .forEach((raw, index) => {
      const trimmed = raw.trim()
      if (trimmed === '') gap++
      else {
        lines.push({ text: trimmed, line: index + 1, gap })
        gap = 0
      }
    })
  return lines
}

// ── line kinds ───────────────────────────────────────────────────────────────

type Kind = 'subtitle' | 'caption' | 'dateline' | 'byline' | 'name' | 'heading' | 'text'

interface Item extends SourceLine {
  kind: Kind
  /** In the same block as the line before (no blank line between). */
  joined: boolean
}

/**
 * A Word paragraph's style decides first (a Caption, 署名 or Heading paragraph is what its style
 * says); a short body line set all in bold without a sentence end is a heading like a short plain
 * one; a table cell is never a heading. Otherwise the text decides.
 */
function kindOfHinted(text: string, hint: LineHint | undefined): Kind {
  const kind = kindOf(text)
  if (!hint) return kind
  switch (hint.style) {
    case 'caption':
    case 'byline':
    case 'dateline':
    case 'subtitle':
      return hint.style
    case 'title':
    case 'heading':
    case 'kicker':
    case 'subhead':
      return 'heading'
    default:
  }
  if (hint.inTable) return kind === 'heading' || kind === 'name' ? 'text' : kind
  if (kind === 'text' && hint.bold && charLength(text) <= 40 && !endsParagraph(text) && !/[。；;]/.test(text)) {
    return 'heading'
  }
  return kind
}

function kindOf(text: string): Kind {
  if (EDITORIAL_BYLINE.test(text)) return 'byline'
  if (COLUMN_LABEL.test(text)) return 'heading'
  // 问：…？ and a quoted sentence set as its own paragraph are text, not headings.
  if (INTERVIEW_TURN.test(text) || /^“[^“”]*[。！？!?…]”$/.test(text)) return 'text'
  if (subtitleText(text) !== null) return 'subtitle'
  if (splitCaption(text)) return 'caption'
  const dateline = splitDateline(text)
  if (dateline?.rest === '') return 'dateline'
  // 本报讯 今年以来,园区累计签约项目: a paragraph opening with its dateline, however short.
  if (dateline) return 'text'
  if (isNamesOnly(text)) return 'name'
  // ■ 江南: an author's name set under a commentary's headline behind a typesetter's mark.
  if (LEADING_MARK.test(text) && isNamesOnly(text.replace(LEADING_MARK, ''))) return 'name'
  const credits = readCredits(text)
  if (credits && (credits.hasRole || /^[(（].*[)）]$/.test(text))) return 'byline'
  if (/^[，,、。；;：:！？!?）)」』”’%]/.test(text)) return 'text'
  return isHeadingLike(text) ? 'heading' : 'text'
}

const HEADING_KINDS: ReadonlySet<Kind> = new Set(['heading', 'name', 'subtitle'])
/** 编者按：…, 【编者按】…, [编者按]…: an editor's note. */
const EDITORS_NOTE = /^(?:[【［[]\s*编者按语?\s*[】］\]]|编者按语?\s*[:：])/
const isEditorsNote = (line: ArticleLine): boolean => line.role === 'paragraph' && EDITORS_NOTE.test(line.text)
/** Length from which a lone heading line in the body is taken for the next article's headline. */
const LONG_HEADING = 15
/** After a byline, these mean the article is over. */
const ARTICLE_END_KINDS: ReadonlySet<Kind> = new Set(['heading', 'subtitle', 'caption', 'name', 'byline', 'dateline'])

/** The most common number of blank lines between blocks, and whether blank lines separate paragraphs at all. */
function layoutOf(lines: readonly SourceLine[]): { blocks: boolean; typicalGap: number } {
  const gaps = lines.slice(1).map((l) => l.gap)
  const counts = new Map<number, number>()
  for (const gap of gaps) counts.set(gap, (counts.get(gap) ?? 0) + 1)
  const typicalGap = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 1
  const separated = gaps.filter((g) => g > 0).length
  return { blocks: gaps.length > 0 && separated / gaps.length >= 0.6, typicalGap }
}

// ── article splitting ────────────────────────────────────────────────────────

/** An article being read: its lines so far, with a count of each role. */
class Draft {
  readonly lines: ArticleLine[] = []
  private readonly counts = new Map<LineRole, number>()
  /**
   * Headlines that name a column of briefs, counted as lines come and go: asked for every
   * paragraph, a scan of the lines made one long article quadratic (8 MB of text took seconds).
   */
  private briefsHeadlines = 0

  constructor(readonly notes: ImportNote[]) {}

  push(line: ArticleLine): void {
    this.lines.push(line)
    this.count(line, 1)
  }

  retag(line: ArticleLine, role: LineRole): void {
    this.count(line, -1)
    line.role = role
    this.count(line, 1)
  }

  has(role: LineRole): boolean {
    return (this.counts.get(role) ?? 0) > 0
  }

  /** Headed 园区快讯, 简讯 …: a column of briefs rather than one report. */
  isBriefs(): boolean {
    return this.briefsHeadlines > 0
  }

  private count(line: ArticleLine, delta: number): void {
    this.counts.set(line.role, (this.counts.get(line.role) ?? 0) + delta)
    if (line.role === 'headline' && BRIEFS_LABEL.test(line.text)) this.briefsHeadlines += delta
  }
}

/** A run of heading lines; each element is one heading (one or two lines). */
interface Run {
  elements: Item[][]
  end: number
  /** A heading-like line in the same block after a complete heading: the start of the body. */
  forced: Item | null
}

function lineOf(item: Item, role: LineRole, text = item.text, join: string | null = null): ArticleLine {
  return { text, role, line: item.line, join }
}

class ArticleReader {
  private readonly items: Item[]
  private readonly typicalGap: number
  /** Notes for the article about to start. */
  private carry: ImportNote[] = []
  /** The line from which progress is next reported. */
  private nextReport = PROGRESS_EVERY

  /**
   * Lines of the 转版 marks taken out as page furniture: （下转第N版） (the article broke off there,
   * so a heading after it opens another) and （上接第1版） (a heading right above it is the repeated
   * headline of a continuation, which opens it).
   */
  constructor(
    lines: readonly SourceLine[],
    private readonly jumpsAway: ReadonlySet<number> = new Set(),
    private readonly jumpsFrom: ReadonlySet<number> = new Set(),
    /** Told the share of the lines read so far, now and then. */
    private readonly progress: (fraction: number) => void = () => {},
  ) {
    const layout = layoutOf(lines)
    this.typicalGap = layout.typicalGap
    this.items = lines.map((l, i) => ({
      ...l,
      kind: kindOfHinted(l.text, l.hint),
      joined: layout.blocks && i > 0 && l.gap === 0,
    }))
  }

  /** Was one of `marks` (source line numbers) taken out between item k - 1 and item k? */
  private markBefore(marks: ReadonlySet<number>, k: number): boolean {
    const after = this.items[k - 1]?.line ?? 0
    const before = this.items[k]?.line ?? Infinity
    return [...marks].some((line) => line > after && line < before)
  }

  /** Does the heading at `at` stand right after a （下转） or right above a （上接）? */
  private atJump(at: number): boolean {
    const previousJump = splitJump(this.items[at - 1]?.text ?? '')?.jump ?? ''
    if (this.markBefore(this.jumpsAway, at) || JUMP_TO.test(previousJump)) return true
    return this.markBefore(this.jumpsFrom, at + 1) || JUMP_FROM.test(this.items[at + 1]?.text ?? '')
  }

  read(): Draft[] {
    const drafts: Draft[] = []
    let at = 0
    while (at < this.items.length) {
      const draft = new Draft(this.carry)
      this.carry = []
      at = this.readBody(this.readTitle(at, draft), draft)
      drafts.push(draft)
    }
    return drafts
  }

  private kind(at: number): Kind | null {
    return this.items[at]?.kind ?? null
  }

  /** Does the article end before `at`? (Used after a byline.) */
  private endsBefore(at: number): boolean {
    const kind = this.kind(at)
    return kind === null || ARTICLE_END_KINDS.has(kind)
  }

  /** Two heading lines in one block are one heading; so are "让世界了解山西:" and the line after it. */
  private continuesHeading(first: Item, next: Item | undefined): next is Item {
    if (!next || next.kind === 'subtitle' || !HEADING_KINDS.has(next.kind)) return false
    return next.joined || (first.kind !== 'subtitle' && /[:：]$/.test(first.text))
  }

  /**
   * Read consecutive heading lines, grouped into headings of one or two lines.
   * In the body a heading has at most two lines: a further line in the same
   * block starts the paragraph.
   */
  private run(at: number, inTitle: boolean): Run {
    const elements: Item[][] = []
    let i = at
    for (let first = this.items[i]; first && HEADING_KINDS.has(first.kind); first = this.items[i]) {
      const element = [first]
      const next = this.items[i + 1]
      if (this.continuesHeading(first, next)) element.push(next)
      elements.push(element)
      i += element.length
      const after = this.items[i]
      if (!inTitle && after?.joined && after.kind !== 'subtitle' && HEADING_KINDS.has(after.kind)) {
        return { elements, end: i, forced: after }
      }
      if (inTitle && first.kind === 'subtitle' && after?.kind !== 'subtitle') break
    }
    return { elements, end: i, forced: null }
  }

  private readTitle(at: number, draft: Draft): number {
    let i = at
    for (let item = this.items[i]; item?.kind === 'caption'; item = this.items[++i]) this.pushCaption(item, draft)
    const run = this.run(i, true)
    this.assignTitle(run.elements, draft)
    i = run.end
    for (let item = this.items[i]; item?.kind === 'byline'; item = this.items[++i]) {
      draft.push(lineOf(item, 'byline'))
    }
    return i
  }

  private assignTitle(runElements: Item[][], draft: Draft): void {
    const elements = [...runElements]
    // 要闻速览 / 园区首批“零碳工厂”授牌: the column's label is the headline, the heading under it the first brief's title.
    const label = elements[0]
    if (label && elements.length > 1 && BRIEFS_LABEL.test(label[0]?.text ?? '')) {
      this.pushHeading(label, 'headline', draft)
      for (const element of elements.slice(1)) this.pushHeading(element, 'subhead', draft)
      return
    }
    const last = elements.at(-1)
    // A name under the headline is its byline; under a column label alone (园区快讯 / ■ 招商签约) it is a brief's title.
    const headed = elements.slice(0, -1).some((e) => !COLUMN_LABEL.test(e[0]?.text ?? ''))
    const topByline = headed && last?.length === 1 && last[0]?.kind === 'name' ? last[0] : null
    if (topByline) elements.pop()
    const subtitleAt = elements.findIndex((e) => e[0]?.kind === 'subtitle')
    const heads = subtitleAt < 0 ? elements : elements.slice(0, subtitleAt)
    const subtitles = subtitleAt < 0 ? [] : elements.slice(subtitleAt)
    heads.forEach((element, k) => {
      const role = k === heads.length - 1 ? 'headline' : 'kicker'
      this.pushHeading(element, role, draft)
      if (role === 'kicker') draft.notes.push(makeNote('kicker', element[0]?.line ?? 0))
    })
    for (const element of subtitles) this.pushHeading(element, 'subtitle', draft)
    if (topByline) draft.push(lineOf(topByline, 'byline'))
  }

  private pushHeading(element: Item[], role: LineRole, draft: Draft): void {
    element.forEach((item, k) => draft.push(lineOf(item, role, item.text, k === 0 ? null : ' ')))
    if (element.length > 1) draft.notes.push(makeNote('two-line-heading', element[0]?.line ?? 0))
  }

  /** A credit on a line of its own ("■ 王超摄") makes the short line just above it a caption. */
  private pushCaption(item: Item, draft: Draft): void {
    const previous = draft.lines.at(-1)
    const creditOnly = splitCaption(item.text)?.caption === ''
    if (
      creditOnly &&
      previous?.role === 'paragraph' &&
      previous.line === item.line - 1 &&
      charLength(previous.text) <= 150
    ) {
      draft.retag(previous, 'caption')
    }
    draft.push(lineOf(item, 'caption'))
  }

  /** Read the body up to the start of the next article; returns where that is. */
  private readBody(at: number, draft: Draft): number {
    let i = at
    while (i < this.items.length) {
      const item = this.items[i]
      if (!item) break
      if (i >= this.nextReport) {
        this.progress(i / this.items.length)
        this.nextReport = i + PROGRESS_EVERY
      }
      switch (item.kind) {
        case 'caption':
          if (this.photoOfNextArticle(i, draft)) return i
          this.pushCaption(item, draft)
          i++
          break
        case 'dateline':
          draft.push(lineOf(item, draft.has('dateline') || draft.has('paragraph') ? 'paragraph' : 'dateline'))
          i++
          break
        case 'byline':
        case 'name':
          // A photo printed at the top of the body, right under the title's byline, is this article's.
          if (this.endsBefore(i + 1) && !(this.kind(i + 1) === 'caption' && !draft.has('paragraph'))) {
            draft.push(lineOf(item, 'byline'))
            return i + 1
          }
          this.pushShortLine(item, draft)
          i++
          break
        case 'text':
          // An editor's note (编者按) introduces the article after it: after another article's text, that
          // article ends here (under a headline it is that article's note; a headline followed by one
          // opens an article, see startsArticle).
          if (EDITORS_NOTE.test(item.text) && draft.lines.findLast((l) => l.role !== 'omit')?.role === 'paragraph') {
            return i
          }
          if (this.readParagraph(i, draft)) return i + 1
          i++
          break
        default:
          // Photos or an editor's note (编者按) printed above the headline: the headings that follow
          // are this article's title.
          if (draft.lines.length > 0 && draft.lines.every((l) => l.role === 'caption' || isEditorsNote(l))) {
            i = this.readTitle(i, draft)
            break
          }
          if (draft.lines.length > 0 && this.startsArticle(i, draft)) return i
          i = this.readHeadings(i, draft)
      }
    }
    return i
  }

  /**
   * Photos printed above a headline (or right after a （下转第N版）, where the article above broke
   * off) belong to the article below: true when the captions from `at` on are followed by the
   * headings of a new article.
   */
  private photoOfNextArticle(at: number, draft: Draft): boolean {
    if (!draft.lines.some((l) => l.role === 'paragraph')) return false
    let end = at
    while (this.kind(end) === 'caption') end++
    const next = this.kind(end)
    if (next === null || !HEADING_KINDS.has(next) || next === 'subtitle') return false
    // A credit alone on its line ("■ 王超摄") makes the line above it the caption: that photo is placed already.
    if (splitCaption(this.items[at]?.text ?? '')?.caption === '') return false
    return this.markBefore(this.jumpsAway, at) || this.startsArticle(end, draft)
  }

  /** A byline or name followed by more text: a byline under the title, a subhead further down. */
  private pushShortLine(item: Item, draft: Draft): void {
    if (item.kind === 'byline' || !draft.has('paragraph')) {
      draft.push(lineOf(item, 'byline'))
      return
    }
    draft.push(lineOf(item, 'subhead'))
    draft.notes.push(makeNote('name-subhead', item.line))
  }

  /** Push a paragraph, splitting off a dateline and a trailing byline; true when the article ends with it. */
  private readParagraph(at: number, draft: Draft): boolean {
    const item = this.items[at]
    if (!item) return false
    let text = item.text
    let join: string | null = null
    // 转版 marks at either end of the line are the page's, not the text's: left out, kept in place.
    const leading = splitJump(text)
    if (leading?.at === 'start') {
      draft.push(lineOf(item, 'omit', leading.jump))
      draft.notes.push(makeNote('jump-line', item.line))
      text = leading.text
      join = leading.sep
    }
    const trailingJump = splitJump(text)
    const jumpAfter = trailingJump?.at === 'end' ? trailingJump : null
    if (jumpAfter) text = jumpAfter.text
    const pushJump = (): void => {
      if (!jumpAfter) return
      draft.push(lineOf(item, 'omit', jumpAfter.jump, jumpAfter.sep))
      draft.notes.push(makeNote('jump-line', item.line))
    }
    // In a column of briefs (园区快讯) each item keeps its 本报讯 and its signature in its text.
    const briefs = draft.isBriefs()
    const dateline = briefs || draft.has('paragraph') || draft.has('dateline') ? null : splitDateline(text)
    if (dateline) {
      draft.push(lineOf(item, 'dateline', dateline.dateline, join))
      join = dateline.sep
      if (dateline.rest === '') {
        pushJump()
        return false
      }
      text = dateline.rest
    }
    const trailing = briefs ? null : splitTrailingByline(text)
    if (trailing && this.endsBefore(at + 1)) {
      draft.push(lineOf(item, 'paragraph', trailing.body, join))
      draft.push(lineOf(item, 'byline', trailing.byline, trailing.sep))
      pushJump()
      return true
    }
    if (trailing) draft.notes.push(makeNote('byline-kept', item.line))
    draft.push(lineOf(item, 'paragraph', text, join))
    pushJump()
    return false
  }

  /** A single heading line over one signed brief: the brief's title. */
  private isBriefTitle(at: number): boolean {
    const { elements, end } = this.run(at, false)
    const item = this.items[end]
    if (elements.length !== 1 || item?.kind !== 'text') return false
    return SIGNED_BRIEF.test(item.text) && !(this.items[end + 1]?.kind === 'text' && this.items[end + 1]?.joined)
  }

  /** Does a byline or a dateline (past any captions) follow the headings that end before `at`? */
  private creditFollows(at: number): boolean {
    let i = at
    while (this.kind(i) === 'caption') i++
    const item = this.items[i]
    if (item?.kind === 'byline' || item?.kind === 'dateline') return true
    return item?.kind === 'text' && splitDateline(item.text) !== null
  }

  private wideGap(gap: number): boolean {
    return gap >= 2 && gap > this.typicalGap
  }

  /**
   * Is the heading that ends before `from` the only one before the article
   * ends (at a byline, a trailing byline or the end of the text)? Subheads come
   * in series.
   */
  private isLoneHeading(from: number): boolean {
    for (let i = from; i < this.items.length; i++) {
      const item = this.items[i]
      // A column label (简讯, 评论) opens the next article: the heading before it stood alone.
      if (item?.kind === 'heading' && COLUMN_LABEL.test(item.text)) return true
      if (!item || item.kind === 'heading' || item.kind === 'subtitle') return false
      if (item.kind !== 'text' && item.kind !== 'caption') return true
      if (item.kind === 'text' && splitTrailingByline(item.text)) return true
    }
    return true
  }

  /**
   * Does a new article start with the heading lines at `at`? Sure when a
   * subtitle follows a heading, or a byline or dateline follows the group; a
   * guess (noted) when two separate headings stand together, wide gaps
   * surround them, or a lone heading follows a news report with a dateline
   * (news reports seldom have a single subhead).
   */
  private startsArticle(at: number, draft: Draft): boolean {
    const { elements, end } = this.run(at, false)
    // 评论, 政策问答, 园区快讯 …: a label set above an article or a column opens it.
    if (COLUMN_LABEL.test(this.items[at]?.text ?? '')) return true
    if (this.atJump(at)) return true
    // Briefs carry their titles behind a ■, or above one signed item (…授牌。（程晨））; another
    // plain heading after them is the next article.
    if (draft.isBriefs() && !LEADING_MARK.test(this.items[at]?.text ?? '') && !this.isBriefTitle(at)) return true
    const subtitled = elements.some(
      (e, k) => k > 0 && e[0]?.kind === 'subtitle' && elements[k - 1]?.[0]?.kind !== 'subtitle',
    )
    if (subtitled || this.creditFollows(end)) return true
    if (end >= this.items.length) return false
    // An editor's note stands under a headline, never under a subhead.
    if (EDITORS_NOTE.test(this.items[end]?.text ?? '')) return true
    // 一、… （二）…: the numbered parts of the article being read.
    if (NUMBERED_HEADING.test(this.items[at]?.text ?? '')) return false
    // A subhead is short (at most 14 characters on one line in every sample we have); a single
    // heading line of 15 or more after body text with no subheads is the next article's headline.
    const only = elements.length === 1 && elements[0]?.length === 1 ? elements[0][0] : undefined
    const long = only && charLength(only.text.replace(LEADING_MARK, '')) >= LONG_HEADING
    if (only && long && draft.has('paragraph') && !draft.has('subhead') && !/[:：]/.test(only.text)) {
      this.carry.push(makeNote('weak-split', only.line))
      return true
    }
    const headings = elements.filter((e) => e[0]?.kind !== 'subtitle').length
    const spaced = this.wideGap(this.items[at]?.gap ?? 0) || this.wideGap(this.items[end]?.gap ?? 0)
    const afterReport = draft.has('dateline') && !draft.has('subhead') && this.isLoneHeading(end)
    if (headings < 2 && !spaced && !afterReport) return false
    this.carry.push(makeNote('weak-split', this.items[at]?.line ?? 0))
    return true
  }

  /** A short line without closing punctuation that is really the first print line of a paragraph. */
  private isFragment(item: Item, next: Item | undefined): boolean {
    if (!next || next.kind !== 'text' || endsParagraph(item.text)) return false
    return continuesText(item.text, next.text) || (charLength(item.text) >= 22 && !/[\s:：“”"]/.test(item.text))
  }

  /** Subheads in the body (or a heading-like line that begins a paragraph). */
  private readHeadings(at: number, draft: Draft): number {
    const { elements, end, forced } = this.run(at, false)
    const only = elements.length === 1 && elements[0]?.length === 1 ? elements[0][0] : undefined
    if (only && only.kind !== 'subtitle' && !forced && this.isFragment(only, this.items[end])) {
      draft.push(lineOf(only, 'paragraph'))
      return end
    }
    for (const element of elements) {
      // A dash line inside the body (——摘自…) is text, not a subtitle.
      if (element[0]?.kind === 'subtitle') element.forEach((item) => draft.push(lineOf(item, 'paragraph')))
      else this.pushHeading(element, 'subhead', draft)
    }
    if (forced) forced.kind = 'text'
    return end
  }
}

// ── column breaks ────────────────────────────────────────────────────────────

/** How sure is it that `cut` was broken at a column end rather than being a heading? */
function joinNote(cut: ArticleLine, next: ArticleLine): ImportNote {
  const sure = /[，,、；;]/.test(cut.text) || charLength(cut.text) >= 24 || continuesText(cut.text, next.text)
  return makeNote(sure ? 'column-join' : 'column-join-unsure', cut.line)
}

/**
 * A paragraph that ends without closing punctuation continues in the next
 * paragraph (past any photo captions printed between the columns): join them
 * with nothing between. Captions found in between move after the joined paragraph.
 */
function repairColumnBreaks(draft: Draft, unindented: ReadonlySet<number> | null): void {
  const lines = draft.lines
  for (let k = 0; k < lines.length; k++) {
    const cut = lines[k]
    if (!cut || cut.role !== 'paragraph') continue
    let m = k + 1
    while (lines[m]?.role === 'caption' || lines[m]?.role === 'omit') m++
    const next = lines[m]
    if (endsParagraph(cut.text)) {
      // Where paragraphs are indented (two ideographic spaces), a line without indent after a full stop is the same
      // paragraph carried into the next column, cut between two sentences.
      const carried = next?.role === 'paragraph' && next.join === null && unindented?.has(next.line) === true
      if (!carried || next.line === cut.line) continue
    } else if (next?.role !== 'paragraph' || next.join !== null) {
      draft.notes.push(makeNote('unclosed-paragraph', cut.line))
      continue
    }
    next.join = ''
    // Adjacent lines are a paragraph wrapped in the text itself, not worth a note.
    if (next.line !== cut.line + 1) draft.notes.push(joinNote(cut, next))
    // Captions printed between the columns move after the joined paragraph; left-out lines stay
    // where they stood (they are invisible to the text).
    const captions: ArticleLine[] = []
    for (let j = m - 1; j > k; j--) if (lines[j]?.role === 'caption') captions.unshift(...lines.splice(j, 1))
    lines.splice(m - captions.length + 1, 0, ...captions)
  }
}

/** The only subhead of an article may well be a missed headline. */
function loneSubheadNote(draft: Draft): ImportNote[] {
  const subheads = draft.lines.filter((l) => l.role === 'subhead' && l.join === null)
  return subheads.length === 1 && subheads[0] ? [makeNote('lone-subhead', subheads[0].line)] : []
}

/** Captions with no credit, neither on their line nor on a line of its own below. */
function creditNotes(draft: Draft): ImportNote[] {
  return draft.lines.flatMap((line, k) => {
    if (line.role !== 'caption') return []
    const photo = splitCaption(line.text)
    if (photo?.caption === '' || photo?.credit) return []
    const next = draft.lines[k + 1]
    const creditBelow = next?.role === 'caption' && splitCaption(next.text)?.caption === ''
    return creditBelow ? [] : [makeNote('caption-no-credit', line.line)]
  })
}

function finish(draft: Draft, unindented: ReadonlySet<number> | null, columnBreaks = true): ParsedArticle {
  if (columnBreaks) repairColumnBreaks(draft, unindented)
  const notes = [...draft.notes, ...loneSubheadNote(draft), ...creditNotes(draft)].sort((a, b) => a.line - b.line)
  return rebuildArticle(draft.lines, notes)
}

/** Every note of an import, masthead first, then each article's in reading order. */
export function allNotes(parsed: ParsedIssue): ImportNote[] {
  return [...parsed.notes, ...parsed.articles.flatMap((a) => a.notes)]
}

/**
 * Takes page furniture (版次, the page's date, 责任编辑 …; patterns.ts) out of the lines so
 * that it can neither start an article nor stand between the halves of a cut paragraph. A
 * blank line before a removed line is kept before the line that follows it.
 */
function withoutFurniture(
  lines: readonly SourceLine[],
  issue: IssueMeta,
): { kept: SourceLine[]; furniture: SourceLine[] } {
  const words = [issue.title, issue.edition, issue.number].filter((w): w is string => w !== null)
  const kept: SourceLine[] = []
  const furniture: SourceLine[] = []
  let gap = 0
  for (const line of lines) {
    if (isPageFurniture(line.text, words)) {
      furniture.push(line)
      gap = Math.max(gap, line.gap)
    } else {
      kept.push({ ...line, gap: Math.max(gap, line.gap) })
      gap = 0
    }
  }
  return { kept, furniture }
}

/** Puts each furniture line back, left out, where it stood: into the article it interrupted or ended. */
function restoreFurniture(drafts: readonly Draft[], furniture: readonly SourceLine[]): void {
  for (const item of furniture) {
    const draft = drafts.findLast((d) => (d.lines[0]?.line ?? Infinity) < item.line) ?? drafts[0]
    if (!draft) continue
    const at = draft.lines.findLastIndex((l) => l.line < item.line) + 1
    draft.lines.splice(at, 0, { text: item.text, role: 'omit', line: item.line, join: null })
    draft.notes.push(makeNote('page-furniture', item.line))
  }
}

/**
 * Where the text indents its paragraphs (two full-width or four plain spaces before most long
 * lines), the numbers of the lines it does not indent; null when it does not indent.
 */
function unindentedLines(text: string): ReadonlySet<number> | null {
  const lines = normaliseText(text).split('\n')
  const long = lines.map((raw, i) => ({ raw, line: i + 1 })).filter(({ raw }) => charLength(raw) >= 30)
  const indented = long.filter(({ raw }) => /^(?:\u3000{1,2}|\s{2,})\S/.test(raw))
  if (long.length < 4 || indented.length < 0.6 * long.length) return null
  return new Set(lines.flatMap((raw, i) => (raw.trim() !== '' && !/^\s/.test(raw) ? [i + 1] : [])))
}

/** Lines read between two progress reports. */
const PROGRESS_EVERY = 2048

export interface ParseOptions {
  /**
   * Told now and then how far the parse is, from 0 to 1 (a large file takes seconds: the import
   * dialog parses it in a worker and shows this).
   */
  onProgress?: (fraction: number) => void
}

/** Parse the text of an issue into its masthead metadata and articles. */
export function parseIssueText(text: string, options: ParseOptions = {}): ParsedIssue {
  const report = options.onProgress ?? (() => {})
  report(0)
  const lines = sourceLines(text)
  const masthead = readMasthead(lines)
  const { kept, furniture } = withoutFurniture(lines.slice(masthead.end), masthead.issue)
  const jumpsAway = new Set(furniture.filter((l) => JUMP_TO.test(l.text)).map((l) => l.line))
  const jumpsFrom = new Set(furniture.filter((l) => JUMP_FROM.test(l.text)).map((l) => l.line))
  const reader = new ArticleReader(kept, jumpsAway, jumpsFrom, (f) => report(0.2 + 0.6 * f))
  report(0.2)
  const drafts = reader.read()
  report(0.8)
  restoreFurniture(drafts, furniture)
  const unindented = unindentedLines(text)
  const articles = joinContinuations(drafts.map((d) => finish(d, unindented)))
  report(1)
  return { issue: masthead.issue, articles, notes: masthead.notes }
}

/**
 * The same reader on lines that come with hints and no masthead — a Word document's paragraphs
 * (src/main/import/docx-lines.ts) — so that Word copy and extracted text are read by one set of
 * rules. Each line is a whole paragraph: nothing is joined as a print-column break, but jumps
 * (转版) are, and page furniture is left out as in text.
 */
export function readLines(lines: readonly SourceLine[]): ParsedArticle[] {
  const { kept, furniture } = withoutFurniture(lines, {
    title: null,
    edition: null,
    slogan: [],
    guidance: null,
    publisher: null,
    number: null,
    date: null,
    postal_code: null,
    email: null,
  })
  const jumpsAway = new Set(furniture.filter((l) => JUMP_TO.test(l.text)).map((l) => l.line))
  const jumpsFrom = new Set(furniture.filter((l) => JUMP_FROM.test(l.text)).map((l) => l.line))
  const drafts = new ArticleReader(kept, jumpsAway, jumpsFrom).read()
  restoreFurniture(drafts, furniture)
  return joinContinuations(drafts.map((d) => finish(d, null, false)))
}

const JUMP_FROM = /[（(]\s*(?:上接|紧接|接)/
const JUMP_TO = /[（(]\s*(?:下转|转)/
const TITLE_LINE_ROLES: ReadonlySet<LineRole> = new Set(['kicker', 'headline', 'subtitle'])

/**
 * 转版: the part of an article printed on another page, opened by （上接第1版） — alone after the
 * previous article's text, or under the headline repeated — goes back to the article that
 * ended with （下转第N版）, the first such one not yet continued; the text cut at the jump is
 * joined as a column break is. A repeated headline is left out.
 */
function joinContinuations(articles: ParsedArticle[]): ParsedArticle[] {
  const out = articles.map((a) => ({ lines: a.lines.map((l) => ({ ...l })), notes: [...a.notes] }))
  const waiting = out.filter((a) => a.lines.some((l) => l.role === 'omit' && JUMP_TO.test(l.text)))
  for (let i = 0; i < out.length; i++) {
    const article = out[i]
    if (!article) continue
    const jump = article.lines.findIndex((l) => l.role === 'omit' && JUMP_FROM.test(l.text))
    const target = waiting.find((w) => out.indexOf(w) < i)
    if (jump < 0 || !target) continue
    waiting.splice(waiting.indexOf(target), 1)
    // The headline repeated above the jump line, read as a subhead of the article before it.
    const headline = target.lines
      .filter((l) => l.role === 'headline')
      .map((l) => l.text)
      .join('')
    let at = jump
    while (at > 0 && article.lines[at - 1]?.role === 'subhead' && headline.includes(article.lines[at - 1]?.text ?? '-'))
      at--
    const head = article.lines.slice(0, at)
    const titleOnly = head.every((l) => TITLE_LINE_ROLES.has(l.role) || l.role === 'omit')
    if (titleOnly) at = 0
    // Everything before the jump line that came along is the repeated title: left out.
    const moved = article.lines
      .slice(at)
      .map((l, k): ArticleLine => (at + k < jump && l.role !== 'omit' ? { ...l, role: 'omit' } : l))
    if (titleOnly) out.splice(i--, 1)
    else article.lines = head
    const cut = target.lines.findLast((l) => l.role === 'paragraph')
    const first = moved.find((l) => l.role === 'paragraph')
    if (cut && first && !endsParagraph(cut.text)) first.join = ''
    target.lines.push(...moved)
    const movedLines = new Set(moved.map((l) => l.line))
    target.notes.push(...article.notes.filter((n) => movedLines.has(n.line)))
  }
  return out.map((a) => rebuildArticle(a.lines, a.notes))
}
