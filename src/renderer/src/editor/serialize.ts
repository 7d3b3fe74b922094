/**
 * The body as the autosave sends it, serialized block by block: a top-level block that did not
 * change since the last save keeps its JSON, so a save of a 50,000-character article stringifies
 * the paragraph typed in rather than the whole document (three full passes before: toJSON,
 * stringify, and the saver's parse back into blocks). The result is exactly
 * `JSON.stringify(editorState.toJSON())` (test/typing-path.test.ts holds it to that), together
 * with the same blocks `blockState` would cut it into.
 */
import { $exportNodeJSON, $getRoot, $isElementNode, type EditorState, type LexicalNode } from 'lexical'
import type { SerializedBody } from '@shared/doc/splice'
import { isDirty, type Dirty } from './blocks'

/** A node and its children as `editorState.toJSON()` gives them (Folio's nodes use no slots). */
function $exportTree(node: LexicalNode): Record<string, unknown> {
  const json = $exportNodeJSON(node) as Record<string, unknown>
  if ($isElementNode(node)) {
    const children = json.children as unknown[]
    for (const child of node.getChildren()) children.push($exportTree(child))
  }
  return json
}

export class BodySerializer {
  private cache = new Map<string, string>()

  serialize(state: EditorState, dirty: Dirty): SerializedBody {
    return state.read(() => {
      const root = $getRoot()
      const next = new Map<string, string>()
      const blocks: string[] = []
      for (const block of root.getChildren()) {
        const key = block.getKey()
        const cached = isDirty(dirty, key) ? undefined : this.cache.get(key)
        const json = cached ?? JSON.stringify($exportTree(block))
        next.set(key, json)
        blocks.push(json)
      }
      this.cache = next
      // The root's own properties are flat (direction, format, indent, type, version …): its empty
      // children array is the first, and only, `"children":[]` in its JSON, wherever it stands.
      const { children: _children, ...rest } = $exportNodeJSON(root) as Record<string, unknown>
      const empty = JSON.stringify({ root: $exportNodeJSON(root) })
      const json = empty.replace('"children":[]', () => `"children":[${blocks.join(',')}]`)
      return { json, blocks: { root: JSON.stringify(rest), blocks } }
    })
  }
}
