/** Detection over the editor's blocks, off the typing path, and turning spans into tag nodes. */
import {
  $createTextNode,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $isTextNode,
  type ElementNode,
  type LexicalEditor,
} from 'lexical'
import { $isListNode } from '@lexical/list'
import { detectTags, type Gazetteer } from '@shared/tagging'
import { readTags, type FigureReading } from '@shared/tagging/figure-context'
import type { FigureTag } from '@shared/tagging/types'
import { $createFigureTagNode, type FigureData } from '../nodes/FigureTagNode'
import { $isPhotoNode } from '../nodes/PhotoNode'
import { $createZoneTagNode } from '../nodes/ZoneTagNode'
import { ALL, isDirty, type Dirty } from '../blocks'
import { createStore, type Store } from '../store'
import { $blockText, $isolate, locate, overlapsTag, type BlockText } from './segments'

export interface Suggestion {
  id: string
  kind: 'zone' | 'figure'
  blockKey: string
  start: number
  end: number
  text: string
  /**
   * Which occurrence of `text` in its block this is (0 for the first, counted over the block's
   * text, tagged or not): tagging or editing other blocks does not move it onto another one.
   */
  occurrence: number
  /** Found in a photo caption (blockKey is then the photo node's key). */
  inCaption?: boolean
  zone?: { id: string | null; name: string; known: boolean; type: string }
  /** A figure's facts with what its sentence says it measures (figure-context.ts): metric, period, zone name ('' for none). */
  figure?: { value: number; unit: string; qualifier: string | null; metric: string; period: string; zone: string }
}

export const rejectionKey = (kind: string, text: string): string => `${kind}:${text}`

/** One occurrence ignored (仅此一处), not every one of its text as rejectionKey does (全部忽略). */
export const occurrenceKey = (s: Pick<Suggestion, 'blockKey' | 'kind' | 'text' | 'occurrence'>): string =>
  `${s.blockKey}\u0000${rejectionKey(s.kind, s.text)}\u0000${s.occurrence}`

/**
 * The occurrences ignored one by one while an article is open, per editor: kept across the side
 * panel closing and opening, gone with the editor. (Ignoring every occurrence of a text is stored
 * with the article, tag.reject.)
 */
const ignoredOnce = new WeakMap<object, Store<ReadonlySet<string>>>()
export function ignoredOccurrences(editor: object): Store<ReadonlySet<string>> {
  let store = ignoredOnce.get(editor)
  if (!store) {
    store = createStore<ReadonlySet<string>>(new Set())
    ignoredOnce.set(editor, store)
  }
  return store
}

