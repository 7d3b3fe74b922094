/** What a new user ran into (issue 13 item 7). */
import { join } from 'node:path'
import { expect, openSample, test } from './fixtures'

const SEED = join(__dirname, '../resources/samples/kaifaqu-2024-25.txt')

test('importing while an issue is selected goes into that issue by default, 新建一期 still offered', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  await expect(page.getByTestId('issue-item')).toHaveCount(1)
  await page.getByTestId('import').click()
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByTestId('import-file').setInputFiles(SEED)
  await expect(dialog.getByTestId('import-article')).toHaveCount(4)

  // The file has a masthead (开发区建设 2024年第25期), but the editor is in an issue: that one is the target.
  const existing = dialog.getByRole('radio', { name: '导入到现有期次' })
  await expect(existing).toBeChecked()
  await expect(dialog.getByTestId('import-target-issue')).toContainText('开发区建设')
  await expect(dialog.getByTestId('import-masthead-note')).toContainText('2024年第25期')
  await expect(dialog.getByTestId('import-masthead-note')).toContainText('新建一期（按报头）')
  await expect(dialog.locator('input[name=masthead-title]')).toHaveCount(0)

  // The other choice is still there, filled from the masthead.
  await dialog.getByRole('radio', { name: '新建一期（按报头）' }).check()
  await expect(dialog.locator('input[name=masthead-title]')).toHaveValue('开发区建设')
  await existing.check()

  await dialog.getByTestId('import-commit').click()
  await expect(dialog).toBeHidden()
  // No duplicate 第25期: the four articles were added to the issue the editor was in.
  await expect(page.getByTestId('issue-item')).toHaveCount(1)
  await expect(page.getByTestId('article-item')).toHaveCount(8)
})
