import type { Page } from '@playwright/test'
import { body, expect, openParagraphs, test, type FolioServer } from './fixtures'

/** A 160-paragraph article, each paragraph naming a zone: 160 suggestions. */
async function openLongArticle(page: Page, folio: FolioServer): Promise<void> {
  const paragraphs = Array.from(
    { length: 160 },
    (_, n) => `第${n + 1}段：孝义经济开发区今年新签约项目，园区企业稳步扩产，带动当地就业持续增长。`,
  )
  await openParagraphs(page, folio, { number: '2024年第31期', headline: '长文', paragraphs })
  await expect(page.getByTestId('show-tags')).toContainText('160')
}

/**
 * Suggestion underlines (and 校对 marks, through the same painter) are drawn only for blocks near
 * the editor's view, and follow the view as it scrolls: editor/near.ts works the near set out on
 * scroll rather than through IntersectionObservers, which cost a millisecond per keystroke.
 */
test('suggestion highlights cover the blocks near the view and follow a scroll to the end', async ({ page, folio }) => {
  await openLongArticle(page, folio)

  /** The paragraph numbers (1-based) holding a drawn zone suggestion, and the scroller's view. */
  const drawn = () =>
    page.evaluate(() => {
      const root = document.querySelector('[data-testid=body]')
      const blocks = root ? Array.from(root.children) : []
      const highlight = CSS.highlights.get('folio-suggest-zone')
      const numbers = new Set<number>()
      for (const range of highlight ?? []) {
        const block = blocks.findIndex((b) => b.contains(range.startContainer))
        if (block >= 0) numbers.add(block + 1)
      }
      return [...numbers].sort((a, b) => a - b)
    })

  // At the top: the first paragraphs are drawn, the last ones are not.
  await expect.poll(async () => (await drawn())[0]).toBe(1)
  const top = await drawn()
  expect(top.length).toBeGreaterThan(3)
  expect(top.length).toBeLessThan(100)
  expect(top.at(-1)).toBeLessThan(100)

  // Scrolled to the end: the last paragraph is drawn and the first ones are dropped.
  await page.locator('.editor-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
  await expect.poll(async () => (await drawn()).at(-1)).toBe(160)
  const end = await drawn()
  expect(end[0]).toBeGreaterThan(60)

  // Back to the top: drawn again there.
  await page.locator('.editor-scroll').evaluate((el) => el.scrollTo({ top: 0 }))
  await expect.poll(async () => (await drawn())[0]).toBe(1)
})

/**
 * While the text is typed the marks rest: the second change inside the pause that would redraw
 * them takes the suggestion and 校对 highlights out of CSS.highlights (Chromium revalidates and
 * repaints every registered range on each keystroke), and the redraw after the pause puts them
 * back. A single edit leaves them where they are.
 */
test('typing rests the suggestion and 校对 marks until the pause, a single edit keeps them', async ({
  page,
  folio,
}) => {
  await openParagraphs(page, folio, {
    number: '2024年第32期',
    headline: '打字时',
    paragraphs: [
      '孝义经济开发区今年新签约项目12个,园区企业稳步扩产。',
      '怀仁经开区的陶瓷产业集群带动当地就业持续增长。',
    ],
  })

  const NAMES = ['folio-suggest-zone', 'folio-proof'] as const
  /** For each highlight: how many ranges it draws, or null when it is not registered. */
  const registered = () => page.evaluate((names) => names.map((n) => CSS.highlights.get(n)?.size ?? null), [...NAMES])
  await expect.poll(registered).toEqual([expect.any(Number), expect.any(Number)])
  await expect.poll(async () => (await registered()).every((n) => (n ?? 0) > 0)).toBe(true)

  await body(page).locator('p').last().click()
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)))
  // Two edits a task apart, as two keys of a burst are: the first keeps the marks, the second rests them.
  const during = await page.evaluate(
    async (names) => {
      const state = () => names.map((n) => CSS.highlights.has(n))
      const tick = () => new Promise((done) => setTimeout(done, 0))
      document.execCommand('insertText', false, '甲')
      await tick()
      const afterOne = state()
      document.execCommand('insertText', false, '乙')
      await tick()
      return { afterOne, afterTwo: state() }
    },
    [...NAMES],
  )
  expect(during).toEqual({ afterOne: [true, true], afterTwo: [false, false] })
  await expect(body(page)).toContainText('甲乙')

  // After the pause both are back, with their ranges.
  await expect.poll(async () => (await registered()).every((n) => (n ?? 0) > 0)).toBe(true)
  // A pinyin composition step rests them too (Lexical makes no update for it); choosing the word
  // and pausing brings them back.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Input.imeSetComposition', { text: 'kai', selectionStart: 3, selectionEnd: 3 })
  expect(await page.evaluate((names) => names.map((n) => CSS.highlights.has(n)), [...NAMES])).toEqual([false, false])
  await cdp.send('Input.insertText', { text: '开' })
  await expect(body(page)).toContainText('甲乙开')
  await expect.poll(async () => (await registered()).every((n) => (n ?? 0) > 0)).toBe(true)
  // No highlight stays registered empty (the finding in hand, search hits: none now): one costs
  // each keystroke's paint as much as a full one.
  const emptyOnes = () => page.evaluate(() => [...CSS.highlights].filter(([, h]) => h.size === 0).map(([name]) => name))
  expect(await emptyOnes()).toEqual([])

  // The finding in hand (F8) is drawn while it is there, rests with the others while the text is
  // typed, and comes back after the pause.
  await body(page)
    .locator('p')
    .first()
    .click({ position: { x: 2, y: 4 } })
  await page.keyboard.press('F8')
  const currentSize = () => page.evaluate(() => CSS.highlights.get('folio-proof-current')?.size ?? null)
  await expect.poll(currentSize).toBe(1)
  // Past the finding (F8 selected it in the text), the caret goes on typing.
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(',')
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => page.evaluate(() => window.getSelection()?.isCollapsed)).toBe(true)
  // Lexical takes the new caret over at the selectionchange, a task later: only then type.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))))
  const typed = await page.evaluate(async () => {
    const tick = () => new Promise((done) => setTimeout(done, 0))
    document.execCommand('insertText', false, '丙')
    await tick()
    document.execCommand('insertText', false, '丁')
    await tick()
    return CSS.highlights.size
  })
  expect(typed).toBe(0)
  await expect(body(page)).toContainText('12个,丙丁园区')
  await expect.poll(async () => (await registered()).every((n) => (n ?? 0) > 0)).toBe(true)
  await expect.poll(currentSize).toBe(1)
  expect(await emptyOnes()).toEqual([])
})