/** How many suggestions there are of each kind and text (what 全部忽略 takes away), by rejectionKey. */
export function countByText(suggestions: readonly Suggestion[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const s of suggestions) {
    const key = rejectionKey(s.kind, s.text)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** How many times `needle` occurs in `text` (not overlapping). */
function occurrences(text: string, needle: string): number {
  if (needle === '') return 0
  let count = 0
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++
  return count
}

/** Every block that holds running text: paragraphs, subheads, quotes, list items. */
export function $textBlocks(): ElementNode[] {
  const blocks: ElementNode[] = []
  const visit = (node: ElementNode): void => {
    for (const child of node.getChildren()) {
      if (!$isElementNode(child)) continue
      if ($isListNode(child) || child.getChildren().some((c) => $isListNode(c))) visit(child)
      else blocks.push(child)
    }
  }
  visit($getRoot())
  return blocks
}

interface Source {
  blockKey: string
  text: string
  inCaption: boolean
  /** The spans already tagged, as a string: a change there changes what may be suggested. */
  tagged: string
  overlaps(start: number, end: number): boolean
}

interface Entry {
  text: string
  tagged: string
  /** Detected in this block, before rejections are taken out. */
  found: Suggestion[]
  /** The block's text with its map to text nodes (null for a caption). */
  block: BlockText | null
}

function detect(source: Source, gazetteer: Gazetteer): Suggestion[] {
  const found: Suggestion[] = []
  if (source.text.trim() === '') return found
  const tags = detectTags(source.text, gazetteer)
  const readings = readTags(source.text, tags)
  for (const tag of tags) {
    if (source.overlaps(tag.start, tag.end)) continue
    const base = {
      id: `${source.blockKey}:${tag.start}:${tag.end}`,
      blockKey: source.blockKey,
      start: tag.start,
      end: tag.end,
      text: tag.text,
      occurrence: occurrences(source.text.slice(0, tag.start), tag.text),
      ...(source.inCaption && { inCaption: true }),
    }
    found.push(
      tag.kind === 'zone'
        ? { ...base, kind: 'zone', zone: tag.zone }
        : { ...base, kind: 'figure', figure: figureSuggestion(tag, readings.get(tag)) },
    )
  }
  return found
}

function figureSuggestion(tag: FigureTag, reading: FigureReading | undefined): NonNullable<Suggestion['figure']> {
  return {
    value: tag.value,
    unit: tag.unit,
    qualifier: tag.qualifier,
    metric: reading?.metric ?? '',
    period: reading?.period ?? '',
    zone: reading?.zone?.zone.name ?? '',
  }
}

function blockSource(block: BlockText): Source {
  return {
    blockKey: block.blockKey,
    text: block.text,
    inCaption: false,
    tagged: block.segments
      .filter((s) => s.tagged)
      .map((s) => `${s.start}-${s.end}`)
      .join(),
    overlaps: (start, end) => overlapsTag(block, start, end),
  }
}

/**
 * Suggestions kept per block and detected again only for a block that changed (its key was
 * touched and its text or its tagged spans differ), so that detection after a keystroke costs one
 * paragraph, not the article. A block whose text is unchanged keeps its Suggestion objects, so
 * the panel's rows for it need not render again.
 */
export class BlockSuggestions {
  private entries = new Map<string, Entry>()

  constructor(readonly gazetteer: Gazetteer) {}

  /**
   * In a read of the editor state: every suggestion in document order, without rejected ones;
   * `touched` are the blocks read again (their DOM may have changed: redo their highlights), and
   * `blocks` each block's text map for drawing.
   */
  $update(
    dirty: Dirty,
    rejected: ReadonlySet<string>,
    ignored: ReadonlySet<string> = new Set(),
  ): { suggestions: Suggestion[]; touched: Set<string>; blocks: Map<string, BlockText> } {
    const next = new Map<string, Entry>()
    const touched = new Set<string>()
    const blocks = new Map<string, BlockText>()
    const suggestions: Suggestion[] = []
    const take = (key: string, read: () => { source: Source; block: BlockText | null }): void => {
      let entry = this.entries.get(key)
      if (!entry || isDirty(dirty, key)) {
        touched.add(key)
        const { source, block } = read()
        entry =
          entry && entry.text === source.text && entry.tagged === source.tagged
            ? { ...entry, block }
            : { text: source.text, tagged: source.tagged, found: detect(source, this.gazetteer), block }
      }
      next.set(key, entry)
      if (entry.block) blocks.set(key, entry.block)
      for (const s of entry.found) {
        if (!rejected.has(rejectionKey(s.kind, s.text)) && !ignored.has(occurrenceKey(s))) suggestions.push(s)
      }
    }
    for (const element of $textBlocks()) {
      take(element.getKey(), () => {
        const block = $blockText(element)
        return { source: blockSource(block), block }
      })
    }
    for (const photo of $getRoot().getChildren().filter($isPhotoNode)) {
      take(photo.getKey(), () => {
        const text = photo.getCaption()
        const tagged = photo.getCaptionTags()
        return {
          block: null,
          source: {
            blockKey: photo.getKey(),
            text,
            inCaption: true,
            tagged: tagged.map((t) => `${t.start}-${t.end}`).join(),
            overlaps: (start, end) => tagged.some((t) => t.start < end && start < t.end),
          },
        }
      })
    }
    this.entries = next
    return { suggestions, touched, blocks }
  }
}

/** Every suggestion of the document, detected afresh. */
export function $suggest(
  gazetteer: Gazetteer,
  rejected: ReadonlySet<string>,
  ignored: ReadonlySet<string> = new Set(),
): { suggestions: Suggestion[]; blocks: BlockText[] } {
  const { suggestions, blocks } = new BlockSuggestions(gazetteer).$update(ALL, rejected, ignored)
  return { suggestions, blocks: [...blocks.values()] }
}

export type TagPayload = { kind: 'zone'; zoneId: string; zoneName: string } | { kind: 'figure'; figure: FigureData }

/** Wraps [start, end) of a block in a tag node; false when the text moved on since it was detected. */
export function $applyTag(
  blockKey: string,
  start: number,
  end: number,
  expected: string,
  payload: TagPayload,
): boolean {
  const block = $getNodeByKey(blockKey)
  if ($isPhotoNode(block)) {
    const span = { start, end, text: expected }
    return block.addCaptionTag(
      payload.kind === 'zone'
        ? { type: 'zone-tag', ...span, zoneId: payload.zoneId, zoneName: payload.zoneName }
        : { type: 'figure-tag', ...span, ...payload.figure },
    )
  }
  if (!$isElementNode(block)) return false
  const text = $blockText(block)
  if (text.text.slice(start, end) !== expected) return false
  const at = locate(text, start, end)
  const node = at ? $getNodeByKey(at.key) : null
  if (!at || !$isTextNode(node)) return false
  const middle = $isolate(node, at.from, at.to)
  const tag =
    payload.kind === 'zone'
      ? $createZoneTagNode(expected, payload.zoneId, payload.zoneName)
      : $createFigureTagNode(expected, payload.figure)
  tag.setFormat(middle.getFormat())
  middle.replace(tag)
  return true
}

/** Turns a tag back into plain text of the same look. */
export function $untag(key: string): void {
  const node = $getNodeByKey(key)
  if (!$isTextNode(node)) return
  const plain = $createTextNode(node.getTextContent())
  plain.setFormat(node.getFormat())
  node.replace(plain)
}

export function acceptAll(editor: LexicalEditor, items: { suggestion: Suggestion; payload: TagPayload }[]): number {
  let applied = 0
  editor.update(
    () => {
      for (const { suggestion: s, payload } of items) {
        if ($applyTag(s.blockKey, s.start, s.end, s.text, payload)) applied++
      }
    },
    { discrete: true },
  )
  return applied
}
