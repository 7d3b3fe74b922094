/**
 * Export pipeline: an issue → laid-out pages → measured (copyfit) → PDF / self-contained HTML.
 * Measuring and printing happen in the same Chromium on the same HTML, so what copyfit reports is
 * what prints. Used by the CLI (src/main/cli/export-commands.ts), tests and the bench; Electron can
 * print the same HTML with webContents.printToPDF.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FolioFailure } from '../../shared/api/errors'
import type { IssueSignoff } from '../../shared/api/review-types'
import type { Issue } from '../../shared/api/types'
import { docToBlocks, parseDoc } from '../../shared/doc/lexical'
import { articleName, isImageHash, photoRefs, unstoredPhotos } from '../../shared/doc/photos'
import { grid, MM_PER_PT, type IssueLayout, type LayoutBlock, type PageTemplate } from '../../shared/layout/model'
import { modularLayout, type ModularPlan } from '../../shared/layout/modular'
import type { BlockFit, LayoutOutcome, Warning } from '../../shared/layout/outcome'
import type { Api } from '../api'
import type { Db } from '../store/db'
import { launchPrintBrowser, openDocument, PRINT_ORIGIN, type PrintEngine, type PrintPage } from './browser'
import { fontFaceCss, type FontFile } from './fonts'
import {
  documentTitle,
  pageSize,
  renderIssueHtml,
  renderMeasureHtml,
  type PrintArticle,
  type RenderAssets,
  type RenderOptions,
} from './render'
import { printStamp, stampChars, stampedTitle } from './stamp'
import { DEFAULT_TEMPLATE, findTemplate, getLayout, saveLayout } from './store'

export interface ExportEnv {
  api: Api
  db: Db
  resourcesDir: string
  now?: () => Date
}

export interface ExportControl {
  /** A print engine to reuse (tests, bench, the app); otherwise a Chromium is launched and closed. */
  browser?: PrintEngine
  signal?: AbortSignal
  onProgress?(stage: 'load' | 'measure' | 'layout' | 'render' | 'pdf' | 'done'): void
}

export type { BlockFit, LayoutOutcome, Warning } from '../../shared/layout/outcome'

export interface PdfReport extends LayoutOutcome {
  file: string
  pages: number
  /** PDF page size, mm (trim plus bleed and mark slug). */
  pageSize: { width: number; height: number }
  template: string
  title: string
  author: string
  bytes: number
}

interface PrintIssue {
  issue: Issue
  articles: PrintArticle[]
  /** Articles with photos whose image is not stored: printed as a marked 图片缺失 frame, and warned. */
  missingImages: { articleId: number; headline: string; count: number }[]
  /** Articles with empty photo frames (no picture inserted yet): printed as a marked 待插图片 frame, and warned. */
  emptyFrames: { articleId: number; headline: string; count: number }[]
  /** 签发本期: null until the issue is signed off; the PDF says 校样 until then, 付印 after. */
  signoff: IssueSignoff | null
}

/** Whether the library has this image (a malformed hash never is). */
export function imageStored(env: ExportEnv, hash: string): boolean {
  return isImageHash(hash) && env.db.prepare('SELECT 1 FROM images WHERE hash = ?').get(hash) !== undefined
}

/** Warnings for articles whose photos show no stored image: export goes on, and says so. */
export function missingImageWarnings(missing: PrintIssue['missingImages'], placeholder: 'frame' | 'bundle'): Warning[] {
  return missing.map((m) => {
    const name = articleName({ headline: m.headline })
    return {
      message_zh: `${name.zh}有 ${m.count} 张图片不在资料库中，${placeholder === 'frame' ? '已印作「图片缺失」框' : '包中以空图框代替'}，请重新插入图片`,
      message_en: `${name.en}: ${m.count} photo(s) whose image is not in the library, ${placeholder === 'frame' ? 'printed as a marked "image missing" frame' : 'bundled as empty photo frames'}; insert the image again`,
    }
  })
}

/**
 * Warnings for empty photo frames: a page never goes to press with a placeholder nobody was told
 * about (the export used to end in a bare 导出完成 with a grey 图片 box on the page).
 */
