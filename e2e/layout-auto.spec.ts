/**
 * Modular auto-layout (issue 12 item 1) and pre-flight gating, on the real print engine: pages
 * filled (no page but the last more than 10% empty, read from the stored layout's block
 * rectangles), no block overset or more than 3 lines short per column, 转版 with its jump lines
 * printed, and PDF export only once the pre-flight warnings are accepted.
 */
import { execFileSync } from 'node:child_process'
import { apiCall as api, expect, test, openSample } from './fixtures'

interface Block {
  articleId: number
  col: number
  span: number
  line: number
  lines: number
  part?: number
}
interface Layout {
  template: { id: string; columns: number; trim: { height: number }; margins: { top: number; bottom: number } }
  pages: { number: number; blocks: Block[] }[]
}
interface Outcome {
  layout: Layout
  fits: { page: number; articleId: number; part?: number; overChars: number; shortLines: number }[]
}

/** Share of each page's type area below the masthead/folio covered by blocks. */
function fills(layout: Layout, lines: number, reserved: (page: number) => number): number[] {
  return layout.pages.map((p) => {
    const area = layout.template.columns * (lines - reserved(p.number))
    return p.blocks.reduce((s, b) => s + b.span * b.lines, 0) / area
  })
}

test('对开: a twice-as-long issue fills page 1, nothing overset or short by more than 3 lines a column', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  const issues = await api<{ id: number }[]>(page, 'issue.list', {})
  const issueId = issues[0]?.id as number
  // The sample's four articles again (their copies after them): two 对开 pages of copy.
  const list = await api<{ id: number }[]>(page, 'article.list', { issueId })
  for (const { id } of list) {
    const a = await api<Record<string, string>>(page, 'article.get', { id })
    await api(page, 'article.create', {
      issueId,
      kicker: a.kicker,
      headline: `${a.headline}（二）`,
      subtitle: a.subtitle,
      dateline: a.dateline,
      byline: a.byline,
      body: a.body,
    })
  }
  await page.reload()
  await page.getByTestId('tab-layout').click()
  await page.getByTestId('template-select').selectOption('duikai')
  await page.getByTestId('auto-layout').click()
  await expect(page.getByTestId('layout-reasons')).toContainText('头条', { timeout: 60_000 })
  await expect(page.getByText('正在按印刷排版测量')).toBeHidden({ timeout: 60_000 })

  const layout = await api<Layout>(page, 'layout.get', { issueId })
  expect(layout.template.id).toBe('duikai')
  expect(layout.pages.length).toBeGreaterThanOrEqual(2)
  // 对开: 103 lines, 16 under the masthead, 3 under each folio.
  const f = fills(layout, 103, (n) => (n === 1 ? 16 : 3))
  for (const share of f.slice(0, -1)) expect(share).toBeGreaterThanOrEqual(0.9)
  // The lead across the top of page 1; the other pieces narrower than the page.
  const p1 = layout.pages[0]?.blocks ?? []
  const lead = p1.find((b) => b.line === 16 && b.col === 0)
  expect(lead?.span).toBeGreaterThanOrEqual(5)
  const others = layout.pages.flatMap((p) => p.blocks).filter((b) => b !== lead)
  expect(others.filter((b) => b.span < 8).length).toBeGreaterThan(others.length / 2)

  const measured = await api<Outcome>(page, 'layout.copyfit', { issueId })
  for (const fit of measured.fits) {
    expect(fit.overChars, `page ${fit.page} article ${fit.articleId}`).toBe(0)
    const block = measured.layout.pages
      .find((p) => p.number === fit.page)
      ?.blocks.find((b) => b.articleId === fit.articleId && (b.part ?? 0) === (fit.part ?? 0))
    expect(fit.shortLines / (block?.span ?? 1), `page ${fit.page} article ${fit.articleId}`).toBeLessThanOrEqual(3)
  }
  console.log(`对开, 8 articles: fill per page ${f.map((x) => x.toFixed(3)).join(' ')}`)
  await page.screenshot({ path: 'test-results/screens/layout-auto-duikai.png', fullPage: true })
})

