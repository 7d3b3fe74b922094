import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import {
  allSuggestions,
  body,
  expect,
  lexicalCaretCollapsed,
  openSample,
  revealSuggestion,
  suggestionCount,
  test,
  waitSaved,
} from './fixtures'

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
  await openSample(page, folio)
  const panel = page.getByTestId('tags-panel')
  const suggestions = panel.getByTestId('suggestion')
  await expect(suggestions.first()).toBeVisible()

  // Reject one zone's suggestions; it stays rejected for this article.
  await (await revealSuggestion(page, suggestions.filter({ hasText: '文水经济开发区' }))).getByTestId('reject').click()
  await expect.poll(suggestionCount(page, '文水经济开发区')).toBe(0)

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
  await expect(page.getByTestId('tags-panel')).toBeVisible()
  await expect.poll(suggestionCount(page, '文水经济开发区')).toBe(0)

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
  await openSample(page, folio)
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

test('figures tagged by hand with a metric and period are checked for consistency across articles', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  const panel = page.getByTestId('tags-panel')

  // Article 3: the zone by suggestion, then 3亿元 by hand with its metric and period.
  await page.getByTestId('article-item').nth(2).click()
  await panel.getByTestId('suggestion').filter({ hasText: '应县经济技术开发区' }).first().getByTestId('accept').click()
  await selectText(page, '3亿元')
  await panel.getByTestId('tag-as-figure').click()
  const form = panel.getByTestId('figure-form')
  await expect(form.locator('input[name=value]')).toHaveValue('300000000')
  await expect(form.locator('input[name=unit]')).toHaveValue('元')
  await form.locator('input[name=metric]').fill('项目投资')
  await form.locator('input[name=period]').fill('2024年')
  await form.getByRole('button', { name: '标注' }).click()
  await expect(body(page).locator('.tag-figure').filter({ hasText: '3亿元' })).toHaveCount(1)
  await waitSaved(page)

  // Article 4 reports the same project with another value.
  await page.getByTestId('article-item').nth(3).click()
  await body(page).locator('p').last().click()
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.keyboard.insertText('应县经济技术开发区锂离子电池项目投资5亿元。')
  const fresh = panel.getByTestId('suggestion')
  await expect(fresh.filter({ hasText: '5亿元' })).toHaveCount(1)
  await fresh.filter({ hasText: '应县经济技术开发区' }).first().getByTestId('accept').click()
  await fresh.filter({ hasText: '5亿元' }).getByTestId('accept').click()
  await body(page).locator('.tag-figure').filter({ hasText: '5亿元' }).click()
  const current = panel.getByTestId('current-tag')
  await current.locator('input[name=metric]').fill('项目投资')
  await current.locator('input[name=period]').fill('2024年')
  await current.getByRole('button', { name: '保存' }).click()
  await waitSaved(page)

  await page.getByTestId('tab-figures').click()
  const conflicts = page.getByTestId('conflicts')
  await expect(conflicts).toContainText('应县经济技术开发区 · 项目投资 · 2024年')
  await expect(conflicts).toContainText('3亿元')
  await expect(conflicts).toContainText('5亿元')
  await page.screenshot({ path: 'test-results/screens/figures.png' })

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
  const csv = readFileSync(await download.path(), 'utf8')
  expect(csv.split('\r\n')[0]).toBe('\ufeff期号,稿件,开发区,指标,时期,原文,数值,单位,限定')
  expect(csv).toContain(
    '2024年第25期,年产1GWh锂离子电池项目落地,应县经济技术开发区,项目投资,2024年,3亿元,300000000,元,',
  )
})

test('a tag copied and pasted inside Folio keeps its zone, and undo/redo keep it too', async ({ page, folio }) => {
  await openSample(page, folio)
  await page.getByTestId('article-item').nth(2).click()
  const panel = page.getByTestId('tags-panel')
  await panel.getByTestId('suggestion').filter({ hasText: '应县经济技术开发区' }).first().getByTestId('accept').click()
  const tags = body(page).locator('.tag-zone[data-zone="应县经济技术开发区"]')
  await expect(tags).toHaveCount(1)

  await waitSaved(page)

  // Select the whole paragraph that holds the tag with a triple click, as an editor would.
  const tagged = body(page)
    .locator('p')
    .filter({ has: page.locator('.tag-zone[data-zone="应县经济技术开发区"]') })
    .first()
  const box = await tagged.boundingBox()
  if (!box) throw new Error('tagged paragraph not visible')
  await page.mouse.click(box.x + box.width / 2, box.y + 4, { clickCount: 3 })
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toContain('应县经济技术开发区')
  // Copy through Lexical's own clipboard handler with a private DataTransfer: what Ctrl+C does,
  // without depending on the machine's clipboard. Polled because Lexical takes the DOM selection
  // on the next selectionchange, which a slow machine may deliver after the first try.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const transfer = new DataTransfer()
        document
          .querySelector('[data-testid=body]')
          ?.dispatchEvent(new ClipboardEvent('copy', { clipboardData: transfer, bubbles: true, cancelable: true }))
        ;(window as unknown as { folioClip: DataTransfer }).folioClip = transfer
        return transfer.getData('application/x-lexical-editor')
      }),
    )
    .toContain('"zoneName":"应县经济技术开发区"')
  await body(page).locator('p').last().click()
  // Lexical adopts a click's caret on the next selectionchange; typing before it would act on
  // the triple-click selection still held (as in a real race, only faster than any hand).
  await expect.poll(() => lexicalCaretCollapsed(page)).toBe(true)
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.evaluate(() =>
    document.querySelector('[data-testid=body]')?.dispatchEvent(
      new ClipboardEvent('paste', {
        clipboardData: (window as unknown as { folioClip: DataTransfer }).folioClip,
        bubbles: true,
        cancelable: true,
      }),
    ),
  )
  await expect(tags).toHaveCount(2)
  await page.keyboard.press('Control+z')
  await expect(tags).toHaveCount(1)
  await page.keyboard.press('Control+Shift+z')
  await expect(tags).toHaveCount(2)
  await waitSaved(page)
  await page.reload()
  await page.getByTestId('article-item').nth(2).click()
  await expect(tags).toHaveCount(2)
})

