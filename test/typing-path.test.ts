/**
 * The typing path's per-block work against the real editor: 字数 kept per block and detection
 * redone per changed block give what a full recount and a full detection give, after edits in
 * one block, across blocks, block splits and joins, deletions, tags accepted, undo and redo.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createEmptyHistoryState, registerHistory } from '@lexical/history'
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isTextNode,
  createEditor,
  REDO_COMMAND,
  UNDO_COMMAND,
  type Klass,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { loadGazetteer } from '../src/shared/tagging'
import { countChars } from '../src/shared/text/count'
import type {
  BlockSuggestions as BlockSuggestionsType,
  Suggestion,
} from '../src/renderer/src/editor/tagging/suggestions'
import type { BlockCounter as BlockCounterType } from '../src/renderer/src/editor/plugins/CountPlugin'
import { DirtyBlocks } from '../src/renderer/src/editor/blocks'
import { blockState } from '../src/shared/doc/splice'

const gazetteer = loadGazetteer(JSON.parse(readFileSync(resolve(__dirname, '../resources/zones.json'), 'utf8')))

let nodes: Klass<LexicalNode>[] = []
let BlockCounter: typeof BlockCounterType
let registerCount: typeof import('../src/renderer/src/editor/plugins/CountPlugin').registerCount
let BlockSuggestions: typeof BlockSuggestionsType
let $suggest: typeof import('../src/renderer/src/editor/tagging/suggestions').$suggest
let acceptAll: typeof import('../src/renderer/src/editor/tagging/suggestions').acceptAll
let BodySerializer: typeof import('../src/renderer/src/editor/serialize').BodySerializer
let $createPhotoNode: typeof import('../src/renderer/src/editor/nodes/PhotoNode').$createPhotoNode

beforeAll(async () => {
  // The node modules reach the API module, which looks at window when loaded.
  vi.stubGlobal('window', { folio: { invoke: () => Promise.resolve({ ok: false }), onFlushRequest: () => {} } })
  nodes = (await import('../src/renderer/src/editor/nodes')).BODY_NODES
  ;({ BlockCounter, registerCount } = await import('../src/renderer/src/editor/plugins/CountPlugin'))
  ;({ BlockSuggestions, $suggest, acceptAll } = await import('../src/renderer/src/editor/tagging/suggestions'))
  ;({ BodySerializer } = await import('../src/renderer/src/editor/serialize'))
  ;({ $createPhotoNode } = await import('../src/renderer/src/editor/nodes/PhotoNode'))
})

const PARAGRAPHS = [
  '在时代发展的浪潮中,全省开发区正以崭新的姿态阔步前行。',
  '仲夏时节,太谷经济技术开发区内的项目一期建设现场一派繁忙景象,总投资12亿元。',
  '晋城经济技术开发区紧紧抓住产业转移的大好时机,年产10万吨。',
  '文水经济开发区增长42.3%。',
]

interface Harness {
  editor: LexicalEditor
  /** Per-block results, as the plugins compute them after each update. */
  count(): ReturnType<BlockCounterType['$count']>
  suggest(): Suggestion[]
  /** The same, computed from scratch. */
  fullCount(): ReturnType<typeof countChars>
  fullSuggest(): Suggestion[]
}

function harness(): Harness {
  const editor = createEditor({
    namespace: 'test',
    nodes,
    onError: (error) => {
      throw error
    },
  })
  registerHistory(editor, createEmptyHistoryState(), 0)
  editor.update(
    () => {
      const root = $getRoot()
      for (const text of PARAGRAPHS) root.append($createParagraphNode().append($createTextNode(text)))
    },
    { discrete: true },
  )
  const counter = new BlockCounter()
  const detector = new BlockSuggestions(gazetteer)
  const countDirty = new DirtyBlocks()
  const tagDirty = new DirtyBlocks()
  editor.registerUpdateListener((update) => {
    countDirty.note(update)
    tagDirty.note(update)
  })
  const read = <T>(fn: () => T): T => editor.getEditorState().read(fn)
  return {
    editor,
    count: () => read(() => counter.$count(countDirty.take())),
    suggest: () => read(() => detector.$update(tagDirty.take(), new Set()).suggestions),
    fullCount: () => read(() => countChars($getRoot().getTextContent())),
    fullSuggest: () => read(() => $suggest(gazetteer, new Set()).suggestions),
  }
}

