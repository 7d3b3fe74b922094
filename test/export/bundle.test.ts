/** A .folio bundle exported and imported into an empty library reproduces the issue byte for byte. */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { EXPORT_COMMANDS } from '../../src/main/cli/export-commands'
import { exportBundle, importBundle } from '../../src/main/export/bundle'
import type { ExportEnv } from '../../src/main/export/index'
import { getLayout, saveLayout } from '../../src/main/export/store'
import { FolioFailure } from '../../src/shared/api/errors'
import { autoLayout } from '../../src/shared/layout/auto'
import { docFromBlocks, docToBlocks, parseDoc } from '../../src/shared/doc/lexical'
import { findTemplate } from '../../src/main/export/store'
import { PNG_1PX, sha256, tempLibrary, type TempLibrary } from '../helpers'

const resourcesDir = resolve(__dirname, '../../resources')
const libs: TempLibrary[] = []
afterEach(() => {
  for (const lib of libs.splice(0)) lib.dispose()
})

function library(): { lib: TempLibrary; env: ExportEnv } {
  const lib = tempLibrary()
  libs.push(lib)
  return { lib, env: { api: lib.api, db: lib.db, resourcesDir } }
}

/** The sample issue with a real image in its lead photo and a stored layout. */
function seeded(): { lib: TempLibrary; env: ExportEnv; issueId: number; hash: string } {
  const { lib, env } = library()
  const { issue, articles } = lib.api.call('sample.open', {})
  const { hash } = lib.api.call('image.put', { data: PNG_1PX })
  const first = articles[0]
  if (!first) throw new Error('sample has no articles')
  const blocks = docToBlocks(parseDoc(first.body)).map((b) => (b.type === 'photo' ? { ...b, image: hash } : b))
  lib.api.call('article.update', {
    id: first.id,
    baseVersion: lib.api.call('article.get', { id: first.id }).version,
    patch: { body: JSON.stringify(docFromBlocks(blocks)) },
  })
  const template = findTemplate(lib.db, resourcesDir, 'sikai')
  const layout = autoLayout(
    articles.map((a) => ({ articleId: a.id, need: () => 20 })),
    template,
  )
  const page1 = layout.pages[0]
  if (page1) Object.assign(page1, { name: '要闻', editor: '李若男' })
  saveLayout(lib.db, issue.id, layout, new Date().toISOString())
  return { lib, env, issueId: issue.id, hash }
}

describe('.folio bundle', () => {
  it('round-trips an issue into an empty library: article JSON, images and layout byte for byte', () => {
    const source = seeded()
    const file = join(source.lib.dir, 'issue.folio')
    const written = exportBundle(source.env, source.issueId, file)
    expect(written).toMatchObject({ articles: 4, images: 1 })

    const target = library()
    expect(target.lib.api.call('issue.list', {})).toEqual([])
    const imported = importBundle(target.env, file)

    const before = source.lib.api.call('article.list', { issueId: source.issueId })
    const after = target.lib.api.call('article.list', { issueId: imported.issue.id })
    expect(after.length).toBe(before.length)
    before.forEach((summary, i) => {
      const a = source.lib.api.call('article.get', { id: summary.id })
      const b = target.lib.api.call('article.get', { id: after[i]?.id ?? 0 })
      expect(b.body).toBe(a.body)
      for (const key of ['kicker', 'headline', 'subtitle', 'dateline', 'byline', 'stage', 'bodyText'] as const) {
        expect(b[key]).toBe(a[key])
      }
    })
    const image = target.lib.api.call('image.get', { hash: source.hash })
    expect(image.data).toBe(PNG_1PX)
    expect(sha256(image.data)).toBe(source.hash)

    const sourceIssue = source.lib.api.call('issue.get', { id: source.issueId })
    const { id: _a, createdAt: _b, updatedAt: _c, ...fields } = sourceIssue
    expect(imported.issue).toMatchObject(fields)

    const la = getLayout(source.lib.db, source.issueId)
    const lb = getLayout(target.lib.db, imported.issue.id)
    const ids = new Map(before.map((s, i) => [s.id, after[i]?.id]))
    expect(lb?.template).toEqual(la?.template)
    expect(lb?.pages.map((p) => ({ ...p, blocks: p.blocks.map((x) => ({ ...x, articleId: 0 })) }))).toEqual(
      la?.pages.map((p) => ({ ...p, blocks: p.blocks.map((x) => ({ ...x, articleId: 0 })) })),
    )
    expect(lb?.pages[0]?.blocks.map((b) => b.articleId)).toEqual(la?.pages[0]?.blocks.map((b) => ids.get(b.articleId)))
    expect(lb?.pages[0]).toMatchObject({ name: '要闻', editor: '李若男' })
  })

  it('refuses a damaged image and leaves the library untouched', () => {
    const source = seeded()
    const file = join(source.lib.dir, 'issue.folio')
    exportBundle(source.env, source.issueId, file)
    const files = unzipSync(readFileSync(file))
    const path = Object.keys(files).find((p) => p.startsWith('images/'))
    if (!path) throw new Error('no image in bundle')
    const other = Buffer.from(PNG_1PX, 'base64')
    other[other.length - 5] = (other[other.length - 5] ?? 0) ^ 1
    files[path] = new Uint8Array(other)
    const damaged = join(source.lib.dir, 'damaged.folio')
    writeFileSync(damaged, zipSync(files))
    const target = library()
    expect(() => importBundle(target.env, damaged)).toThrow(FolioFailure)
    expect(target.lib.api.call('issue.list', {})).toEqual([])
  })

  it('refuses files that are not bundles', () => {
    const { lib, env } = library()
    const notZip = join(lib.dir, 'x.folio')
    writeFileSync(notZip, 'hello')
    const zh = (run: () => unknown): string => {
      try {
        run()
      } catch (error) {
        return error instanceof FolioFailure ? error.error.message_zh : String(error)
      }
      return ''
    }
    expect(zh(() => importBundle(env, notZip))).toMatch(/不是有效的 Folio 文件：无法解压/)
    const wrong = join(lib.dir, 'y.folio')
    writeFileSync(wrong, zipSync({ 'folio-bundle.json': strToU8('{"format":"other"}') }))
    expect(zh(() => importBundle(env, wrong))).toMatch(/清单格式不对/)
  })

  it('export bundle / import-bundle through EXPORT_COMMANDS', async () => {
    const source = seeded()
    const file = join(source.lib.dir, 'cli.folio')
    const exportCmd = EXPORT_COMMANDS.find((c) => c.name === 'export bundle')
    const importCmd = EXPORT_COMMANDS.find((c) => c.name === 'import-bundle')
    const r = await exportCmd?.run(source.lib.api, { issue: String(source.issueId), out: file }, [], source.lib)
    expect(exportCmd?.human?.(r)).toMatch(/4 篇稿件/)
    const target = library()
    const imported = await importCmd?.run(target.lib.api, {}, [file], target.lib)
    expect(importCmd?.human?.(imported)).toMatch(/已导入 imported → #1 开发区建设/)
  })
})
