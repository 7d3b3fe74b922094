import { describe, expect, it } from 'vitest'
import { countChars } from '../text/count'
import {
  docFromBlocks,
  docOf,
  docToPlainText,
  editorBody,
  paragraphNode,
  parseDoc,
  textNode,
  type SerializedDoc,
  type SerializedNode,
} from './lexical'
import { allowedStyle, editorDoc, UNKNOWN_STATE } from './normalize'
import { isKnownType } from './node-types'

const text = (t: string, extra: Record<string, unknown> = {}): SerializedNode => ({ ...textNode(t), ...extra })

const para = (children: SerializedNode[], extra: Record<string, unknown> = {}): SerializedNode => ({
  ...paragraphNode(children),
  ...extra,
})

const doc = docOf

const json = (d: SerializedDoc): string => JSON.stringify(d)

/** Every node of a tree, children and slots. */
function nodes(node: SerializedNode): SerializedNode[] {
  const slots = node.$slots && typeof node.$slots === 'object' ? Object.values(node.$slots as object) : []
  return [node, ...(node.children ?? []).flatMap(nodes), ...(slots as SerializedNode[]).flatMap(nodes)]
}

const HOSTILE_STYLES = [
  'background-image: url(https://evil.example/track.png)',
  'background: url("javascript:alert(1)")',
  'width: expression(alert(1))',
  'position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; z-index: 99999',
  'behavior: url(#default#VML)',
  '-moz-binding: url("http://evil.example/xbl.xml#x")',
  'color: red',
  'font-size: 0',
  'display:none',
  '',
]

describe('styles: only what Folio writes survives', () => {
  it('allows the empty style and nothing else', () => {
    expect(allowedStyle('')).toBe('')
    for (const style of HOSTILE_STYLES) expect(allowedStyle(style)).toBe('')
    expect(allowedStyle(42)).toBe('')
    expect(allowedStyle({ color: 'red' })).toBe('')
    expect(allowedStyle(undefined)).toBe('')
  })

  it('strips text styles and block text styles at every depth, tags and list items included', () => {
    const hostile = HOSTILE_STYLES[3]!
    const body = doc([
      para([text('开发区', { style: HOSTILE_STYLES[0] }), text('建设')], { textStyle: hostile }),
      {
        type: 'list',
        listType: 'bullet',
        start: 1,
        tag: 'ul',
        version: 1,
        children: [
          {
            type: 'listitem',
            value: 1,
            version: 1,
            textStyle: HOSTILE_STYLES[2],
            children: [
              text('一', { style: HOSTILE_STYLES[4] }),
              {
                type: 'list',
                listType: 'number',
                version: 1,
                children: [{ type: 'listitem', version: 1, children: [text('二', { style: hostile })] }],
              },
            ],
          },
        ],
      },
      para([
        { type: 'zone-tag', text: '太谷经济技术开发区', style: hostile, zoneId: 'z1', zoneName: '太谷', version: 1 },
        { type: 'figure-tag', text: '717亿元', style: HOSTILE_STYLES[5], version: 1 },
        { type: 'some-future-inline', children: [text('未来', { style: hostile })] },
      ]),
      { type: 'quote', children: [text('引', { style: 'color: red' })], textStyle: 'color: red', version: 1 },
    ])
    const parsed = parseDoc(json(body))
    const all = nodes(parsed.root)
    const styled = all.filter((n) => 'style' in n || 'textStyle' in n)
    expect(styled.length).toBe(12)
    for (const node of styled) {
      if ('style' in node) expect(node.style).toBe('')
      if ('textStyle' in node) expect(node.textStyle).toBe('')
    }
    // Nothing else is lost: the text and the tags' own fields stay.
    expect(docToPlainText(parsed)).toBe(docToPlainText(body))
    expect(all.find((n) => n.type === 'zone-tag')).toMatchObject({ zoneId: 'z1', zoneName: '太谷' })
  })

  it('strips styles inside slots and leaves the photo caption and credit as they were', () => {
    const photo = {
      type: 'photo',
      version: 1,
      image: null,
      caption: '车间内,工人正在作业。',
      credit: '王超',
      style: 'x',
    }
    const slotted = para([text('正文')], { $slots: { note: para([text('注', { style: 'position:fixed' })]) } })
    const parsed = parseDoc(json(doc([photo, slotted])))
    expect(parsed.root.children[0]).toEqual({ ...photo, style: '' })
    const slot = (parsed.root.children[1]?.$slots as Record<string, SerializedNode>).note!
    expect(slot.children?.[0]?.style).toBe('')
  })

  it('makes every heading the 小标题 level, whatever tag it claims', () => {
    for (const tag of ['h1', 'style', 'script', 'iframe', 'img', 'h3']) {
      const parsed = parseDoc(json(doc([{ type: 'heading', tag, version: 1, children: [text('传统产业蝶变新生')] }])))
      expect(parsed.root.children[0]?.tag).toBe('h3')
    }
  })

  it('leaves a body Folio wrote exactly as it was', () => {
    const body = docFromBlocks([
      {
        type: 'paragraph',
        text: '在时代发展的浪潮中',
        runs: [{ text: '在时代', bold: true }, { text: '发展的浪潮中' }],
      },
      { type: 'subhead', text: '传统产业蝶变新生' },
      { type: 'photo', caption: '工人正在作业。', credit: '王超', image: null },
      { type: 'quote', text: '向“新”而行' },
    ])
    expect(parseDoc(json(body))).toEqual(body)
    expect(JSON.parse(editorBody(json(body)))).toEqual(body)
  })
})

