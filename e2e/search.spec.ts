import { body, expect, test, openSample } from './fixtures'

test('search every article: pinyin into the box, the words in context, open the article with them highlighted', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)

  // Typed as pinyin is: composition first (the box must not search or jump on it), then the words.
  const search = page.getByTestId('search')
  await search.click()
  const cdp = await page.context().newCDPSession(page)
  for (let i = 1; i <= 'xincheng'.length; i++) {
    await cdp.send('Input.imeSetComposition', { text: 'xincheng'.slice(0, i), selectionStart: i, selectionEnd: i })
  }
  await cdp.send('Input.insertText', { text: '鑫程新材料' })
  await expect(search).toHaveValue('鑫程新材料')

  const hits = page.getByTestId('search-hit')
  await expect(hits).toHaveCount(1)
  await expect(hits.first()).toContainText('年产1GWh锂离子电池项目落地')
  await expect(hits.first()).toContainText('2024年第25期')
  await expect(hits.first().locator('mark')).toHaveText('鑫程新材料')
  await page.screenshot({ path: 'test-results/screens/search.png' })
  await search.press('Enter')

  await expect(page.locator('[data-field=headline]')).toHaveValue('年产1GWh锂离子电池项目落地')
  await expect(body(page)).toContainText('鑫程新材料')
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('folio-search')?.size ?? 0)).toBe(1)

  // Photo captions are searched as body text; a click opens that article.
  await search.fill('建筑节能玻璃')
  await expect(hits).toHaveCount(1)
  await expect(hits.first()).toContainText('正文')
  await hits.first().click()
  await expect(page.locator('[data-field=headline]')).toHaveValue('向“新”而行 以“质”致远')

  // Nothing found says so; clearing the box clears the highlight.
  await search.fill('月球基地')
  await expect(page.getByTestId('search-results')).toContainText('没有找到')
  await search.fill('')
  await expect.poll(() => page.evaluate(() => CSS.highlights.has('folio-search'))).toBe(false)
})
