/** What a new user ran into (issue 13 item 7). */
import { join } from 'node:path'
import {
  allSuggestions,
  apiCall,
  body,
  bodyParagraphs,
  createIssue,
  expect,
  newArticle,
  openSample,
  revealSuggestion,
  suggestionCount,
  test,
  waitSaved,
} from './fixtures'

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

test('忽略 on a tag suggestion says it ignores every occurrence, and 仅此一处 ignores only the one', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  const panel = page.getByTestId('tags-panel')
  const suggestions = panel.getByTestId('suggestion')
  const huairen = suggestions.filter({ hasText: '怀仁经开区' })
  await expect.poll(suggestionCount(page, '怀仁经开区')).toBe(3)
  const total = (await allSuggestions(page)).length

  // The button says it takes them all, its tooltip how many and that later ones go too.
  const all = (await revealSuggestion(page, huairen)).getByTestId('reject')
  await expect(all).toHaveText('全部忽略')
  await expect(all).toHaveAttribute('title', /所有“怀仁经开区”.*3 处/)

  await (await revealSuggestion(page, huairen.nth(1))).getByTestId('ignore-here').click()
  await expect.poll(suggestionCount(page, '怀仁经开区')).toBe(2)
  await expect.poll(async () => (await allSuggestions(page)).length).toBe(total - 1)
  await expect((await revealSuggestion(page, huairen)).getByTestId('reject')).toHaveAttribute('title', /现有 2 处/)

  // Kept while the article is open, across the side panel closing and opening.
  await panel.getByRole('button', { name: '关闭' }).click()
  await expect(panel).toBeHidden()
  await page.getByTestId('show-tags').click()
  await expect.poll(suggestionCount(page, '怀仁经开区')).toBe(2)

  await (await revealSuggestion(page, huairen)).getByTestId('reject').click()
  await expect.poll(suggestionCount(page, '怀仁经开区')).toBe(0)
  await expect.poll(async () => (await allSuggestions(page)).length).toBe(total - 3)
})

test('the 开发区 view shows each mention in its sentence, with the article it is in', async ({ page, folio }) => {
  await openSample(page, folio)
  const panel = page.getByTestId('tags-panel')
  await expect.poll(suggestionCount(page, '怀仁经开区')).toBe(3)
  await panel.getByTestId('accept-all').click()
  await expect(panel.getByTestId('suggestion')).toHaveCount(0)
  await waitSaved(page)
  // The sentences as the article has them, to compare with what the view shows.
  const paragraphs = await bodyParagraphs(page)

  await page.getByTestId('tab-zones').click()
  await page.getByTestId('zone-item').filter({ hasText: '怀仁经济技术开发区' }).click()
  const mentions = page.getByTestId('zone-detail').getByTestId('mention')
  // The article says 怀仁经开区 three times (and may name the zone in full too): each its own line.
  await expect(mentions.filter({ hasText: '怀仁经开区' })).toHaveCount(3)
  const count = await mentions.count()
  const sentences = await mentions.getByTestId('mention-sentence').allTextContents()
  const names = await mentions.locator('.tag-zone').allTextContents()
  expect(names).toHaveLength(count)
  expect(new Set(sentences).size).toBe(count)
  // Each a piece of a paragraph of the article, around the zone's name and longer than it.
  sentences.forEach((sentence, i) => {
    const name = names[i] ?? ''
    expect(sentence).toContain(name)
    expect(sentence.length).toBeGreaterThan(name.length + 4)
    const plain = sentence.replace(/^…|…$/g, '')
    expect(paragraphs.some((p) => p.includes(plain))).toBe(true)
  })
  await expect(mentions.first()).toContainText('《向“新”而行 以“质”致远》')
  await expect(page.getByTestId('zone-detail').locator('.mention-issue').first()).toContainText('2024年第25期')
  await page.screenshot({ path: 'test-results/screens/zone-mentions.png' })
})

