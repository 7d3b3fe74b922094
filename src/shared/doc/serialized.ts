/** The shape of a stored body: a serialized Lexical editor state, as far as Folio reads it. */
export interface SerializedNode {
  type: string
  children?: SerializedNode[]
  text?: string
  [key: string]: unknown
}

export interface SerializedDoc {
  root: SerializedNode & { type: 'root'; children: SerializedNode[] }
}

/** A text node as Lexical serializes it (`format`: 1 bold, 2 italic). */
export function textNode(text: string, format = 0, style = ''): SerializedNode {
  return { type: 'text', text, detail: 0, format, mode: 'normal', style, version: 1 }
}

/** A paragraph node as Lexical serializes it. */
export function paragraphNode(children: SerializedNode[], textStyle = ''): SerializedNode {
  return { type: 'paragraph', children, direction: null, format: '', indent: 0, version: 1, textFormat: 0, textStyle }
}

/** A document of these top-level blocks. */
export function docOf(children: SerializedNode[]): SerializedDoc {
  return { root: { type: 'root', children, direction: null, format: '', indent: 0, version: 1 } }
}
