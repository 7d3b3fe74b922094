import { docFromBlocks, type SerializedNode } from '../src/shared/doc/lexical'
import { apiCall as call, expect, test } from './fixtures'

const TEXT = { detail: 0, format: 0, mode: 'normal', style: '', version: 1 }
const figure = (text: string, value: number, unit: string): SerializedNode => ({
  ...TEXT,
  type: 'figure-tag',
  text,
  value,
  unit,
  qualifier: null,
  metric: '',
  period: '',
})
const zone = (zoneId: string, text: string): SerializedNode => ({
  ...TEXT,
  type: 'zone-tag',
  text,
  zoneId,
  zoneName: '',
})

/** A body of one paragraph holding these tags. */
function body(pieces: SerializedNode[]): string {
  const doc = docFromBlocks([{ type: 'paragraph', text: 'x' }])
  const [paragraph] = doc.root.children
  if (paragraph) paragraph.children = pieces
  return JSON.stringify(doc)
}

test('数据核对 draws only the rows on screen, fetches later ones on scrolling, and filters with a total', async ({
  page,
  folio,
}) => {
  await page.goto(folio.url)
  await expect(page.getByTestId('tab-figures')).toBeVisible()
  const issue = await call<{ id: number }>(page, 'issue.create', { title: '开发区建设', number: '2024年第30期' })
  for (let k = 0; k < 3; k++) {
    const pieces = [
      ...(k === 0 ? [zone('sx-huairen-etdz', '怀仁经开区')] : []),
      ...Array.from({ length: 300 }, (_, n) => figure(`${k * 300 + n}家`, k * 300 + n, '家')),
      ...(k === 2 ? Array.from({ length: 5 }, (_, n) => figure(`${n}%`, n, '%')) : []),
    ]
    await call(page, 'article.create', { issueId: issue.id, headline: `第${k}篇`, body: body(pieces) })
  }

  await page.reload()
  await page.getByTestId('tab-figures').click()
  const table = page.getByTestId('figures-table')
  const rows = table.locator('tbody tr[data-row]')
  await expect(page.getByTestId('figures-total')).toHaveText('共 905 条数据')
  await expect(rows.first()).toContainText('0家')
  // Windowed: a screenful and a few more, not 905 rows.
  expect(await rows.count()).toBeLessThan(80)

  // Scrolling to the end draws the last rows (fetched as further pages of figure.list).
  const scroller = page.getByTestId('figures-scroll')
  await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight))
  await expect(table.locator('tbody tr[data-row="904"]')).toContainText('4%')
  await expect(table.locator('tbody tr[data-row="899"]')).toContainText('899家')
  await expect(table.locator('tbody tr[data-row="0"]')).toHaveCount(0)
  expect(await rows.count()).toBeLessThan(80)
  // The middle too, on a page not fetched before.
  await scroller.evaluate((element) => (element.scrollTop = 28 * 450))
  await expect(table.locator('tbody tr[data-row="455"]')).toContainText('455家')

  // Filters start again from the top, with their own total.
  await page.getByLabel('单位').selectOption('%')
  await expect(page.getByTestId('figures-total')).toHaveText('共 5 条数据')
  await expect(rows).toHaveCount(5)
  await expect(rows.first()).toContainText('0%')
  await page.getByLabel('单位').selectOption('')
  await page.getByLabel('开发区').selectOption({ label: '怀仁经济技术开发区' })
  await expect(page.getByTestId('figures-total')).toHaveText('共 300 条数据')
  await expect(rows.first()).toContainText('0家')
})
