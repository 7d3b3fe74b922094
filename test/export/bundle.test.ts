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
import { createHash } from 'node:crypto'
import { PNG_1PX, sha256, tempLibrary, type TempLibrary } from '../helpers'

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

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

  it('carries the review record (version 2): members by uid, stages, steps with their revisions, the sign-off', () => {
    const source = seeded()
    const api = source.lib.api
    const member = (name: string, roles: string[]) => ({
      personId: api.call('person.create', { name, roles: roles as never }).id,
    })
    const reporter = member('王波', ['记者'])
    const editor = member('李若男', ['责任编辑'])
    const head = member('张主任', ['编辑室主任'])
    const chief = member('赵总编', ['总编辑', '值班总编'])
    const list = api.call('article.list', { issueId: source.issueId })
    for (const a of list) {
      api.call('review.submit', { articleId: a.id }, reporter)
      if (a === list[0]) {
        api.call('review.return', { articleId: a.id, comment: '标题再短些' }, editor)
        api.call('review.submit', { articleId: a.id }, reporter)
      }
      for (const m of [editor, head, chief]) api.call('review.pass', { articleId: a.id }, m)
    }
    const signoff = api.call('issue.signoff', { issueId: source.issueId }, chief)
    const file = join(source.lib.dir, 'issue.folio')
    exportBundle(source.env, source.issueId, file)
    const manifest = JSON.parse(Buffer.from(unzipSync(readFileSync(file))['folio-bundle.json']!).toString('utf8'))
    expect(manifest.version).toBe(2)

    // The target already knows 李若男 (same uid, from an earlier exchange) and has its own 王波.
    const target = library()
    const sourceEditor = api.call('person.list', {}).find((p) => p.name === '李若男')!
    target.lib.db
      .prepare(
        "INSERT INTO people (uid, name, roles, active, created_at) VALUES (?, '李若男', '[\"责任编辑\"]', 1, '')",
      )
      .run(sourceEditor.uid)
    target.lib.api.call('person.create', { name: '王波', roles: ['记者'] })
    const imported = importBundle(target.env, file)

    const people = target.lib.api.call('person.list', {})
    expect(people.map((p) => [p.name, p.active]).sort()).toEqual([
      ['张主任', false],
      ['李若男', true],
      ['王波', true],
      ['王波（另一资料库）', false],
      ['赵总编', false],
    ])
    imported.articleIds.forEach((id, i) => {
      const before = api.call('review.log', { articleId: list[i]!.id })
      const after = target.lib.api.call('review.log', { articleId: id })
      const shape = (steps: typeof before) =>
        steps.map(({ stage, decision, at, comment, textHash }) => ({ stage, decision, at, comment, textHash }))
      expect(shape(after)).toEqual(shape(before))
      expect(target.lib.api.call('article.get', { id }).stage).toBe('signed')
      // Each step's revision holds the text it saw: its hash still checks.
      for (const step of after) {
        const r = target.lib.api.call('revision.get', { id: step.revisionId })
        const text = [r.kicker, r.headline, r.subtitle, r.dateline, r.byline].filter(Boolean).concat(r.bodyText)
        expect(sha(text.join('\n'))).toBe(step.textHash)
      }
    })
    const first = target.lib.api.call('review.log', { articleId: imported.articleIds[0]! })
    // The record keeps the names as they were; the steps link to the members of this library.
    expect(first.map((s) => s.by.name)).toEqual(['王波', '李若男', '王波', '李若男', '张主任', '赵总编'])
    expect(first[0]!.by.id).toBe(people.find((p) => p.name === '王波（另一资料库）')!.id)
    expect(first[1]!.by.id).toBe(people.find((p) => p.name === '李若男')!.id) // known by uid, not a copy
    expect(target.lib.api.call('issue.signoff.get', { issueId: imported.issue.id })).toMatchObject({
      by: { name: '赵总编' },
      at: signoff.at,
    })
  })

  it('still imports a version 1 bundle: statuses become stages, nothing signed off', () => {
    const { lib, env } = library()
    const body = JSON.stringify(docFromBlocks([{ type: 'paragraph', text: '旧格式的稿件。' }]))
    const article = (headline: string, status: string) => ({
      kicker: '',
      headline,
      subtitle: '',
      dateline: '',
      byline: '',
      status,
      body,
    })
    const v1 = {
      format: 'folio-bundle',
      version: 1,
      exportedAt: '2024-07-01T00:00:00.000Z',
      issue: {
        title: '开发区建设',
        edition: '专刊',
        number: '2024年第24期',
        publicationDate: '2024-06-28',
        guidance: '',
        publisher: '',
        postalCode: '',
        email: '',
        slogan: '',
        creditStyle: '■ {name}摄',
        status: 'published',
      },
      articles: [
        article('草稿', 'draft'),
        article('编辑中', 'editing'),
        article('待审', 'review'),
        article('已审', 'approved'),
      ],
      images: [],
      layout: null,
    }
    const file = join(lib.dir, 'old.folio')
    writeFileSync(file, zipSync({ 'folio-bundle.json': strToU8(JSON.stringify(v1)) }))
    const imported = importBundle(env, file)
    expect(imported.articleIds.map((id) => lib.api.call('article.get', { id }).stage)).toEqual([
      'draft',
      'draft',
      'first',
      'final',
    ])
    expect(lib.api.call('article.get', { id: imported.articleIds[0]! }).body).toBe(body)
    expect(lib.api.call('review.log', { articleId: imported.articleIds[3]! })).toEqual([])
    expect(lib.api.call('issue.signoff.get', { issueId: imported.issue.id })).toBeNull()
    expect(lib.api.call('person.list', {})).toEqual([])
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
