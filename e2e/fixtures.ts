import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { docFromBlocks } from '../src/shared/doc/lexical'

const ROOT = join(__dirname, '..')

/** The browser-mode server (built out/main/web.js) on a fresh library, restartable and killable. */
export class FolioServer {
  url = ''
  private child: ChildProcess | null = null
  /**
   * `port` is kept across restarts: the same origin, so the tab's storage is the same, as with the
   * fixed default port. Another library may be started on a port a first one used.
   */
  constructor(
    readonly dbPath: string,
    public port = 0,
  ) {}

  async start(): Promise<string> {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'out/main/web.js'), '--db', this.dbPath, '--port', String(this.port)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    this.child = child
    this.url = await new Promise<string>((resolve, reject) => {
      let output = ''
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15000)
      const onData = (chunk: Buffer): void => {
        output += chunk.toString()
        const match = /ready: (http:\/\/\S+)/.exec(output)
        if (match?.[1]) {
          clearTimeout(timer)
          this.port = Number(new URL(match[1]).port)
          resolve(match[1])
        }
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)))
    })
    return this.url
  }

  /** SIGTERM: a normal stop. SIGKILL: the process dies mid-work, as in a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
    this.child = null
  }

  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<string> {
    await this.stop(signal)
    return this.start()
  }

  /** The `folio` CLI on the same library: the built out/main/cli.js, as `npm run folio` runs it. */
  cli(...args: string[]): unknown {
    const result = spawnSync(process.execPath, [join(ROOT, 'out/main/cli.js'), '--db', this.dbPath, ...args], {
      encoding: 'utf8',
      cwd: ROOT,
    })
    if (result.status !== 0) throw new Error(result.stderr)
    return JSON.parse(result.stdout) as unknown
  }
}

export const test = base.extend<{ folio: FolioServer }>({
  // Playwright fixtures must destructure their dependencies, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  folio: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-e2e-'))
    const server = new FolioServer(join(dir, 'library.sqlite'))
    await server.start()
    await use(server)
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  },
})

export { expect }

export const body = (page: Page) => page.getByTestId('body')

/**
 * Every suggestion in the tags panel, read by scrolling its windowed list (only the rows near the
 * panel's view are in the DOM) from the top to the end: each row's kind and whole text, in order.
 * The panel is left scrolled to the top.
 */
export async function allSuggestions(page: Page): Promise<{ kind: string; text: string }[]> {
  return page
    .getByTestId('tags-panel')
    .locator('.side-scroll')
    .evaluate(async (scroller) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
      const seen = new Map<string, { kind: string; text: string }>()
      for (let top = 0; ; top += scroller.clientHeight / 2) {
        scroller.scrollTop = top
        await frame()
        for (const li of scroller.querySelectorAll<HTMLElement>('[data-testid=suggestion]'))
          seen.set(li.dataset.id ?? '', { kind: li.dataset.kind ?? '', text: li.textContent ?? '' })
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break
      }
      scroller.scrollTop = 0
      await frame()
      return [...seen.values()]
    })
}

/** How many suggestions (allSuggestions) contain every one of `texts`, as expect.poll wants it. */
export const suggestionCount =
  (page: Page, ...texts: string[]) =>
  async (): Promise<number> =>
    (await allSuggestions(page)).filter((s) => texts.every((t) => s.text.includes(t))).length

/** `row` (a suggestion locator), with the tags panel scrolled until the windowed list renders it. */
export async function revealSuggestion(page: Page, row: Locator): Promise<Locator> {
  const scroller = page.getByTestId('tags-panel').locator('.side-scroll')
  /** Scrolls half a view further (or to the top with `top`); false at the end of the list. */
  const scroll = (top: boolean) =>
    scroller.evaluate(async (el, top) => {
      if (!top && el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return false
      el.scrollTop = top ? 0 : el.scrollTop + el.clientHeight / 2
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
      return true
    }, top)
  await expect
    .poll(async () => {
      if ((await row.count()) > 0) return true
      await scroll(true)
      do if ((await row.count()) > 0) return true
      while (await scroll(false))
      return false
    })
    .toBe(true)
  return row.first()
}

/** Calls the API from the page, with the tab's token, as the renderer does. */
export async function apiCall<T = unknown>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const token = /token=([\w-]+)/.exec(window.location.hash)?.[1] ?? sessionStorage.getItem('folio.token') ?? ''
      const response = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Folio-Token': token },
        body: JSON.stringify(i),
      })
      const answer = (await response.json()) as { ok: boolean; result: unknown }
      if (!answer.ok) throw new Error(JSON.stringify(answer))
      return answer.result
    },
    [method, input] as const,
  ) as Promise<T>
}

/**
 * A fresh tab on the server's library with a new issue (`number`) holding one article of plain
 * `paragraphs`, made through the API and opened in the editor.
 */
export async function openParagraphs(
  page: Page,
  folio: FolioServer,
  article: { number: string; headline: string; paragraphs: string[] },
): Promise<void> {
  await page.goto(folio.url)
  await expect(page.getByTestId('new-issue')).toBeVisible()
  const issue = await apiCall<{ id: number }>(page, 'issue.create', { title: '开发区建设', number: article.number })
  const doc = docFromBlocks(article.paragraphs.map((text) => ({ type: 'paragraph' as const, text })))
  await apiCall(page, 'article.create', { issueId: issue.id, headline: article.headline, body: JSON.stringify(doc) })
  await page.reload()
  await page.getByTestId('article-item').filter({ hasText: article.headline }).click()
  await expect(body(page).locator('p')).toHaveCount(article.paragraphs.length)
}

/** A fresh tab on the server's library with the bundled sample issue opened (its four articles listed). */
export async function openSample(page: Page, folio: FolioServer): Promise<void> {
  await page.goto(folio.url)
  await page.getByTestId('open-sample').click()
  await expect(page.getByTestId('article-item')).toHaveCount(4)
}

export async function createIssue(
  page: Page,
  fields: { title: string; edition?: string; number?: string },
): Promise<void> {
  await page.getByTestId('new-issue').click()
  const dialog = page.getByTestId('issue-dialog')
  await dialog.locator('input[name=title]').fill(fields.title)
  if (fields.edition) await dialog.locator('input[name=edition]').fill(fields.edition)
  if (fields.number) await dialog.locator('input[name=number]').fill(fields.number)
  await dialog.getByRole('button', { name: '创建' }).click()
  await expect(dialog).toBeHidden()
}

export async function newArticle(page: Page, headline: string): Promise<void> {
  const before = await page.getByTestId('article-item').count()
  await page.getByTestId('new-article').click()
  await expect(page.getByTestId('article-item')).toHaveCount(before + 1)
  const field = page.locator('[data-field=headline]')
  await field.click()
  await field.fill(headline)
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
}

/** Whether the body editor's own (Lexical) selection is a caret, not a range. */
export async function lexicalCaretCollapsed(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    type Editor = { getEditorState(): { _selection: { isCollapsed(): boolean } | null } }
    const root = document.querySelector('[data-testid=body]') as (Element & { __lexicalEditor?: Editor }) | null
    return root?.__lexicalEditor?.getEditorState()._selection?.isCollapsed() ?? false
  })
}

/** The editor body as plain paragraphs. */
export async function bodyParagraphs(page: Page): Promise<string[]> {
  return body(page).locator('p, h3, blockquote, li').allTextContents()
}
