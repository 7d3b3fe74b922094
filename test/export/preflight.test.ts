/**
 * Pre-flight: what the export reports before a page goes to press, each item naming what it is
 * about (kind, article, page) so the 版面 view can take the editor there. Photos are checked where
 * they print: their pixels over their printed width in the laid-out document.
 */
import { deflateSync, crc32 } from 'node:zlib'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchPrintBrowser, openDocument, type PlaywrightEngine } from '../../src/main/export/browser'
import {
  layoutIssue,
  LOW_PPI,
  measureLayout,
  preparePrintHtml,
  type ExportEnv,
  type PreflightWarning,
} from '../../src/main/export/index'
import { photoNode } from '../../src/shared/doc/lexical'
import { tempLibrary, type TempLibrary } from '../helpers'

const resourcesDir = resolve(__dirname, '../../resources')

/** A grey PNG of width × height pixels. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80)
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

let browser: PlaywrightEngine
let lib: TempLibrary
let warnings: PreflightWarning[]
let printed: { articleId: number; ppi: number }[]
let small: { id: number; headline: string }
let large: { id: number; headline: string }

beforeAll(async () => {
  browser = await launchPrintBrowser()
  lib = tempLibrary()
  const env: ExportEnv = { api: lib.api, db: lib.db, resourcesDir }
  const sample = lib.api.call('sample.open', {})
  const [, second, third] = sample.articles
  if (!second || !third) throw new Error('sample has too few articles')
  const put = (w: number, h: number) => lib.api.call('image.put', { data: png(w, h).toString('base64') }).hash
  const withPhoto = (article: typeof second, image: string) => {
    const doc = JSON.parse(article.body) as { root: { children: unknown[] } }
    doc.root.children.splice(1, 0, { ...photoNode({ caption: '图片说明', credit: '王超' }), image })
    lib.db.prepare('UPDATE articles SET body_json = ? WHERE id = ?').run(JSON.stringify(doc), article.id)
  }
  withPhoto(second, put(60, 40))
  withPhoto(third, put(2400, 1600))
  small = second
  large = third
  await layoutIssue(env, sample.issue.id, { template: '四开', browser })
  warnings = (await measureLayout(env, sample.issue.id, { browser })).warnings as PreflightWarning[]
  const { html } = await preparePrintHtml(env, sample.issue.id, { browser })
  const page = await openDocument(browser, {
    html,
    image: (hash) => {
      const image = lib.api.call('image.get', { hash })
      return { mime: image.mime, bytes: Buffer.from(image.data, 'base64') }
    },
  })
  printed = (await page.evaluate('window.folioPrint.images()')) as typeof printed
  await page.close()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await lib?.dispose()
})

describe('pre-flight warnings', () => {
  it('lists a photo below the resolution the press needs, with its ppi, page and article', () => {
    const low = warnings.filter((w) => w.kind === 'low-resolution')
    expect(low.map((w) => w.articleId)).toEqual([small.id])
    const w = low[0]
    expect(w?.page).toBeGreaterThan(0)
    const ppi = Number(/只有 (\d+) ppi/.exec(w?.message_zh ?? '')?.[1])
    // 60 px across one 四开 column (about 38 mm): about 40 ppi.
    expect(ppi).toBeGreaterThan(20)
    expect(ppi).toBeLessThan(LOW_PPI)
    expect(w?.message_zh).toContain(`《${small.headline}》`)
    expect(w?.message_en).toMatch(/below 150 ppi/)
  })

  it('does not list a photo with pixels enough', () => {
    const ppi = printed.find((img) => img.articleId === large.id)?.ppi ?? 0
    expect(ppi).toBeGreaterThan(LOW_PPI)
    expect(warnings.some((w) => w.kind === 'low-resolution' && w.articleId === large.id)).toBe(false)
  })

  it('lists the empty frame with its article and page', () => {
    const empty = warnings.filter((w) => w.kind === 'empty-frame')
    expect(empty.length).toBe(1)
    expect(empty[0]?.articleId).toBeGreaterThan(0)
    expect(empty[0]?.page).toBe(1)
  })
})