describe('unknown node types keep their text', () => {
  const sample = doc([
    para([text('第一段')]),
    { type: 'some-future-node', version: 1, flavour: 'x', children: [text('你好')] },
  ])

  it('counts an unknown node’s text on the server as the editor will', () => {
    const parsed = parseDoc(json(sample))
    expect(docToPlainText(parsed)).toBe('第一段\n你好')
    const shown = editorDoc(parsed)
    expect(docToPlainText(shown)).toBe('第一段\n你好')
    expect(countChars(docToPlainText(shown)).chars).toBe(5)
  })

  it('turns an unknown element into a paragraph that keeps the original in its state', () => {
    const shown = editorDoc(parseDoc(json(sample)))
    const converted = shown.root.children[1]!
    expect(converted.type).toBe('paragraph')
    expect(converted.children).toEqual([text('你好')])
    expect(converted.$).toEqual({ [UNKNOWN_STATE]: [{ type: 'some-future-node', version: 1, flavour: 'x' }] })
  })

  it('turns unknown leaves with text into text, inline or on their own line', () => {
    const body = doc([
      { type: 'future-leaf', text: '孤行', version: 1 },
      para([text('甲'), { type: 'mention', text: '@王波', format: 1, style: 'color:red' }, text('乙')]),
    ])
    const shown = editorDoc(parseDoc(json(body)))
    expect(shown.root.children.map((n) => n.type)).toEqual(['paragraph', 'paragraph'])
    expect(shown.root.children[0]?.children?.[0]).toMatchObject({ type: 'text', text: '孤行', style: '' })
    expect(shown.root.children[1]?.children?.[1]).toMatchObject({ type: 'text', text: '@王波', format: 1, style: '' })
    expect(shown.root.children[1]?.children?.[1]?.$).toEqual({
      [UNKNOWN_STATE]: [{ type: 'mention', format: 1, style: '' }],
    })
    expect(docToPlainText(shown)).toBe('孤行\n甲@王波乙')
  })

  it('unwraps an unknown inline element into the paragraph around it', () => {
    const body = doc([para([text('见'), { type: 'link', url: 'https://x', children: [text('此处')] }, text('。')])])
    const shown = editorDoc(parseDoc(json(body)))
    const p = shown.root.children[0]!
    expect(p.children?.map((n) => n.text)).toEqual(['见', '此处', '。'])
    expect(p.$).toEqual({ [UNKNOWN_STATE]: [{ type: 'link', url: 'https://x' }] })
  })

  it('unwraps an unknown wrapper of blocks into those blocks', () => {
    const body = doc([
      {
        type: 'section',
        children: [para([text('一')]), { type: 'heading', tag: 'h3', children: [text('二')] }, text('三')],
      },
    ])
    const shown = editorDoc(parseDoc(json(body)))
    expect(shown.root.children.map((n) => n.type)).toEqual(['paragraph', 'heading', 'paragraph'])
    expect(docToPlainText(shown)).toBe('一\n二\n三')
    expect(shown.root.$).toEqual({ [UNKNOWN_STATE]: [{ type: 'section' }] })
  })

  it('converts unknown nodes at any depth, in lists too, and keeps the text-less ones in the state', () => {
    const body = doc([
      {
        type: 'list',
        listType: 'bullet',
        children: [
          { type: 'listitem', children: [{ type: 'fancy', children: [{ type: 'deeper', text: '深' }] }] },
          { type: 'checkitem', children: [text('项')] },
        ],
      },
      { type: 'embed', src: 'https://video' },
      para([text('末'), { type: 'widget', id: 7 }]),
    ])
    const shown = editorDoc(parseDoc(json(body)))
    const all = nodes(shown.root)
    expect(all.filter((n) => !isKnownType(n.type))).toEqual([])
    // The text-less embed was an empty line on the server; the 字数 is the same.
    expect(docToPlainText(parseDoc(json(body)))).toBe('深\n项\n\n末')
    expect(docToPlainText(shown)).toBe('深\n项\n末')
    expect(shown.root.children[0]?.children?.map((n) => n.type)).toEqual(['listitem', 'listitem'])
    expect(shown.root.$).toEqual({ [UNKNOWN_STATE]: [{ type: 'embed', src: 'https://video' }] })
    expect(shown.root.children[1]?.$).toEqual({ [UNKNOWN_STATE]: [{ type: 'widget', id: 7 }] })
  })

  it('a known inline node straight under the root goes into a paragraph', () => {
    const shown = editorDoc(parseDoc(json(doc([text('一'), { type: 'linebreak', version: 1 }, text('二')]))))
    expect(shown.root.children.map((n) => n.type)).toEqual(['paragraph'])
    expect(docToPlainText(shown)).toBe('一\n二')
  })

  it('keeps state already on a node beside the originals it gains', () => {
    const body = doc([para([{ type: 'x', id: 1 }], { $: { mine: 1, [UNKNOWN_STATE]: [{ type: 'old' }] } })])
    const shown = editorDoc(parseDoc(json(body)))
    expect(shown.root.children[0]?.$).toEqual({ mine: 1, [UNKNOWN_STATE]: [{ type: 'old' }, { type: 'x', id: 1 }] })
  })

  it('hands a body that is not a document on unchanged', () => {
    expect(editorBody('not json')).toBe('not json')
    expect(editorBody('{"root":1}')).toBe('{"root":1}')
  })
})