test('pasting from Word: a 黑体 heading becomes a 小标题, a table one paragraph per row', async ({ page, folio }) => {
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设' })
  await newArticle(page, '粘贴 Word')
  await body(page).click()
  // What Word puts on the clipboard: every paragraph a MsoNormal <p>, the heading set by hand.
  const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><body>
<!--StartFragment--><p class=MsoNormal><span style='font-size:16.0pt;font-family:黑体'>新兴产业蓄势成阵<o:p></o:p></span></p>
<p class=MsoNormal><b><span style='font-family:宋体'>一、传统产业蝶变新生</span></b></p>
<p class=MsoNormal><span style='font-family:宋体'>晋城经济技术开发区<b>紧紧抓住</b>产业转移的大好时机。</span></p>
<p class=MsoNormal><b><span style='font-family:宋体'>全年完成投资12亿元。</span></b></p>
<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal>指标</p></td><td><p class=MsoNormal>2023年</p></td></tr>
<tr><td><p class=MsoNormal>进出口额</p></td><td><p class=MsoNormal>717亿元</p></td></tr></table>
<!--EndFragment--></body></html>`
  await page.evaluate((data) => {
    const transfer = new DataTransfer()
    transfer.setData('text/html', data)
    transfer.setData('text/plain', '新兴产业蓄势成阵')
    document
      .querySelector('[data-testid=body]')
      ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
  }, html)
  await expect(body(page).locator('h3')).toHaveText(['新兴产业蓄势成阵', '一、传统产业蝶变新生'])
  // Running text stays a paragraph, bold or not; a table comes one row to a paragraph.
  await expect(body(page).locator('p').filter({ hasText: '紧紧抓住' })).toHaveCount(1)
  await expect(body(page).locator('p').filter({ hasText: '全年完成投资12亿元。' })).toHaveCount(1)
  const paragraphs = await bodyParagraphs(page)
  expect(paragraphs).toContain('指标　2023年')
  expect(paragraphs).toContain('进出口额　717亿元')
  expect(paragraphs).not.toContain('717亿元')
  await expect(body(page).locator('table, [style*="font-family"]')).toHaveCount(0)

  // A bold phrase copied out of a Word paragraph goes into the text, not a heading.
  await page.keyboard.press('Enter')
  await page.keyboard.type('园区')
  await page.evaluate(() => {
    const transfer = new DataTransfer()
    transfer.setData('text/html', "<p class=MsoNormal><b><span style='font-family:黑体'>重点项目</span></b></p>")
    transfer.setData('text/plain', '重点项目')
    document
      .querySelector('[data-testid=body]')
      ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
  })
  await expect(body(page).locator('h3')).toHaveCount(2)
  await expect(body(page).locator('p').filter({ hasText: '园区重点项目' })).toHaveCount(1)
  await waitSaved(page)
})

/**
 * 打开示例 clicked at once, before the app's first issue list has come back (a slow start): that
 * late list (from before the sample existed) must not take the editor away from the sample's first
 * article. It did: the start-up check compared it with the place kept from last time and reset it.
 */
test('打开示例 before the first issue list answers still opens the sample’s first article', async ({ page, folio }) => {
  let release: () => void = () => {}
  const released = new Promise<void>((done) => (release = done))
  let first = true
  let delivered = false
  await page.route('**/api/issue.list', async (route) => {
    if (!first) return route.continue()
    first = false
    const response = await route.fetch()
    await released
    await route.fulfill({ response })
    delivered = true
  })
  await page.goto(folio.url)
  await page.getByTestId('open-sample').click()
  await expect(page.getByTestId('article-item')).toHaveCount(4)
  await expect(page.getByRole('textbox', { name: '主题' })).toHaveValue(/向“新”而行/)
  release()
  await expect.poll(() => delivered).toBe(true)
  await page.evaluate(() => new Promise((done) => setTimeout(done, 200)))
  await expect(page.getByRole('textbox', { name: '主题' })).toHaveValue(/向“新”而行/)
  await expect(page.getByRole('listbox', { name: '本期稿件' }).getByRole('option', { selected: true })).toContainText(
    '向“新”而行',
  )
})

/**
 * The place kept from last time names an article deleted since (in another window, say), and the
 * running order of that issue comes back late: by then the editor has gone to another issue and
 * an article in it. The late list must not open its first article under the other issue's running
 * order — it did: it checked the article it was asked with, not where the editor is now.
 */
test('a late running order of an issue left since does not take the editor away', async ({ page, folio }) => {
  await page.goto(folio.url)
  await expect(page.getByTestId('new-issue')).toBeVisible()
  const left = await apiCall<{ id: number }>(page, 'issue.create', { title: '开发区建设', number: '2024年第1期' })
  await apiCall(page, 'article.create', { issueId: left.id, headline: '旧期头条' })
  const gone = await apiCall<{ id: number }>(page, 'article.create', { issueId: left.id, headline: '已删稿件' })
  await apiCall(page, 'article.delete', { id: gone.id })
  const other = await apiCall<{ id: number }>(page, 'issue.create', { title: '开发区建设', number: '2024年第2期' })
  await apiCall(page, 'article.create', { issueId: other.id, headline: '新期头条' })
  await page.evaluate((kept) => localStorage.setItem('folio.place', JSON.stringify(kept)), {
    issueId: left.id,
    articleId: gone.id,
  })

  let release: () => void = () => {}
  const released = new Promise<void>((done) => (release = done))
  let delivered = false
  await page.route('**/api/article.list', async (route) => {
    if ((route.request().postDataJSON() as { issueId: number }).issueId !== left.id) return route.continue()
    const response = await route.fetch()
    await released
    await route.fulfill({ response })
    delivered = true
  })
  await page.reload()
  await page.getByTestId('issue-item').filter({ hasText: '2024年第2期' }).click()
  await page.getByTestId('article-item').filter({ hasText: '新期头条' }).click()
  const headline = page.getByRole('textbox', { name: '主题' })
  await expect(headline).toHaveValue('新期头条')

  release()
  await expect.poll(() => delivered).toBe(true)
  await page.evaluate(() => new Promise((done) => setTimeout(done, 300)))
  await expect(headline).toHaveValue('新期头条')
  await expect(page.getByTestId('issue-item').filter({ hasText: '2024年第2期' })).toHaveClass(/selected/)
  await expect(page.getByTestId('article-item')).toHaveText([/新期头条/])
})
