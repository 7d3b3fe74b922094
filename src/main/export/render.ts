/**
 * Print HTML for an issue laid out on pages: one <section class="page"> per newspaper page at the
 * trim size (plus bleed and crop-mark slug when asked), the masthead on page 1, folios on the others,
 * and each article as a block on the column grid. The same markup is used to measure (blocks of
 * natural height, see `renderMeasureHtml`), to print the PDF and for the HTML export, so what is
 * measured is what prints. resources/print/print.css styles it; resources/print/folio-print.js
 * snaps headlines and photos to the baseline grid, flows text around lead photos and measures copyfit.
 */
import { createHash } from 'node:crypto'
import type { Issue } from '../../shared/api/types'
import type { BodyBlock } from '../../shared/doc/lexical'
import {
  blockBox,
  grid,
  type Grid,
  type IssueLayout,
  type LayoutPage,
  type PageTemplate,
} from '../../shared/layout/model'
import { stampHtml, type PrintStamp } from './stamp'
import { esc, metaHtml, textHtml } from './typeset'

export interface PrintArticle {
  id: number
  kicker: string
  headline: string
  subtitle: string
  dateline: string
  byline: string
  blocks: BodyBlock[]
}

export interface RenderAssets {
  /** @font-face rules (see fonts.ts). */
  fontCss: string
  /** resources/print/print.css */
  printCss: string
  /** resources/print/folio-print.js, inlined so the document measures itself anywhere. */
  script: string
  /** Address of a stored image (served URL or data: URL); null when the library lacks it. */
  imageUrl(hash: string): string | null
  /**
   * A self-contained document (the HTML export): everything is inlined, so it carries its own
   * strict CSP (exportContentSecurityPolicy) in a <meta>, wherever it is opened.
   */
  selfContained?: boolean
}

/**
 * The CSP of an exported HTML file. What it embeds: fonts and images as data: URLs, one <style>
 * plus style attributes, and one inline script (folio-print.js, allowed by its hash). Nothing else
 * loads or runs: no network, no other script an article might smuggle in, no forms, no <base>.
 * (frame-ancestors cannot be set from a <meta>; the file has no server to send it.)
 */
