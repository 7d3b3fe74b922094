import type { Page } from '@playwright/test'
import { body, expect, openParagraphs, test, type FolioServer } from './fixtures'

const PARAGRAPHS = 120
const SENTENCE =
  '今年以来，园区坚持项目为王，新签约项目持续增加，企业稳步扩产，带动当地就业持续增长，营商环境不断优化，服务企业更加精准。'

/**
 * A long article: 120 paragraphs of about 90 and 270 characters in turn (two and six lines or so,
 * neither the four lines a block is estimated at before it is laid out), each ending in its number.
 */
async function openLongArticle(page: Page, folio: FolioServer): Promise<void> {
  const paragraphs = Array.from(
    { length: PARAGRAPHS },
    (_, n) => `${(n % 2 === 0 ? [SENTENCE] : [SENTENCE, SENTENCE, SENTENCE]).join('')}第${n + 1}段`,
  )
  await openParagraphs(page, folio, { number: '2024年第33期', headline: '长文', paragraphs })
}

/** Where a marker typed at the caret landed: the block's number (1-based) and the offset in it. */
async function typeMarker(page: Page): Promise<{ block: number; offset: number; length: number }> {
  await page.keyboard.type('Ⓧ')
  const at = await body(page).evaluate((root) => {
    const blocks = Array.from(root.children)
    const index = blocks.findIndex((b) => b.textContent?.includes('Ⓧ'))
    const text = blocks[index]?.textContent ?? ''
    return { block: index + 1, offset: text.indexOf('Ⓧ'), length: text.length - 1 }
  })
  await page.keyboard.press('Backspace')
  await expect(body(page)).not.toContainText('Ⓧ')
  return at
}

async function fromTheTop(page: Page, ...keys: string[]): Promise<{ block: number; offset: number; length: number }> {
  await body(page).locator('p').first().click()
  await page.keyboard.press('Control+Home')
  for (const key of keys) await page.keyboard.press(key)
  return typeMarker(page)
}

/**
 * Blocks far from the view are skipped by layout and paint (FarBlocksPlugin: data-far →
 * content-visibility: auto), which keeps a keystroke's cost independent of the article's length.
 * Chromium moves the caret over skipped content wrongly, so the blocks a line or a page away are
 * always laid out and the jumps to the start or end lay everything out first: every caret move
 * lands where it would with nothing skipped, and the scrollbar does not change.
 */