/**
 * The tags panel renders only the suggestion rows in view and a few around them (each row in the
 * DOM costs every keystroke in the editor beside it). A scroll of the panel renders the rows it
 * brings into view before anything else hears of the scroll, so the frame that shows it has them.
 */
test('the suggestion list renders the rows in view, and a scroll has its rows at once', async ({ page, folio }) => {
  await openLongArticle(page, folio)
  const rows = page.locator('.suggestions li')
  await expect(rows.first()).toBeVisible()
  const rendered = await rows.count()
  expect(rendered).toBeGreaterThan(3)
  expect(rendered).toBeLessThan(40)

  /** Scrolls the panel to `top`; in the scroll event, whether the rendered rows cover the view. */
  const scrollTo = (top: number) =>
    page.locator('.side-scroll').evaluate(
      (el, top) =>
        new Promise<{ covered: boolean; rows: number; tail: string }>((resolve) => {
          el.addEventListener(
            'scroll',
            () => {
              const view = el.getBoundingClientRect()
              const boxes = Array.from(el.querySelectorAll('.suggestions li'), (li) => li.getBoundingClientRect())
              const list = el.querySelector('.suggestions')!.getBoundingClientRect()
              const from = Math.max(view.top, list.top)
              const to = Math.min(view.bottom, list.bottom)
              resolve({
                covered: boxes.some((b) => b.top <= from + 1) && boxes.some((b) => b.bottom >= to - 1),
                rows: boxes.length,
                // No padding left for rows below: the last suggestion is rendered.
                tail: el.querySelector<HTMLElement>('.suggestions')!.style.paddingBottom,
              })
            },
            { once: true },
          )
          el.scrollTop = top
        }),
      top,
    )

  const middle = await scrollTo(3000)
  expect(middle.covered).toBe(true)
  expect(middle.rows).toBeLessThan(40)
  const end = await scrollTo(1e6)
  expect(end.covered).toBe(true)
  expect(end.rows).toBeLessThan(40)
  expect(end.tail).toBe('0px')
})
