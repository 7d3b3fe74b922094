/**
 * 校对 in the real editor (headless Lexical): findings per block kept and redone per changed block,
 * fixes through editor updates (one undo step each), tags never edited, captions fixed, and a
 * long article proofed in slices.
 */
import { createEmptyHistoryState, registerHistory } from '@lexical/history'
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  createEditor,
  HISTORY_PUSH_TAG,
  UNDO_COMMAND,
  type Klass,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { fixAll } from '@shared/proof'
import { ALL, DirtyBlocks } from '../blocks'
import type * as Proofs from './proofs'

let nodes: Klass<LexicalNode>[] = []
let P: typeof Proofs
let $createZoneTagNode: typeof import('../nodes/ZoneTagNode').$createZoneTagNode
let $createPhotoNode: typeof import('../nodes/PhotoNode').$createPhotoNode

beforeAll(async () => {
  // The node modules reach the API module, which looks at window when loaded.
  vi.stubGlobal('window', { folio: { invoke: () => Promise.resolve({ ok: false }), onFlushRequest: () => {} } })
  nodes = (await import('../nodes')).BODY_NODES
  P = await import('./proofs')
  ;({ $createZoneTagNode } = await import('../nodes/ZoneTagNode'))
  ;({ $createPhotoNode } = await import('../nodes/PhotoNode'))
})

const PARAGRAPHS = [
  '在时代发展的浪潮中,全省开发区正以崭新的姿态阔步前行;新质生产力的培育为开发区增添了动能。',
  '该项目总投资12亿元,增长42.3%,联系邮箱kfjzsk@163.com。',
  '“要当好金牌“店小二”,优化服务”,他说。',
]

function editorWith(build: () => void): LexicalEditor {
  const editor = createEditor({
    namespace: 'test',
    nodes,
    onError: (error) => {
      throw error
    },
  })
  registerHistory(editor, createEmptyHistoryState(), 0)
  editor.update(build, { discrete: true })
  return editor
}

const plainEditor = (): LexicalEditor =>
  editorWith(() => {
    for (const text of PARAGRAPHS) $getRoot().append($createParagraphNode().append($createTextNode(text)))
  })

const texts = (editor: LexicalEditor): string[] =>
  editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((c) => c.getTextContent()),
  )

async function undo(editor: LexicalEditor): Promise<void> {
  editor.dispatchCommand(UNDO_COMMAND, undefined)
  await new Promise((resolve) => setTimeout(resolve, 0))
}

describe('findings per block', () => {
  it('proofs every block once, then only the blocks an update changed', () => {
    const editor = plainEditor()
    const proofs = new P.BlockProofs()
    const dirty = new DirtyBlocks()
    editor.registerUpdateListener((u) => void dirty.note(u))
    const first = editor.getEditorState().read(() => proofs.$update(dirty.take()))
    expect(first.items.filter((i) => i.rule === 'halfwidth-comma').length).toBeGreaterThanOrEqual(2)
    expect(first.items.some((i) => i.text.includes('42.3') || i.text.includes('@'))).toBe(false)

    editor.update(
      () => {
        const block = $getRoot().getChildAtIndex(1)
        if ($isElementNode(block)) block.append($createTextNode('另有,一句'))
      },
      { discrete: true },
    )
    const second = editor.getEditorState().read(() => proofs.$update(dirty.take()))
    const keys = editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .map((c) => c.getKey()),
    )
    // Untouched blocks keep their finding objects; the changed one has its new comma.
    for (const key of [keys[0], keys[2]]) {
      expect(second.items.filter((i) => i.blockKey === key)).toEqual(first.items.filter((i) => i.blockKey === key))
      expect(second.items.find((i) => i.blockKey === key)).toBe(first.items.find((i) => i.blockKey === key))
    }
    expect(second.items.filter((i) => i.blockKey === keys[1] && i.before.endsWith('另有'))).toHaveLength(1)
  })

  it('proofs a long article in slices when time runs out, then completes it', () => {
    const editor = editorWith(() => {
      for (let i = 0; i < 30; i++)
        $getRoot().append($createParagraphNode().append($createTextNode(PARAGRAPHS[0] ?? '')))
    })
    const proofs = new P.BlockProofs()
    const sliced = editor.getEditorState().read(() => proofs.$update(ALL, -Infinity))
    expect(sliced.pending).toBe(30)
    expect(sliced.items).toEqual([])
    const done = editor.getEditorState().read(() => proofs.$update({ all: false, keys: new Set() }))
    expect(done.pending).toBe(0)
    expect(done.items.length).toBe(30 * 2)
  })
})