test('far blocks are skipped, and the caret still goes where the keys say', async ({ page, folio }) => {
  await openLongArticle(page, folio)
  const far = () => body(page).evaluate((root) => Array.from(root.children).map((b) => b.hasAttribute('data-far')))
  await expect.poll(async () => (await far()).at(-1)).toBe(true)
  const marks = await far()
  expect(marks[0]).toBe(false)
  expect(marks.filter(Boolean).length).toBeGreaterThan(PARAGRAPHS / 2)

  // A skipped block keeps the height it was laid out at: the scroller is as tall as with none
  // skipped, also once the window (the measure) has changed.
  const heightGap = () =>
    page.locator('.editor-scroll').evaluate((scroller) => {
      const skipped = scroller.scrollHeight
      const style = document.createElement('style')
      style.textContent = '.body-editable > [data-far] { content-visibility: visible !important }'
      document.head.append(style)
      const full = scroller.scrollHeight
      style.remove()
      return Math.abs(skipped - full)
    })
  expect(await heightGap()).toBeLessThanOrEqual(1)
  const viewport = page.viewportSize()
  if (!viewport) throw new Error('no viewport')
  await page.setViewportSize({ width: viewport.width - 240, height: viewport.height })
  await expect.poll(heightGap).toBeLessThanOrEqual(1)
  await expect.poll(async () => (await far()).at(-1)).toBe(true)
  await page.setViewportSize(viewport)
  await expect.poll(heightGap).toBeLessThanOrEqual(1)

  // The CSS holds: the last block's contents are skipped, the first block's are not.
  const skipped = (index: number) =>
    body(page).evaluate((root, i) => {
      const block = root.children.item(i < 0 ? root.children.length + i : i)
      const inside = block?.firstElementChild
      if (!block || !inside) throw new Error('no block')
      return (
        getComputedStyle(block).contentVisibility === 'auto' && !inside.checkVisibility({ contentVisibilityAuto: true })
      )
    }, index)
  expect(await skipped(-1)).toBe(true)
  expect(await skipped(0)).toBe(false)

  /** Where each key sequence from the top lands, and what Ctrl+Shift+End selects. */
  const moves = async () => {
    const landings = []
    for (const keys of [
      ['Control+End'],
      ['Control+End', ...Array<string>(12).fill('ArrowUp')],
      ['Control+End', 'PageUp', 'PageUp'],
      Array<string>(8).fill('PageDown'),
      ['Control+End', 'Control+Home'],
    ])
      landings.push(await fromTheTop(page, ...keys))
    // The view scrolled far from the caret (the wheel, a search hit), then the caret moved.
    await body(page).locator('p').first().click()
    await page.keyboard.press('Control+Home')
    await page.locator('.editor-scroll').evaluate(async (scroller) => {
      scroller.scrollTop += 6000
      for (let n = 0; n < 3; n++) await new Promise(requestAnimationFrame)
    })
    for (let n = 0; n < 8; n++) await page.keyboard.press('ArrowDown')
    landings.push(await typeMarker(page))
    await page.locator('.editor-scroll').evaluate(async (scroller) => {
      scroller.scrollTop = 0
      for (let n = 0; n < 3; n++) await new Promise(requestAnimationFrame)
    })
    await page.keyboard.press('PageDown')
    await page.keyboard.press('PageDown')
    landings.push(await typeMarker(page))
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('Control+Shift+End')
    const selected = await page.evaluate(() => getSelection()?.toString() ?? '')
    return { landings, selected }
  }
  const withSkipping = await moves()
  // Ctrl+End: the end of the last paragraph, and the view follows it; Ctrl+Shift+End: all of it.
  const end = withSkipping.landings[0]
  expect(end).toEqual({ block: PARAGRAPHS, offset: end?.length, length: end?.length })
  expect(withSkipping.selected.startsWith('今年以来')).toBe(true)
  expect(withSkipping.selected.endsWith(`第${PARAGRAPHS}段`)).toBe(true)
  // Copying the whole article from the top, far blocks skipped, copies all of it (Lexical copies
  // from its state; the DOM selection's own text would leave skipped blocks out).
  await page.keyboard.press('Control+Home')
  await expect.poll(() => skipped(-1)).toBe(true)
  await page.keyboard.press('Control+a')
  const copied = await body(page).evaluate((root) => {
    const data = new DataTransfer()
    root.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }))
    return data.getData('text/plain')
  })
  expect(copied.startsWith('今年以来')).toBe(true)
  expect(copied.endsWith(`第${PARAGRAPHS}段`)).toBe(true)
  expect(copied.split('\n').filter(Boolean)).toHaveLength(PARAGRAPHS)
  // Every move lands exactly where it does with nothing skipped.
  await page.addStyleTag({ content: '.body-editable > [data-far] { content-visibility: visible !important }' })
  expect(await moves()).toEqual(withSkipping)
})

/**
 * While typing runs on at a caret, skipped blocks are `content-visibility: hidden` (no per-frame
 * bookkeeping); hidden content is not rendered even when selected, so any selection that is not a
 * caret, the editor losing focus, or a pause brings `auto` back — and with it the whole text of a
 * selection (what the browser's own drag-and-drop carries), find and the accessibility tree.
 */
