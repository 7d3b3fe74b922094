/**
 * The node types of an article body the editor knows, in one place for both sides: the
 * renderer's editor registers exactly these (Lexical's own plus src/renderer/src/editor/nodes
 * BODY_NODES; test/doc-node-types.test.ts checks the two agree), and the body normaliser
 * (normalize.ts) turns anything else into these before the editor sees it.
 */

/** Blocks and containers: they hold other nodes. */
export const ELEMENT_TYPES = ['root', 'paragraph', 'heading', 'quote', 'list', 'listitem'] as const

/** Inline leaves inside a block: text and the text-like tags. */
export const INLINE_TYPES = ['text', 'linebreak', 'tab', 'zone-tag', 'figure-tag'] as const

/** Blocks drawn by the app rather than edited as text: the news photo with its caption. */
export const DECORATOR_TYPES = ['photo'] as const

export const KNOWN_NODE_TYPES: readonly string[] = [...ELEMENT_TYPES, ...INLINE_TYPES, ...DECORATOR_TYPES]

const known = new Set(KNOWN_NODE_TYPES)
const elements = new Set<string>(ELEMENT_TYPES)
const inline = new Set<string>(INLINE_TYPES)

export const isKnownType = (type: string): boolean => known.has(type)
export const isElementType = (type: string): boolean => elements.has(type)
export const isInlineType = (type: string): boolean => inline.has(type)
