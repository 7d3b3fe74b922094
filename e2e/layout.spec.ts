import { execFileSync } from 'node:child_process'
import { expect, test, openSample } from './fixtures'

test('lay out the sample issue, resize a block until it oversets, name a page, export the PDF', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  await page.getByTestId('tab-layout').click()
  await page.getByTestId('template-select').selectOption('sikai')
  await page.getByTestId('auto-layout').click()
  const blocks = page.getByTestId('layout-block')
  // Four articles; on 四开 the lead runs on to page 2 (转版), so five blocks.
  await expect(blocks).toHaveCount(5, { timeout: 30_000 })
  await expect(page.getByTestId('page-canvas')).toHaveCount(2)
  const lead = page.locator('[data-testid="layout-block"][data-part="0"]', { hasText: '以“质”致远' })
  await expect(lead.getByTestId('fit')).toHaveText(/余 \d+ 行|正好/)
  await expect(page.getByTestId('layout-reasons')).toContainText('头条')

  // Drag the lead block's corner up by half the page: what no longer fits runs into its
  // continuation on page 2, which then cannot hold it.
  const handle = lead.getByTestId('resize-handle')
  await handle.scrollIntoViewIfNeeded()
  const box = await handle.boundingBox()
  if (!box) throw new Error('no handle')
  await page.mouse.move(box.x + 5, box.y + 5)
  await page.mouse.down()
  await page.mouse.move(box.x + 5, box.y - 300, { steps: 8 })
  await page.mouse.up()
  await expect(
    blocks
      .filter({ hasText: '以“质”致远' })
      .getByTestId('fit')
      .filter({ hasText: /超 \d+ 字/ }),
  ).toHaveCount(1, { timeout: 30_000 })
  await expect(page.getByTestId('layout-warnings')).toContainText('超')

  await page.getByTestId('page-name').first().fill('要闻')
  await page.getByTestId('page-name').first().blur()
  await expect(page.getByTestId('page-canvas').first()).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/layout.png' })

  // The article editor shows the block's target while writing.
  await page.getByTestId('tab-articles').click()
  await page.getByTestId('article-item').first().click()
  await expect(page.getByTestId('copyfit-target')).toContainText(/第1版 \d栏×\d+行 · 超 \d+ 字/)

  await page.getByTestId('tab-layout').click()
  // Pre-flight gates the export: with warnings listed, PDF waits until they are accepted.
  await expect(page.getByTestId('export-pdf')).toBeDisabled()
  await expect(page.getByTestId('export-bundle')).toBeEnabled()
  await page.getByTestId('preflight-accept').locator('input').check()
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId('export-pdf').click(),
  ])
  expect(download.suggestedFilename()).toBe('开发区建设-专刊-2024年第25期.pdf')
  const file = await download.path()
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  expect(info).toMatch(/Pages:\s+2/)
  expect(info).toMatch(/Page size:\s+765\.\d+ x 1105\.\d+ pts/)
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
  expect(fonts.length).toBeGreaterThan(0)
  for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes yes/)
  await expect(page.getByTestId('export-done')).toContainText('超')
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
  expect(text).toContain('要闻')

  // The issue travels as a .folio bundle and comes back whole, layout included.
  const [bundle] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-bundle').click()])
  expect(bundle.suggestedFilename()).toBe('开发区建设-专刊-2024年第25期.folio')
  const saved = test.info().outputPath('issue.folio')
  await bundle.saveAs(saved)
  await page.getByTestId('tab-articles').click()
  await page.getByTestId('import').click()
  await page.getByTestId('import-dialog').getByTestId('import-file').setInputFiles(saved)
  await expect(page.getByTestId('issue-item')).toHaveCount(2)
  await expect(page.getByTestId('article-item')).toHaveCount(4)
  await page.getByTestId('tab-layout').click()
  await expect(page.getByTestId('layout-block')).toHaveCount(5, { timeout: 30_000 })
  await expect(page.getByTestId('page-name').first()).toHaveValue('要闻')
})

test('take a block off its page, add a page and place the article there', async ({ page, folio }) => {
  await openSample(page, folio)
  await page.getByTestId('tab-layout').click()
  await page.getByTestId('auto-layout').click()
  const blocks = page.getByTestId('layout-block')
  await expect(blocks).toHaveCount(5, { timeout: 30_000 })

  const last = blocks.filter({ hasText: '对外开放新高地' })
  await last.click()
  await page.getByTestId('block-actions').getByTestId('take-off').click()
  await expect(blocks).toHaveCount(4)
  await expect(page.getByTestId('unplaced')).toContainText('对外开放新高地')
  await expect(page.getByTestId('layout-warnings')).toContainText('未上版')

  await page.getByTestId('add-page').click()
  await expect(page.getByTestId('page-canvas')).toHaveCount(3)
  await page.getByTestId('unplaced').getByTestId('place-on').selectOption('3')
  await expect(page.locator('[data-testid=page-canvas][data-page="3"]').getByTestId('layout-block')).toContainText(
    '对外开放新高地',
  )
  await expect(page.getByTestId('unplaced')).toHaveCount(0)
  await expect(blocks.filter({ hasText: '对外开放新高地' }).getByTestId('fit')).toHaveText(/余 \d+ 行|正好|超 \d+ 字/, {
    timeout: 30_000,
  })

  // The layout is in the library: a reload shows the same three pages.
  await page.reload()
  await page.getByTestId('tab-layout').click()
  await expect(page.getByTestId('page-canvas')).toHaveCount(3)
})
