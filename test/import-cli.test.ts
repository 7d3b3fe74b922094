import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFolio } from '../src/main/library'
import { dump, runFolio, tempLibrary, type TempLibrary } from './helpers'

const SEED = join(__dirname, '../resources/samples/kaifaqu-2024-25.txt')
const GOLD = JSON.parse(readFileSync(join(__dirname, 'fixtures/import/seed-kfjz-2024-25.expected.json'), 'utf8')) as {
  issue: Record<string, unknown>
  articles: Record<string, unknown>[]
  paragraphs_joined: [string, string][]
}

interface ImportJson {
  issue: {
    id: number | null
    title: string
    edition: string | null
    number: string | null
    guidance: string | null
    postal_code: string | null
    email: string | null
  }
  articles: {
    id: number | null
    kicker: string | null
    headline: string | null
    subtitle: string | null
    dateline: string | null
    byline: string | null
    subheads: string[]
    photos: { caption: string; credit: string | null }[]
    paragraphs: string[]
  }[]
}

let lib: TempLibrary
beforeEach(() => {
  lib = tempLibrary()
  lib.close()
})
afterEach(() => lib.dispose())

const cli = (...args: string[]) => runFolio(lib.path, ...args)

function libraryDump(): string {
  const library = openFolio(lib.path)
  try {
    return dump(library.db)
  } finally {
    library.close()
  }
}

describe('folio import (plain text)', () => {
  it('imports the seed exactly as the gold file describes', async () => {
    const result = await cli('import', SEED, '--json')
    expect(result.err).toBe('')
    const json = JSON.parse(result.out) as ImportJson
    const { slogan: _slogan, ...issueGold } = GOLD.issue
    expect(json.issue).toMatchObject(issueGold)
    expect(json.issue.id).toEqual(expect.any(Number))
    expect(json.articles).toHaveLength(GOLD.articles.length)
    GOLD.articles.forEach((gold, i) => {
      const article = json.articles[i]!
      expect(article.id).toEqual(expect.any(Number))
      for (const key of ['headline', 'subtitle', 'kicker', 'dateline', 'byline', 'photos', 'subheads'] as const) {
        expect(article[key], `${i}.${key}`).toEqual(gold[key])
      }
      expect(article.paragraphs[0]!.startsWith(gold.first_paragraph_starts as string)).toBe(true)
      expect(article.paragraphs.at(-1)!.endsWith(gold.last_paragraph_ends as string)).toBe(true)
    })
    const all = json.articles.flatMap((a) => a.paragraphs)
    for (const [end, start] of GOLD.paragraphs_joined) {
      expect(
        all.some((p) => p.includes(`${end}${start}`)),
        `${end}|${start}`,
      ).toBe(true)
    }
    // And the library holds it: the CLI's article list and the stored bodies agree.
    const list = JSON.parse((await cli('article', 'list', '--issue', String(json.issue.id), '--json')).out) as {
      headline: string
    }[]
    expect(list.map((a) => a.headline)).toEqual(GOLD.articles.map((a) => a.headline))
  })

  it('--dry-run prints the same structure and writes nothing', async () => {
    const before = libraryDump()
    const json = JSON.parse((await cli('import', SEED, '--dry-run', '--json')).out) as ImportJson
    expect(json.issue.id).toBeNull()
    expect(json.articles.map((a) => a.id)).toEqual([null, null, null, null])
    expect(json.articles[0]?.subheads).toEqual(GOLD.articles[0]?.subheads)
    expect(libraryDump()).toBe(before)
  })

  it('imports into an existing issue without touching its metadata', async () => {
    const issue = JSON.parse((await cli('issue', 'create', '--title', '我的期次', '--json')).out) as { id: number }
    const json = JSON.parse((await cli('import', SEED, '--issue', String(issue.id), '--json')).out) as ImportJson
    expect(json.issue).toMatchObject({ id: issue.id, title: '我的期次', number: null })
    expect(json.articles).toHaveLength(4)
  })

  it('converts a GBK file and says clearly why junk, empty and huge files are refused', async () => {
    const gbk = join(lib.dir, 'gbk.txt')
    // "开发区建设\n\n向新而行\n\n全省开发区正阔步前行。" encoded as GBK
    const text = '开发区建设\n\n专刊\n\n2024年第25期\n\n向新而行\n\n全省开发区正阔步前行。\n\n李若男\n'
    writeFileSync(gbk, Buffer.from(new TextEncoderGbk().encode(text)))
    const ok = await cli('import', gbk, '--dry-run', '--json')
    expect(ok.err).toBe('')
    expect((JSON.parse(ok.out) as ImportJson).articles[0]?.paragraphs).toEqual(['全省开发区正阔步前行。'])

    const before = libraryDump()
    const cases: [string, Buffer, RegExp][] = [
      ['junk.txt', Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]), /[\u4e00-\u9fff]/],
      ['empty.txt', Buffer.alloc(0), /空/],
      ['huge.txt', Buffer.alloc(51 * 1024 * 1024, 0x41), /过大|超过/],
      ['broken.docx', Buffer.from('PK\u0003\u0004 this is not really a zip'), /Word|docx/],
      ['broken.pdf', Buffer.from('%PDF-1.7\n1 0 obj <<>> garbage'), /PDF/],
    ]
    for (const [name, bytes, message] of cases) {
      const file = join(lib.dir, name)
      writeFileSync(file, bytes)
      const result = await cli('import', file, '--json')
      expect(result.code, name).not.toBe(0)
      expect(result.out, name).toBe('')
      expect(result.err, name).toMatch(message)
    }
    expect((await cli('import', join(lib.dir, 'missing.txt'))).err).toContain('找不到文件')
    expect(libraryDump()).toBe(before)
  })
})

describe('folio import FILE.pdf', () => {
  it('reads a printed page through the same reader as the preview and commits it', async () => {
    // A two-column page printed by LibreOffice (test/fixtures/pdf), not by Folio.
    const pdf = join(__dirname, 'fixtures/pdf/two-columns.pdf')
    const dry = await cli('import', pdf, '--dry-run', '--json')
    expect(dry.err).toBe('')
    expect(dry.code).toBe(0)
    const preview = JSON.parse(dry.out) as ImportJson
    expect(preview.articles).toHaveLength(1)
    expect(preview.articles[0]?.headline).toBe('高新区产业发展稳中有进')
    expect(preview.articles[0]?.paragraphs).toHaveLength(4)
    expect(preview.articles[0]?.id).toBeNull()
    const done = JSON.parse((await cli('import', pdf, '--json')).out) as ImportJson
    expect(done.issue.title).toBe('two-columns')
    expect(done.articles[0]?.id).toEqual(expect.any(Number))
    expect(done.articles[0]?.paragraphs).toEqual(preview.articles[0]?.paragraphs)
  })
})

/** A tiny GBK encoder for the few characters the test uses (Node has a GBK decoder but no encoder). */
class TextEncoderGbk {
  encode(text: string): number[] {
    const decoder = new TextDecoder('gbk')
    const table = new Map<string, number[]>()
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        const ch = decoder.decode(new Uint8Array([hi, lo]))
        if (!table.has(ch)) table.set(ch, [hi, lo])
      }
    }
    return [...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : (table.get(ch) ?? [])))
  }
}
