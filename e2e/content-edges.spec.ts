/**
 * Issue 8's content edges in the browser: a body holding a node type the editor does not know
 * and styles Folio never writes; a text file too large to import; a large one that is allowed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { textNode } from '../src/shared/doc/serialized'
import { KNOWN_NODE_TYPES } from '../src/shared/doc/node-types'
import { MAX_TEXT_BYTES } from '../src/shared/import/decode'
import { parseIssueText } from '../src/shared/import/plaintext'
import { apiCall as api, body, expect, test, waitSaved } from './fixtures'

const SEED = readFileSync(join(__dirname, '../resources/samples/kaifaqu-2024-25.txt'), 'utf8')

/** Styles that would leak a request, cover the page or run script, were they applied. */
const HOSTILE_STYLE =
  'position: fixed; inset: 0; z-index: 2147483647; background-image: url(/api/leak-by-style); color: rgb(255, 0, 0)'

const text = (t: string, style = HOSTILE_STYLE) => textNode(t, 0, style)

/** 开发区建设 in a paragraph, 你好 in a node type no Folio has: 7 字. */
const HOSTILE_BODY = JSON.stringify({
  root: {
    type: 'root',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    children: [
      {
        type: 'paragraph',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: HOSTILE_STYLE,
        children: [text('开发区'), text('建设', 'font-size: 80px')],
      },
      { type: 'some-future-node', version: 1, flavour: 'x', children: [text('你好')] },
      { type: 'heading', tag: 'iframe', version: 1, children: [text('小标题')] },
    ],
  },
})

/** Records every element that, even briefly, carries a style Folio does not write, or is an iframe. */
async function watchStyles(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const styled: string[] = []
    ;(window as unknown as { __styled: string[] }).__styled = styled
    const foreign = /position|url\(|font-size|color/
    const check = (el: Element): void => {
      if (el.tagName === 'IFRAME') styled.push('iframe')
      const style = el.getAttribute('style')
      if (style && foreign.test(style)) styled.push(`${el.tagName}: ${style}`)
      for (const child of el.children) check(child)
    }
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes' && record.oldValue && foreign.test(record.oldValue)) {
          styled.push(`was: ${record.oldValue}`)
        }
        if (record.target instanceof Element && record.type === 'attributes') check(record.target)
        for (const node of record.addedNodes) if (node instanceof Element) check(node)
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true })
  })
}

async function openArticle(page: Page, headline: string): Promise<void> {
  await page.reload()
  await page.getByTestId('issue-item').first().click()
  await page.getByTestId('article-item').filter({ hasText: headline }).click()
  await expect(page.locator('[data-field=headline]')).toHaveValue(headline)
}

test('a body with an unknown node type and foreign styles shows all its text, counts it, applies no style', async ({
  page,
  folio,
}) => {
  await watchStyles(page)
  const leaks: string[] = []
  page.on('request', (request) => {
    if (request.url().includes('leak-by-style')) leaks.push(request.url())
  })
  await page.goto(folio.url)
  const issue = (await api(page, 'issue.create', { title: '开发区建设', number: '2024年第25期' })) as { id: number }
  const created = (await api(page, 'article.create', {
    issueId: issue.id,
    headline: '向“新”而行',
    body: HOSTILE_BODY,
  })) as { id: number; body: string; charCount: number }
  // The server keeps no foreign style, and counts the unknown node's text.
  expect(created.body).not.toContain('position')
  expect(created.body).not.toContain('iframe')
  expect(created.body).toContain('some-future-node')
  expect(created.charCount).toBe(10)

  // A library written before this check holds the body as it came: the editor cleans it too.
  await page.route('**/api/article.get', async (route) => {
    const response = await route.fetch()
    const answer = (await response.json()) as { ok: boolean; result: { id: number; body: string } }
    if (answer.ok && answer.result.id === created.id) answer.result.body = HOSTILE_BODY
    await route.fulfill({ response, json: answer })
  })
  await openArticle(page, '向“新”而行')

  await expect(body(page)).toContainText('开发区建设')
  await expect(body(page)).toContainText('你好')
  await expect(body(page).locator('h3')).toHaveText('小标题')
  await expect(body(page).locator('iframe')).toHaveCount(0)
  await expect(page.getByTestId('char-count')).toHaveText('字数 10')
  const styled = await body(page).evaluate((root) =>
    [...root.querySelectorAll('*')].map((el) => {
      const css = getComputedStyle(el)
      return {
        text: el.textContent,
        style: el.getAttribute('style') ?? '',
        position: css.position,
        background: css.backgroundImage,
        color: css.color,
        fontSize: css.fontSize,
      }
    }),
  )
  expect(styled.length).toBeGreaterThan(0)
  for (const el of styled) {
    expect(el.style).not.toMatch(/position|url|font-size|color/)
    expect(el.position).not.toBe('fixed')
    expect(el.background).toBe('none')
    expect(el.color).not.toBe('rgb(255, 0, 0)')
    expect(el.fontSize).not.toBe('80px')
  }
  expect(leaks).toEqual([])
  // Not even for a moment: no element of the page ever carried the styles or the iframe heading.
  expect(await page.evaluate(() => (window as unknown as { __styled: string[] }).__styled)).toEqual([])

  // The editor registers exactly the types src/shared knows.
  const registered = await body(page).evaluate((root) => {
    const editor = (root as Element & { __lexicalEditor?: { _nodes: Map<string, unknown> } }).__lexicalEditor
    return [...(editor?._nodes.keys() ?? [])]
  })
  expect(registered.filter((type) => type !== 'artificial').sort()).toEqual([...KNOWN_NODE_TYPES].sort())

  // Edited and saved, the text of the unknown node is kept, with the node itself in the state.
  await body(page).getByText('你好').click()
  await page.keyboard.press('End')
  await page.keyboard.type('世界')
  await expect(page.getByTestId('char-count')).toHaveText('字数 12')
  await waitSaved(page)
  await page.unroute('**/api/article.get')
  type Saved = { body: string; bodyText: string; charCount: number }
  await expect
    .poll(async () => ((await api(page, 'article.get', { id: created.id })) as Saved).bodyText)
    .toBe('开发区建设\n你好世界\n小标题')
  const saved = (await api(page, 'article.get', { id: created.id })) as Saved
  expect(saved.charCount).toBe(12)
  expect(saved.body).not.toContain('position')
  expect(saved.body).toContain('some-future-node')
})

