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
import type { CaptionTag } from '@shared/doc/caption-tags'
import { $createFigureTagNode, type FigureData } from '../nodes/FigureTagNode'
import { $isPhotoNode, type PhotoNode } from '../nodes/PhotoNode'
import { $createZoneTagNode } from '../nodes/ZoneTagNode'
import { $blockText, $isolate, locate, overlapsTag, type BlockText } from './segments'

export interface Suggestion {
  id: string
  kind: 'zone' | 'figure'
  blockKey: string
  start: number
  end: number
  text: string
  /** Found in a photo caption (blockKey is then the photo node's key). */
  inCaption?: boolean
  zone?: { id: string | null; name: string; known: boolean; type: string }
  figure?: { value: number; unit: string; qualifier: string | null }
}

export const rejectionKey = (kind: string, text: string): string => `${kind}:${text}`

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

/** Photo captions: their text is detected like a block's, their tags are spans on the photo node. */
function $captions(): { blockKey: string; text: string; tagged: readonly CaptionTag[] }[] {
  return $getRoot()
    .getChildren()
    .filter($isPhotoNode)
    .map((photo: PhotoNode) => ({ blockKey: photo.getKey(), text: photo.getCaption(), tagged: photo.getCaptionTags() }))
}

export function $suggest(
  gazetteer: Gazetteer,
  rejected: ReadonlySet<string>,
): { suggestions: Suggestion[]; blocks: BlockText[] } {
  const suggestions: Suggestion[] = []
  const blocks = $textBlocks().map($blockText)
  const sources = [
    ...blocks.map((block) => ({
      blockKey: block.blockKey,
      text: block.text,
      inCaption: false,
      overlaps: (start: number, end: number) => overlapsTag(block, start, end),
    })),
    ...$captions().map((caption) => ({
      blockKey: caption.blockKey,
      text: caption.text,
      inCaption: true,
      overlaps: (start: number, end: number) => caption.tagged.some((t) => t.start < end && start < t.end),
    })),
  ]
  for (const source of sources) {
    if (source.text.trim() === '') continue
    for (const tag of detectTags(source.text, gazetteer)) {
      if (source.overlaps(tag.start, tag.end) || rejected.has(rejectionKey(tag.kind, tag.text))) continue
      const base = {
        id: `${source.blockKey}:${tag.start}:${tag.end}`,
        blockKey: source.blockKey,
        start: tag.start,
        end: tag.end,
        text: tag.text,
        ...(source.inCaption && { inCaption: true }),
      }
      suggestions.push(
        tag.kind === 'zone'
          ? { ...base, kind: 'zone', zone: tag.zone }
          : { ...base, kind: 'figure', figure: { value: tag.value, unit: tag.unit, qualifier: tag.qualifier } },
      )
    }
  }
  return { suggestions, blocks }
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