describe('fixes', () => {
  it('全部修改 gives what fixAll gives, in one undo step; 修改 one is its own step', async () => {
    const editor = plainEditor()
    const proofs = new P.BlockProofs()
    const run = () => editor.getEditorState().read(() => proofs.$update(ALL))
    const one = run().items.find((i) => i.rule === 'halfwidth-semicolon')
    if (!one) throw new Error('no semicolon finding')
    let done = false
    editor.update(() => void (done = P.$applyFix(one)), { tag: HISTORY_PUSH_TAG, discrete: true })
    expect(done).toBe(true)
    const afterOne = texts(editor)
    expect(afterOne[0]).toContain('阔步前行；新质')

    let applied = 0
    editor.update(() => void (applied = P.$fixAllSafe(run().items, new Set())), {
      tag: HISTORY_PUSH_TAG,
      discrete: true,
    })
    expect(applied).toBeGreaterThan(2)
    expect(texts(editor)).toEqual(PARAGRAPHS.map((p) => fixAll(p)))
    expect(run().items.filter((i) => i.fixKind === 'safe' && i.canFix)).toEqual([])

    await undo(editor)
    expect(texts(editor)).toEqual(afterOne)
    await undo(editor)
    expect(texts(editor)).toEqual(PARAGRAPHS)
  })

  it('同类全改 fixes one rule only, in one update', () => {
    const editor = plainEditor()
    const proofs = new P.BlockProofs()
    const items = editor.getEditorState().read(() => proofs.$update(ALL)).items
    editor.update(() => void P.$fixRule(items, new Set(), 'halfwidth-comma'), { discrete: true })
    const [first] = texts(editor)
    expect(first).toContain('浪潮中，全省')
    expect(first).toContain('阔步前行;新质')
  })

  it('never edits inside a tag, and leaves ignored findings alone', () => {
    const editor = editorWith(() => {
      $getRoot().append(
        $createParagraphNode().append(
          $createTextNode('据悉,'),
          $createZoneTagNode('示范区(一期)', 'z1', '示范区'),
          $createTextNode('建成投产,效益明显'),
        ),
      )
    })
    const proofs = new P.BlockProofs()
    const items = editor.getEditorState().read(() => proofs.$update(ALL)).items
    const inTag = items.filter((i) => i.inTag)
    expect(inTag.length).toBeGreaterThan(0)
    expect(inTag.every((i) => !i.canFix)).toBe(true)
    const ignored = items.find((i) => i.text === ',' && i.after.startsWith('效益'))
    if (!ignored) throw new Error('no comma finding')
    editor.update(() => void P.$fixAllSafe(items, new Set([P.ignoreKey(ignored)])), { discrete: true })
    expect(texts(editor)).toEqual(['据悉，示范区(一期)建成投产,效益明显'])
    expect(
      editor.getEditorState().read(() =>
        $getRoot()
          .getAllTextNodes()
          .map((n) => n.getType()),
      ),
    ).toContain('zone-tag')
  })

  it('fixes a caption through the photo node, keeping its tags', () => {
    const editor = editorWith(() => {
      $getRoot().append(
        $createPhotoNode({
          image: null,
          caption: '车间内,工人正在作业',
          credit: '',
          tags: [{ type: 'zone-tag', start: 6, end: 8, text: '正在', zoneId: 'z', zoneName: 'z' }],
        }),
      )
    })
    const proofs = new P.BlockProofs()
    const items = editor.getEditorState().read(() => proofs.$update(ALL)).items
    expect(items.map((i) => [i.text, i.inCaption])).toEqual([[',', true]])
    editor.update(() => void P.$fixAllSafe(items, new Set()), { discrete: true })
    expect(texts(editor)).toEqual(['车间内，工人正在作业'])
    const tags = editor.getEditorState().read(() => {
      const photo = $getRoot().getFirstChild()
      return photo && 'getCaptionTags' in photo ? (photo as { getCaptionTags(): unknown[] }).getCaptionTags() : []
    })
    expect(tags).toMatchObject([{ start: 6, end: 8, text: '正在' }])
  })
})
