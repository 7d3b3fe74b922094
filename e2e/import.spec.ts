import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { body, expect, test, waitSaved, type FolioServer } from './fixtures'

const SEED = join(__dirname, '../resources/samples/kaifaqu-2024-25.txt')

/** A fresh tab, the import dialog opened and `file` chosen in it; returns the dialog. */
async function importFile(page: Page, folio: FolioServer, file: string) {
  await page.goto(folio.url)
  await page.getByTestId('import').click()
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByTestId('import-file').setInputFiles(file)
  return dialog
}

test('an editor imports the seed through the preview, fixes one detection and finds the articles', async ({
  page,
  folio,
}) => {
  const dialog = await importFile(page, folio, SEED)

  const articles = dialog.getByTestId('import-article')
  await expect(articles).toHaveCount(4)
  await expect(dialog.locator('input[name=masthead-title]')).toHaveValue('开发区建设')
  await expect(dialog.locator('input[name=masthead-number]')).toHaveValue('2024年第25期')
  await expect(dialog.locator('input[name=masthead-postalCode]')).toHaveValue('21-465')
  await expect(articles.nth(3)).toContainText('1 处待确认')

  // Split and merge back: the preview can change where articles begin.
  await articles.nth(0).click()
  const lines = dialog.getByTestId('import-line')
  const subhead = lines.filter({ hasText: '新兴产业蓄势成阵' })
  await subhead.getByTestId('split-here').click()
  await expect(articles).toHaveCount(5)
  await expect(articles.nth(1)).toContainText('新兴产业蓄势成阵')
  await articles.nth(0).getByTestId('merge-next').click()
  await expect(articles).toHaveCount(4)

  // The fix: the line the importer took as a kicker is really the first line of the headline.
  await articles.nth(2).click()
  const kickerLine = lines.filter({ hasText: '应县经济技术开发区' }).first()
  await expect(kickerLine.getByTestId('line-role')).toHaveValue('kicker')
  await kickerLine.getByTestId('line-role').selectOption('headline')
  await expect(articles.nth(2)).toContainText('应县经济技术开发区 年产1GWh锂离子电池项目落地')

  await page.screenshot({ path: 'test-results/screens/import-preview.png' })
  await dialog.getByTestId('import-commit').click()
  await expect(dialog).toBeHidden()

  const items = page.getByTestId('article-item')
  await expect(items).toHaveCount(4)
  await expect(page.getByTestId('issue-item')).toContainText('2024年第25期')
  await expect(items.nth(2)).toContainText('应县经济技术开发区 年产1GWh锂离子电池项目落地')
  await items.nth(0).click()
  await expect(page.locator('[data-field=subtitle]')).toHaveValue('全省开发区培育和发展新质生产力纪略')
  await expect(page.locator('[data-field=byline]')).toHaveValue('李若男')
  await expect(body(page).locator('h3')).toHaveText(['传统产业蝶变新生', '新兴产业蓄势成阵', '人才引进效能释放'])
  // 标点规范化 is on by default for plain text: the half-width comma of the print comes in full-width.
  await expect(body(page)).toContainText('联合成立机电业智能配套产业联盟，形成了')

  // The photo caption is edited in place and saved with the article.
  const caption = body(page).getByTestId('photo-caption')
  await expect(caption).toHaveValue('在山西建筑产业现代化装饰一体化园区建筑节能玻璃智造中心生产车间内，工人正在作业。')
  await expect(body(page).getByTestId('photo')).toContainText('■ 王超摄')
  await caption.fill('节能玻璃智造中心生产车间内,工人正在作业。')
  await waitSaved(page)
  await page.screenshot({ path: 'test-results/screens/imported.png' })
  await page.reload()
  await page.getByTestId('article-item').first().click()
  await expect(body(page).getByTestId('photo-caption')).toHaveValue('节能玻璃智造中心生产车间内,工人正在作业。')

  const issue = (folio.cli('issue', 'list', '--json') as { id: number }[])[0]
  const listed = folio.cli('article', 'list', '--issue', String(issue?.id), '--json') as { kicker: string }[]
  expect(listed[2]?.kicker).toBe('')
})

test('dropping a file opens the preview; a bad file gets a clear message; the sample opens on first run', async ({
  page,
  folio,
}) => {
  await page.goto(folio.url)
  // The workbench is there once the library is known to be open (LibraryGate).
  await expect(page.getByTestId('open-sample')).toBeVisible()
  const drop = async (name: string, content: string | number[]) =>
    page.evaluate(
      ([n, c]) => {
        const transfer = new DataTransfer()
        const bytes = typeof c === 'string' ? c : new Uint8Array(c as number[])
        transfer.items.add(new File([bytes], n as string))
        const app = document.querySelector('.app')
        app?.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
        app?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
      },
      [name, content] as const,
    )
  await drop('junk.txt', [0, 0, 1, 2, 255, 0, 3, 0])
  const dialog = page.getByTestId('import-dialog')
  await expect(dialog.getByRole('alert')).toContainText('junk.txt')
  await expect(dialog.getByTestId('import-commit')).toBeDisabled()
  await dialog.getByRole('button', { name: '取消' }).click()

  await drop('seed.txt', readFileSync(SEED, 'utf8'))
  await expect(dialog.getByTestId('import-article')).toHaveCount(4)
  await dialog.getByRole('button', { name: '取消' }).click()
  await expect(page.getByTestId('issue-item')).toHaveCount(0)

  await page.getByTestId('open-sample').click()
  await expect(page.getByTestId('article-item')).toHaveCount(4)
  await expect(page.getByTestId('issue-item')).toContainText('开发区建设')
})

test('page furniture in the text shows in the preview as left out, and the cut paragraph is whole', async ({
  page,
  folio,
}) => {
  const dialog = await importFile(page, folio, join(__dirname, '../test/fixtures/import/jiangxi-kaifaqu-2024-19.txt'))
  await expect(dialog.getByTestId('import-article')).toHaveCount(3)
  const furniture = dialog.getByTestId('import-line').filter({ hasText: '责任编辑:周敏' })
  await expect(furniture.getByTestId('line-role')).toHaveValue('omit')
  await expect(furniture).toContainText('版面信息')
  await furniture.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/screens/import-furniture.png' })
  await dialog.getByTestId('import-commit').click()
  await expect(dialog).toBeHidden()
  await page.getByTestId('article-item').first().click()
  await expect(body(page)).toContainText('本地配套率由2020年的35%提升至目前的58%。')
  await expect(body(page)).not.toContainText('责任编辑')
})
