/**
 * Issue 8's body edges through the real services: a body written by article.create,
 * article.update or a .folio bundle keeps only the styles Folio writes, and an unknown node's
 * text is stored and counted.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { exportBundle, importBundle } from '../src/main/export/bundle'
import { textNode, type SerializedDoc, type SerializedNode } from '../src/shared/doc/lexical'
import { tempLibrary, type TempLibrary } from './helpers'

const libs: TempLibrary[] = []
afterEach(async () => {
  for (const lib of libs.splice(0)) await lib.dispose()
})

function library(): TempLibrary {
  const lib = tempLibrary()
  libs.push(lib)
  return lib
}

const HOSTILE = [
  'background-image: url(https://evil.example/track.png)',
  'position: fixed; inset: 0; z-index: 2147483647',
  'width: expression(alert(1))',
  'behavior: url(#default#VML)',
]

const text = (t: string, style: string): SerializedNode => textNode(t, 0, style)

/** 开发区 (3) 建设 (2) 你好 (2, in a node type the editor does not know). */
function hostileBody(): string {
  const body: SerializedDoc = {
    root: {
      type: 'root',
      version: 1,
      children: [
        {
          type: 'paragraph',
          version: 1,
          textStyle: HOSTILE[1],
          children: [text('开发区', HOSTILE[0]!), text('建设', HOSTILE[2]!)],
        },
        { type: 'some-future-node', version: 1, children: [text('你好', HOSTILE[3]!)] },
      ],
    },
  }
  return JSON.stringify(body)
}

function styles(json: string): string[] {
  const out: string[] = []
  const walk = (n: SerializedNode): void => {
    for (const key of ['style', 'textStyle']) if (typeof n[key] === 'string') out.push(n[key])
    n.children?.forEach(walk)
  }
  walk((JSON.parse(json) as SerializedDoc).root)
  return out
}

describe('stored bodies', () => {
  it('article.create and article.update keep no foreign style, and count an unknown node’s text', () => {
    const lib = library()
    const issueId = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第25期' }).id
    const created = lib.api.call('article.create', { issueId, headline: '向“新”而行', body: hostileBody() })
    expect(styles(created.body)).toEqual(['', '', '', ''])
    expect(created.charCount).toBe(7)
    expect(created.body).toContain('some-future-node')

    const updated = lib.api.call('article.update', {
      id: created.id,
      baseVersion: created.version,
      patch: { body: hostileBody().replace('开发区', '开发区里') },
    })
    const stored = lib.api.call('article.get', { id: updated.id })
    expect(styles(stored.body)).toEqual(['', '', '', ''])
    expect(stored.charCount).toBe(8)
    expect(stored.bodyText).toBe('开发区里建设\n你好')
  })

  it('a bundle’s bodies come in with no foreign style', () => {
    const source = library()
    const issueId = source.api.call('issue.create', { title: '开发区建设', number: '2024年第25期' }).id
    source.api.call('article.create', { issueId, headline: '向“新”而行' })
    const file = join(source.dir, 'issue.folio')
    exportBundle({ api: source.api, db: source.db, resourcesDir: resolve(__dirname, '../resources') }, issueId, file)
    // A bundle made elsewhere, its body carrying styles Folio never wrote.
    const files = unzipSync(readFileSync(file))
    const manifest = JSON.parse(strFromU8(files['folio-bundle.json']!)) as { articles: { body: string }[] }
    manifest.articles[0]!.body = hostileBody()
    files['folio-bundle.json'] = strToU8(JSON.stringify(manifest))
    const hostile = join(source.dir, 'hostile.folio')
    writeFileSync(hostile, zipSync(files))

    const target = library()
    const env = { api: target.api, db: target.db, resourcesDir: resolve(__dirname, '../resources') }
    const report = importBundle(env, hostile)
    const article = target.api.call('article.get', { id: report.articleIds[0]! })
    expect(styles(article.body)).toEqual(['', '', '', ''])
    expect(article.charCount).toBe(7)
  })
})
