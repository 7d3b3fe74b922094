import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { ProofReport } from '../src/shared/api/proof-types'
import { expect, test, openSample } from './fixtures'

test('校对报告 of the sample issue: the rate against 万分之三, CSV and PDF, each article one click away', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  const [issue] = folio.cli('issue', 'list', '--json') as { id: number }[]
  // What the CLI answers for the same library: the dialog must show the same numbers.
  const expected = folio.cli('proof', 'issue', String(issue!.id), '--json') as ProofReport

  await page.getByTestId('issue-item').first().click()
  await page.getByTestId('proof-report-open').click()
  const dialog = page.getByTestId('proof-report')
  const rate = dialog.getByTestId('report-rate')
  await expect(rate).toBeVisible({ timeout: 30_000 })
  await expect(rate).toHaveAttribute('data-per10k', String(expected.rate.per10k))
  await expect(rate).toContainText(`差错率万分之${expected.rate.per10k}`)
  await expect(rate).toContainText('合格线 万分之三')
  await expect(dialog.getByTestId('report-verdict')).toHaveText(expected.rate.pass ? '合格' : '超出万分之三')
  const rows = dialog.getByTestId('report-article')
  await expect(rows).toHaveCount(expected.articles.length)
  for (const [i, a] of expected.articles.entries()) {
    await expect(rows.nth(i)).toContainText(a.headline)
    await expect(rows.nth(i).locator('.report-errors')).toHaveText(String(a.errors))
  }
  await expect(dialog.getByTestId('report-categories')).toContainText(String(expected.byCategory['标点'].findings))
  await dialog.screenshot({ path: '/tmp/proof-report-zh.png' })

  // CSV: UTF-8 with a BOM, Chinese headers, one row per article.
  const [csv] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('report-csv').click()])
  expect(csv.suggestedFilename()).toBe('校对报告-开发区建设-专刊-2024年第25期.csv')
  const bytes = readFileSync(await csv.path())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = bytes.toString('utf8').slice(1).split('\r\n')
  expect(lines[0]).toBe('序号,标题,字数,标点,数字,计量单位,字词,规范表述,体例,计错,稿件ID')
  for (const [i, a] of expected.articles.entries()) {
    const cells = lines[i + 1]!.split(',')
    expect(cells[0]).toBe(String(i + 1))
    expect(lines[i + 1]).toContain(a.headline)
    expect(cells.at(-2)).toBe(String(a.errors))
    expect(cells.at(-1)).toBe(String(a.articleId))
  }
  expect(lines.at(-1)).toContain(`万分之${expected.rate.per10k}`)

  // PDF: printed with the bundled faces, embedded as subsets.
  const [pdf] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    dialog.getByTestId('report-pdf').click(),
  ])
  expect(pdf.suggestedFilename()).toBe('校对报告-开发区建设-专刊-2024年第25期.pdf')
  const file = await pdf.path()
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
  expect(fonts.length).toBeGreaterThan(0)
  for (const line of fonts) expect(line).toMatch(/NotoS(erif|ans)SC-\w+\s+CID TrueType\s+Identity-H\s+yes yes/)
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
  expect(text).toContain(`差错率万分之${expected.rate.per10k}`)

  // In English.
  await dialog.getByRole('button', { name: '关闭' }).click()
  await page.getByTestId('lang').click()
  await page.getByTestId('proof-report-open').click()
  await expect(rate).toContainText(`Error rate${expected.rate.per10k} per 10,000`)
  await expect(dialog.getByTestId('report-verdict')).toHaveText(expected.rate.pass ? 'Pass' : 'Over 3 per 10,000')
  await dialog.screenshot({ path: '/tmp/proof-report-en.png' })

  // Each article opens in the editor.
  const last = expected.articles.at(-1)!
  await rows.last().getByTestId('report-open').click()
  await expect(dialog).toBeHidden()
  await expect(page.locator(`[data-testid=article-item][aria-selected=true]`)).toContainText(last.headline)
  await expect(page.locator('[data-field=headline]')).toHaveValue(last.headline)
})