export function exportContentSecurityPolicy(script: string): string {
  const hash = createHash('sha256').update(script, 'utf8').digest('base64')
  return [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

export interface RenderOptions {
  /** Bleed on every side, mm (0: none). */
  bleed: number
  /** A slug outside the bleed for crop marks (drawn into the PDF by pdf-finish.ts). */
  marks: boolean
}

/** Slug around the bleed that carries the crop marks, mm. */
export const MARK_SLUG = 10

const f = (n: number): string => `${Math.round(n * 1000) / 1000}mm`

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** 2024-07-02 → 2024年7月2日 星期二 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日 星期${WEEKDAYS[d.getUTCDay()] ?? ''}`
}

export function documentTitle(issue: Issue): string {
  return [issue.title, issue.edition, issue.number].filter(Boolean).join(' ')
}

/** Page size in mm including bleed and the crop-mark slug. */
export function pageSize(t: PageTemplate, o: RenderOptions): { width: number; height: number; outer: number } {
  const outer = o.bleed + (o.marks ? MARK_SLUG : 0)
  return { width: t.trim.width + 2 * outer, height: t.trim.height + 2 * outer, outer }
}

/** Headline size in pt: grows with the share of the page width the block spans. */
export function headlineSize(t: PageTemplate, span: number, lead: boolean): number {
  const share = span / t.columns
  const size = t.body.size * (1.35 + 1.75 * share) * (lead ? 1.15 : 1)
  return Math.round(size * 2) / 2
}

function credit(issue: Issue, name: string | null): string {
  if (!name) return ''
  return (issue.creditStyle || '■ {name}摄').replace('{name}', name)
}

function photoFigure(
  issue: Issue,
  block: Extract<BodyBlock, { type: 'photo' }>,
  assets: RenderAssets,
  cls: string,
): string {
  const url = block.image ? assets.imageUrl(block.image) : null
  // An empty frame waits for its picture (待插图片); a photo whose image is not stored is marked as
  // missing (图片缺失). Both print as marked outlines, never as a grey box that passes for a photo,
  // and both are warned about; neither stops the export.
  const frame = url
    ? `<img src="${esc(url)}" alt="">`
    : block.image
      ? `<div class="frame missing" data-missing-image="true" role="img" aria-label="图片缺失 image missing"><span>图片缺失</span></div>`
      : `<div class="frame empty" data-empty-frame="true" role="img" aria-label="待插图片 picture to come"><span>待插图片</span></div>`
  const c = credit(issue, block.credit)
  return (
    `<figure class="${cls}">${frame}<figcaption>${textHtml(block.caption)}` +
    `${c ? `<span class="credit">${metaHtml(c)}</span>` : ''}</figcaption></figure>`
  )
}

function bodyHtml(issue: Issue, a: PrintArticle, assets: RenderAssets, skipFirstPhoto: boolean): string {
  const out: string[] = []
  const showByline = a.byline.trim() !== '' && !a.dateline.includes(a.byline.trim())
  if (showByline) out.push(`<p class="byline">□ ${metaHtml(a.byline)}</p>`)
  let datelineDone = a.dateline.trim() === ''
  a.blocks.forEach((b, i) => {
    if (b.type === 'photo') {
      if (!(skipFirstPhoto && i === firstPhotoIndex(a))) out.push(photoFigure(issue, b, assets, 'photo in-column'))
      return
    }
    if (b.type === 'subhead') {
      out.push(`<h3 class="subhead">${textHtml(b.text)}</h3>`)
      return
    }
    if (b.text.trim() === '') return
    const tag = b.type === 'quote' ? 'blockquote' : 'p'
    const lead = datelineDone ? '' : `<b class="dateline">${metaHtml(a.dateline)}</b>\u3000`
    datelineDone = true
    out.push(`<${tag}>${lead}${textHtml(b.text, { paragraph: true })}</${tag}>`)
  })
  if (!datelineDone) out.push(`<p><b class="dateline">${metaHtml(a.dateline)}</b></p>`)
  return out.join('')
}

/** The lead photo: a photo before any text, laid out at the block's top right with text beside it. */
function firstPhotoIndex(a: PrintArticle): number {
  const i = a.blocks.findIndex((b) => b.type === 'photo' || (b.type !== 'subhead' && b.text.trim() !== ''))
  return i >= 0 && a.blocks[i]?.type === 'photo' ? i : -1
}

/** Columns a lead photo takes in a block of `span` columns. */
export function leadPhotoSpan(span: number): number {
  return span <= 2 ? span : Math.max(2, Math.round(span / 2))
}

/** One article block's inner markup (headline over the block, body in columns). */
export function articleHtml(
  issue: Issue,
  t: PageTemplate,
  g: Grid,
  a: PrintArticle,
  span: number,
  lead: boolean,
  assets: RenderAssets,
): string {
  const size = headlineSize(t, span, lead)
  const kicker = a.kicker.trim() ? `<p class="kicker">${textHtml(a.kicker)}</p>` : ''
  const subtitle = a.subtitle.trim() ? `<p class="subtitle">${textHtml(`——${a.subtitle}`)}</p>` : ''
  const head =
    `<header class="hd" style="--hl:${size}pt">${kicker}` +
    `<h2 class="headline">${textHtml(a.headline || '（无标题）')}</h2>${subtitle}</header>`
  const photoAt = firstPhotoIndex(a)
  const photo = photoAt >= 0 ? (a.blocks[photoAt] as Extract<BodyBlock, { type: 'photo' }>) : null
  const body = bodyHtml(issue, a, assets, photo !== null)
  if (!photo) return `${head}<div class="flow flow-b" style="column-count:${span}">${body}</div>`
  const p = leadPhotoSpan(span)
  const pw = p * g.columnWidth + (p - 1) * g.gutter
  const aCols = span - p
  const figure = photoFigure(issue, photo, assets, 'photo lead')
  // The photo is placed (absolutely, by folio-print.js) over a slot in the row, and comes last in the
  // document so the PDF's text runs flow-a → flow-b without the caption in between.
  const slot = `<div class="photo-slot" style="width:${f(pw + (aCols > 0 ? g.gutter / 2 : 0))}"></div>`
  const row =
    aCols > 0
      ? `<div class="row"><div class="flow flow-a" style="column-count:${aCols}">${body}</div>${slot}</div>` +
        `<div class="flow flow-b" style="column-count:${span}"></div>`
      : `<div class="row">${slot}</div><div class="flow flow-b" style="column-count:${span}">${body}</div>`
  const side = aCols > 0 ? ' side' : ''
  return `${head}${row}<div class="lead-photo${side}" style="width:${f(pw + (aCols > 0 ? g.gutter / 2 : 0))}">${figure}</div>`
}

/**
 * 转版 (h6): a continuation block — the headline small with（上接第N版）, and an empty flow that
 * folio-print.js fills with what did not fit the part before (so the cut falls at the exact character).
 */
function continuationHtml(a: PrintArticle, span: number, fromPage: number): string {
  return (
    `<header class="hd cont-hd"><p class="cont-headline">${textHtml(a.headline || '（无标题）')}` +
    `<span class="jump-from">${metaHtml(`（上接第${fromPage}版）`)}</span></p></header>` +
    `<div class="flow flow-b flow-cont" style="column-count:${span}"></div>`
  )
}

function gridVars(t: PageTemplate, g: Grid): string {
  return (
    `--leading:${f(g.leading)};--body:${t.body.size}pt;--gutter:${f(g.gutter)};--colw:${f(g.columnWidth)};` +
    `--lead-pt:${t.body.leading}pt`
  )
}

function masthead(issue: Issue, page: LayoutPage, t: PageTemplate, g: Grid): string {
  const height = t.mastheadLines * g.leading
  const titleSize = Math.min((g.width * 0.56) / (Math.max(3, [...issue.title].length) * 1.06), height * 0.5)
  const slogan = issue.slogan
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => `<div>${esc(s)}</div>`)
    .join('')
  const facts = [
    issue.number && `<span>${metaHtml(issue.number)}</span>`,
    issue.publicationDate && `<span>${metaHtml(chineseDate(issue.publicationDate))}</span>`,
    `<span>${metaHtml(`第${page.number}版`)}${page.name ? ` · ${metaHtml(page.name)}` : ''}</span>`,
    issue.postalCode && `<span>${metaHtml(`邮发代号：${issue.postalCode}`)}</span>`,
    issue.email && `<span>${metaHtml(`投稿邮箱：${issue.email}`)}</span>`,
    page.editor && `<span>${metaHtml(`责任编辑：${page.editor}`)}</span>`,
  ]
    .filter(Boolean)
    .join('')
  return (
    `<header class="masthead" style="height:${f(height)}">` +
    `<div class="mh-main"><div class="mh-title" style="font-size:${f(titleSize)}">${esc(issue.title)}</div>` +
    (issue.edition ? `<div class="mh-edition">${esc(issue.edition)}</div>` : '') +
    `<div class="mh-side">${slogan ? `<div class="mh-slogan">${slogan}</div>` : ''}` +
    (issue.guidance ? `<div class="mh-guidance">${esc(issue.guidance)} 指导</div>` : '') +
    (issue.publisher ? `<div class="mh-guidance">${esc(issue.publisher)} 主办</div>` : '') +
    `</div></div><div class="mh-facts" style="height:${f(2 * g.leading)}">${facts}</div></header>`
  )
}

function folio(issue: Issue, page: LayoutPage, t: PageTemplate, g: Grid): string {
  const height = t.folioLines * g.leading
  const left = `<span class="fo-page">${metaHtml(`第${page.number}版`)}</span>${page.name ? `<span class="fo-name">${metaHtml(page.name)}</span>` : ''}`
  const mid = `<span>${metaHtml([issue.title, issue.edition].filter(Boolean).join(' '))}</span>`
  const right = [
    issue.number && metaHtml(issue.number),
    issue.publicationDate && metaHtml(chineseDate(issue.publicationDate)),
    page.editor && metaHtml(`责任编辑：${page.editor}`),
  ]
    .filter(Boolean)
    .map((s) => `<span>${s}</span>`)
    .join('')
  const even = page.number % 2 === 0
  return (
    `<header class="folio${even ? ' even' : ''}" style="height:${f(height)}">` +
    `<div class="fo-l">${even ? left : right}</div><div class="fo-m">${mid}</div>` +
    `<div class="fo-r">${even ? right : left}</div></header>`
  )
}

export interface RenderInput {
  issue: Issue
  layout: IssueLayout
  articles: Map<number, PrintArticle>
  author: string
  /** 校样 / 付印 on every page (stamp.ts), outside the type area; none when measuring. */
  stamp?: PrintStamp | null
}

/** The whole issue as print HTML. */
export function renderIssueHtml(input: RenderInput, options: RenderOptions, assets: RenderAssets): string {
  const t = input.layout.template
  const g = grid(t)
  const size = pageSize(t, options)
  // 转版 (h6): where each part of an article is, so a cut names the page it continues on.
  const jumps = new Map<string, number>()
  for (const page of input.layout.pages)
    for (const b of page.blocks) jumps.set(`${b.articleId}:${b.part ?? 0}`, page.number)
  const pages = input.layout.pages.map((page) => {
    const band = page.number === 1 ? masthead(input.issue, page, t, g) : folio(input.issue, page, t, g)
    const blocks = page.blocks.map((b, index) => {
      const a = input.articles.get(b.articleId)
      if (!a) return ''
      const box = blockBox(g, b)
      const atFoot = b.line + b.lines >= g.lines
      // 转版 (h6): the page of the next part (this part is cut there) and of the one before.
      const part = b.part ?? 0
      const to = jumps.get(`${b.articleId}:${part + 1}`)
      const from = part > 0 ? jumps.get(`${b.articleId}:${part - 1}`) : undefined
      const cls = ['block', atFoot ? 'foot' : '', b.col > 0 ? 'rule-l' : '', to ? 'cut' : ''].filter(Boolean).join(' ')
      const lead = page.number === 1 && index === 0
      const inner =
        part > 0
          ? continuationHtml(a, b.span, from ?? page.number)
          : articleHtml(input.issue, t, g, a, b.span, lead, assets)
      return (
        `<article class="${cls}" data-article="${a.id}" data-page="${page.number}"` +
        `${part > 0 ? ` data-part="${part}"` : ''}${to ? ` data-continues="${part + 1}"` : ''} ` +
        `style="left:${f(box.left)};top:${f(box.top)};width:${f(box.width)};height:${f(box.height)}">` +
        `${inner}${to ? `<p class="jump-to">${metaHtml(`（下转第${to}版）`)}</p>` : ''}</article>`
      )
    })
    return (
      `<section class="page" data-page="${page.number}" style="width:${f(size.width)};height:${f(size.height)}">` +
      `<div class="trim" style="left:${f(size.outer)};top:${f(size.outer)};width:${f(t.trim.width)};height:${f(t.trim.height)}">` +
      `<div class="type-area" style="left:${f(g.left)};top:${f(g.top)};width:${f(g.width)};height:${f(g.height)}">` +
      `${band}${blocks.join('')}</div></div>${stampHtml(input.stamp, t, g, { ...size, bleed: options.bleed })}</section>`
    )
  })
  return documentShell(
    documentTitle(input.issue),
    input.author,
    `@page{size:${f(size.width)} ${f(size.height)};margin:0}:root{${gridVars(t, g)}}`,
    pages.join('\n'),
    assets,
  )
}

/** Every article at every span in `spans`, at natural height, for measuring what each needs. */
export function renderMeasureHtml(
  issue: Issue,
  t: PageTemplate,
  articles: PrintArticle[],
  spans: number[],
  assets: RenderAssets,
): string {
  const g = grid(t)
  const items = articles.flatMap((a, index) =>
    spans.map((span) => {
      const width = span * g.columnWidth + (span - 1) * g.gutter
      return (
        `<article class="block measure" data-article="${a.id}" data-span="${span}" style="width:${f(width)}">` +
        `${articleHtml(issue, t, g, a, span, index === 0, assets)}</article>`
      )
    }),
  )
  return documentShell(
    documentTitle(issue),
    '',
    `:root{${gridVars(t, g)}}`,
    `<div class="measure-area">${items.join('\n')}</div>`,
    assets,
  )
}

function documentShell(title: string, author: string, pageCss: string, body: string, assets: RenderAssets): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    (assets.selfContained
      ? `<meta http-equiv="Content-Security-Policy" content="${esc(exportContentSecurityPolicy(assets.script))}">`
      : '') +
    `<title>${esc(title)}</title>` +
    (author ? `<meta name="author" content="${esc(author)}">` : '') +
    `<meta name="generator" content="Folio"><style>${assets.fontCss}\n${pageCss}\n${assets.printCss}</style></head>` +
    `<body>${body}<script>${assets.script}</script></body></html>`
  )
}
