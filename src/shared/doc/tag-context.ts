/**
 * The sentence around a tag in an article's text, found by the tag's ordinal: the position the
 * tag index (services/tags.ts) gives each tag as it walks the body — body tags and caption tags in
 * document order, a figure without a finite value skipped. Read only for the tags asked for.
 */
import { readCaptionTags } from './caption-tags'
import type { SerializedDoc, SerializedNode } from './serialized'

export interface TagContext {
  /** The sentence up to the tag (cut at `radius` characters, with …). */
  before: string
  /** The tag's text as it stands in the body. */
  text: string
  /** The rest of the sentence after the tag. */
  after: string
}

/** Element nodes that sit inside a paragraph rather than being blocks of their own (as in the index). */
const INLINE_ELEMENTS = new Set(['link', 'autolink', 'mark'])
const SENTENCE_END = /[。！？!?；;\n]/

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** The sentence of block text around [start, end), each side at most `radius` characters. */
export function sentenceAround(text: string, start: number, end: number, radius = 40): Omit<TagContext, 'text'> {
  let from = start
  while (from > 0 && start - from < radius && !SENTENCE_END.test(text[from - 1] ?? '')) from--
  let to = end
  while (to < text.length && to - end < radius && !SENTENCE_END.test(text[to] ?? '')) to++
  if (to < text.length && SENTENCE_END.test(text[to] ?? '') && text[to] !== '\n') to++
  const cutBefore = from > 0 && !SENTENCE_END.test(text[from - 1] ?? '')
  const cutAfter = to < text.length && !SENTENCE_END.test(text[to - 1] ?? '')
  return {
    before: `${cutBefore ? '…' : ''}${text.slice(from, start).trimStart()}`,
    after: `${text.slice(end, to).trimEnd()}${cutAfter ? '…' : ''}`,
  }
}

interface Block {
  text: string
  tags: { ordinal: number; start: number; end: number }[]
}

/** The contexts of the tags with these ordinals (the others are not looked at beyond counting). */
export function tagContexts(doc: SerializedDoc, ordinals: ReadonlySet<number>, radius = 40): Map<number, TagContext> {
  const out = new Map<number, TagContext>()
  let ordinal = 0
  const finish = (block: Block): void => {
    for (const tag of block.tags) {
      out.set(tag.ordinal, {
        ...sentenceAround(block.text, tag.start, tag.end, radius),
        text: block.text.slice(tag.start, tag.end),
      })
    }
  }
  const walk = (node: SerializedNode, block: Block): void => {
    for (const child of node.children ?? []) {
      if (child.type === 'zone-tag' || child.type === 'figure-tag') {
        const text = str(child.text)
        const counts = child.type === 'zone-tag' || (typeof child.value === 'number' && Number.isFinite(child.value))
        if (counts) {
          if (ordinals.has(ordinal))
            block.tags.push({ ordinal, start: block.text.length, end: block.text.length + text.length })
          ordinal++
        }
        block.text += text
      } else if (child.type === 'photo') {
        const caption = str(child.caption)
        const own: Block = { text: caption, tags: [] }
        for (const tag of readCaptionTags(caption, child.tags)) {
          if (ordinals.has(ordinal)) own.tags.push({ ordinal, start: tag.start, end: tag.end })
          ordinal++
        }
        finish(own)
      } else if (child.children) {
        if (INLINE_ELEMENTS.has(child.type)) walk(child, block)
        else {
          const own: Block = { text: '', tags: [] }
          walk(child, own)
          finish(own)
        }
      } else if (child.type === 'linebreak') block.text += '\n'
      else if (child.type === 'tab') block.text += '\t'
      else block.text += str(child.text)
    }
  }
  const root: Block = { text: '', tags: [] }
  walk(doc.root, root)
  finish(root)
  return out
}