export function emptyFrameWarnings(empty: PrintIssue['emptyFrames'], layout: IssueLayout): Warning[] {
  return empty.map((e) => {
    const name = articleName({ headline: e.headline })
    const page = layout.pages.find((p) => p.blocks.some((b) => b.articleId === e.articleId))?.number
    return {
      message_zh: `${page ? `第${page}版` : ''}${name.zh}有 ${e.count} 个图框没有图片，已印作「待插图片」框，请插入图片后再付印`,
      message_en: `${page ? `Page ${page} ` : ''}${name.en}: ${e.count} photo frame(s) without a picture, printed as a marked "picture to come" frame; insert the picture before it goes to press`,
    }
  })
}

export function loadPrintIssue(env: ExportEnv, issueId: number): PrintIssue {
  const issue = env.api.call('issue.get', { id: issueId })
  const missingImages: PrintIssue['missingImages'] = []
  const emptyFrames: PrintIssue['emptyFrames'] = []
  const articles = env.api.call('article.list', { issueId }).map((summary): PrintArticle => {
    const a = env.api.call('article.get', { id: summary.id })
    const doc = parseDoc(a.body)
    const missing = unstoredPhotos(doc, (hash) => imageStored(env, hash)).length
    if (missing > 0) missingImages.push({ articleId: a.id, headline: a.headline, count: missing })
    const empty = photoRefs(doc).filter((ref) => ref.image === null).length
    if (empty > 0) emptyFrames.push({ articleId: a.id, headline: a.headline, count: empty })
    return {
      id: a.id,
      kicker: a.kicker,
      headline: a.headline,
      subtitle: a.subtitle,
      dateline: a.dateline,
      byline: a.byline,
      blocks: docToBlocks(doc),
    }
  })
  const signoff = env.api.call('issue.signoff.get', { issueId })
  return { issue, articles, missingImages, emptyFrames, signoff }
}

function resource(env: ExportEnv, name: string): string {
  return readFileSync(join(env.resourcesDir, 'print', name), 'utf8')
}

function readImage(env: ExportEnv, hash: string): { mime: string; bytes: Buffer } | null {
  // A photo node may carry anything as its image (a library from before images were checked):
  // what is not a stored image's hash is missing, never an error that stops the whole export.
  if (!isImageHash(hash)) return null
  try {
    const image = env.api.call('image.get', { hash })
    return { mime: image.mime, bytes: Buffer.from(image.data, 'base64') }
  } catch (error) {
    if (error instanceof FolioFailure && error.error.code === 'not_found') return null
    throw error
  }
}

/** Fonts and images served lazily from the private origin (measuring, PDF). */
function servedAssets(env: ExportEnv): RenderAssets {
  return {
    fontCss: fontFaceCss((file: FontFile) => `${PRINT_ORIGIN}/fonts/${file.file}`),
    printCss: resource(env, 'print.css'),
    script: resource(env, 'folio-print.js'),
    imageUrl: (hash) => (readImage(env, hash) ? `${PRINT_ORIGIN}/img/${hash}` : null),
  }
}

/** Fonts (only the subsets the text needs) and images inlined as data: URLs (the HTML export). */
function inlineAssets(env: ExportEnv, chars: string): RenderAssets {
  return {
    fontCss: fontFaceCss((file) => `data:font/woff2;base64,${readFileSync(file.path).toString('base64')}`, chars),
    printCss: resource(env, 'print.css'),
    script: resource(env, 'folio-print.js'),
    imageUrl: (hash) => {
      const image = readImage(env, hash)
      return image ? `data:${image.mime};base64,${image.bytes.toString('base64')}` : null
    },
    selfContained: true,
  }
}

/** Every character print can show for this issue (text, metadata and the fixed labels). */
function issueChars(p: PrintIssue, layout: IssueLayout): string {
  const fixed = '第版期号邮发代号投稿邮箱责任编辑指导主办图片缺失无标题□■——：· 年月日星期一二三四五六0123456789'
  const meta = Object.values(p.issue).filter((v) => typeof v === 'string')
  const pages = layout.pages.flatMap((page) => [page.name, page.editor])
  const text = p.articles.flatMap((a) => [
    a.kicker,
    a.headline,
    a.subtitle,
    a.dateline,
    a.byline,
    ...a.blocks.map((b) => (b.type === 'photo' ? `${b.caption}${b.credit ?? ''}` : b.text)),
  ])
  const stamp = stampChars(printStamp(p.signoff))
  return [...new Set([fixed, stamp, ...meta, ...pages, ...text].join(''))].join('')
}

