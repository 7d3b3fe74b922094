/**
 * Restore, in the UI (issue 8): a backup from 备份与恢复, articles and issues from 回收站, and a
 * start on a damaged library that offers the newest verified backup.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { body, createIssue, expect, newArticle, openSample, test, waitSaved } from './fixtures'

test('an editor restores the library from a backup in 备份与恢复, and can undo it', async ({ page, folio }) => {
  await openSample(page, folio)
  await page.getByTestId('backup-now').click()
  await expect(page.getByTestId('backup-line')).toContainText('已备份')

  // Work after the backup: a new article with text.
  await newArticle(page, '备份之后写的稿件')
  await body(page).click()
  await page.keyboard.type('这段文字在备份之后。')
  await waitSaved(page)
  await expect(page.getByTestId('article-item')).toHaveCount(5)

  await page.getByTestId('open-backups').click()
  const dialog = page.getByTestId('backups-dialog')
  const manual = dialog.getByTestId('backup-row').filter({ hasText: '手动' })
  await expect(manual).toHaveCount(1)
  await expect(manual).toContainText('1 期 · 4 篇')
  await manual.getByTestId('backup-restore').click()
  const confirm = page.getByTestId('confirm')
  await expect(confirm).toContainText('当前资料库会先自动备份')
  await confirm.getByRole('button', { name: '恢复' }).click()

  // The app reloads on the restored library: four articles again.
  await expect(page.getByTestId('article-item')).toHaveCount(4)
  await expect(page.getByTestId('article-item').filter({ hasText: '备份之后写的稿件' })).toHaveCount(0)

  // What was replaced is a backup of its own ("操作前自动"), and restoring it brings the work back.
  await page.getByTestId('open-backups').click()
  const safety = page.getByTestId('backups-dialog').getByTestId('backup-row').filter({ hasText: '操作前自动' })
  await expect(safety).toContainText('1 期 · 5 篇')
  await safety.getByTestId('backup-restore').click()
  await page.getByTestId('confirm').getByRole('button', { name: '恢复' }).click()
  await expect(page.getByTestId('article-item')).toHaveCount(5)
  await page.getByTestId('article-item').filter({ hasText: '备份之后写的稿件' }).click()
  await expect(body(page)).toHaveText('这段文字在备份之后。')
})

test('回收站 lists what was deleted and brings back an article and an issue', async ({ page, folio }) => {
  await openSample(page, folio)
  const first = page.getByTestId('article-item').first()
  const headline = (await first.locator('.article-headline, .article-title').first().textContent()) ?? ''
  // Delete the first article (asks first) …
  await first.click()
  await first.hover()
  await first.getByTestId('delete-article').click()
  await page.getByTestId('confirm').getByRole('button', { name: '删除' }).click()
  await expect(page.getByTestId('article-item')).toHaveCount(3)
  // … and a whole second issue.
  await createIssue(page, { title: '开发区建设', number: '2024年第26期' })
  await page.getByTestId('issue-item').filter({ hasText: '2024年第26期' }).click()
  await page.getByTestId('delete-issue').click()
  await page.getByTestId('confirm').getByRole('button', { name: '删除' }).click()
  await expect(page.getByTestId('issue-item')).toHaveCount(1)

  await page.getByTestId('open-trash').click()
  const trash = page.getByTestId('trash-dialog')
  await expect(trash.getByTestId('trash-issue')).toHaveCount(1)
  await expect(trash.getByTestId('trash-issue')).toContainText('2024年第26期')
  await expect(trash.getByTestId('trash-article')).toHaveCount(1)
  await expect(trash.getByTestId('trash-article')).toContainText('2024年第25期')
  await expect(trash.getByTestId('trash-article')).toContainText('删除于')
  if (headline) await expect(trash.getByTestId('trash-article')).toContainText(headline.trim().slice(0, 6))

  await trash.getByTestId('trash-article').getByRole('button', { name: '恢复' }).click()
  await expect(trash.getByTestId('trash-note')).toContainText('已恢复')
  await expect(page.getByTestId('article-item')).toHaveCount(4)
  await trash.getByTestId('trash-issue').getByRole('button', { name: '恢复' }).click()
  await expect(trash.getByTestId('trash-issue')).toHaveCount(0)
  await expect(trash).toContainText('回收站是空的')
  await trash.getByRole('button', { name: '关闭' }).click()
  await expect(page.getByTestId('issue-item')).toHaveCount(2)
})

test('starting on a damaged library writes nothing, says why and offers the newest backup', async ({ page, folio }) => {
  await openSample(page, folio)
  await page.getByTestId('backup-now').click()
  await expect(page.getByTestId('backup-line')).toContainText('已备份')
  await folio.stop()

  // A failing disk: the library's first pages are garbage.
  const bytes = readFileSync(folio.dbPath)
  bytes.fill(0x5a, 0, 8192)
  writeFileSync(folio.dbPath, bytes)
  const damaged = readFileSync(folio.dbPath)

  await folio.start()
  await page.goto(folio.url)
  const recovery = page.getByTestId('recovery')
  await expect(recovery).toContainText('资料库无法打开')
  await expect(page.getByTestId('recovery-why')).toContainText('已损坏')
  await expect(recovery).toContainText('damaged')
  await expect(recovery).not.toContainText('SqliteError')
  await expect(recovery).toContainText('1 期 · 4 篇')
  expect(readFileSync(folio.dbPath).equals(damaged)).toBe(true)

  await page.getByTestId('recovery-restore').click()
  await expect(page.getByTestId('recovery-done')).toContainText('damaged-')
  await page.getByTestId('recovery-open').click()
  await expect(page.getByTestId('article-item')).toHaveCount(4)
})

test('a photo goes up as its bytes, is shown, and is in the library byte for byte', async ({ page, folio }) => {
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设' })
  await newArticle(page, '图片稿')
  await body(page).click()
  await page.getByTestId('insert-photo').click()
  // A 1×1 PNG followed by 2 MB of padding: a real upload size, well over what base64-in-JSON made slow.
  const png = Buffer.concat([
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    ),
    Buffer.alloc(2_000_000, 1),
  ])
  await body(page).getByTestId('photo').locator('input[type=file]').setInputFiles({
    name: 'site.png',
    mimeType: 'image/png',
    buffer: png,
  })
  const img = body(page).getByTestId('photo').locator('img.photo-img')
  await expect(img).toHaveAttribute('src', /^blob:/)
  expect(await img.evaluate((el: HTMLImageElement) => el.decode().then(() => el.naturalWidth))).toBe(1)
  await waitSaved(page)
  await folio.stop()
  const issueId = (folio.cli('issue', 'list', '--json') as { id: number }[])[0]!.id
  const articleId = (folio.cli('article', 'list', '--issue', String(issueId), '--json') as { id: number }[])[0]!.id
  const shown = folio.cli('article', 'show', String(articleId), '--json') as { body: string }
  const hash = /"image":"([0-9a-f]{64})"/.exec(shown.body)?.[1]
  expect(hash).toBe(createHash('sha256').update(png).digest('hex'))
})