/** Undo and redo commit in a microtask, as in the app. */
async function history(editor: LexicalEditor, command: typeof UNDO_COMMAND | typeof REDO_COMMAND): Promise<void> {
  editor.dispatchCommand(command, undefined)
  await new Promise((resolve) => setTimeout(resolve, 0))
}

const edit = (editor: LexicalEditor, fn: () => void): void => editor.update(fn, { discrete: true })

function $paragraph(index: number) {
  const block = $getRoot().getChildAtIndex(index)
  if (!$isElementNode(block)) throw new Error('no block')
  return block
}

function $appendText(index: number, text: string): void {
  const last = $paragraph(index).getLastDescendant()
  if ($isTextNode(last)) last.setTextContent(last.getTextContent() + text)
}

const plain = (list: Suggestion[]) => list.map(({ id, kind, text }) => ({ id, kind, text }))

describe('per-block 字数', () => {
  it('stays equal to a full recount through edits in one block, across blocks, splits, joins, undo and redo', async () => {
    const h = harness()
    expect(h.count()).toEqual(h.fullCount())

    edit(h.editor, () => $appendText(1, '新增的一句话,共12个字。'))
    expect(h.count()).toEqual(h.fullCount())

    // Two blocks in one update, then a block removed and one inserted.
    edit(h.editor, () => {
      $appendText(0, '甲')
      $appendText(3, '乙乙')
    })
    expect(h.count()).toEqual(h.fullCount())
    edit(h.editor, () => {
      $paragraph(2).remove()
      $paragraph(0).insertAfter($createParagraphNode().append($createTextNode('插入的段落,含3个数字123。')))
    })
    expect(h.count()).toEqual(h.fullCount())

    // Split a paragraph's text in two, then join two paragraphs.
    edit(h.editor, () => {
      const block = $paragraph(1)
      const text = block.getTextContent()
      block.clear().append($createTextNode(text.slice(0, 5)))
      block.insertAfter($createParagraphNode().append($createTextNode(text.slice(5))))
    })
    expect(h.count()).toEqual(h.fullCount())
    edit(h.editor, () => {
      const [first, second] = [$paragraph(0), $paragraph(1)]
      for (const child of second.getChildren()) first.append(child)
      second.remove()
    })
    expect(h.count()).toEqual(h.fullCount())

    const joined = h.fullCount()
    await history(h.editor, UNDO_COMMAND)
    expect(h.count()).toEqual(h.fullCount())
    await history(h.editor, UNDO_COMMAND)
    expect(h.count()).toEqual(h.fullCount())
    await history(h.editor, REDO_COMMAND)
    expect(h.count()).toEqual(h.fullCount())
    await history(h.editor, REDO_COMMAND)
    expect(h.count()).toEqual(joined)
  })
})

