import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { expect, test } from './fixtures'

test('the editor backs the library up from the issues pane; the copy is a whole library', async ({ page, folio }) => {
  await page.goto(folio.url)
  const line = page.getByTestId('backup-line')
  await expect(line).toContainText('资料库尚无备份')
  await page.getByTestId('open-sample').click()
  await expect(page.getByTestId('article-item')).toHaveCount(4)
  await page.getByTestId('backup-now').click()
  await expect(line).toContainText('已备份')
  // (Opening the library from the CLI also makes the day's automatic copy.)
  const backups = folio.cli('backup', 'list', '--json') as { path: string; reason: string }[]
  const manual = backups.filter((b) => b.reason === 'manual')
  expect(manual).toHaveLength(1)
  expect(existsSync(manual[0]!.path)).toBe(true)
  const copy = new Database(manual[0]!.path, { readonly: true })
  expect(copy.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(4)
  copy.close()

  // After a restart the line says when the last copy was made.
  await folio.restart()
  await page.goto(folio.url)
  await expect(line).toContainText('上次备份')
})
