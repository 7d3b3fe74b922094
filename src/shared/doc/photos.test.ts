import { describe, expect, it } from 'vitest'
import { FolioFailure } from '../api/errors'
import { articleName, isImageHash, photoRefs, requireStoredPhotos, unstoredPhotos } from './photos'

const STORED = 'a'.repeat(64)
const UNKNOWN = 'b'.repeat(64)
const stored = (hash: string): boolean => hash === STORED

interface Node {
  type: string
  children?: Node[]
  [key: string]: unknown
}

/** A body as the editor stores it: a paragraph, then one photo node per image. */
function doc(...images: unknown[]): { root: Node & { children: Node[] } } {
  const paragraph: Node = { type: 'paragraph', children: [{ type: 'text', text: '正文' }] }
  const photos = images.map(
    (image, i): Node => ({ type: 'photo', version: 1, image, caption: `图${i + 1}`, credit: '' }),
  )
  return { root: { type: 'root', children: [paragraph, ...photos] } }
}

describe('photo images', () => {
  it('knows a hash when it sees one', () => {
    expect(isImageHash(STORED)).toBe(true)
    for (const bad of ['', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(64)}\n`, '../x', 1, null, {}]) {
      expect(isImageHash(bad)).toBe(false)
    }
  })

  it('lists every photo, nested ones included, an absent image as null', () => {
    const d = doc(STORED, undefined)
    d.root.children.push({
      type: 'list',
      children: [{ type: 'listitem', children: [{ type: 'photo', image: UNKNOWN }] }],
    })
    expect(photoRefs(d)).toEqual([
      { image: STORED, caption: '图1' },
      { image: null, caption: '图2' },
      { image: UNKNOWN, caption: '' },
    ])
  })

  it('finds the photos whose image is not stored: unknown hashes and anything that is not a hash', () => {
    expect(unstoredPhotos(doc(STORED, null), stored)).toEqual([])
    expect(unstoredPhotos(doc(STORED, UNKNOWN, 'x', 7), stored).map((p) => p.image)).toEqual([UNKNOWN, 'x', 7])
    // isStored is never asked about a malformed value.
    const asked: string[] = []
    unstoredPhotos(doc('../../etc/passwd', UNKNOWN), (h) => (asked.push(h), false))
    expect(asked).toEqual([UNKNOWN])
  })

  it('refuses with a bilingual invalid_input naming the article and the photos', () => {
    expect(() => requireStoredPhotos(doc(STORED), stored, { id: 3, headline: '主题' })).not.toThrow()
    let error: unknown
    try {
      requireStoredPhotos(doc(UNKNOWN, 'x'), stored, { id: 3, headline: '年产1GWh锂离子电池项目落地' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(FolioFailure)
    expect((error as FolioFailure).error).toEqual({
      code: 'invalid_input',
      field: 'body',
      message_zh:
        '《年产1GWh锂离子电池项目落地》（第 3 号稿件）中有 2 张图片不在资料库中：「图1」(bbbbbbbbbbbbbbbb…)、「图2」(x)。请重新插入图片，或删除这些图片框。',
      message_en:
        '"年产1GWh锂离子电池项目落地" (article 3) has 2 photo(s) whose image is not in the library: 「图1」(bbbbbbbbbbbbbbbb…)、「图2」(x). Insert the image again or remove the photo.',
    })
  })

  it('names untitled articles', () => {
    expect(articleName({ headline: '  ' })).toEqual({ zh: '未命名稿件', en: 'an untitled article' })
    expect(articleName({ id: 9 })).toEqual({ zh: '未命名稿件（第 9 号稿件）', en: 'an untitled article (article 9)' })
  })
})
