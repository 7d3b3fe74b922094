/**
 * 校样 / 付印: every page of an issue's PDF says whether the issue was signed off (签发本期).
 * Not signed: 校样 (a proof, not to go to press). Signed: 付印 with who signed and when. The stamp
 * stands outside the type area — in the crop-mark slug when the PDF has one (cut off with it),
 * else in the top margin above the folio — and the PDF's Title says the same.
 */
import type { IssueSignoff } from '../../shared/api/review-types'
import type { Grid, PageTemplate } from '../../shared/layout/model'
import { esc } from './typeset'

export interface PrintStamp {
  kind: 'proof' | 'press'
  /** 校样 or 付印. */
  label: string
  /** 未签发，不得付印 / 签发：丙 2026年12月2日 14:30. */
  detail: string
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** An ISO time as the newsroom reads it, in this machine's time zone: 2026年12月2日 14:30. */
export function signedAtText(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function printStamp(signoff: IssueSignoff | null): PrintStamp {
  if (!signoff) return { kind: 'proof', label: '校样', detail: '本期未签发 · 仅供校对' }
  return { kind: 'press', label: '付印', detail: `签发：${signoff.by.name} ${signedAtText(signoff.at)}` }
}

/** The document title with the stamp: 开发区建设 专刊 2024年第25期（校样）. */
export function stampedTitle(title: string, stamp: PrintStamp): string {
  return `${title}（${stamp.label}）`
}

/** Every character the stamp can print (the HTML export inlines only the font subsets it needs). */
export function stampChars(stamp: PrintStamp): string {
  return `${stamp.label}${stamp.detail}`
}

const mm = (n: number): string => `${Math.round(n * 1000) / 1000}mm`

/**
 * The stamp of one page, positioned in the page (`outer`: bleed plus mark slug, mm). With a mark
 * slug it is centred in the slug above the bleed (between the crop marks, which sit at the
 * corners); without one it sits in the trim's top margin, right-aligned with the type area.
 */
export function stampHtml(
  stamp: PrintStamp | null | undefined,
  t: PageTemplate,
  g: Grid,
  page: { outer: number; bleed: number; width: number },
): string {
  if (!stamp) return ''
  const slug = page.outer - page.bleed
  const inner = `<span class="st-label">${esc(stamp.label)}</span><span class="st-detail">${esc(stamp.detail)}</span>`
  const data = `data-stamp="${stamp.kind}"`
  if (slug >= 6) {
    const height = Math.min(slug - 2, 6)
    return (
      `<div class="stamp ${stamp.kind} in-slug" ${data} ` +
      `style="left:0;width:${mm(page.width)};top:${mm((slug - height) / 2)};height:${mm(height)}">${inner}</div>`
    )
  }
  // In the top margin: half of it, kept clear of the type area's top edge.
  const height = Math.max(3, Math.min(g.top * 0.5, 7))
  const top = page.outer + Math.max(1, (g.top - height) / 2 - 1)
  const right = page.outer + t.margins.right
  return (
    `<div class="stamp ${stamp.kind}" ${data} ` +
    `style="right:${mm(right)};top:${mm(top)};height:${mm(height)}">${inner}</div>`
  )
}
