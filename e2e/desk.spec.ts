/**
 * 编辑台 (issue 11, Done when): three members take an article from 草稿 to 已签发 with one return,
 * through the API as each of them, while a second tab's desk shows every step without a reload;
 * the issue's PDF says 校样 on every page before the issue is signed off and 付印 (with the signer)
 * after; the 审签单 PDFs of the issue and of the article carry the steps.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Person } from '../src/shared/api/review-types'
import { expect, openSample, test } from './fixtures'

/** A call of the app's API from a tab, as a member (the transport's x-folio-person header). */
async function api<T>(page: Page, method: string, input: unknown, personId?: number): Promise<T> {
  return page.evaluate(
    async ({ method, input, personId }) => {
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'X-Folio-Token': sessionStorage.getItem('folio.token') ?? '',
      }
      if (personId !== undefined) headers['x-folio-person'] = String(personId)
      const response = await fetch(`/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) })
      const answer = (await response.json()) as {
        ok: boolean
        result?: unknown
        error?: { message_zh: string; message_en: string }
      }
      if (!answer.ok) throw new Error(`${method}: ${answer.error?.message_zh} / ${answer.error?.message_en}`)
      return answer.result
    },
    { method, input, personId },
  ) as Promise<T>
}

const dir = mkdtempSync(join(tmpdir(), 'folio-desk-'))

/** The issue exported as PDF through export.start/status/result; the text of each page. */
async function exportPdfPages(page: Page, issueId: number, name: string): Promise<{ file: string; pages: string[] }> {
  const job = await api<{ id: string }>(page, 'export.start', { kind: 'pdf', issueId })
  await expect
    .poll(async () => (await api<{ done: boolean }>(page, 'export.status', { jobId: job.id })).done, {
      timeout: 60_000,
    })
    .toBe(true)
  const result = await api<{ data: string }>(page, 'export.result', { jobId: job.id })
  const file = join(dir, `${name}.pdf`)
  writeFileSync(file, Buffer.from(result.data, 'base64'))
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
  expect(count).toBeGreaterThan(0)
  const pages = Array.from({ length: count }, (_, i) =>
    execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), file, '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ''),
  )
  return { file, pages }
}

const pdfTitle = (file: string): string =>
  /Title:\s+(.*)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? ''

test('the desk follows an article from 草稿 to 已签发 live; the PDF says 校样, then 付印', async ({
  page,
  context,
  folio,
}) => {
  test.setTimeout(240_000)
  // Tab A: the library with the sample issue; the API calls of the three members go from here.
  await openSample(page, folio)
  const [issue] = await api<{ id: number }[]>(page, 'issue.list', {})
  const issueId = issue!.id
  const articles = await api<{ id: number; headline: string }[]>(page, 'article.list', { issueId })
  expect(articles).toHaveLength(4)

  // Tab B: the desk, opened before anyone acts; it must follow every step without a reload.
  const desk = await context.newPage()
  await desk.goto(folio.url)
  await desk.getByTestId('issue-item').first().click()
  await desk.getByTestId('tab-desk').click()
  const rows = desk.getByTestId('desk-row')
  await expect(rows).toHaveCount(4)
  await desk.evaluate(() => ((window as unknown as { deskMarker: number }).deskMarker = 1))

  // 甲 责任编辑 (送审, 初审), 乙 编辑室主任 (复审), 丙 总编辑 (终审, 签发本期).
  const jia = await api<Person>(page, 'person.create', { name: '甲', roles: ['记者', '责任编辑'] })
  const yi = await api<Person>(page, 'person.create', { name: '乙', roles: ['编辑室主任'] })
  const bing = await api<Person>(page, 'person.create', { name: '丙', roles: ['总编辑'] })

  const target = articles[1]!
  const row = desk.locator(`[data-testid=desk-row][data-article-id="${target.id}"]`)
  await expect(row).toHaveAttribute('data-stage', 'draft')
  const chip = (stage: string) => desk.locator(`[data-testid=desk-stage-chip][data-stage=${stage}]`)
  await expect(chip('draft')).toHaveAttribute('data-count', '4')

  const step = async (method: string, by: Person, stage: string, comment?: string): Promise<void> => {
    await api(page, method, { articleId: target.id, ...(comment && { comment }) }, by.id)
    await expect(row).toHaveAttribute('data-stage', stage)
    await expect(row.getByTestId('desk-holder')).toHaveText(by.name)
  }

  await step('review.submit', jia, 'first')
  await expect(chip('first')).toHaveAttribute('data-count', '1')
  await expect(chip('draft')).toHaveAttribute('data-count', '3')
  await step('review.pass', jia, 'second')
  await step('review.pass', yi, 'final')
  // 丙 returns it at 终审 (退改): back to 草稿, the chain starts again.
  await step('review.return', bing, 'draft', '第二段数字请核对出处')
  await expect(chip('draft')).toHaveAttribute('data-count', '4')
  await desk.screenshot({ path: '/tmp/desk-returned.png' })

  // 甲 revises the headline; the desk shows the new one (and the edit as the last change).
  const before = await api<{ version: number; headline: string }>(page, 'article.get', { id: target.id })
  const revised = `${before.headline}（修订）`
  await api(
    page,
    'article.update',
    { id: target.id, patch: { headline: revised }, baseVersion: before.version },
    jia.id,
  )
  await expect(row.getByTestId('desk-open')).toContainText(revised)
  await expect(row.getByTestId('desk-last')).toContainText('甲')

  await step('review.submit', jia, 'first')
  await step('review.pass', jia, 'second')
  await step('review.pass', yi, 'final')
  await step('review.pass', bing, 'signed')
  await expect(chip('signed')).toHaveAttribute('data-count', '1')

  // Not every article is signed: 签发本期 is disabled and says what is missing.
  await expect(desk.getByTestId('desk-signoff')).toBeDisabled()
  await expect(desk.getByTestId('desk-signoff-missing')).toContainText('还有 3 篇未签发')
  await desk.getByTestId('desk-stage-chip').and(desk.locator('[data-stage=signed]')).click()
  await expect(rows).toHaveCount(1)
  await desk.getByTestId('desk-person').selectOption({ label: '丙' })
  await expect(rows).toHaveCount(1)
  await desk.getByTestId('desk-stage-chip').and(desk.locator('[data-stage=all]')).click()
  await desk.getByTestId('desk-person').selectOption({ label: '所有人' })
  await expect(rows).toHaveCount(4)

  // The issue's PDF before sign-off: 校样 on every page and in the title.
  const proof = await exportPdfPages(page, issueId, 'proof')
  for (const [i, text] of proof.pages.entries()) {
    expect(text, `page ${i + 1}`).toContain('校样')
    expect(text, `page ${i + 1}`).not.toContain('付印')
  }
  expect(pdfTitle(proof.file)).toContain('（校样）')

  // The other three articles go through the chain; then the issue can be signed off.
  for (const a of articles.filter((x) => x.id !== target.id)) {
    await api(page, 'review.submit', { articleId: a.id }, jia.id)
    await api(page, 'review.pass', { articleId: a.id }, jia.id)
    await api(page, 'review.pass', { articleId: a.id }, yi.id)
    await api(page, 'review.pass', { articleId: a.id }, bing.id)
  }
  await expect(chip('signed')).toHaveAttribute('data-count', '4')
  await expect(desk.getByTestId('desk-signoff')).toBeEnabled()
  await expect(desk.getByTestId('desk-signoff-missing')).toContainText('全部稿件已签发')
  await desk.screenshot({ path: '/tmp/desk-ready.png' })

  // 丙 signs the issue off from the desk of a third tab (chosen as who is working); the second tab
  // shows it without a reload.
  const chief = await context.newPage()
  await chief.goto(folio.url)
  // 乙 (编辑室主任) may not sign an issue under the default policy: refused, said on the desk.
  await chief.getByTestId('who-dialog').getByTestId('who-option').filter({ hasText: '乙' }).click()
  await chief.getByTestId('issue-item').first().click()
  await chief.getByTestId('tab-desk').click()
  await chief.getByTestId('desk-signoff').click()
  await expect(chief.getByTestId('desk-error')).toBeVisible()
  await expect(chief.getByTestId('desk-signoff-state')).toHaveAttribute('data-signed', 'false')
  await chief.screenshot({ path: '/tmp/desk-refused.png' })
  await chief.getByTestId('actor-chip').click()
  await chief.getByTestId('actor-option').filter({ hasText: '丙' }).click()
  await chief.getByTestId('desk-signoff').click()
  await expect(chief.getByTestId('desk-signoff-state')).toHaveAttribute('data-signed', 'true')
  expect(await api<{ by: { name: string } } | null>(page, 'issue.signoff.get', { issueId })).toMatchObject({
    by: { name: '丙' },
  })
  const state = desk.getByTestId('desk-signoff-state')
  await expect(state).toHaveAttribute('data-signed', 'true')
  await expect(state).toContainText('本期已签发')
  await expect(state).toContainText('丙')
  await desk.screenshot({ path: '/tmp/desk-signed.png' })

  // The desk never reloaded.
  expect(await desk.evaluate(() => (window as unknown as { deskMarker?: number }).deskMarker)).toBe(1)

  // After sign-off: 付印 with the signer on every page.
  const press = await exportPdfPages(page, issueId, 'press')
  expect(press.pages).toHaveLength(proof.pages.length)
  for (const [i, text] of press.pages.entries()) {
    expect(text, `page ${i + 1}`).toContain('付印')
    expect(text, `page ${i + 1}`).toContain('签发：丙')
    expect(text, `page ${i + 1}`).not.toContain('校样')
  }
  expect(pdfTitle(press.file)).toContain('（付印）')

  // 审签单 of the issue (the desk's button): every article and the issue's sign-off.
  const [issueSheet] = await Promise.all([
    desk.waitForEvent('download', { timeout: 60_000 }),
    desk.getByTestId('desk-sheet-issue').click(),
  ])
  expect(issueSheet.suggestedFilename()).toBe('审签单-开发区建设-专刊-2024年第25期.pdf')
  const issueText = execFileSync('pdftotext', ['-raw', await issueSheet.path(), '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  )
  expect(issueText).toContain('本期审签单')
  expect(issueText).toContain('丙于')
  for (const a of articles.filter((x) => x.id !== target.id))
    expect(issueText).toContain(a.headline.replace(/\s+/g, ''))
  expect(issueText).toContain(revised.replace(/\s+/g, ''))

  // 审签单 of the article (its row's button): the three reviews, the return and the signed text.
  const [articleSheet] = await Promise.all([
    desk.waitForEvent('download', { timeout: 60_000 }),
    row.getByTestId('desk-sheet-article').click(),
  ])
  const sheetText = execFileSync('pdftotext', ['-raw', await articleSheet.path(), '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  )
  expect(sheetText).toContain('稿件审签单')
  expect(sheetText).toContain('退改')
  expect(sheetText).toContain('第二段数字请核对出处')
  const log = await api<{ decision: string; stage: string; textHash: string }[]>(page, 'review.log', {
    articleId: target.id,
  })
  const signed = log.filter((s) => s.decision === 'pass' && s.stage === '终审').at(-1)!
  expect(sheetText).toContain(signed.textHash)

  // In English.
  await desk.getByTestId('lang').click()
  await expect(state).toContainText('Issue signed off')
  await expect(chip('signed')).toContainText('Signed off')
  await desk.screenshot({ path: '/tmp/desk-en.png' })

  // The desk opens an article in the editor.
  await row.getByTestId('desk-open').click()
  await expect(desk.locator('[data-field=headline]')).toHaveValue(revised)
})