test('四开: the lead runs on to page 2 with its jump lines printed; export waits for the pre-flight warnings to be accepted', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  await page.getByTestId('tab-layout').click()
  await page.getByTestId('template-select').selectOption('sikai')
  await page.getByTestId('auto-layout').click()
  const reasons = page.getByTestId('layout-reasons')
  await expect(reasons).toContainText('下转第2版', { timeout: 60_000 })
  await expect(reasons).toContainText('上接第1版')
  const cont = page.locator('[data-testid=page-canvas][data-page="2"] [data-testid=layout-block][data-part="1"]')
  await expect(cont).toHaveCount(1)
  await expect(cont.getByTestId('fit')).toHaveText(/余 \d+ 行|正好/, { timeout: 60_000 })

  // The sample has an empty photo frame: pre-flight lists it, and PDF export waits until accepted.
  await expect(page.getByTestId('preflight-item').first()).toBeVisible()
  const pdfButton = page.getByTestId('export-pdf')
  await expect(pdfButton).toBeDisabled()
  await expect(page.getByTestId('export-html')).toBeDisabled()
  await page.screenshot({ path: 'test-results/screens/layout-auto-sikai.png', fullPage: true })
  await page.getByTestId('preflight-accept').locator('input').check()
  await expect(pdfButton).toBeEnabled()
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), pdfButton.click()])
  const file = await download.path()
  const text = (page: number) =>
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      '',
    )
  expect(text(1)).toContain('（下转第2版）')
  expect(text(2)).toContain('（上接第1版）')
  expect(text(1)).not.toContain('（上接')

  // Accepting is for the warnings listed: a change that lists others asks again.
  const lead = page.locator('[data-testid="layout-block"][data-part="0"]', { hasText: '以“质”致远' })
  const handle = lead.getByTestId('resize-handle')
  await handle.scrollIntoViewIfNeeded()
  const box = await handle.boundingBox()
  if (!box) throw new Error('no handle')
  await page.mouse.move(box.x + 5, box.y + 5)
  await page.mouse.down()
  await page.mouse.move(box.x + 5, box.y - 300, { steps: 8 })
  await page.mouse.up()
  await expect(page.getByTestId('layout-warnings')).toContainText('超', { timeout: 60_000 })
  await expect(pdfButton).toBeDisabled()
})

test('自动排版 can keep the blocks placed by hand and lay out the rest around them', async ({ page, folio }) => {
  await openSample(page, folio)
  await page.getByTestId('tab-layout').click()
  await page.getByTestId('template-select').selectOption('sikai')
  await page.getByTestId('auto-layout').click()
  await expect(page.getByTestId('layout-reasons')).toBeVisible({ timeout: 60_000 })
  const issueId = (await api<{ id: number }[]>(page, 'issue.list', {}))[0]?.id as number
  // Pin the brief by hand at the foot of page 2's left columns.
  const before = await api<Layout>(page, 'layout.get', { issueId })
  const briefId = before.pages.flatMap((p) => p.blocks).find((b) => b.lines < 30 && (b.part ?? 0) === 0)?.articleId
  expect(briefId).toBeDefined()
  const pinned = { articleId: briefId as number, col: 0, span: 3, line: 50, lines: 23, manual: true }
  const moved = {
    ...before,
    pages: before.pages.map((p) => ({
      ...p,
      blocks: [...p.blocks.filter((b) => b.articleId !== briefId), ...(p.number === 2 ? [pinned] : [])].filter(
        (b) => p.number !== 2 || b === pinned || b.line + b.lines <= 50 || b.col >= 3,
      ),
    })),
  }
  await api(page, 'layout.save', { issueId, layout: moved })
  await page.reload()
  await page.getByTestId('tab-layout').click()
  await page.getByTestId('auto-layout').click()
  await page.getByTestId('auto-confirm').getByTestId('auto-keep').click()
  await expect(page.getByTestId('layout-reasons')).toContainText('手动固定', { timeout: 60_000 })
  const after = await api<Layout>(page, 'layout.get', { issueId })
  const page2 = after.pages.find((p) => p.number === 2)
  expect(page2?.blocks.find((b) => b.articleId === briefId)).toMatchObject(pinned)
  // Every article still on the pages, none twice in the same part.
  const placed = after.pages.flatMap((p) => p.blocks.map((b) => `${b.articleId}:${b.part ?? 0}`))
  expect(new Set(placed).size).toBe(placed.length)
  expect(new Set(after.pages.flatMap((p) => p.blocks.map((b) => b.articleId))).size).toBe(4)
})
