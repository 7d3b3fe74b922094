/**
 * PDF straight in (issue 13 item 3), by round trip: issues exported by Folio's own PDF export
 * (auto-laid onto 四开 pages, printed by a real Chromium) are read back with import.pdf and
 * compared with what was exported — headlines, bylines, paragraphs — and a two-column PDF drawn by
 * another tool (@cantoo/pdf-lib with a Noto font) comes back in reading order.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchPrintBrowser, type PlaywrightEngine } from '../src/main/export/browser'
import { exportPdf, layoutIssue, type ExportEnv } from '../src/main/export/index'
import { docToBlocks, parseDoc } from '../src/shared/doc/lexical'
import type { ImportArticle } from '../src/shared/import/model'
import { toImportArticle } from '../src/shared/import/model'
import { toIssueFields } from '../src/shared/import/masthead-fields'
import { parseIssueText } from '../src/shared/import/plaintext'
import { tempLibrary, type TempLibrary } from './helpers'

const resourcesDir = resolve(__dirname, '../resources')
const norm = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, '')

let browser: PlaywrightEngine
let lib: TempLibrary
let env: ExportEnv

interface Exported {
  headline: string
  byline: string
  paragraphs: string[]
}

/** What an issue holds, as the reader should find it again. */
function exportedArticles(issueId: number): Exported[] {
  return lib.api.call('article.list', { issueId }).map(({ id }) => {
    const article = lib.api.call('article.get', { id })
    const blocks = docToBlocks(parseDoc(article.body))
    return {
      headline: article.headline,
      byline: article.byline,
      paragraphs: blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])),
    }
  })
}

async function exportIssue(issueId: number, name: string): Promise<Buffer> {
  await layoutIssue(env, issueId, { template: '四开', browser })
  const out = join(lib.dir, `${name}.pdf`)
  await exportPdf(env, issueId, { out, browser, acceptWarnings: true } as Parameters<typeof exportPdf>[2])
  return readFileSync(out)
}

async function importPdf(bytes: Buffer): Promise<ImportArticle[]> {
  const answer = await lib.api.dispatchAsync('import.pdf', { data: bytes.toString('base64') })
  if (!answer.ok) throw new Error(answer.error.message_en)
  return (answer.result as { articles: ImportArticle[] }).articles
}

interface Score {
  headlines: [number, number]
  bylines: [number, number]
  paragraphs: [number, number]
  missing: string[]
  /** Checks right over all checks. */
  score: number
}

/**
 * Each exported article is looked for by its headline among what came back; its byline's names
 * and its paragraphs (exact, whitespace aside — a PDF keeps no spaces between Chinese words) are
 * checked in the article found. A paragraph cut at a jump (转版) counts when it is whole again.
 */
function score(exported: readonly Exported[], read: readonly ImportArticle[]): Score {
  const s: Score = { headlines: [0, 0], bylines: [0, 0], paragraphs: [0, 0], missing: [], score: 0 }
  for (const article of exported) {
    s.headlines[1]++
    const found = read.find((r) => norm(r.headline) === norm(article.headline))
    if (found) s.headlines[0]++
    else s.missing.push(`headline ${article.headline}`)
    if (norm(article.byline) !== '') {
      s.bylines[1]++
      if (found && norm(found.byline) === norm(article.byline)) s.bylines[0]++
      else s.missing.push(`byline ${article.byline} (read ${found?.byline ?? '—'})`)
    }
    const paragraphs = new Set((found?.blocks ?? []).flatMap((b) => (b.type === 'paragraph' ? [norm(b.text)] : [])))
    for (const paragraph of article.paragraphs) {
      s.paragraphs[1]++
      if (paragraphs.has(norm(paragraph))) s.paragraphs[0]++
      else s.missing.push(`paragraph ${paragraph.slice(0, 20)}…`)
    }
  }
  const right = s.headlines[0] + s.bylines[0] + s.paragraphs[0]
  const all = s.headlines[1] + s.bylines[1] + s.paragraphs[1]
  s.score = all === 0 ? 0 : right / all
  return s
}

function report(name: string, s: Score): string {
  const pct = (n: [number, number]): string => `${n[0]}/${n[1]}`
  return `${name}: ${(100 * s.score).toFixed(1)}% (headlines ${pct(s.headlines)}, bylines ${pct(s.bylines)}, paragraphs ${pct(s.paragraphs)})`
}