function checkAbort(control: ExportControl): void {
  if (control.signal?.aborted) {
    throw new FolioFailure({ code: 'internal', message_zh: '导出已取消。', message_en: 'Export cancelled.' })
  }
}

async function withBrowser<T>(control: ExportControl, run: (browser: PrintEngine) => Promise<T>): Promise<T> {
  if (control.browser) return run(control.browser)
  const browser = await launchPrintBrowser()
  try {
    return await run(browser)
  } finally {
    await browser.close()
  }
}

/**
 * Lines each article needs at each span 1 … columns, measured in Chromium (each article at each
 * width once; the planner's trials read these). `heads` gets the headline band's lines likewise.
 */
export async function measureNeeds(
  browser: PrintEngine,
  env: ExportEnv,
  p: PrintIssue,
  template: PageTemplate,
  heads?: Map<number, number[]>,
): Promise<Map<number, number[]>> {
  const spans = Array.from({ length: template.columns }, (_, i) => i + 1)
  const html = renderMeasureHtml(p.issue, template, p.articles, spans, servedAssets(env))
  const page = await openDocument(browser, { html, image: (h) => readImage(env, h) })
  try {
    const measured = (await page.evaluate('window.folioPrint.natural()')) as {
      articleId: number
      span: number
      lines: number
      head: number
    }[]
    const needs = new Map<number, number[]>()
    for (const m of measured) {
      const row = needs.get(m.articleId) ?? []
      row[m.span] = m.lines
      needs.set(m.articleId, row)
      const head = heads?.get(m.articleId) ?? []
      head[m.span] = m.head
      heads?.set(m.articleId, head)
    }
    return needs
  } finally {
    await page.close()
  }
}

/**
 * Modular auto-layout (src/shared/layout/modular.ts) of the issue's articles on `template`, from
 * heights measured once per article and width. `keep`: the layout replaced — its 版名 and 责任编辑
 * stay, and with `keepManual` its blocks placed by hand stay where they are.
 */
export async function autoLayoutMeasured(
  browser: PrintEngine,
  env: ExportEnv,
  p: PrintIssue,
  template: PageTemplate,
  keep?: IssueLayout | null,
  keepManual = false,
): Promise<ModularPlan> {
  const heads = new Map<number, number[]>()
  const needs = await measureNeeds(browser, env, p, template, heads)
  const kept = keep && !keepManual ? { ...keep, pages: keep.pages.map((page) => ({ ...page, blocks: [] })) } : keep
  const plan = modularLayout(
    p.articles.map((a) => ({
      articleId: a.id,
      need: (span) => needs.get(a.id)?.[span] ?? grid(template).lines,
      head: (span) => heads.get(a.id)?.[span] ?? 4,
    })),
    template,
    { keep: kept ?? null },
  )
  return { ...plan, layout: await fitContinuations(browser, env, p, plan.layout) }
}

/**
 * 转版: a continuation's height is planned from an estimate of what the cut leaves; here the print
 * engine flows the text and each continuation is made as tall as what it really got (shorter when
 * it has spare lines, taller when it overflows and the room below is free).
 */
async function fitContinuations(
  browser: PrintEngine,
  env: ExportEnv,
  p: PrintIssue,
  layout: IssueLayout,
): Promise<IssueLayout> {
  if (!layout.pages.some((page) => page.blocks.some((b) => (b.part ?? 0) > 0))) return layout
  const page = await openDocument(browser, {
    html: renderIssueHtml(printInput(env, p, layout), { bleed: 0, marks: false }, servedAssets(env)),
    image: (h) => readImage(env, h),
  })
  let fits: RawFit[]
  try {
    fits = (await measured(page)).fits
  } finally {
    await page.close()
  }
  const g = grid(layout.template)
  const perLine = (span: number): number =>
    Math.max(1, Math.floor((span * g.columnWidth + (span - 1) * g.gutter) / (layout.template.body.size * MM_PER_PT)))
  return {
    ...layout,
    pages: layout.pages.map((pg) => ({
      ...pg,
      blocks: pg.blocks.map((b): LayoutBlock => {
        const part = b.part ?? 0
        if (part === 0 || b.manual) return b
        const fit = fits.find((f) => f.page === pg.number && f.articleId === b.articleId && (f.part ?? 0) === part)
        if (!fit) return b
        let lines = b.lines
        if (fit.overChars > 0) lines += Math.ceil(fit.overChars / perLine(b.span) / b.span) + 1
        else lines -= Math.floor(fit.shortLines / b.span)
        lines = Math.max(3, lines)
        const grown = { ...b, lines }
        const clear =
          b.line + lines <= g.lines &&
          pg.blocks.every(
            (o) =>
              o === b ||
              o.col >= b.col + b.span ||
              b.col >= o.col + o.span ||
              o.line + o.lines <= b.line ||
              o.line >= b.line + lines,
          )
        return clear ? grown : b
      }),
    })),
  }
}

