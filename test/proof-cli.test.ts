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

interface ProofJson {
  findings: {
    rule: string
    category: string
    start: number
    end: number
    text: string
    message_zh: string
    message_en: string
    fix: string | null
  }[]
}

const cli = (...args: string[]) => runFolio(lib.path, ...args)
const KEYS = ['rule', 'category', 'start', 'end', 'text', 'message_zh', 'message_en', 'fix']

describe('folio proof', () => {
  it('proofs a file: findings with offsets into its decoded text', async () => {
    const text = '让世界看见山西: 亮相世界级交流推介平台,投资3.6亿元(一期)。'
    const file = join(lib.dir, 'a.txt')
    writeFileSync(file, text)
    const result = await cli('proof', file, '--json')
    expect(result.code).toBe(0)
    const json = JSON.parse(result.out) as ProofJson
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual(KEYS)
      expect(text.slice(f.start, f.end)).toBe(f.text)
    }
    expect(json.findings.map((f) => [f.text, f.fix])).toEqual([
      [': ', '：'],
      [',', '，'],
      ['(', '（'],
      [')', '）'],
    ])
  })

  it('decodes the file the way the import does (GBK, UTF-16 with BOM)', async () => {
    const text = '项目预计投产后,实现年产值3.6亿元。'
    const utf16 = join(lib.dir, 'u16.txt')
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    const json = JSON.parse((await cli('proof', utf16, '--json')).out) as ProofJson
    expect(json.findings.map((f) => [f.start, f.text])).toEqual([[7, ',']])
    // GBK bytes of 开发区,建设 (written out: no encoder for GBK in Node)
    const gbk = join(lib.dir, 'gbk.txt')
    writeFileSync(gbk, Buffer.from([0xbf, 0xaa, 0xb7, 0xa2, 0xc7, 0xf8, 0x2c, 0xbd, 0xa8, 0xc9, 0xe8]))
    const gbkJson = JSON.parse((await cli('proof', gbk, '--json')).out) as ProofJson
    expect(gbkJson.findings.map((f) => [f.start, f.text, f.fix])).toEqual([[3, ',', '，']])
  })

  it('proofs the sample issue: every half-width comma flagged, offsets into the file', async () => {
    const seed = join(__dirname, '../resources/samples/kaifaqu-2024-25.txt')
    const text = readFileSync(seed, 'utf8')
    const json = JSON.parse((await cli('proof', seed, '--json')).out) as ProofJson
    for (const f of json.findings) expect(text.slice(f.start, f.end)).toBe(f.text)
    expect(json.findings.filter((f) => f.rule === 'halfwidth-comma').length).toBe((text.match(/,/g) ?? []).length)
  })

  it('proofs a stored article’s body', async () => {
    const issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
    const body = JSON.stringify(docFromBlocks([{ type: 'paragraph', text: '怀仁经开区年产1000ml输液瓶,远销东南亚。' }]))
    const id = lib.api.call('article.create', { issueId, body }).id
    const article = lib.api.call('article.get', { id })
    const json = JSON.parse((await cli('proof', 'article', String(id), '--json')).out) as ProofJson
    for (const f of json.findings) expect(article.bodyText.slice(f.start, f.end)).toBe(f.text)
    expect(json.findings.map((f) => [f.rule, f.text, f.fix])).toEqual([
      ['zone-first-mention', '怀仁经开区', '怀仁经济技术开发区'],
      ['unit-symbol-case', 'ml', 'mL'],
      ['halfwidth-comma', ',', '，'],
    ])
  })

  it('prints a readable list without --json', async () => {
    const file = join(lib.dir, 'b.txt')
    writeFileSync(file, '依托龙头,组建协会')
    const result = await cli('proof', file)
    expect(result.out).toContain('halfwidth-comma')
    expect(result.out).toContain('共 1 处')
    writeFileSync(file, '依托龙头，组建协会。')
    expect((await cli('proof', file)).out).toContain('未发现问题')
  })

  it('refuses bad input clearly, Chinese first, with a non-zero exit and nothing on stdout', async () => {
    const junk = join(lib.dir, 'junk.bin')
    writeFileSync(junk, Buffer.from([0, 0, 0, 1, 2, 3, 0, 255]))
    const empty = join(lib.dir, 'empty.txt')
    writeFileSync(empty, '')
    const cases: [string[], RegExp][] = [
      [['proof', join(lib.dir, 'nope.txt'), '--json'], /找不到文件/],
      [['proof', junk, '--json'], /不是纯文本文件/],
      [['proof', empty, '--json'], /文件是空的/],
      [['proof', '--json'], /请给出要校对的文本文件/],
      [['proof', 'article', '999', '--json'], /[\u4e00-\u9fff]/],
      [['proof', 'article', 'abc', '--json'], /稿件 ID/],
      [['proof', 'issue', '999', '--json'], /找不到第 999 号期次/],
      [['proof', 'issue', 'x', '--json'], /期次 ID/],
      [['proof', 'issue', '--json'], /期次 ID/],
    ]
    for (const [args, message] of cases) {
      const result = await cli(...args)
      expect(result.code, args.join(' ')).not.toBe(0)
      expect(result.out, args.join(' ')).toBe('')
      expect(result.err, args.join(' ')).toMatch(message)
      expect(result.err.indexOf('错误'), args.join(' ')).toBe(0)
      expect(result.err).toMatch(/Error: /)
    }
  })

  it('proof issue: the report of the sample issue, as proof.issue answers it, with the rate', async () => {
    const { issue } = lib.api.call('sample.open', {})
    const result = await cli('proof', 'issue', String(issue.id), '--json')
    expect(result.code).toBe(0)
    const report = JSON.parse(result.out) as ReturnType<typeof lib.api.call<'proof.issue'>>
    expect(report).toEqual(lib.api.call('proof.issue', { issueId: issue.id }))
    expect(Object.keys(report)).toEqual(['issue', 'masthead', 'articles', 'byCategory', 'rate', 'weights'])
    expect(Object.keys(report.rate)).toEqual(['chars', 'errors', 'per10k', 'threshold', 'pass'])
    expect(report.rate.threshold).toBe(3)
    expect(report.articles.length).toBeGreaterThan(0)
    for (const a of report.articles) {
      expect(Object.keys(a)).toEqual(['articleId', 'position', 'headline', 'chars', 'errors', 'byCategory', 'findings'])
      for (const f of a.findings) expect(Object.keys(f)).toEqual(['field', ...KEYS, 'inHeadline', 'before', 'after'])
    }
    const human = await cli('proof', 'issue', String(issue.id))
    expect(human.code).toBe(0)
    expect(human.out).toContain(`差错率 万分之${report.rate.per10k}`)
    expect(human.out).toContain(report.articles[0]!.headline)
  })
})
