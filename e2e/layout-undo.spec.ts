import type { Locator, Page } from '@playwright/test'
import { expect, test, openSample } from './fixtures'

const LEAD = '以“质”致远'

async function geometry(block: Locator) {
  const read = async (name: string) => Number(await block.getAttribute(`data-${name}`))
  return { col: await read('col'), span: await read('span'), line: await read('line'), lines: await read('lines') }
}

/** Drags from the middle of `handle` by (dx, dy) pixels. */
async function drag(page: Page, handle: Locator, dx: number, dy: number): Promise<void> {
  await handle.scrollIntoViewIfNeeded()
  const box = await handle.boundingBox()
  if (!box) throw new Error('nothing to drag')
  const x = box.x + Math.min(box.width / 2, 20)
  const y = box.y + Math.min(box.height / 2, 20)
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + dx, y + dy, { steps: 8 })
  await page.mouse.up()
}

test('a template change reflows the layout; auto-layout after a manual move asks; undo brings the move back', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  await page.getByTestId('tab-layout').click()
  await expect(page.getByTestId('layout-view')).toBeVisible()
  await page.getByTestId('template-select').selectOption('sikai')
  await page.getByTestId('auto-layout').click()
  const blocks = page.getByTestId('layout-block')
  // The lead is cut (转版) on 四开: its start on page 1 and its continuation on page 2.
  await expect(blocks).toHaveCount(5, { timeout: 30_000 })
  const lead = page.locator('[data-testid="layout-block"][data-part="0"]', { hasText: LEAD })
  await expect(lead.getByTestId('fit')).toBeVisible({ timeout: 30_000 })
  const onSikai = await geometry(lead)
  expect(onSikai.span).toBeGreaterThanOrEqual(4)
  const onDuikai = String(Math.round((onSikai.span * 8) / 6))
  const sikaiWidth = (await page.getByTestId('page-canvas').first().boundingBox())?.width ?? 0

  // 对开: 8 columns. The blocks stay where they were, scaled to the new grid (no 自动排版 needed).
  await page.getByTestId('template-select').selectOption('duikai')
  await expect(page.getByTestId('layout-notice')).toContainText('对开')
  await expect(lead).toHaveAttribute('data-span', onDuikai)
  await expect(blocks).toHaveCount(5)
  const canvas = page.getByTestId('page-canvas').first()
  expect((await canvas.boundingBox())?.width ?? 0).toBeGreaterThan(sikaiWidth)
  await expect(page.getByText('正在按印刷排版测量')).toBeHidden({ timeout: 30_000 })
  await page.screenshot({ path: '/tmp/layout-reflow.png', fullPage: true })
  // Every block spans columns in proportion: 6 → 8 columns, at least one.
  for (const b of await blocks.all()) expect(Number(await b.getAttribute('data-span'))).toBeGreaterThanOrEqual(1)
  const reflowed = await geometry(lead)
  expect(reflowed.line).toBe(16) // below 对开's masthead, as the lead was below 四开's

  // The reflow is one undo step and one redo step.
  await page.getByTestId('layout-undo').click()
  await expect(page.getByTestId('template-select')).toHaveValue('sikai')
  await expect(lead).toHaveAttribute('data-span', String(onSikai.span))
  await page.getByTestId('layout-redo').click()
  await expect(page.getByTestId('template-select')).toHaveValue('duikai')
  await expect(lead).toHaveAttribute('data-span', onDuikai)

  // Make the lead shorter by hand, then move it down into the room that freed.
  const perLine = ((await lead.boundingBox())?.height ?? 0) / reflowed.lines
  await drag(page, lead.getByTestId('resize-handle'), 0, -Math.round((reflowed.lines / 2) * perLine))
  await expect(lead).toHaveAttribute('data-manual', 'true')
  const resized = await geometry(lead)
  expect(resized.lines).toBeLessThan(reflowed.lines)
  const down = Math.floor((reflowed.lines - resized.lines) / 2)
  await drag(page, lead.locator('.block-headline'), 0, Math.round(down * perLine))
  await expect(lead).toHaveAttribute('data-line', String(resized.line + down))
  const moved = await geometry(lead)

  // 自动排版 now asks, naming the block it would replace; 取消 keeps everything.
  await page.getByTestId('auto-layout').click()
  const confirm = page.getByTestId('auto-confirm')
  await expect(confirm).toBeVisible()
  await expect(confirm.getByTestId('auto-confirm-blocks')).toContainText(LEAD)
  await page.screenshot({ path: '/tmp/layout-confirm.png' })
  await confirm.getByTestId('auto-cancel').click()
  await expect(confirm).toBeHidden()
  expect(await geometry(lead)).toEqual(moved)

  // Ctrl+Z brings the move back (the lead where it was before the move, still resized).
  await page.keyboard.press('Control+z')
  await expect(lead).toHaveAttribute('data-line', String(resized.line))
  expect(await geometry(lead)).toEqual(resized)
  await page.keyboard.press('Control+Shift+z')
  await expect(lead).toHaveAttribute('data-line', String(moved.line))

  // Replacing is also one step: undo after it brings the manual layout back, and it is stored.
  await page.getByTestId('auto-layout').click()
  await confirm.getByTestId('auto-replace').click()
  await expect(lead).not.toHaveAttribute('data-manual', 'true', { timeout: 30_000 })
  await expect(page.getByTestId('layout-undo')).toBeEnabled()
  await page.keyboard.press('Control+z')
  await expect(lead).toHaveAttribute('data-line', String(moved.line))
  expect(await geometry(lead)).toEqual(moved)
  await expect(lead.getByTestId('fit')).toBeVisible({ timeout: 30_000 })

  await page.reload()
  await page.getByTestId('tab-layout').click()
  await expect(page.getByTestId('layout-view')).toBeVisible()
  await expect(blocks).toHaveCount(5, { timeout: 30_000 })
  await expect(page.getByTestId('template-select')).toHaveValue('duikai')
  expect(await geometry(lead)).toEqual(moved)
  await expect(lead).toHaveAttribute('data-manual', 'true')
  // The flag survives the reload, so auto-layout still asks.
  await page.getByTestId('auto-layout').click()
  await expect(confirm).toBeVisible()
  await confirm.getByTestId('auto-cancel').click()
  expect(await geometry(lead)).toEqual(moved)
})