/** An issue composed from an import fixture written for another paper, its masthead too. */
function composeIssue(fixture: string): number {
  const text = readFileSync(join(__dirname, 'fixtures/import', `${fixture}.txt`), 'utf8')
  const parsed = parseIssueText(text)
  const { issue } = lib.api.call('import.commit', {
    issue: toIssueFields(parsed),
    articles: parsed.articles.map(toImportArticle).filter((a) => a.headline !== null),
    images: [],
  })
  return issue.id
}

beforeAll(async () => {
  browser = await launchPrintBrowser()
  lib = tempLibrary()
  env = { api: lib.api, db: lib.db, resourcesDir }
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await lib?.dispose()
})

describe('PDF round trip through Folio’s own export', () => {
  const scores: string[] = []
  afterAll(() => console.log(`PDF round trip structure scores:\n  ${scores.join('\n  ')}`))

  // Issue 13 asks for every headline and byline of the seed and 90 % of its paragraphs exact.
  // Reached: headlines 4 of 4, bylines 4 of 4 (the dateline 科学导报 记者王波 7月2日 broken over
  // two justified lines keeps its word gaps), paragraphs 34 of 34 (lines beside a column gutter
  // are no longer read across it); held there so a step back fails.
  it('reads the seed back: every headline, byline and paragraph exact, the lead first', async () => {
    const issueId = lib.api.call('sample.open', {}).issue.id
    const exported = exportedArticles(issueId)
    const read = await importPdf(await exportIssue(issueId, 'seed'))
    const s = score(exported, read)
    scores.push(report('seed 开发区建设 2024年第25期', s))
    expect(s.missing.filter((m) => m.startsWith('headline'))).toEqual([])
    expect(s.missing).toEqual([])
    // In the running order of the pages: the lead first.
    expect(norm(read[0]?.headline)).toBe(norm(exported[0]?.headline))
  }, 120_000)

  // Reached: both 100 % (guangxi's narrow columns beside a large photo no longer read into each other).
  it.each(['guangxi-beibuwan-2024-21', 'henan-gaoxin-2024-31'])(
    'reads an issue composed from %s back: every headline, byline and paragraph',
    async (fixture) => {
      const issueId = composeIssue(fixture)
      const exported = exportedArticles(issueId)
      expect(exported.length).toBeGreaterThan(1)
      const read = await importPdf(await exportIssue(issueId, fixture))
      const s = score(exported, read)
      scores.push(report(`${fixture} (${exported.length} articles)`, s))
      expect(s.missing).toEqual([])
    },
    120_000,
  )
})

describe('a two-column PDF made by another tool', () => {
  /**
   * LibreOffice Writer 7.4 (Debian 12), Noto Serif CJK, a section in two columns: the PDF was
   * printed once from two-columns.fodt beside it (soffice --headless --convert-to pdf) and kept,
   * so the test needs no LibreOffice.
   */
  it('comes back column by column, left to right: headline, byline, four paragraphs in order', async () => {
    const bytes = readFileSync(join(__dirname, 'fixtures/pdf/two-columns.pdf'))
    const source = readFileSync(join(__dirname, 'fixtures/pdf/two-columns.fodt'), 'utf8')
    const expected = [...source.matchAll(/<text:p text:style-name="Body">([^<]+)<\/text:p>/g)].map((m) => m[1])
    expect(expected).toHaveLength(4)
    const read = await importPdf(bytes)
    expect(read).toHaveLength(1)
    const [article] = read
    expect(article?.headline).toBe('高新区产业发展稳中有进')
    expect(norm(article?.byline)).toBe('张明')
    const paragraphs = (article?.blocks ?? []).flatMap((b) => (b.type === 'paragraph' ? [norm(b.text)] : []))
    expect(paragraphs).toEqual(expected.map(norm))
  })
})

describe('bad input', () => {
  it.each([
    ['not a PDF', Buffer.from('这不是 PDF，只是文字'), '不是 PDF'],
    ['a damaged PDF', Buffer.from('%PDF-1.7\n1 0 obj <<>> garbage'), '已损坏'],
  ])('%s is refused with a clear message, Chinese first', async (_label, bytes, zh) => {
    const answer = await lib.api.dispatchAsync('import.pdf', { data: bytes.toString('base64') })
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.message_zh).toContain(zh)
    expect(answer.error.message_en).toMatch(/PDF/)
  })
})
