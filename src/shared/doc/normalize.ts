/**
 * What of a stored body survives, and how the editor is given a body it can show whole.
 *
 * A body arrives from article.create / article.update, a .folio bundle or an old library: it may
 * carry anything a Lexical document can. Two steps, both pure:
 *
 * - cleanNode (every body the server parses, see lexical.ts parseDoc; and again in the renderer):
 *   only the styles Folio itself writes survive — text `style`, a block's `textStyle` (the style
 *   typed text takes) — and a heading is the one 小标题 level Folio writes. Everything else a
 *   node says is kept.
 * - editorDoc (the renderer, before Lexical parses a body): a node type the editor does not know
 *   (node-types.ts) would make Lexical refuse the whole body and show nothing, so it becomes
 *   what the editor knows — an element a paragraph (or its children, when it wraps blocks), a
 *   leaf with text a text node — keeping every character visible, counted and saved. The
 *   original node (less its children and text) rides along in the node's state (`$`), which
 *   Lexical keeps and saves, under UNKNOWN_STATE.
 */
import { paragraphNode, textNode, type SerializedDoc, type SerializedNode } from './serialized'
import { isInlineType, isKnownType } from './node-types'

/**
 * The exact inline styles Folio writes: none. The toolbar offers bold and italic as formats, and
 * the editor clears any style pasted in (CleanContentPlugin). A style Folio starts writing goes
 * here, as the exact string it writes.
 */
export const ALLOWED_STYLES: ReadonlySet<string> = new Set([''])

/** The one heading level of the body: 小标题 (CleanContentPlugin's SUBHEAD_TAG). */
export const SUBHEAD_TAG = 'h3'

/** Node state key under which an unknown node's own JSON is kept (an array: several may fold into one). */
export const UNKNOWN_STATE = 'folio-unknown'

/** The fields of a node that carry CSS: TextNode `style`; ElementNode `textStyle`. */
const STYLE_FIELDS = ['style', 'textStyle'] as const

export function allowedStyle(value: unknown): string {
  return typeof value === 'string' && ALLOWED_STYLES.has(value) ? value : ''
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isNodeLike = (value: unknown): value is SerializedNode => isRecord(value) && typeof value.type === 'string'

/** A copy of the node and everything under it (children and slots) with only allowed styles. */
export function cleanNode(node: SerializedNode): SerializedNode {
  const out: SerializedNode = { ...node }
  for (const field of STYLE_FIELDS) if (field in out) out[field] = allowedStyle(out[field])
  if (out.type === 'heading') out.tag = SUBHEAD_TAG
  if (Array.isArray(node.children)) out.children = node.children.map(cleanNode)
  const slots = node.$slots
  if (isRecord(slots)) {
    out.$slots = Object.fromEntries(
      Object.entries(slots).map(([name, slot]) => [name, isNodeLike(slot) ? cleanNode(slot) : slot]),
    )
  }
  return out
}

export function cleanDoc(doc: SerializedDoc): SerializedDoc {
  return { root: { ...cleanNode(doc.root), type: 'root', children: doc.root.children.map(cleanNode) } }
}

// ── unknown node types ───────────────────────────────────────────────────────

type Context = 'block' | 'inline' | 'list'

/** Where a known element's children stand. */
function contextOf(type: string): Context {
  if (type === 'root') return 'block'
  if (type === 'list') return 'list'
  return 'inline'
}

/** The node's own JSON, less what lives on in the converted nodes. */
function original(node: SerializedNode): Record<string, unknown> {
  const { children: _children, text: _text, ...rest } = node
  return rest
}

function withUnknown(node: SerializedNode, originals: Record<string, unknown>[]): SerializedNode {
  if (originals.length === 0) return node
  const state = isRecord(node.$) ? node.$ : {}
  const kept = Array.isArray(state[UNKNOWN_STATE]) ? (state[UNKNOWN_STATE] as unknown[]) : []
  return { ...node, $: { ...state, [UNKNOWN_STATE]: [...kept, ...originals] } }
}

function listItem(children: SerializedNode[]): SerializedNode {
  return { type: 'listitem', children, direction: null, format: '', indent: 0, version: 1, value: 1 }
}

function textOf(node: SerializedNode): SerializedNode {
  // Bold and italic are the formats the body has; other bits are cleared by the editor anyway.
  const format = typeof node.format === 'number' ? node.format & 3 : 0
  return textNode(node.text ?? '', format)
}

/** Does the unknown node wrap blocks (paragraphs, photos …) rather than hold inline content? */
function wrapsBlocks(node: SerializedNode): boolean {
  return (node.children ?? []).some((child) =>
    isKnownType(child.type) ? !isInlineType(child.type) : Array.isArray(child.children) && wrapsBlocks(child),
  )
}

/** The node with its children made of known types; originals of nodes folded into it go into its state. */
function known(node: SerializedNode): SerializedNode {
  const { $slots, ...rest } = node
  const out: SerializedNode = rest
  // Folio writes no slots; a body with them keeps them in its state, out of the editor's way.
  if ($slots !== undefined) out.$ = { ...(isRecord(node.$) ? node.$ : {}), 'folio-slots': $slots }
  if (!Array.isArray(node.children)) return out
  const folded: Record<string, unknown>[] = []
  out.children = convertChildren(node.children, contextOf(node.type), folded)
  return withUnknown(out, folded)
}

/** Children in a context, unknown types converted; originals that have no node of their own go to `folded`. */
function convertChildren(
  children: SerializedNode[],
  context: Context,
  folded: Record<string, unknown>[],
): SerializedNode[] {
  const out: SerializedNode[] = []
  // Inline nodes met among blocks are gathered into one paragraph.
  let run: SerializedNode[] | null = null
  const push = (node: SerializedNode, inline: boolean): void => {
    if (context !== 'block' || !inline) {
      run = null
      out.push(context === 'list' && inline ? listItem([node]) : node)
      return
    }
    if (!run) {
      run = []
      out.push(paragraphNode(run))
    }
    run.push(node)
  }
  for (const child of children) {
    if (isKnownType(child.type)) {
      push(known(child), isInlineType(child.type))
      continue
    }
    const hasText = typeof child.text === 'string'
    const hasChildren = Array.isArray(child.children)
    if (!hasText && !hasChildren) {
      // Nothing to read: the node is left out of the editor, its JSON kept on the block around it.
      folded.push(original(child))
      continue
    }
    if (hasText) push(withUnknown(textOf(child), hasChildren ? [] : [original(child)]), true)
    if (!hasChildren) continue
    const nested = child.children ?? []
    if (context === 'inline' || (context === 'block' && wrapsBlocks(child))) {
      // Its children take its place (inline: text inside a paragraph; block: a wrapper round paragraphs).
      folded.push(original(child))
      for (const node of convertChildren(nested, context, folded)) push(node, isInlineType(node.type))
      continue
    }
    const element = context === 'list' ? listItem : paragraphNode
    const inner: Record<string, unknown>[] = []
    const converted = element(convertChildren(nested, 'inline', inner))
    push(withUnknown(converted, [original(child), ...inner]), false)
  }
  return out
}

/**
 * The body as the editor can show it: only allowed styles, and every node of a type the editor
 * knows, every character still there.
 */
export function editorDoc(doc: SerializedDoc): SerializedDoc {
  const root = known(cleanNode(doc.root))
  return { root: { ...root, type: 'root', children: root.children ?? [] } }
}
