/**
 * The text of one block as the detectors see it, with a map back to the Lexical text nodes
 * it came from, so a detected span can be highlighted in the DOM and turned into a tag node.
 */
import { $isElementNode, $isTextNode, type ElementNode, type LexicalEditor, type TextNode } from 'lexical'
import { $isFigureTagNode } from '../nodes/FigureTagNode'
import { $isZoneTagNode } from '../nodes/ZoneTagNode'

export interface Segment {
  key: string
  start: number
  end: number
  /** Already a zone or figure tag: suggestions never overlap it. */
  tagged: boolean
}

export interface BlockText {
  blockKey: string
  text: string
  segments: Segment[]
}

export function $blockText(block: ElementNode): BlockText {
  let text = ''
  const segments: Segment[] = []
  const visit = (node: ElementNode): void => {
    for (const child of node.getChildren()) {
      if ($isTextNode(child)) {
        const content = child.getTextContent()
        segments.push({
          key: child.getKey(),
          start: text.length,
          end: text.length + content.length,
          tagged: $isZoneTagNode(child) || $isFigureTagNode(child),
        })
        text += content
      } else if ($isElementNode(child)) {
        visit(child)
      } else {
        text += child.getTextContent()
      }
    }
  }
  visit(block)
  return { blockKey: block.getKey(), text, segments }
}

export function overlapsTag(block: BlockText, start: number, end: number): boolean {
  return block.segments.some((s) => s.tagged && s.start < end && start < s.end)
}

/** The single plain text node holding [start, end), with offsets inside it; null when the span crosses nodes. */
export function locate(block: BlockText, start: number, end: number): { key: string; from: number; to: number } | null {
  const segment = block.segments.find((s) => !s.tagged && s.start <= start && end <= s.end)
  return segment ? { key: segment.key, from: start - segment.start, to: end - segment.start } : null
}

/** A DOM Range over [start, end) of a block, for highlighting (null if the DOM is not there yet). */
export function domRange(editor: LexicalEditor, block: BlockText, start: number, end: number): Range | null {
  const point = (offset: number, preferEnd: boolean): [Node, number] | null => {
    const segment = block.segments.find((s) =>
      preferEnd ? s.start < offset && offset <= s.end : s.start <= offset && offset < s.end,
    )
    if (!segment) return null
    const element = editor.getElementByKey(segment.key)
    const textNode = element ? firstTextNode(element) : null
    return textNode ? [textNode, offset - segment.start] : null
  }
  const from = point(start, false)
  const to = point(end, true)
  if (!from || !to) return null
  const range = document.createRange()
  try {
    range.setStart(from[0], Math.min(from[1], from[0].textContent?.length ?? 0))
    range.setEnd(to[0], Math.min(to[1], to[0].textContent?.length ?? 0))
  } catch {
    return null
  }
  return range
}

function firstTextNode(element: Node): Text | null {
  if (element.nodeType === Node.TEXT_NODE) return element as Text
  for (const child of Array.from(element.childNodes)) {
    const found = firstTextNode(child)
    if (found) return found
  }
  return null
}

/** Splits a plain text node around [from, to) and returns the middle part. */
export function $isolate(node: TextNode, from: number, to: number): TextNode {
  const parts = node.splitText(from, to)
  const middle = from === 0 ? parts[0] : parts[1]
  if (!middle) throw new Error('split failed')
  return middle
}
