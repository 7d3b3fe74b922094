/**
 * 校样 / 付印 on the issue's PDF and the 审签单 PDFs (issue 11 item 6), through the real services and
 * a real Chromium, read back with poppler: before the issue is signed off every page says 校样;
 * after 签发本期 every page says 付印 with the signer; the 审签单 carries each step and the signed
 * text's hash.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchPrintBrowser, type PlaywrightEngine } from '../../src/main/export/browser'
import { exportPdf, type ExportEnv } from '../../src/main/export/index'
import type { Person } from '../../src/shared/api/review-types'
import { dump, tempLibrary, type TempLibrary } from '../helpers'

const resourcesDir = resolve(__dirname, '../../resources')
const norm = (s: string): string => s.replace(/\s+/g, '')

let browser: PlaywrightEngine
let lib: TempLibrary
let env: ExportEnv
let issueId: number
let articleIds: number[]
let people: Record<'jia' | 'yi' | 'bing', Person>

function pages(file: string): string[] {
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
  return Array.from({ length: count }, (_, i) =>
    norm(
      execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }),
    ),
  )
}
const title = (file: string): string =>
  /Title:\s+(.*)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? ''

const as = (who: Person) => ({ personId: who.id })

async function sheet(input: { articleId: number } | { issueId: number }): Promise<{ fileName: string; text: string }> {
  const answer = await lib.api.dispatchAsync('review.sheet', input)
  if (!answer.ok) throw new Error(answer.error.message_en)
  const file = answer.result as { fileName: string; mime: string; data: string }
  expect(file.mime).toBe('application/pdf')
  const path = join(lib.dir, file.fileName)
  writeFileSync(path, Buffer.from(file.data, 'base64'))
  return { fileName: file.fileName, text: norm(execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' })) }
}

beforeAll(async () => {
  browser = await launchPrintBrowser()
  lib = tempLibrary()
  env = { api: lib.api, db: lib.db, resourcesDir }
  issueId = lib.api.call('sample.open', {}).issue.id
  articleIds = lib.api.call('article.list', { issueId }).map((a) => a.id)
  people = {
    jia: lib.api.call('person.create', { name: '甲', roles: ['责任编辑'] }),
    yi: lib.api.call('person.create', { name: '乙', roles: ['编辑室主任'] }),
    bing: lib.api.call('person.create', { name: '丙', roles: ['总编辑'] }),
  }
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await lib?.dispose()
})

describe('校样 / 付印 and the 审签单', () => {
  it('marks every page 校样 while the issue is not signed off, in the title too', async () => {
    const out = join(lib.dir, 'proof.pdf')
    const report = await exportPdf(env, issueId, { out, browser })
    expect(report.title).toMatch(/（校样）$/)
    const texts = pages(out)
    expect(texts.length).toBe(report.pages)
    for (const [i, text] of texts.entries()) {
      expect(text, `page ${i + 1}`).toContain('校样')
      expect(text, `page ${i + 1}`).not.toContain('付印')
    }
    expect(title(out)).toBe('开发区建设 专刊 2024年第25期（校样）')
  }, 120_000)

  it('prints the stamp in the mark slug when the PDF has crop marks', async () => {
    const out = join(lib.dir, 'proof-marks.pdf')
    await exportPdf(env, issueId, { out, browser, bleed: 3, marks: true })
    // The whole page (slug included) has the stamp; what is inside the trim box (the printed page) has not.
    for (const text of pages(out)) expect(text).toContain('校样')
    const info = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '1', out], { encoding: 'utf8' })
    expect(info, info).toMatch(/TrimBox/)
    const box = (name: string): number[] =>
      new RegExp(`${name}:\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)`)
        .exec(info)!
        .slice(1)
        .map(Number)
    const [, , , mediaTop] = box('MediaBox') as [number, number, number, number]
    const [x0, y0, x1, y1] = box('TrimBox') as [number, number, number, number]
    const crop = ['-x', x0, '-y', mediaTop - y1, '-W', x1 - x0, '-H', y1 - y0].map((v) =>
      typeof v === 'number' ? String(Math.round(v)) : v,
    )
    const inTrim = norm(
      execFileSync('pdftotext', ['-raw', '-f', '1', '-l', '1', ...crop, out, '-'], { encoding: 'utf8' }),
    )
    expect(inTrim).toContain('开发区建设')
    expect(inTrim).not.toContain('校样')
  }, 120_000)

  it('prints the 审签单 of an article: three reviews, the return and the signed text', async () => {
    const [first] = articleIds
    const { jia, yi, bing } = people
    lib.api.call('review.submit', { articleId: first! }, as(jia))
    lib.api.call('review.pass', { articleId: first! }, as(jia))
    lib.api.call('review.pass', { articleId: first! }, as(yi))
    lib.api.call('review.return', { articleId: first!, comment: '导语太长，请压缩' }, as(bing))
    lib.api.call('review.submit', { articleId: first! }, as(jia))
    lib.api.call('review.pass', { articleId: first! }, as(jia))
    lib.api.call('review.pass', { articleId: first! }, as(yi))
    lib.api.call('review.pass', { articleId: first!, comment: '同意签发' }, as(bing))
    const before = dump(lib.db)
    const { fileName, text } = await sheet({ articleId: first! })
    expect(dump(lib.db)).toBe(before)
    expect(fileName).toMatch(/^审签单-.+\.pdf$/)
    expect(text).toContain('稿件审签单')
    expect(text).toContain('退改')
    expect(text).toContain('导语太长，请压缩')
    expect(text).toContain('同意签发')
    for (const name of ['甲', '乙', '丙']) expect(text).toContain(name)
    const review = lib.api.call('review.get', { articleId: first! })
    expect(review.stage).toBe('signed')
    const final = review.steps.filter((s) => s.decision === 'pass' && s.stage === '终审').at(-1)!
    expect(text).toContain(final.textHash)
    const revision = lib.api.call('revision.get', { id: final.revisionId })
    expect(text).toContain(`字数${revision.charCount}`)
  }, 120_000)

  it('marks every page 付印 with the signer once the issue is signed off', async () => {
    const { jia, yi, bing } = people
    for (const articleId of articleIds.slice(1)) {
      lib.api.call('review.submit', { articleId }, as(jia))
      lib.api.call('review.pass', { articleId }, as(jia))
      lib.api.call('review.pass', { articleId }, as(yi))
      lib.api.call('review.pass', { articleId }, as(bing))
    }
    const signoff = lib.api.call('issue.signoff', { issueId }, as(bing))
    expect(signoff.by.name).toBe('丙')
    const out = join(lib.dir, 'press.pdf')
    await exportPdf(env, issueId, { out, browser })
    for (const [i, text] of pages(out).entries()) {
      expect(text, `page ${i + 1}`).toContain('付印')
      expect(text, `page ${i + 1}`).toContain('签发：丙')
      expect(text, `page ${i + 1}`).not.toContain('校样')
    }
    expect(title(out)).toBe('开发区建设 专刊 2024年第25期（付印）')
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Keywords:\s+付印 签发：丙 \d{4}年/)

    const issueSheet = await sheet({ issueId })
    expect(issueSheet.fileName).toBe('审签单-开发区建设-专刊-2024年第25期.pdf')
    expect(issueSheet.text).toContain('本期审签单')
    expect(issueSheet.text).toContain('丙于')
    for (const a of lib.api.call('article.list', { issueId })) expect(issueSheet.text).toContain(norm(a.headline))
  }, 180_000)

  it('goes back to 校样 when a signed issue is edited (the sign-off no longer holds)', async () => {
    const [articleId] = articleIds
    const article = lib.api.call('article.get', { id: articleId! })
    lib.api.call(
      'article.update',
      { id: articleId!, patch: { headline: `${article.headline}！` }, baseVersion: article.version },
      as(people.jia),
    )
    expect(lib.api.call('issue.signoff.get', { issueId })).toBeNull()
    const out = join(lib.dir, 'proof-again.pdf')
    await exportPdf(env, issueId, { out, browser })
    for (const text of pages(out)) {
      expect(text).toContain('校样')
      expect(text).not.toContain('付印')
    }
  }, 120_000)

  it('refuses a sheet of an unknown article or issue clearly', async () => {
    for (const input of [{ articleId: 987654 }, { issueId: 987654 }]) {
      const answer = await lib.api.dispatchAsync('review.sheet', input)
      expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } })
    }
    const both = await lib.api.dispatchAsync('review.sheet', { articleId: 1, issueId: 1 })
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