test('far blocks are hidden only while typing runs on at a caret', async ({ page, folio }) => {
  await openLongArticle(page, folio)
  const root = body(page)
  await expect.poll(() => root.evaluate((r) => r.lastElementChild?.hasAttribute('data-far'))).toBe(true)
  const lastBlock = () => root.evaluate((r) => getComputedStyle(r.lastElementChild as Element).contentVisibility)
  const typing = () => root.evaluate((r) => r.hasAttribute('data-typing'))
  expect(await lastBlock()).toBe('auto')

  await root.locator('p').first().click()
  await page.keyboard.press('End')
  await page.keyboard.type('Ⓧ')
  expect(await lastBlock()).toBe('hidden')
  // A pause: back to `auto`.
  await expect.poll(lastBlock).toBe('auto')
  expect(await typing()).toBe(false)

  // A selection from the first block to the end of the last, as a drag of the mouse makes it:
  // at once `auto`, and the selection's own text is the whole article.
  await page.keyboard.type('Ⓨ')
  expect(await lastBlock()).toBe('hidden')
  const selected = await root.evaluate(async (r) => {
    const first = r.firstElementChild as Element
    const last = r.lastElementChild as Element
    getSelection()?.setBaseAndExtent(first, 0, last, last.childNodes.length)
    for (let n = 0; n < 2; n++) await new Promise(requestAnimationFrame)
    return { text: getSelection()?.toString() ?? '', typing: r.hasAttribute('data-typing') }
  })
  expect(selected.typing).toBe(false)
  expect(selected.text.startsWith('今年以来')).toBe(true)
  expect(selected.text.endsWith(`第${PARAGRAPHS}段`)).toBe(true)
  for (const n of [2, PARAGRAPHS / 2, PARAGRAPHS - 1]) expect(selected.text).toContain(`第${n}段`)

  // Typing over the selection replaces it; typing on is hidden again, and leaving the editor
  // (for the find bar, a field) brings `auto` back at once, not after the pause.
  await page.keyboard.type('Ⓩ')
  await expect(root).toHaveText('Ⓩ')
  await page.keyboard.press('Control+z')
  await expect(root.locator('p')).toHaveCount(PARAGRAPHS)
  await root.locator('p').first().click()
  await page.keyboard.type('Ⓦ')
  await expect.poll(() => root.evaluate((r) => r.lastElementChild?.hasAttribute('data-far'))).toBe(true)
  await page.keyboard.type('Ⓥ')
  expect(await lastBlock()).toBe('hidden')
  await page.getByRole('textbox', { name: '主题' }).focus()
  expect(await typing()).toBe(false)
  expect(await lastBlock()).toBe('auto')

  // Shift+a move makes a selection, which shows every block before the browser moves: the
  // selectionchange that Lexical answers comes a task later, and the selection's text can be read
  // first — here after the far blocks are marked again at the view the move scrolled to. The event
  // is held back, so only the key itself can bring `auto` back.
  await root.locator('p').first().click()
  await page.keyboard.press('Control+Home')
  await expect.poll(() => root.evaluate((r) => r.lastElementChild?.hasAttribute('data-far'))).toBe(true)
  await page.keyboard.type('Ⓤ')
  expect(await lastBlock()).toBe('hidden')
  const holdSelectionChange = (on: boolean) =>
    page.evaluate((on) => {
      const held = window as unknown as { held?: (event: Event) => void }
      held.held ??= (event) => event.stopImmediatePropagation()
      if (on) addEventListener('selectionchange', held.held, true)
      else removeEventListener('selectionchange', held.held, true)
    }, on)
  await holdSelectionChange(true)
  await page.keyboard.press('Control+Shift+End')
  const all = await page.evaluate(async () => {
    for (let n = 0; n < 3; n++) await new Promise((done) => requestAnimationFrame(() => setTimeout(done)))
    return getSelection()?.toString() ?? ''
  })
  await holdSelectionChange(false)
  expect(all.startsWith('今年以来')).toBe(true)
  expect(all.endsWith(`第${PARAGRAPHS}段`)).toBe(true)
  for (const n of [2, PARAGRAPHS / 2, PARAGRAPHS - 1]) expect(all).toContain(`第${n}段`)
})

/**
 * While any block is skipped, Chromium's content-visibility bookkeeping costs in every frame:
 * in an article where most blocks are near the view anyway, nothing is skipped.
 */
test('an article whose blocks are mostly near the view skips none of them', async ({ page, folio }) => {
  const paragraphs = Array.from(
    { length: 30 },
    (_, n) => `${(n % 2 === 0 ? [SENTENCE] : [SENTENCE, SENTENCE, SENTENCE]).join('')}第${n + 1}段`,
  )
  await openParagraphs(page, folio, { number: '2024年第34期', headline: '中篇', paragraphs })
  await body(page).locator('p').first().click()
  // Some blocks are beyond the margin (2400 px past the view), fewer than half of them.
  const beyond = await page.locator('.editor-scroll').evaluate((scroller) => {
    const view = scroller.getBoundingClientRect()
    const blocks = Array.from(scroller.querySelectorAll('[data-testid=body] > *'))
    return blocks.filter((b) => b.getBoundingClientRect().top > view.bottom + 2400).length / blocks.length
  })
  expect(beyond).toBeGreaterThan(0)
  expect(beyond).toBeLessThan(0.5)
  // After a few frames and a keystroke the blocks have been looked at (the plugin marks them a
  // frame after they are added): none is marked, none is skipped.
  await page.keyboard.type('Ⓧ')
  await page.evaluate(async () => {
    for (let n = 0; n < 5; n++) await new Promise(requestAnimationFrame)
    await new Promise((done) => setTimeout(done, 100))
  })
  expect(await body(page).locator('[data-far]').count()).toBe(0)
})

/** The toolbar sits above the scroller (a sticky bar inside it cost every keystroke's frame). */
test('the toolbar stays in view, outside the text it scrolls', async ({ page, folio }) => {
  await openLongArticle(page, folio)
  const toolbar = page.getByRole('toolbar')
  await expect(toolbar).toBeVisible()
  const before = await toolbar.boundingBox()
  await page.locator('.editor-scroll').evaluate(async (scroller) => {
    scroller.scrollTop = 6000
    for (let n = 0; n < 2; n++) await new Promise(requestAnimationFrame)
  })
  expect(await page.locator('.editor-scroll').getByRole('toolbar').count()).toBe(0)
  expect(await toolbar.boundingBox()).toEqual(before)
  await expect(toolbar.getByRole('button', { name: '小标题' })).toBeInViewport()
})
