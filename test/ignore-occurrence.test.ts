/**
 * 忽略 on a tag suggestion: 全部忽略 takes away every suggestion of that text (rejectionKey), 仅此一处
 * only the one clicked (occurrenceKey), and keeps it away when other occurrences are tagged or
 * other blocks are edited. In headless Lexical, against the real detector.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  createEditor,
  type LexicalEditor,
} from 'lexical'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { loadGazetteer } from '../src/shared/tagging'
import { DirtyBlocks } from '../src/renderer/src/editor/blocks'

type SuggestionsModule = typeof import('../src/renderer/src/editor/tagging/suggestions')
type Suggestion = import('../src/renderer/src/editor/tagging/suggestions').Suggestion

const gazetteer = loadGazetteer(JSON.parse(readFileSync(resolve(__dirname, '../resources/zones.json'), 'utf8')))
const ZONE = '太谷经济技术开发区'
const PARAGRAPHS = [
  `${ZONE}内项目建设繁忙,${ZONE}总投资12亿元。`,
  `晋城经济技术开发区与${ZONE}签约。`,
  '另起一段,没有开发区。',
]

let m: SuggestionsModule
let nodes: import('lexical').Klass<import('lexical').LexicalNode>[]
beforeAll(async () => {
  vi.stubGlobal('window', { folio: { invoke: () => Promise.resolve({ ok: false }), onFlushRequest: () => {} } })
  nodes = (await import('../src/renderer/src/editor/nodes')).BODY_NODES
  m = await import('../src/renderer/src/editor/tagging/suggestions')
})

function setup(): {
  editor: LexicalEditor
  suggest(ignored?: ReadonlySet<string>, rejected?: ReadonlySet<string>): Suggestion[]
} {
  const editor = createEditor({
    namespace: 'test',
    nodes,
    onError: (e) => {
      throw e
    },
  })
  editor.update(
    () => {
      for (const text of PARAGRAPHS) $getRoot().append($createParagraphNode().append($createTextNode(text)))
    },
    { discrete: true },
  )
  const detector = new m.BlockSuggestions(gazetteer)
  const dirty = new DirtyBlocks()
  editor.registerUpdateListener((update) => dirty.note(update))
  return {
    editor,
    suggest: (ignored = new Set(), rejected = new Set()) =>
      editor.getEditorState().read(() => detector.$update(dirty.take(), rejected, ignored).suggestions),
  }
}

const zoneOnes = (list: Suggestion[]) => list.filter((s) => s.kind === 'zone' && s.text === ZONE)

describe('仅此一处 and 全部忽略', () => {
  it('numbers each occurrence of a text within its block', () => {
    const { suggest } = setup()
    const found = zoneOnes(suggest())
    expect(found).toHaveLength(3)
    expect(found.map((s) => s.occurrence)).toEqual([0, 1, 0])
    expect(new Set(found.map((s) => m.occurrenceKey(s))).size).toBe(3)
    expect(m.countByText(suggest()).get(m.rejectionKey('zone', ZONE))).toBe(3)
  })

  it('全部忽略 takes every occurrence away; 仅此一处 only the one clicked', () => {
    const { suggest } = setup()
    const all = suggest()
    const second = zoneOnes(all)[1]
    if (!second) throw new Error('no second occurrence')
    expect(zoneOnes(suggest(new Set(), new Set([m.rejectionKey('zone', ZONE)])))).toHaveLength(0)
    const once = suggest(new Set([m.occurrenceKey(second)]))
    expect(once).toHaveLength(all.length - 1)
    expect(zoneOnes(once).map((s) => s.id)).toEqual(
      zoneOnes(all)
        .filter((s) => s !== second)
        .map((s) => s.id),
    )
  })

  it('the one ignored stays ignored when another occurrence is tagged and another block is edited', () => {
    const { editor, suggest } = setup()
    const [first, second] = zoneOnes(suggest())
    if (!first || !second) throw new Error('no occurrences')
    const ignored = new Set([m.occurrenceKey(second)])
    m.acceptAll(editor, [{ suggestion: first, payload: { kind: 'zone', zoneId: 'z', zoneName: ZONE } }])
    editor.update(
      () => {
        const last = $getRoot().getLastChild()
        if ($isElementNode(last)) last.append($createTextNode(`又见${ZONE}。`))
      },
      { discrete: true },
    )
    const left = zoneOnes(suggest(ignored))
    // Block A: the first tagged, the second ignored; block B's and the one added to C are left.
    expect(left).toHaveLength(2)
    expect(left.some((s) => s.blockKey === second.blockKey)).toBe(false)
    // Tagging the first did not renumber the second (its key still matches it).
    const inA = zoneOnes(suggest()).filter((s) => s.blockKey === second.blockKey)
    expect(inA.map((s) => [s.occurrence, m.occurrenceKey(s)])).toEqual([[1, m.occurrenceKey(second)]])
  })

  it('keeps the occurrences ignored one by one per editor', () => {
    const a = setup().editor
    const b = setup().editor
    m.ignoredOccurrences(a).set(new Set(['x']))
    expect(m.ignoredOccurrences(a).get().has('x')).toBe(true)
    expect(m.ignoredOccurrences(b).get().size).toBe(0)
  })
})