/** Counts every read of a chosen file's bytes and every worker started, in the page. */
async function watchReads(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __reads: string[]; __workers: number; __progress: string[] }
    w.__reads = []
    w.__workers = 0
    w.__progress = []
    for (const name of ['arrayBuffer', 'text', 'stream', 'slice', 'bytes'] as const) {
      const proto = Blob.prototype as unknown as Record<string, (...args: unknown[]) => unknown>
      const original = proto[name]
      if (!original) continue
      proto[name] = function (this: Blob, ...args: unknown[]) {
        if (this instanceof File) w.__reads.push(`${name}:${this.name}`)
        return original.apply(this, args)
      }
    }
    for (const name of ['readAsArrayBuffer', 'readAsText', 'readAsDataURL', 'readAsBinaryString'] as const) {
      const proto = FileReader.prototype as unknown as Record<string, (...args: unknown[]) => unknown>
      const original = proto[name]!
      proto[name] = function (this: FileReader, ...args: unknown[]) {
        w.__reads.push(`${name}`)
        return original.apply(this, args)
      }
    }
    const NativeWorker = window.Worker
    window.Worker = class extends NativeWorker {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args)
        w.__workers++
      }
    }
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=import-progress]')
      const label = el?.textContent?.trim() ?? null
      if (label && w.__progress.at(-1) !== label) w.__progress.push(label)
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
}

const watched = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __reads: string[]; __workers: number; __progress: string[] }
    return { reads: w.__reads, workers: w.__workers, progress: w.__progress }
  })

async function chooseFile(page: Page, name: string, content: Buffer) {
  await page.getByTestId('import').click()
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/plain', buffer: content })
  return dialog
}

test('a text file over the limit is refused from its size, unread, in Chinese first', async ({ page, folio }) => {
  await watchReads(page)
  const big = Buffer.alloc(MAX_TEXT_BYTES + 1, '开发区建设\n')
  await page.goto(folio.url)
  const dialog = await chooseFile(page, 'huge.txt', big)
  await expect(dialog.getByRole('alert')).toContainText('huge.txt：文件太大（超过 4 MB）')
  await expect(dialog.getByTestId('import-article')).toHaveCount(0)
  expect(await watched(page)).toEqual({ reads: [], workers: 0, progress: [] })

  // The same refusal in English for an editor working in English.
  await page.evaluate(() => localStorage.setItem('folio.lang', 'en'))
  await page.reload()
  const again = await chooseFile(page, 'huge.txt', big)
  await expect(again.getByRole('alert')).toContainText('huge.txt：The file is larger than 4 MB')
})

test('a large text file within the limit is parsed in a worker with progress, then previewed', async ({
  page,
  folio,
}) => {
  await watchReads(page)
  const copies = Math.floor((3 * 1024 * 1024) / Buffer.byteLength(SEED + '\n\n'))
  const large = Array.from({ length: copies }, () => SEED).join('\n\n')
  expect(Buffer.byteLength(large)).toBeLessThan(MAX_TEXT_BYTES)
  const expected = parseIssueText(large).articles.length
  await page.goto(folio.url)
  const dialog = await chooseFile(page, 'year.txt', Buffer.from(large))
  await expect(dialog.getByTestId('import-article')).toHaveCount(expected, { timeout: 60_000 })
  await expect(dialog.getByTestId('import-progress')).toHaveCount(0)
  await expect(dialog.getByTestId('import-line').first()).toBeVisible()
  const { reads, workers, progress } = await watched(page)
  // Not one byte read on the page: the worker read and parsed the file.
  expect(reads).toEqual([])
  expect(workers).toBe(1)
  expect(progress[0]).toMatch(/^正在读取 year\.txt：\d+%$/)
  const percents = progress.map((p) => Number(/(\d+)%$/.exec(p)?.[1]))
  expect(percents.some((p) => p > 0 && p < 100)).toBe(true)
  expect(percents).toEqual([...percents].sort((a, b) => a - b))
})

test('an article of many lines is previewed a thousand lines at a time', async ({ page, folio }) => {
  const lines = Array.from({ length: 1500 }, (_, i) => `第${i + 1}段:全省开发区正以崭新的姿态阔步前行。`)
  const long = ['一篇很长的稿件', '', ...lines].join('\n\n')
  const parsed = parseIssueText(long).articles
  expect(parsed.map((a) => a.lines.length)).toEqual([1501])
  await page.goto(folio.url)
  const dialog = await chooseFile(page, 'long.txt', Buffer.from(long))
  await expect(dialog.getByTestId('import-article')).toHaveCount(1)
  await expect(dialog.getByTestId('import-line')).toHaveCount(1000)
  await dialog.getByTestId('more-lines').click()
  await expect(dialog.getByTestId('import-line')).toHaveCount(1501)
  await expect(dialog.getByTestId('more-lines')).toHaveCount(0)
})
