/**
 * Figures know what they measure (issue 13 item 6): a figure suggestion carries the metric, period
 * and zone read from its sentence, accepting keeps them, and 数据核对 flags one zone + metric +
 * period reported with two values across articles — typed as plain copy, tagged by nobody.
 */
import type { Page } from '@playwright/test'
import { body, expect, openSample, test, waitSaved } from './fixtures'

/**
 * The caret at the end of the body's last paragraph, taken by Lexical: a click right of its last
 * line, End, then two frames for Lexical's selectionchange (a key pressed before it acts on the
 * caret the click put mid-paragraph).
 */
async function caretAtEnd(page: Page): Promise<void> {
  const last = body(page).locator('p').last()
  await last.scrollIntoViewIfNeeded()
  const box = await last.boundingBox()
  if (!box) throw new Error('no last paragraph')
  await page.mouse.click(box.x + box.width - 2, box.y + box.height - 4)
  await page.keyboard.press('End')
  await expect
    .poll(() =>
      page.evaluate(() => {
        const selection = window.getSelection()
        const node = selection?.anchorNode
        const paragraphs = document.querySelectorAll('[data-testid=body] p')
        const lastParagraph = paragraphs[paragraphs.length - 1]
        if (!selection || !node || !lastParagraph?.contains(node) || !selection.isCollapsed) return false
        const range = document.createRange()
        range.selectNodeContents(lastParagraph)
        range.setStart(node, selection.anchorOffset)
        return range.toString() === ''
      }),
    )
    .toBe(true)
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
}

/** A new last paragraph, typed. */
async function appendParagraph(page: Page, text: string): Promise<void> {
  await caretAtEnd(page)
  await page.keyboard.press('Enter')
  await page.keyboard.insertText(text)
  await expect(body(page).locator('p').last()).toHaveText(text)
}

test('the seed figure reads as 进出口额 of 2023年, and accepting it keeps the reading', async ({ page, folio }) => {
  await openSample(page, folio)
  await page.getByTestId('article-item').filter({ hasText: '对外开放新高地' }).click()
  const panel = page.getByTestId('tags-panel')
  const trade = panel.getByTestId('suggestion').filter({ hasText: '717亿元' })
  await expect(trade).toHaveCount(1)
  await expect(trade.locator('.suggestion-reading')).toContainText('进出口额 · 2023年')
  await expect(
    panel.getByTestId('suggestion').filter({ hasText: '5.7%' }).locator('.suggestion-reading'),
  ).toContainText('进出口额增速 · 2023年')
  await trade.scrollIntoViewIfNeeded()
  await panel.screenshot({ path: 'test-results/screens/figure-reading.png' })
  await trade.getByTestId('accept').click()
  await body(page).locator('.tag-figure').filter({ hasText: '717亿元' }).click()
  const current = panel.getByTestId('current-tag')
  await expect(current.locator('input[name=metric]')).toHaveValue('进出口额')
  await expect(current.locator('input[name=period]')).toHaveValue('2023年')
  // the editor corrects the reading; the correction is what is kept
  await current.locator('input[name=period]').fill('2023年全年')
  await current.getByRole('button', { name: '保存' }).click()
  await expect(body(page).locator('.tag-figure').filter({ hasText: '717亿元' })).toHaveAttribute(
    'title',
    /进出口额 · 2023年全年/,
  )
  await panel.screenshot({ path: 'test-results/screens/figure-form.png' })
  await waitSaved(page)
})

test('a contradiction typed into two articles is flagged in 数据核对 without any tagging', async ({ page, folio }) => {
  await openSample(page, folio)
  await page.getByTestId('article-item').nth(2).click()
  await appendParagraph(page, '2023年，应县经济技术开发区实现工业总产值86亿元，同比增长12%。')
  const panel = page.getByTestId('tags-panel')
  // The whole reading on hover; on the row, cut with '…' to the panel's width, never past it.
  const output = panel.getByTestId('suggestion').filter({ hasText: '86亿元' })
  await expect(output.locator('.suggestion-text')).toHaveAttribute(
    'title',
    '86亿元 · 工业总产值 · 2023年 · 应县经济技术开发区',
  )
  await expect(output.locator('.suggestion-reading')).toHaveText(/^ 工业总产值 · 2023年.*…$/)
  for (const cell of await panel.locator('.suggestion-text, .suggestion-detail').all())
    expect(await cell.evaluate((el) => `${el.scrollWidth - el.clientWidth} ${el.textContent}`)).toMatch(/^0 /)
  await waitSaved(page)

  await page.getByTestId('article-item').nth(3).click()
  await appendParagraph(page, '据统计，应县经济技术开发区2023年规上工业总产值完成92亿元。')
  await expect(panel.getByTestId('suggestion').filter({ hasText: '92亿元' })).toHaveCount(1)
  await waitSaved(page)

  await page.getByTestId('tab-figures').click()
  const conflict = page.getByTestId('conflicts').locator('.conflict').filter({
    hasText: '应县经济技术开发区 · 工业总产值 · 2023年',
  })
  await expect(conflict).toHaveCount(1)
  await expect(conflict.locator('.conflict-row')).toHaveCount(2)
  await expect(conflict.locator('.conflict-row').filter({ hasText: '86亿元' }).getByTestId('detected')).toHaveText(
    '未标注',
  )
  await expect(conflict.locator('.conflict-row').filter({ hasText: '92亿元' }).getByTestId('detected')).toHaveText(
    '未标注',
  )
  // the growth rate is another metric: not part of the group
  await expect(conflict).not.toContainText('12%')
  await page.screenshot({ path: 'test-results/screens/figures-context.png' })

  // correcting one article's copy clears the flag
  await conflict.locator('.conflict-row').filter({ hasText: '92亿元' }).click()
  await expect(body(page)).toContainText('92亿元')
  await caretAtEnd(page)
  for (let i = 0; i < '92亿元。'.length; i++) await page.keyboard.press('Backspace')
  await page.keyboard.insertText('86亿元。')
  await expect(body(page).locator('p').last()).toHaveText('据统计，应县经济技术开发区2023年规上工业总产值完成86亿元。')
  await waitSaved(page)
  await page.getByTestId('tab-figures').click()
  await expect(page.getByTestId('conflicts').locator('.conflict').filter({ hasText: '工业总产值' })).toHaveCount(0)
})
