/**
 * What an autosave sends: the top-level blocks that changed since the last save, as one splice
 * (the blocks between the common prefix and the common suffix), instead of the whole body. A
 * one-character edit in a 50,000-character article is then one paragraph on the wire. Pure: the
 * renderer's saver computes it, the server applies it to the stored body (services/articles.ts).
 */

/** A body as its top-level blocks, each serialized, and everything else about the root. */
export interface BlockState {
  root: string
  blocks: string[]
}

/** A body serialized with its blocks already cut (the editor keeps unchanged blocks' JSON). */
export interface SerializedBody {
  json: string
  blocks: BlockState
}

export interface BlockSplice {
  start: number
  remove: number
  /** JSON array of the new blocks. */
  insert: string
  /** How many blocks the body had before. */
  baseBlocks: number
}

/** The body's blocks, or null when it is not a Lexical document. */
export function blockState(json: string): BlockState | null {
  try {
    const doc = JSON.parse(json) as { root?: { children?: unknown } }
    const children = doc.root?.children
    if (!doc.root || !Array.isArray(children)) return null
    const { children: _children, ...root } = doc.root
    return { root: JSON.stringify(root), blocks: children.map((block) => JSON.stringify(block)) }
  } catch {
    return null
  }
}

/** The splice that turns `before` into `after`; null when the root itself changed (send the whole body). */
export function blockSplice(before: BlockState, after: BlockState): BlockSplice | null {
  if (before.root !== after.root) return null
  const a = before.blocks
  const b = after.blocks
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  return {
    start,
    remove: a.length - start - end,
    insert: `[${b.slice(start, b.length - end).join(',')}]`,
    baseBlocks: a.length,
  }
}
