/**
 * A photo node whose image is not a stored image is refused by article.create, article.update and
 * bundle import, with a typed bilingual error naming the article; the library stays unchanged.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportBundle, importBundle } from '../src/main/export/bundle'
import { FolioFailure, type FolioError } from '../src/shared/api/errors'
import { docFromBlocks, photoNode } from '../src/shared/doc/lexical'
import { dump, PNG_1PX, sha256, tempLibrary, type TempLibrary } from './helpers'

const resourcesDir = resolve(__dirname, '../resources')
const NOT_STORED = 'c'.repeat(64)

let lib: TempLibrary
let issueId: number
beforeEach(() => {
  lib = tempLibrary()
  issueId = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第25期' }).id
})
afterEach(async () => {
  await lib.dispose()
})

function withPhoto(image: unknown, caption = '签约仪式现场'): string {
  const doc = docFromBlocks([{ type: 'paragraph', text: '近日,项目签约仪式举行。' }])
  doc.root.children.push({ ...photoNode({ caption, credit: '王超' }), image })
  return JSON.stringify(doc)
}

function refusal(run: () => unknown): FolioError {
  try {
    run()
  } catch (error) {
    if (error instanceof FolioFailure) return error.error
    throw error
  }
  throw new Error('not refused')
}

describe('photo nodes must show a stored image', () => {
  it('article.create refuses a hash the library does not have, naming the article, and changes nothing', () => {
    const before = dump(lib.db)
    const error = refusal(() =>
      lib.api.call('article.create', { issueId, headline: '年产1GWh锂离子电池项目落地', body: withPhoto(NOT_STORED) }),
    )
    expect(error).toMatchObject({ code: 'invalid_input', field: 'body' })
    expect(error.message_zh).toMatch(/^《年产1GWh锂离子电池项目落地》中有 1 张图片不在资料库中：「签约仪式现场」\(cccc/)
    expect(error.message_en).toMatch(/^"年产1GWh锂离子电池项目落地" has 1 photo\(s\) whose image is not in the library/)
    expect(dump(lib.db)).toBe(before)
  })

  it.each([
    ['a path', '../../etc/passwd'],
    ['an empty string', ''],
    ['a short hash', 'abc123'],
    ['an upper-case hash', 'C'.repeat(64)],
    ['a number', 42],
    ['an object', { hash: NOT_STORED }],
  ])('article.create refuses %s as an image', (_what, image) => {
    const before = dump(lib.db)
    expect(refusal(() => lib.api.call('article.create', { issueId, body: withPhoto(image) })).message_zh).toMatch(
      /^未命名稿件中有 1 张图片不在资料库中/,
    )
    expect(dump(lib.db)).toBe(before)
  })

  it('accepts a stored image and an empty frame (image null or absent)', () => {
    const { hash } = lib.api.call('image.put', { data: PNG_1PX })
    expect(lib.api.call('article.create', { issueId, body: withPhoto(hash) }).body).toContain(hash)
    expect(lib.api.call('article.create', { issueId, body: withPhoto(null) }).bodyText).toContain('签约仪式现场')
    expect(lib.api.call('article.create', { issueId, body: withPhoto(undefined) }).bodyText).toContain('签约仪式现场')
  })

  it('article.update refuses it naming the article by headline and number; a stored image then saves', () => {
    const a = lib.api.call('article.create', { issueId, headline: '向“新”而行 以“质”致远' })
    const before = dump(lib.db)
    const error = refusal(() =>
      lib.api.call('article.update', { id: a.id, baseVersion: a.version, patch: { body: withPhoto(NOT_STORED) } }),
    )
    expect(error.code).toBe('invalid_input')
    expect(error.message_zh).toContain(`《向“新”而行 以“质”致远》（第 ${a.id} 号稿件）中有 1 张图片不在资料库中`)
    expect(error.message_en).toContain(`(article ${a.id}) has 1 photo(s)`)
    expect(dump(lib.db)).toBe(before)

    const { hash } = lib.api.call('image.put', { data: PNG_1PX })
    const saved = lib.api.call('article.update', { id: a.id, baseVersion: a.version, patch: { body: withPhoto(hash) } })
    expect(lib.api.call('article.get', { id: saved.id }).body).toContain(hash)
  })

  it('an article that already holds an unstored photo (an older library) can still be edited and saved', () => {
    const a = lib.api.call('article.create', { issueId, headline: '旧库稿件' })
    // Written before the check existed: straight into the store.
    lib.db.prepare('UPDATE articles SET body_json = ? WHERE id = ?').run(withPhoto(NOT_STORED), a.id)
    const typed = JSON.parse(withPhoto(NOT_STORED)) as { root: { children: unknown[] } }
    typed.root.children.unshift(docFromBlocks([{ type: 'paragraph', text: '编辑新加的一段。' }]).root.children[0])
    lib.api.call('article.update', { id: a.id, baseVersion: a.version, patch: { body: JSON.stringify(typed) } })
    const saved = lib.api.call('article.get', { id: a.id })
    expect(saved.bodyText).toContain('编辑新加的一段。')
    // A second unstored photo added now is still refused.
    const other = 'd'.repeat(64)
    const more = JSON.parse(saved.body) as { root: { children: unknown[] } }
    more.root.children.push(JSON.parse(withPhoto(other)).root.children[1])
    expect(
      refusal(() =>
        lib.api.call('article.update', { id: a.id, baseVersion: saved.version, patch: { body: JSON.stringify(more) } }),
      ).code,
    ).toBe('invalid_input')
  })

  it('finds a photo nested inside another block', () => {
    const doc = docFromBlocks([{ type: 'paragraph', text: '正文' }])
    doc.root.children.push({
      type: 'list',
      children: [{ type: 'listitem', children: [{ ...photoNode({ caption: '', credit: null }), image: NOT_STORED }] }],
    })
    const error = refusal(() => lib.api.call('article.create', { issueId, body: JSON.stringify(doc) }))
    expect(error.message_zh).toContain(`1 张图片不在资料库中：${NOT_STORED.slice(0, 16)}…`)
  })

  it('bundle import refuses an article whose photo the bundle does not carry, naming it; nothing is imported', () => {
    // A real bundle of an issue with one stored photo…
    const source = tempLibrary()
    try {
      const env = { api: source.api, db: source.db, resourcesDir }
      const id = source.api.call('issue.create', { title: '开发区建设' }).id
      const { hash } = source.api.call('image.put', { data: PNG_1PX })
      source.api.call('article.create', { issueId: id, headline: '有图的稿件', body: withPhoto(hash) })
      source.api.call('article.create', { issueId: id, headline: '图片丢失的稿件' })
      const file = join(source.dir, 'issue.folio')
      exportBundle(env, id, file)
      // …whose second article is edited to show an image that is neither in the bundle nor stored.
      const files = unzipSync(readFileSync(file))
      const manifest = JSON.parse(strFromU8(files['folio-bundle.json']!)) as { articles: { body: string }[] }
      manifest.articles[1]!.body = withPhoto(NOT_STORED, '不存在的图片')
      files['folio-bundle.json'] = strToU8(JSON.stringify(manifest))
      const bad = join(source.dir, 'bad.folio')
      writeFileSync(bad, zipSync(files))

      const before = dump(lib.db)
      const error = refusal(() => importBundle({ api: lib.api, db: lib.db, resourcesDir }, bad))
      expect(error.code).toBe('invalid_input')
      expect(error.message_zh).toMatch(/^《图片丢失的稿件》中有 1 张图片不在资料库中：「不存在的图片」/)
      expect(error.message_en).toContain('"图片丢失的稿件" has 1 photo(s)')
      // The bundle's own image, stored first in the same transaction, rolled back too.
      expect(dump(lib.db)).toBe(before)
      expect(refusal(() => lib.api.call('image.get', { hash: sha256(PNG_1PX) })).code).toBe('not_found')
    } finally {
      void source.dispose()
    }
  })
})
