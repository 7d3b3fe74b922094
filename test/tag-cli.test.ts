import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docFromBlocks } from '../src/shared/doc/lexical'
import { runFolio, tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
beforeEach(() => {
  lib = tempLibrary()
})
afterEach(() => lib.dispose())

interface TagJson {
  tags: {
    kind: string
    start: number
    end: number
    text: string
    zone?: { name: string; known: boolean }
    value?: number
    unit?: string
    qualifier?: string | null
  }[]
}

const cli = (...args: string[]) => runFolio(lib.path, ...args)

describe('folio tag', () => {
  it('detect prints zones and figures with offsets into the file text', async () => {
    const text = '怀仁经开区去年进出口额达717亿元,同比增长42.3%,年发电3.2亿千瓦时,比上年提高6个百分点。'
    const file = join(lib.dir, 'a.txt')
    writeFileSync(file, text)
    const json = JSON.parse((await cli('tag', 'detect', file, '--json')).out) as TagJson
    for (const tag of json.tags) expect(text.slice(tag.start, tag.end)).toBe(tag.text)
    expect(json.tags.map((t) => [t.text, t.zone?.name ?? t.value, t.unit ?? null])).toEqual([
      ['怀仁经开区', '怀仁经济技术开发区', null],
      ['717亿元', 71700000000, '元'],
      ['42.3%', 42.3, '%'],
      ['3.2亿千瓦时', 320000000, '千瓦时'],
      ['6个百分点', 6, '个百分点'],
    ])
    expect(json.tags[0]?.zone?.known).toBe(true)
  })

  it('finds every zone of the sample issue', async () => {
    const seed = join(__dirname, '../resources/samples/kaifaqu-2024-25.txt')
    const json = JSON.parse((await cli('tag', 'detect', seed, '--json')).out) as TagJson
    const names = new Set(json.tags.flatMap((t) => (t.zone ? [t.zone.name] : [])))
    expect(names).toContain('怀仁经济技术开发区')
    expect(names).toContain('晋中国家农高区')
    const text = readFileSync(seed, 'utf8')
    for (const tag of json.tags) expect(text.slice(tag.start, tag.end)).toBe(tag.text)
  })

  it('tags a stored article', async () => {
    const issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
    const body = JSON.stringify(
      docFromBlocks([{ type: 'paragraph', text: '孝义经济开发区年产10万吨锂电电解液添加剂项目。' }]),
    )
    const id = lib.api.call('article.create', { issueId, body }).id
    const json = JSON.parse((await cli('tag', 'article', String(id), '--json')).out) as TagJson & { article: number }
    expect(json.article).toBe(id)
    expect(json.tags.map((t) => t.text)).toEqual(['孝义经济开发区', '10万吨'])
  })

  it('refuses missing and binary files with a clear message', async () => {
    expect((await cli('tag', 'detect', join(lib.dir, 'nope.txt'))).err).toContain('找不到文件')
    const junk = join(lib.dir, 'junk.bin')
    writeFileSync(junk, Buffer.from([0, 0, 0, 1, 2, 3, 0, 255]))
    const result = await cli('tag', 'detect', junk, '--json')
    expect(result.code).not.toBe(0)
    expect(result.out).toBe('')
  })
})
