import type { Page } from '@playwright/test'
import { body, expect, test, waitSaved } from './fixtures'

/** Selects the first occurrence of `text` in the editor body, as a mouse drag would. */
async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector('[data-testid=body]')
    if (!root) throw new Error('no editor')
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1
      if (at >= 0) {
        ;(root as HTMLElement).focus()
        window.getSelection()?.setBaseAndExtent(node, at, node, at + wanted.length)
        return
      }
    }
    throw new Error(`text not found: ${wanted}`)
  }, text)
}

test('accept suggestions, tag a zone by hand through the typeahead, and follow zones across the issue', async ({
  page,
  folio,
}) => {
  await page.goto(folio.url)
  await page.getByTestId('open-sample').click()
  await expect(page.getByTestId('article-item')).toHaveCount(4)
  const panel = page.getByTestId('tags-panel')
  const suggestions = panel.getByTestId('suggestion')
  await expect(suggestions.first()).toBeVisible()

  // Reject one zone's suggestions; it stays rejected for this article.
  await suggestions.filter({ hasText: '文水经济开发区' }).first().getByTestId('reject').click()
  await expect(suggestions.filter({ hasText: '文水经济开发区' })).toHaveCount(0)

  // Accept one by hand, then all the rest.
  const first = suggestions.first()
  const firstText = (await first.locator('.suggestion-text').textContent()) ?? ''
  await first.getByTestId('accept').click()
  await expect(body(page).locator('.tag').filter({ hasText: firstText }).first()).toBeVisible()
  await panel.getByTestId('accept-all').click()
  await expect(suggestions).toHaveCount(0)
  const zoneTags = body(page).locator('.tag-zone')
  await expect(zoneTags.filter({ hasText: '怀仁经开区' })).toHaveCount(3)
  await expect(body(page).locator('.tag-figure').filter({ hasText: '60%' })).toHaveCount(1)

  // Tag the rejected zone by hand: select it, search the registry, pick it.
  await selectText(page, '文水经济开发区')
  await panel.getByTestId('tag-as-zone').click()
  await panel.getByTestId('zone-search').fill('文水')
  await panel.getByTestId('zone-option').filter({ hasText: '文水经济开发区' }).click()
  await expect(zoneTags.filter({ hasText: '文水经济开发区' })).toHaveCount(1)
  // The tag under the cursor can be inspected.
  await body(page).locator('.tag-zone').filter({ hasText: '文水经济开发区' }).click()
  await expect(panel.getByTestId('current-tag')).toContainText('文水经济开发区')

  await waitSaved(page)
  const tagsBefore = await body(page).locator('.tag').count()

  await page.reload()
  await page.getByTestId('article-item').first().click()
  await expect(body(page).locator('.tag')).toHaveCount(tagsBefore)
  await expect(zoneTags.filter({ hasText: '文水经济开发区' })).toHaveCount(1)
  await expect(
    page.getByTestId('tags-panel').getByTestId('suggestion').filter({ hasText: '文水经济开发区' }),
  ).toHaveCount(0)

  await page.getByTestId('tab-zones').click()
  await page.getByTestId('zone-item').filter({ hasText: '怀仁经济技术开发区' }).click()
  const detail = page.getByTestId('zone-detail')
  await expect(detail.getByRole('heading', { name: '怀仁经济技术开发区' })).toBeVisible()
  await expect(detail.getByTestId('mention').filter({ hasText: '怀仁经开区' })).toHaveCount(3)
  await page.screenshot({ path: 'test-results/screens/zones.png' })

  // A mention opens its article.
  await detail.getByTestId('mention').first().click()
  await expect(page.locator('[data-field=headline]')).toHaveValue('向“新”而行 以“质”致远')

  await page.getByTestId('tab-figures').click()
  await expect(page.getByTestId('figures-table').locator('tbody tr').filter({ hasText: '60%' })).toHaveCount(1)
})

test('typing and composing next to a tag never writes into it', async ({ page, folio }) => {
  await page.goto(folio.url)
  await page.getByTestId('open-sample').click()
  await page.getByTestId('article-item').nth(2).click()
  const panel = page.getByTestId('tags-panel')
  await panel.getByTestId('accept-all').click()
  const tag = body(page).locator('.tag-zone').first()
  const tagText = (await tag.textContent()) ?? ''
  await tag.click()
  // Caret at the end of the tag text, then compose as a pinyin IME does.
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid=body] .tag-zone')
    const text = el?.firstChild
    if (text)
      window.getSelection()?.setBaseAndExtent(text, text.textContent?.length ?? 0, text, text.textContent?.length ?? 0)
  })
  const cdp = await page.context().newCDPSession(page)
  for (const part of ['g', 'gu', 'gua', 'guan']) {
    await cdp.send('Input.imeSetComposition', { text: part, selectionStart: part.length, selectionEnd: part.length })
  }
  await cdp.send('Input.insertText', { text: '管委会' })
  await expect(body(page).locator('.tag-zone').first()).toHaveText(tagText)
  await expect(body(page)).toContainText(`${tagText}管委会`)
})