describe('字数 while typing', () => {
  it('is taken once the text rests, never in the updates of keys that keep coming', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    try {
      const { editor, fullCount } = harness()
      const counts: number[] = []
      const unregister = registerCount(editor, (count) => counts.push(count.chars))
      expect(counts).toEqual([fullCount().chars])
      // 40 keys 60 ms apart (2.4 s): what shows 字数 waits for the pause, so no count on their way.
      for (let i = 0; i < 40; i++) {
        edit(editor, () => $appendText(1, '新'))
        vi.advanceTimersByTime(60)
      }
      expect(counts).toHaveLength(1)
      vi.advanceTimersByTime(300)
      expect(counts).toEqual([fullCount().chars - 40, fullCount().chars])
      unregister()
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('per-block serialization for the autosave', () => {
  it('gives exactly JSON.stringify(toJSON()) and its blocks through edits, tags, photos, undo and redo', async () => {
    const h = harness()
    const serializer = new BodySerializer()
    const dirty = new DirtyBlocks()
    h.editor.registerUpdateListener((update) => dirty.note(update))
    const check = (): void => {
      const state = h.editor.getEditorState()
      const whole = JSON.stringify(state.toJSON())
      const got = serializer.serialize(state, dirty.take())
      expect(got.json).toBe(whole)
      expect(got.blocks).toEqual(blockState(whole))
    }
    check()
    edit(h.editor, () => $appendText(1, '新增的一句话。'))
    check()
    // Nothing changed: every block from the cache.
    check()
    // A figure tag accepted: the paragraph's text nodes split around a tag node.
    const figure = h.suggest().find((s) => s.kind === 'figure')
    if (!figure) throw new Error('no figure suggested')
    acceptAll(h.editor, [
      {
        suggestion: figure,
        payload: { kind: 'figure', figure: { value: 12, unit: '亿元', qualifier: null, metric: '', period: '' } },
      },
    ])
    await new Promise((resolve) => setTimeout(resolve, 0))
    check()
    edit(h.editor, () => {
      $paragraph(0).insertAfter($createPhotoNode({ image: null, caption: '孝义经济开发区一角', credit: '王超摄' }))
    })
    check()
    edit(h.editor, () => {
      const photo = $getRoot().getChildAtIndex(1) as unknown as { setCaption(caption: string): void }
      photo.setCaption('孝义经济开发区一角（资料图）')
    })
    check()
    edit(h.editor, () => {
      $paragraph(3).remove()
      $paragraph(0).insertAfter($createParagraphNode().append($createTextNode('插入的段落。')))
    })
    check()
    await history(h.editor, UNDO_COMMAND)
    check()
    await history(h.editor, UNDO_COMMAND)
    check()
    await history(h.editor, REDO_COMMAND)
    check()
  })
})

describe('per-block detection', () => {
  it('re-detects the edited paragraph and keeps the suggestions of untouched ones as they were', () => {
    const h = harness()
    const before = h.suggest()
    expect(plain(before)).toEqual(plain(h.fullSuggest()))
    expect(before.some((s) => s.text === '文水经济开发区')).toBe(true)

    // Add a zone to the first paragraph: it appears; every other suggestion is the same object.
    edit(h.editor, () => $appendText(0, '应县经济技术开发区'))
    const after = h.suggest()
    expect(plain(after)).toEqual(plain(h.fullSuggest()))
    expect(after.some((s) => s.text === '应县经济技术开发区')).toBe(true)
    const firstKey = h.editor.getEditorState().read(() => $paragraph(0).getKey())
    for (const s of after.filter((s) => s.blockKey !== firstKey)) expect(before).toContain(s)

    // Remove the zone from the last paragraph: its suggestion goes, the others stay.
    edit(h.editor, () => {
      const last = $paragraph(3).getFirstDescendant()
      if ($isTextNode(last)) last.setTextContent('增长42.3%。')
    })
    const removed = h.suggest()
    expect(plain(removed)).toEqual(plain(h.fullSuggest()))
    expect(removed.some((s) => s.text === '文水经济开发区')).toBe(false)
    expect(removed.filter((s) => s.text === '应县经济技术开发区')).toHaveLength(1)
  })

  it('drops an accepted suggestion and follows undo', async () => {
    const h = harness()
    const first = h.suggest().find((s) => s.kind === 'figure')
    if (!first) throw new Error('no figure suggested')
    expect(
      acceptAll(h.editor, [
        {
          suggestion: first,
          payload: { kind: 'figure', figure: { value: 12, unit: '亿元', qualifier: null, metric: '', period: '' } },
        },
      ]),
    ).toBe(1)
    const accepted = h.suggest()
    expect(plain(accepted)).toEqual(plain(h.fullSuggest()))
    expect(accepted.some((s) => s.id === first.id)).toBe(false)

    await history(h.editor, UNDO_COMMAND)
    const undone = h.suggest()
    expect(plain(undone)).toEqual(plain(h.fullSuggest()))
    expect(undone.some((s) => s.id === first.id)).toBe(true)
  })
})