/** `layout auto`: lays the issue out on a template (its current one, or the default 四开) and saves it. */
export async function layoutIssue(
  env: ExportEnv,
  issueId: number,
  options: { template?: string; keepManual?: boolean } & ExportControl = {},
): Promise<LayoutOutcome> {
  return withBrowser(options, async (browser) => {
    const p = loadPrintIssue(env, issueId)
    const stored = getLayout(env.db, issueId)
    const template = options.template
      ? findTemplate(env.db, env.resourcesDir, options.template)
      : (stored?.template ?? findTemplate(env.db, env.resourcesDir, DEFAULT_TEMPLATE))
    const plan = await autoLayoutMeasured(browser, env, p, template, stored, options.keepManual ?? false)
    const layout = plan.layout
    saveLayout(env.db, issueId, layout, (env.now?.() ?? new Date()).toISOString())
    const page = await openDocument(browser, {
      html: renderIssueHtml(printInput(env, p, layout), { bleed: 0, marks: false }, servedAssets(env)),
      image: (h) => readImage(env, h),
    })
    try {
      return { ...outcome(p, layout, 'auto', await measured(page)), reasons: plan.reasons }
    } finally {
      await page.close()
    }
  })
}

/** Copyfit of the issue's current layout (laid out automatically first when it has none). */
export async function measureLayout(
  env: ExportEnv,
  issueId: number,
  options: ExportControl = {},
): Promise<LayoutOutcome> {
  return withBrowser(options, async (browser) => {
    const p = loadPrintIssue(env, issueId)
    const { layout, source } = await exportLayout(browser, env, p, issueId, undefined)
    if (source === 'auto') saveLayout(env.db, issueId, layout, (env.now?.() ?? new Date()).toISOString())
    const page = await openDocument(browser, {
      html: renderIssueHtml(printInput(env, p, layout), { bleed: 0, marks: false }, servedAssets(env)),
      image: (h) => readImage(env, h),
    })
    try {
      return outcome(p, layout, source, await measured(page))
    } finally {
      await page.close()
    }
  })
}

type RawFit = Omit<BlockFit, 'headline'>

/** A printed photo's resolution where it prints (folio-print.js images()). */
interface PrintedImage {
  page: number
  articleId: number
  pixels: number
  printedMm: number
  ppi: number
}

/** Below this a photo prints soft on newsprint (a 100 lpi screen wants 150–200 ppi). */
export const LOW_PPI = 150

/**
 * A warning with what it is about, so the editor can be taken to it (pre-flight before export).
 * On the wire it is a Warning with more fields.
 */
export interface PreflightWarning extends Warning {
  kind: 'overset' | 'unplaced' | 'missing-image' | 'empty-frame' | 'low-resolution'
  articleId?: number
  page?: number
}

interface Measured {
  fits: RawFit[]
  images: PrintedImage[]
}

async function measured(page: PrintPage): Promise<Measured> {
  const fits = (await page.evaluate('window.folioPrint.copyfit()')) as RawFit[]
  const images = (await page.evaluate('window.folioPrint.images()')) as PrintedImage[]
  return { fits, images }
}

