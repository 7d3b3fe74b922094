/**
 * The 校对报告 PDF of the sample issue through proof.pdf: printed by the print engine (Debian's
 * Chromium here), checked with poppler — A4 pages, the bundled faces embedded as subsets, the
 * rate and every article's headline in the text.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProofReport } from '../src/shared/api/proof-types'
import { dump, tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
let report: ProofReport
const pdfs: Record<'zh' | 'en', string> = { zh: '', en: '' }
const text = (file: string) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')

beforeAll(async () => {
  lib = tempLibrary()
  const issueId = lib.api.call('sample.open', {}).issue.id
  report = lib.api.call('proof.issue', { issueId })
  const before = dump(lib.db)
  for (const lang of ['zh', 'en'] as const) {
    const answer = await lib.api.dispatchAsync('proof.pdf', { issueId, lang })
    if (!answer.ok) throw new Error(answer.error.message_en)
    const file = answer.result as { fileName: string; mime: string; data: string }
    expect(file.mime).toBe('application/pdf')
    expect(file.fileName).toBe('校对报告-开发区建设-专刊-2024年第25期.pdf')
    pdfs[lang] = join(lib.dir, `report-${lang}.pdf`)
    writeFileSync(pdfs[lang], Buffer.from(file.data, 'base64'))
  }
  expect(dump(lib.db)).toBe(before)
}, 120_000)

afterAll(() => lib?.dispose())

describe('校对报告 PDF', () => {
  it('is A4 with the report’s title', () => {
    const info = execFileSync('pdfinfo', [pdfs.zh], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/)
    expect(info).toMatch(/Title:\s+校对报告 开发区建设 专刊 2024年第25期/)
  })

  it('embeds only the bundled faces, as subsets, never Type 3', () => {
    for (const pdf of Object.values(pdfs)) {
      const lines = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2)
      expect(lines.length).toBeGreaterThan(0)
      for (const line of lines) {
        expect(line).not.toMatch(/Type 3/)
        expect(line).toMatch(/^[A-Z]{6}\+NotoS(erif|ans)SC-(Regular|Bold|Black)\s.*\byes\s+yes\s+yes\b/)
      }
    }
  })

  it('shows the rate against the line, the category totals and every article', () => {
    const zh = text(pdfs.zh)
    expect(zh).toContain(`差错率万分之${report.rate.per10k}`)
    expect(zh).toContain(report.rate.pass ? '合格' : '超出万分之三')
    expect(zh).toContain(`检查字数${report.rate.chars}`)
    for (const a of report.articles) expect(zh).toContain(a.headline.replace(/\s+/g, ''))
    const en = text(pdfs.en)
    expect(en).toContain(`Errorrate${report.rate.per10k}per10,000`)
    expect(en).toContain(report.rate.pass ? 'Pass' : 'Over3per10,000')
  })

  it('refuses an unknown issue without starting to print', async () => {
    const answer = await lib.api.dispatchAsync('proof.pdf', { issueId: 987654 })
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
