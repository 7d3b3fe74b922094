/**
 * Pure helpers over a serialized Lexical editor state (the article body as stored).
 * No Lexical runtime needed: main, CLI and renderer all use these.
 */
import { fail } from '../api/errors'

export interface SerializedNode {
  type: string
  children?: SerializedNode[]
  text?: string
  [key: string]: unknown
}

export interface SerializedDoc {
  root: SerializedNode & { type: 'root'; children: SerializedNode[] }
}

const MAX_DEPTH = 64
const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'list', 'listitem', 'photo'])

/** Parses and checks a body; throws a typed invalid_input failure on anything that is not a Lexical document. */
export function parseDoc(json: string): SerializedDoc {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    fail('invalid_input', '正文不是有效的 JSON。', 'The body is not valid JSON.', 'body')
  }
  if (!isDoc(value)) {
    fail('invalid_input', '正文不是有效的编辑器文档。', 'The body is not a valid editor document.', 'body')
  }
  return value
}

function isNode(value: unknown, depth: number): value is SerializedNode {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const node = value as Record<string, unknown>
  if (typeof node.type !== 'string') return false
  if ('text' in node && typeof node.text !== 'string') return false
  if ('children' in node) {
    if (!Array.isArray(node.children)) return false
    return node.children.every((child) => isNode(child, depth + 1))
  }
  return true
}

function isDoc(value: unknown): value is SerializedDoc {
  if (typeof value !== 'object' || value === null) return false
  const root = (value as Record<string, unknown>).root
  return isNode(root, 0) && root.type === 'root' && Array.isArray(root.children)
}

/** Plain text of a document: one line per block, line breaks kept. */
export function docToPlainText(doc: SerializedDoc): string {
  const lines: string[] = []
  for (const block of doc.root.children) collectBlocks(block, lines)
  return lines.join('\n')
}

function collectBlocks(node: SerializedNode, lines: string[]): void {
  if (node.type === 'list' || (node.type === 'listitem' && node.children?.some((c) => c.type === 'list'))) {
    for (const child of node.children ?? []) {
      if (BLOCK_TYPES.has(child.type)) collectBlocks(child, lines)
      else lines.push(inlineText(child))
    }
    return
  }
  lines.push(inlineText(node))
}

function inlineText(node: SerializedNode): string {
  if (node.type === 'linebreak') return '\n'
  if (node.type === 'tab') return '\t'
  if (typeof node.text === 'string') return node.text
  let out = ''
  for (const child of node.children ?? []) out += inlineText(child)
  if (typeof node.caption === 'string') out += node.caption
  return out
}

export type BodyBlock = { type: 'paragraph' | 'subhead' | 'quote'; text: string }

/** Builds a body document from plain blocks (used by import, the CLI and tests). */
export function docFromBlocks(blocks: BodyBlock[]): SerializedDoc {
  const children: SerializedNode[] = blocks.map((block) => {
    const textChildren: SerializedNode[] = block.text
      ? [{ type: 'text', text: block.text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }]
      : []
    const base = { children: textChildren, direction: null, format: '', indent: 0, version: 1 }
    if (block.type === 'subhead') return { ...base, type: 'heading', tag: 'h3' }
    if (block.type === 'quote') return { ...base, type: 'quote' }
    return { ...base, type: 'paragraph', textFormat: 0, textStyle: '' }
  })
  if (children.length === 0) return emptyDoc()
  return { root: { type: 'root', children, direction: null, format: '', indent: 0, version: 1 } }
}

export function emptyDoc(): SerializedDoc {
  return docFromBlocks([{ type: 'paragraph', text: '' }])
}