test('editors add and rename zones in the registry; a duplicate name is refused clearly', async ({ page, folio }) => {
  await page.goto(folio.url)
  await page.getByTestId('tab-zones').click()
  await page.getByTestId('new-zone').fill('榆次工业园区')
  await page.getByTestId('new-zone').press('Enter')
  const detail = page.getByTestId('zone-detail')
  await expect(detail.getByRole('heading', { name: '榆次工业园区' })).toBeVisible()
  await expect(detail).toContainText('工业园区')

  await page.getByTestId('new-zone').fill('榆次工业园区')
  await page.getByTestId('new-zone').press('Enter')
  await expect(page.getByTestId('zones-view').locator('.form-error')).toContainText('榆次工业园区')

  await detail.getByRole('textbox', { name: '改名' }).fill('晋中市榆次工业园区')
  await detail.getByRole('button', { name: '改名' }).click()
  await expect(detail.getByRole('heading', { name: '晋中市榆次工业园区' })).toBeVisible()
  await expect(detail.getByTestId('aliases')).toContainText('榆次工业园区')
})

test('zones and figures in a photo caption are suggested, tagged, kept through edits and followed', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  await page.getByTestId('article-item').first().click()
  const caption = page.getByTestId('photo-caption').first()
  await expect(caption).toHaveValue(/^在山西建筑产业/)
  await caption.click()
  await page.keyboard.press('Control+Home')
  await page.keyboard.insertText('孝义经济开发区投资3亿元的项目现场。')

  const panel = page.getByTestId('tags-panel')
  const inCaption = panel.getByTestId('suggestion').filter({ hasText: '图片说明' })
  // by kind: the figure's reading names its zone too (figure-context.ts)
  const zoneInCaption = inCaption.and(page.locator('[data-kind=zone]'))
  const zonesInCaption = async () =>
    (await allSuggestions(page)).filter(
      (s) => s.kind === 'zone' && s.text.includes('图片说明') && s.text.includes('孝义经济开发区'),
    ).length
  await expect.poll(zonesInCaption).toBe(1)
  await expect.poll(suggestionCount(page, '图片说明', '3亿元')).toBe(1)
  await (await revealSuggestion(page, zoneInCaption.filter({ hasText: '孝义经济开发区' })))
    .getByTestId('accept')
    .click()
  await (await revealSuggestion(page, inCaption.filter({ hasText: '3亿元' }))).getByTestId('accept').click()
  const chips = page.getByTestId('caption-tag')
  await expect(chips).toHaveText(['孝义经济开发区×', '3亿元×'])
  await expect.poll(suggestionCount(page, '图片说明')).toBe(0)
  await page.getByTestId('photo').first().screenshot({ path: 'test-results/screens/caption-tags.png' })

  // Typing before the tags shifts them; rewriting the figure drops only its tag.
  await caption.click()
  await page.keyboard.press('Control+Home')
  await page.keyboard.insertText('图为')
  await expect(chips).toHaveText(['孝义经济开发区×', '3亿元×'])
  await caption.fill((await caption.inputValue()).replace('3亿元', '5亿元'))
  await expect(chips).toHaveText(['孝义经济开发区×'])
  await waitSaved(page)

  await page.reload()
  await page.getByTestId('article-item').first().click()
  await expect(page.getByTestId('photo-caption').first()).toHaveValue(/^图为孝义经济开发区投资5亿元/)
  await expect(chips).toHaveText(['孝义经济开发区×'])
  await page.getByTestId('tab-zones').click()
  await page.getByTestId('zones-view').getByText('孝义经济开发区', { exact: true }).first().click()
  await expect(page.getByTestId('zone-detail')).toContainText('向“新”而行 以“质”致远')
})
