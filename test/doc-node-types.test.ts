/**
 * The shared body normaliser against the real editor: the node types src/shared knows are the
 * ones the renderer registers, and what editorDoc makes of a hostile or unfamiliar body is a
 * document Lexical loads whole, text and kept originals included.
 */
import { $getRoot, createEditor, type Klass, type LexicalEditor, type LexicalNode } from 'lexical'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import {
  docOf,
  docToPlainText,
  editorBody,
  parseDoc,
  textNode,
  type SerializedDoc,
  type SerializedNode,
} from '../src/shared/doc/lexical'
import { KNOWN_NODE_TYPES } from '../src/shared/doc/node-types'
import { UNKNOWN_STATE } from '../src/shared/doc/normalize'

let nodes: Klass<LexicalNode>[] = []

beforeAll(async () => {
  // The node modules reach the API module, which looks at window when loaded; Electron's bridge
  // is the quiet branch.
  vi.stubGlobal('window', { folio: { invoke: () => Promise.resolve({ ok: false }), onFlushRequest: () => {} } })
  nodes = (await import('../src/renderer/src/editor/nodes')).BODY_NODES
})

function editor(): LexicalEditor {
  return createEditor({
    namespace: 'test',
    nodes,
    onError: (error) => {
      throw error
    },
  })
}

const text = (t: string, style = ''): SerializedNode => textNode(t, 0, style)
const doc = docOf

describe('the editor and src/shared agree on node types', () => {
  it('registers exactly the known types (and Lexical’s internal artificial node, never stored)', () => {
    const registered = [...editor()._nodes.keys()].filter((type) => type !== 'artificial').sort()
    expect(registered).toEqual([...KNOWN_NODE_TYPES].sort())
  })
})

describe('editorBody gives Lexical a body it loads whole', () => {
  const hostile = doc([
    {
      type: 'paragraph',
      textStyle: 'position: fixed',
      children: [text('开发区', 'background-image: url(https://evil.example/x.png)'), text('建设')],
    },
    { type: 'some-future-node', version: 1, children: [text('你好', 'behavior: url(#x)')] },
    { type: 'heading', tag: 'style', children: [text('小标题')] },
    {
      type: 'paragraph',
      children: [
        { type: 'zone-tag', text: '太谷经济技术开发区', zoneId: 'z', zoneName: '太谷', style: 'width: expression(1)' },
        { type: 'future-leaf', text: '未知' },
      ],
    },
  ])

  it('Lexical alone refuses a body with an unknown type (why the normaliser exists)', () => {
    const e = editor()
    expect(() => e.parseEditorState(JSON.stringify(hostile))).toThrow(/some-future-node/)
  })

  it('loads the normalised body with all its text, no style, the originals kept through a save', () => {
    const e = editor()
    const state = e.parseEditorState(editorBody(JSON.stringify(hostile)))
    const shown = state.read(() => $getRoot().getTextContent())
    expect(shown.replace(/\n+/g, '\n')).toBe('开发区建设\n你好\n小标题\n太谷经济技术开发区未知')
    const saved = state.toJSON() as unknown as SerializedDoc
    // What the editor saves counts what the server counted from the stored body.
    expect(docToPlainText(saved)).toBe(docToPlainText(parseDoc(JSON.stringify(hostile))))
    const all: SerializedNode[] = []
    const walk = (n: SerializedNode): void => {
      all.push(n)
      n.children?.forEach(walk)
    }
    walk(saved.root)
    for (const n of all) {
      expect(n.style ?? '').toBe('')
      expect(n.textStyle ?? '').toBe('')
    }
    expect(all.find((n) => n.type === 'heading')?.tag).toBe('h3')
    const kept = all.flatMap(
      (n) => ((n.$ as Record<string, unknown[]> | undefined)?.[UNKNOWN_STATE] ?? []) as SerializedNode[],
    )
    expect(kept.map((n) => n.type).sort()).toEqual(['future-leaf', 'some-future-node'])
    // Loading what was saved gives the same document again.
    expect(e.parseEditorState(editorBody(JSON.stringify(saved))).toJSON()).toEqual(saved)
  })
})