function outcome(p: PrintIssue, layout: IssueLayout, source: 'stored' | 'auto', m: Measured): LayoutOutcome {
  const headline = (id: number): string => p.articles.find((a) => a.id === id)?.headline || '（无标题）'
  const fits = m.fits.map((r) => ({ ...r, headline: headline(r.articleId) }))
  const placed = new Set(layout.pages.flatMap((page) => page.blocks.map((b) => b.articleId)))
  const unplaced = p.articles
    .filter((a) => !placed.has(a.id))
    .map((a) => ({ articleId: a.id, headline: headline(a.id) }))
  const overset = fits.filter((f) => f.overChars > 0)
  const short = fits.filter((f) => f.overChars === 0 && f.shortLines > 0)
  const pageOf = (id: number): number | undefined =>
    layout.pages.find((page) => page.blocks.some((b) => b.articleId === id))?.number
  const about = (articleId: number) => {
    const page = pageOf(articleId)
    return page === undefined ? { articleId } : { articleId, page }
  }
  const warnings: PreflightWarning[] = [
    ...overset.map((f) => ({
      kind: 'overset' as const,
      articleId: f.articleId,
      page: f.page,
      message_zh: `第${f.page}版《${f.headline}》超 ${f.overChars} 字`,
      message_en: `Page ${f.page} "${f.headline}": ${f.overChars} characters overset`,
    })),
    ...unplaced.map((u) => ({
      kind: 'unplaced' as const,
      articleId: u.articleId,
      message_zh: `《${u.headline}》未上版`,
      message_en: `"${u.headline}" is not on any page`,
    })),
    ...missingImageWarnings(p.missingImages, 'frame').map((w, i) => ({
      ...w,
      kind: 'missing-image' as const,
      ...about(p.missingImages[i]?.articleId ?? 0),
    })),
    ...emptyFrameWarnings(p.emptyFrames, layout).map((w, i) => ({
      ...w,
      kind: 'empty-frame' as const,
      ...about(p.emptyFrames[i]?.articleId ?? 0),
    })),
    ...m.images
      .filter((img) => img.pixels > 0 && img.ppi < LOW_PPI)
      .map((img) => {
        const ppi = Math.round(img.ppi)
        const mm = Math.round(img.printedMm)
        return {
          kind: 'low-resolution' as const,
          articleId: img.articleId,
          page: img.page,
          message_zh: `第${img.page}版《${headline(img.articleId)}》的图片只有 ${ppi} ppi（${img.pixels} 像素印 ${mm} mm 宽），低于 ${LOW_PPI} ppi，印出会发虚：请换更大的原图或缩小图片`,
          message_en: `Page ${img.page} "${headline(img.articleId)}": a photo at only ${ppi} ppi (${img.pixels} px printed ${mm} mm wide), below ${LOW_PPI} ppi, will print soft: use a larger original or print it smaller`,
        }
      }),
  ]
  return { layout, source, fits, overset, short, unplaced, warnings }
}

/** The author the PDF carries: the publisher, else the pages' editors, else the publication's 编辑部. */
export function documentAuthor(issue: Issue, layout: IssueLayout): string {
  if (issue.publisher.trim()) return issue.publisher.trim()
  const editors = [...new Set(layout.pages.map((p) => p.editor.trim()).filter(Boolean))]
  if (editors.length > 0) return editors.join('、')
  return `${issue.title}${issue.edition}编辑部`
}

function printInput(_env: ExportEnv, p: PrintIssue, layout: IssueLayout) {
  return {
    issue: p.issue,
    layout,
    articles: new Map(p.articles.map((a) => [a.id, a])),
    author: documentAuthor(p.issue, layout),
    stamp: printStamp(p.signoff),
  }
}

/** The layout an export uses: the stored one (when on the asked template), else a fresh auto-layout. */
async function exportLayout(
  browser: PrintEngine,
  env: ExportEnv,
  p: PrintIssue,
  issueId: number,
  templateKey: string | undefined,
): Promise<{ layout: IssueLayout; source: 'stored' | 'auto' }> {
  const stored = getLayout(env.db, issueId)
  const asked = templateKey ? findTemplate(env.db, env.resourcesDir, templateKey) : null
  if (stored && (!asked || asked.id === stored.template.id)) return { layout: stored, source: 'stored' }
  const template = asked ?? findTemplate(env.db, env.resourcesDir, DEFAULT_TEMPLATE)
  return { layout: (await autoLayoutMeasured(browser, env, p, template, stored)).layout, source: 'auto' }
}

