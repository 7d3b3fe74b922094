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
