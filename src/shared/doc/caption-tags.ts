/**
 * Tags inside a photo caption (图片说明). A caption is a plain string on the photo node, so its
 * zone and figure tags are kept beside it as spans [start, end) of that string, serialized in
 * the same shape as the body's tag text nodes (type 'zone-tag' / 'figure-tag' with the same
 * fields) so that the tag index reads both alike. When the caption is edited, spans before the
 * edit stay, spans after it shift, and spans the edit touched are dropped — as a tag node in
 * the body would lose its tag when its text is rewritten.
 */
import type { FigureFacts } from '../api/tagging-types'

interface Span {
  start: number
  end: number
  text: string
}

export type CaptionZoneTag = Span & { type: 'zone-tag'; zoneId: string; zoneName: string }
export type CaptionFigureTag = Span & { type: 'figure-tag'; zone?: string } & FigureFacts
export type CaptionTag = CaptionZoneTag | CaptionFigureTag

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** The well-formed tags of a serialized photo node that still match its caption, in caption order. */
export function readCaptionTags(caption: string, raw: unknown): CaptionTag[] {
  if (!Array.isArray(raw)) return []
  const tags: CaptionTag[] = []
  for (const item of raw) {
    if (!isObject(item)) continue
    const { start, end } = item
    if (typeof start !== 'number' || typeof end !== 'number' || !(start >= 0 && end > start)) continue
    const text = caption.slice(start, end)
    if (text !== item.text) continue
    if (item.type === 'zone-tag' && str(item.zoneName) !== '') {
      tags.push({ type: 'zone-tag', start, end, text, zoneId: str(item.zoneId), zoneName: str(item.zoneName) })
    } else if (item.type === 'figure-tag' && typeof item.value === 'number' && Number.isFinite(item.value)) {
      tags.push({
        type: 'figure-tag',
        start,
        end,
        text,
        value: item.value,
        unit: str(item.unit),
        qualifier: str(item.qualifier) || null,
        metric: str(item.metric),
        period: str(item.period),
        ...(str(item.zone) !== '' && { zone: str(item.zone) }),
      })
    }
  }
  return withoutOverlaps(tags)
}

/** Adds a tag unless it overlaps one already there or no longer matches the caption. */
export function addCaptionTag(caption: string, tags: readonly CaptionTag[], tag: CaptionTag): CaptionTag[] | null {
  if (caption.slice(tag.start, tag.end) !== tag.text || tag.end <= tag.start) return null
  if (tags.some((t) => t.start < tag.end && tag.start < t.end)) return null
  return [...tags, tag].sort((a, b) => a.start - b.start)
}

/** The tags that survive an edit of the caption from `before` to `after`. */
export function reanchorCaptionTags(before: string, after: string, tags: readonly CaptionTag[]): CaptionTag[] {
  if (before === after) return [...tags]
  let prefix = 0
  const shorter = Math.min(before.length, after.length)
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++
  // The edit replaced before[prefix, editEnd) by after[prefix, after.length - suffix).
  const editEnd = before.length - suffix
  const delta = after.length - before.length
  const kept: CaptionTag[] = []
  for (const tag of tags) {
    if (tag.end <= prefix) kept.push(tag)
    else if (tag.start >= editEnd) kept.push({ ...tag, start: tag.start + delta, end: tag.end + delta })
  }
  return kept.filter((tag) => after.slice(tag.start, tag.end) === tag.text)
}

function withoutOverlaps(tags: CaptionTag[]): CaptionTag[] {
  const sorted = [...tags].sort((a, b) => a.start - b.start)
  const out: CaptionTag[] = []
  for (const tag of sorted) {
    const last = out[out.length - 1]
    if (!last || last.end <= tag.start) out.push(tag)
  }
  return out
}