export interface PdfOptions extends ExportControl {
  out: string
  template?: string
  /** Bleed in mm; undefined or 0: none. */
  bleed?: number
  marks?: boolean
}

/** The print HTML of an issue as the PDF prints it (fonts and images served, not inlined). */
export async function preparePrintHtml(
  env: ExportEnv,
  issueId: number,
  options: Omit<PdfOptions, 'out'> & { browser: PrintEngine },
): Promise<{ html: string; layout: IssueLayout; source: 'stored' | 'auto'; render: RenderOptions }> {
  const p = loadPrintIssue(env, issueId)
  const { layout, source } = await exportLayout(options.browser, env, p, issueId, options.template)
  const render = { bleed: options.bleed ?? 0, marks: options.marks ?? false }
  return { html: renderIssueHtml(printInput(env, p, layout), render, servedAssets(env)), layout, source, render }
}

export async function exportPdf(env: ExportEnv, issueId: number, options: PdfOptions): Promise<PdfReport> {
  return withBrowser(options, async (browser) => {
    options.onProgress?.('load')
    const p = loadPrintIssue(env, issueId)
    checkAbort(options)
    options.onProgress?.('layout')
    const { layout, source } = await exportLayout(browser, env, p, issueId, options.template)
    checkAbort(options)
    options.onProgress?.('render')
    const render: RenderOptions = { bleed: options.bleed ?? 0, marks: options.marks ?? false }
    const input = printInput(env, p, layout)
    const page = await openDocument(browser, {
      html: renderIssueHtml(input, render, servedAssets(env)),
      image: (h) => readImage(env, h),
    })
    try {
      const fits = await measured(page)
      checkAbort(options)
      options.onProgress?.('pdf')
      const pdf = await page.pdf()
      const title = stampedTitle(documentTitle(p.issue), input.stamp)
      const size = pageSize(layout.template, render)
      // Loaded on first PDF, not at every start (like playwright-core).
      const { finishPdf } = await import('./pdf-finish')
      const bytes = await finishPdf(
        pdf,
        {
          title,
          author: input.author,
          subject: [p.issue.title, p.issue.edition, p.issue.number].filter(Boolean).join(' '),
          // 校样 本期未签发 · 仅供校对 / 付印 签发：丙 2026年12月2日 14:30 — who signed travels with the file.
          keywords: `${input.stamp.label} ${input.stamp.detail}`,
        },
        {
          now: env.now?.() ?? new Date(),
          boxes: {
            width: size.width / MM_PER_PT,
            height: size.height / MM_PER_PT,
            trimInset: size.outer / MM_PER_PT,
            bleedInset: (size.outer - render.bleed) / MM_PER_PT,
          },
          marks: render.marks,
          iccProfile: readFileSync(join(env.resourcesDir, 'print', 'sRGB.icc')),
        },
      )
      writeFileSync(options.out, bytes)
      options.onProgress?.('done')
      return {
        ...outcome(p, layout, source, fits),
        file: options.out,
        pages: layout.pages.length,
        pageSize: { width: size.width, height: size.height },
        template: layout.template.id,
        title,
        author: input.author,
        bytes: bytes.length,
      }
    } finally {
      await page.close()
    }
  })
}

export interface HtmlReport extends LayoutOutcome {
  file: string
  bytes: number
}

/** One self-contained HTML file: the laid-out pages with fonts (needed subsets) and images inlined. */
export async function exportHtml(
  env: ExportEnv,
  issueId: number,
  options: { out: string; template?: string } & ExportControl,
): Promise<HtmlReport> {
  return withBrowser(options, async (browser) => {
    const p = loadPrintIssue(env, issueId)
    const { layout, source } = await exportLayout(browser, env, p, issueId, options.template)
    const input = printInput(env, p, layout)
    const html = renderIssueHtml(input, { bleed: 0, marks: false }, inlineAssets(env, issueChars(p, layout)))
    writeFileSync(options.out, html)
    // Copyfit of the very file written: it needs nothing from the private origin.
    const page = await openDocument(browser, { html })
    try {
      const fits = await measured(page)
      return { ...outcome(p, layout, source, fits), file: options.out, bytes: Buffer.byteLength(html) }
    } finally {
      await page.close()
    }
  })
}
