/**
 * The push channel in browser mode (issue 11 item 5): two tabs on one server. What one tab does
 * appears in the other without a reload, and a tab that is typing is never overwritten — neither
 * by its own saves coming back nor by the other tab's changes.
 */
import type { Page } from '@playwright/test'
import { body, expect, openSample, test, waitSaved } from './fixtures'

const headline = (page: Page) => page.getByRole('textbox', { name: '主题' })

async function secondTab(page: Page, url: string): Promise<Page> {
  const other = await page.context().newPage()
  await other.goto(url)
  await expect(other.getByTestId('article-item')).toHaveCount(4)
  return other
}

test('a second tab shows a new article and a headline change made in the first, without reload', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  const b = await secondTab(page, folio.url)
  // B shows the first article of the sample; A opens another one
  await b.getByTestId('article-item').nth(0).click()
  const openInB = await headline(b).inputValue()
  expect(openInB.length).toBeGreaterThan(0)
  await b.getByTestId('issue-item').first().focus() // the editor in B does not have the focus

  // A adds an article and gives it a headline: B's running order has it
  await page.getByTestId('new-article').click()
  await expect(page.getByTestId('article-item')).toHaveCount(5)
  await headline(page).fill('晋中国家农高区 新项目签约')
  await waitSaved(page)
  await expect(b.getByTestId('article-item')).toHaveCount(5)
  await expect(b.getByTestId('article-item').filter({ hasText: '晋中国家农高区 新项目签约' })).toHaveCount(1)

  // A changes the headline (and the 引题) of the article B has open: B's list and B's editor show it
  await page.getByTestId('article-item').nth(0).click()
  await expect(headline(page)).toHaveValue(openInB)
  await headline(page).fill('向“新”而行 全省开发区纪略')
  await page.getByRole('textbox', { name: '引题' }).fill('培育和发展新质生产力')
  await waitSaved(page)
  await expect(b.getByTestId('article-item').nth(0)).toContainText('向“新”而行 全省开发区纪略')
  await expect(headline(b)).toHaveValue('向“新”而行 全省开发区纪略')
  await expect(b.getByRole('textbox', { name: '引题' })).toHaveValue('培育和发展新质生产力')

  // B has the caret in its 主题 (nothing typed): A's next change waits until B's focus leaves the editor
  await headline(b).click()
  await headline(page).fill('向“新”而行 全省开发区纪略（二）')
  await waitSaved(page)
  await expect(b.getByTestId('article-item').nth(0)).toContainText('纪略（二）')
  await expect(headline(b)).toHaveValue('向“新”而行 全省开发区纪略')
  await b.getByTestId('issue-item').first().click()
  await expect(headline(b)).toHaveValue('向“新”而行 全省开发区纪略（二）')

  // A deletes the new article: it leaves B's running order too
  const added = page.getByTestId('article-item').filter({ hasText: '晋中国家农高区 新项目签约' })
  await added.click()
  await added.getByTestId('delete-article').click()
  await page.getByRole('dialog').getByRole('button', { name: '删除' }).click()
  await expect(b.getByTestId('article-item')).toHaveCount(4)
  // nothing of this came from a reload of B
  expect(await b.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)
})

test('the editor in a tab that is typing is not overwritten, by its own saves nor by the other tab', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  const b = await secondTab(page, folio.url)
  await b.getByTestId('article-item').nth(1).click()
  const before = await body(b).innerText()

  // B types at the end of the body, in two bursts with a save between (its own save comes back
  // over the channel); meanwhile A renames another article and adds one
  await body(b).click()
  await b.keyboard.press('Control+End')
  await b.keyboard.type('第一段补记。')
  await waitSaved(b)
  await page.getByTestId('article-item').nth(0).click()
  await headline(page).fill('A 改的标题')
  await waitSaved(page)
  await expect(b.getByTestId('article-item').nth(0)).toContainText('A 改的标题')
  await b.keyboard.type('第二段补记。')
  await waitSaved(b)

  const text = await body(b).innerText()
  expect(text.replace(/\s+/g, '')).toBe((before + '第一段补记。第二段补记。').replace(/\s+/g, ''))
  await expect(body(b)).toBeFocused()
  // and what B typed is what the library has (A's tab shows it when it opens that article)
  await page.getByTestId('article-item').nth(1).click()
  await expect(body(page)).toContainText('第一段补记。第二段补记。')

  // A now changes the very article B is typing in: B's running order shows it, but B's editor
  // (it has the focus) is left as B has it; B's next save is refused as a conflict and its text
  // kept (冲突副本), never silently replaced
  await page.getByRole('textbox', { name: '引题' }).fill('A 加的引题')
  await waitSaved(page)
  await expect(b.getByTestId('article-item').nth(1)).toContainText('A 加的引题')
  await expect(b.getByRole('textbox', { name: '引题' })).not.toHaveValue('A 加的引题')
  await expect(body(b)).toBeFocused()
  await b.keyboard.type('第三段补记。')
  await expect(b.getByTestId('conflict-banner')).toBeVisible()
  expect((await body(b).innerText()).replace(/\s+/g, '')).toContain('第一段补记。第二段补记。第三段补记。')
})

test('a zone renamed in one tab is renamed in the other tab’s registry view', async ({ page, folio }) => {
  await openSample(page, folio)
  const b = await secondTab(page, folio.url)
  for (const tab of [page, b]) {
    await tab.getByTestId('tab-zones').click()
    // the sample's zones are suggested, not yet tagged: show the whole registry
    await tab.getByRole('checkbox', { name: '只看已提及的' }).uncheck()
    await tab
      .getByTestId('zone-item')
      .filter({ hasText: /^怀仁经济技术开发区/ })
      .click()
    await expect(tab.getByTestId('zone-detail').getByRole('heading', { name: '怀仁经济技术开发区' })).toBeVisible()
  }
  const detail = page.getByTestId('zone-detail')
  await detail.getByRole('textbox', { name: '改名' }).fill('朔州市怀仁经济技术开发区')
  await detail.getByRole('button', { name: '改名' }).click()
  await expect(detail.getByRole('heading', { name: '朔州市怀仁经济技术开发区' })).toBeVisible()
  await expect(b.getByTestId('zone-detail').getByRole('heading', { name: '朔州市怀仁经济技术开发区' })).toBeVisible()
  await expect(b.getByTestId('zone-item').filter({ hasText: '朔州市怀仁经济技术开发区' })).toHaveCount(1)
})

test('tabs share one event stream (a browser allows six connections per host); when its tab closes another takes it', async ({
  page,
  folio,
}) => {
  let streams = 0
  page.context().on('request', (request) => {
    if (new URL(request.url()).pathname === '/events') streams++
  })
  await openSample(page, folio)
  const b = await secondTab(page, folio.url)
  const c = await secondTab(page, folio.url)
  await c.getByTestId('new-article').click()
  await expect(page.getByTestId('article-item')).toHaveCount(5)
  await expect(b.getByTestId('article-item')).toHaveCount(5)
  expect(streams).toBe(1)

  // the first tab (which holds the stream) closes: B and C still see each other's changes
  await page.close()
  await expect.poll(() => streams).toBe(2)
  await c.getByTestId('new-article').click()
  await expect(c.getByTestId('article-item')).toHaveCount(6)
  await expect(b.getByTestId('article-item')).toHaveCount(6)
  await b.getByTestId('new-article').click()
  await expect(c.getByTestId('article-item')).toHaveCount(7)
})
