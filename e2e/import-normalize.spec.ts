import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { Converter } from 'opencc-js'
import { body, expect, test, type FolioServer } from './fixtures'

const SEED = join(__dirname, '../resources/samples/kaifaqu-2024-25.txt')
const HALF_WIDTH_BETWEEN_HAN = /[\u4e00-\u9fff][,:;][\u4e00-\u9fff]/g

/** A fresh tab on the workbench, the import dialog opened and `file` chosen in it. */
async function importFile(
  page: Page,
  folio: FolioServer,
  file: string | { name: string; mimeType: string; buffer: Buffer },
): Promise<Locator> {
  await page.goto(folio.url)
  await expect(page.getByTestId('open-sample')).toBeVisible()
  await page.getByTestId('import').click()
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByTestId('import-file').setInputFiles(file)
  await expect(dialog.getByTestId('import-article').first()).toBeVisible()
  return dialog
}

/** The bodies of every article of the (only) imported issue, as the library stores them. */
function storedBodies(folio: FolioServer): string[] {
  const issue = (folio.cli('issue', 'list', '--json') as { id: number }[])[0]
  const listed = folio.cli('article', 'list', '--issue', String(issue?.id), '--json') as { id: number }[]
  return listed.map((a) => (folio.cli('article', 'show', String(a.id), '--json') as { bodyText: string }).bodyText)
}

test('标点规范化 is on for the seed: the count is shown, the lines stay as printed, the article is fixed', async ({
  page,
  folio,
}) => {
  const dialog = await importFile(page, folio, SEED)
  const toggle = dialog.getByTestId('normalize-punctuation')
  await expect(toggle).toBeChecked()
  const count = dialog.getByTestId('normalize-punctuation-count')
  await expect(count).toHaveText(/^标点规范化：已改 \d+ 处$/)
  const changed = Number(/(\d+)/.exec((await count.textContent()) ?? '')?.[1])
  // The seed has over two hundred half-width marks between Chinese characters alone.
  const halfWidth = readFileSync(SEED, 'utf8').match(HALF_WIDTH_BETWEEN_HAN)?.length ?? 0
  expect(halfWidth).toBeGreaterThan(200)
  expect(changed).toBeGreaterThanOrEqual(halfWidth - 20)
  // Simplified copy: nothing to convert, no offer.
  await expect(dialog.getByTestId('normalize-simplified')).toHaveCount(0)

  // The preview's lines are the source: still as printed.
  await expect(dialog.getByTestId('import-line').filter({ hasText: '仲夏时节,太谷经济技术开发区' })).toHaveCount(1)
  await page.screenshot({ path: '/tmp/import-normalize-preview.png' })

  await dialog.getByTestId('import-commit').click()
  await expect(dialog).toBeHidden()
  await page.getByTestId('article-item').first().click()
  await expect(body(page)).toContainText('仲夏时节，太谷经济技术开发区')
  await expect(body(page)).toContainText('联合成立机电业智能配套产业联盟，形成了')

  const bodies = storedBodies(folio)
  expect(bodies).toHaveLength(4)
  const all = bodies.join('\n')
  expect(all.match(HALF_WIDTH_BETWEEN_HAN)).toBeNull()
  expect(all).toContain('占全省外贸总值的42.3%，对外开放')
  expect(all).toContain('717亿元，同比增长5.7%')
  const issue = (folio.cli('issue', 'list', '--json') as { postalCode: string; email: string }[])[0]
  expect(issue?.postalCode).toBe('21-465')
  expect(issue?.email).toBe('kfjzsk@163.com')
})

test('switched off before importing, the text comes in as it was printed', async ({ page, folio }) => {
  const dialog = await importFile(page, folio, SEED)
  await dialog.getByTestId('normalize-punctuation').uncheck()
  await expect(dialog.getByTestId('normalize-punctuation-count')).toHaveText(/^标点规范化（未启用，可改 \d+ 处）$/)
  await dialog.getByTestId('import-commit').click()
  await expect(dialog).toBeHidden()
  await page.getByTestId('article-item').first().click()
  await expect(body(page)).toContainText('联合成立机电业智能配套产业联盟,形成了')
  const all = storedBodies(folio).join('\n')
  expect(all.match(HALF_WIDTH_BETWEEN_HAN)?.length ?? 0).toBeGreaterThan(100)
  expect(all).toContain('占全省外贸总值的42.3%,对外开放')
})

test('a traditional-character text gets the 转为简体 offer, off by default, with the reason', async ({
  page,
  folio,
}) => {
  // The seed's articles converted to traditional characters (Taiwan standard); the masthead stays.
  const toTraditional = Converter({ from: 'cn', to: 'tw' })
  const lines = readFileSync(SEED, 'utf8').split('\n')
  const text = lines.map((line, i) => (i >= 12 ? toTraditional(line) : line)).join('\n')
  expect(text).toContain('億元')
  const dialog = await importFile(page, folio, {
    name: 'traditional.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(text, 'utf8'),
  })
  const offer = dialog.getByTestId('normalize-simplified')
  await expect(offer).not.toBeChecked()
  await expect(dialog.getByTestId('normalize-simplified-note')).toHaveText('这份稿件像是繁体字，版面按简体印刷')
  await offer.check()
  await expect(dialog.getByTestId('normalize-simplified-note')).toHaveText(/^转为简体：已改 \d+ 字$/)
  // The lines are still the traditional source.
  await dialog.getByTestId('import-article').filter({ hasText: '開放新高地' }).click()
  await expect(dialog.getByTestId('import-line').filter({ hasText: '717億元' })).toHaveCount(1)
  await page.screenshot({ path: '/tmp/import-normalize-traditional.png' })

  await dialog.getByTestId('import-commit').click()
  await expect(dialog).toBeHidden()
  const all = storedBodies(folio).join('\n')
  expect(all).toContain('717亿元，同比增长5.7%')
  expect(all).not.toContain('億')
})
