/**
 * Pure helpers over a serialized Lexical editor state (the article body as stored).
 * No Lexical runtime needed: main, CLI and renderer all use these.
 */
import { fail } from '../api/errors'
import type { ImportBlock, TextRun } from '../import/model'
import { cleanDoc, editorDoc } from './normalize'
import { docOf, paragraphNode, textNode, type SerializedDoc, type SerializedNode } from './serialized'

export type { SerializedDoc, SerializedNode } from './serialized'
export { docOf, paragraphNode, textNode } from './serialized'

const MAX_DEPTH = 64
const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'list', 'listitem', 'photo'])

/**
 * Parses and checks a body; throws a typed invalid_input failure on anything that is not a Lexical
 * document. Only the styles Folio writes survive (normalize.ts cleanDoc): every body saved,
 * created or imported passes here.
 */
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
  return cleanDoc(value)
}

/**
 * A stored body as the editor should load it (normalize.ts editorDoc): allowed styles only, and
 * nodes of unknown types turned into paragraphs and text so that their text shows. A body that
 * is not a document at all is handed on as it is, for the editor to report.
 */
export function editorBody(json: string): string {
  let doc: SerializedDoc
  try {
    doc = parseDoc(json)
  } catch {
    return json
  }
  return JSON.stringify(editorDoc(doc))
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

export type BodyBlock = ImportBlock | { type: 'quote'; text: string }

const FORMAT_BOLD = 1
const FORMAT_ITALIC = 2

function inlineNodes(block: { text: string; runs?: TextRun[] }): SerializedNode[] {
  const runs = block.runs ?? [{ text: block.text }]
  return runs
    .filter((run) => run.text !== '')
    .map((run) => textNode(run.text, (run.bold ? FORMAT_BOLD : 0) | (run.italic ? FORMAT_ITALIC : 0)))
}

/** The serialized photo node (src/renderer/src/editor/nodes/PhotoNode.tsx reads and writes this shape). */
export function photoNode(photo: { image?: string | null; caption: string; credit: string | null }): SerializedNode {
  return { type: 'photo', version: 1, image: photo.image ?? null, caption: photo.caption, credit: photo.credit ?? '' }
}

/** Builds a body document from blocks (import, the CLI and tests). */
export function docFromBlocks(blocks: BodyBlock[]): SerializedDoc {
  const children: SerializedNode[] = blocks.map((block) => {
    if (block.type === 'photo') return photoNode(block)
    if (block.type === 'paragraph') return paragraphNode(inlineNodes(block))
    const base = { children: inlineNodes(block), direction: null, format: '', indent: 0, version: 1 }
    if (block.type === 'subhead') return { ...base, type: 'heading', tag: 'h3' }
    return { ...base, type: 'quote' }
  })
  if (children.length === 0) return emptyDoc()
  return docOf(children)
}

/** Reads a body back into blocks (export to the CLI's JSON, bundles, print). */
export function docToBlocks(doc: SerializedDoc): BodyBlock[] {
  return doc.root.children.map((node): BodyBlock => {
    if (node.type === 'photo') {
      const credit = typeof node.credit === 'string' && node.credit !== '' ? node.credit : null
      return {
        type: 'photo',
        caption: typeof node.caption === 'string' ? node.caption : '',
        credit,
        image: typeof node.image === 'string' ? node.image : null,
      }
    }
    const text = inlineText(node)
    if (node.type === 'heading') return { type: 'subhead', text }
    if (node.type === 'quote') return { type: 'quote', text }
    return { type: 'paragraph', text }
  })
}

export function emptyDoc(): SerializedDoc {
  return docOf([paragraphNode([])])
}
