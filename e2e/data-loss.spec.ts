/**
 * The data-loss paths found under attack (issue 8): each drives the real UI and the real server.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { body, bodyParagraphs, createIssue, expect, FolioServer, newArticle, test, waitSaved } from './fixtures'

interface Shown {
  bodyText: string
  version: number
}

test('a tab that lost a save conflict, then closed, never overwrites the other tab’s text', async ({ page, folio }) => {
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设' })
  await newArticle(page, '两个窗口')
  await body(page).click()
  await page.keyboard.type('原稿。')
  await waitSaved(page)

  // Tab B opens the same article at the same version.
  const tabB = await page.context().newPage()
  await tabB.goto(folio.url)
  await tabB.getByTestId('article-item').first().click()
  await expect(body(tabB)).toHaveText('原稿。')
  // B's editor has the focus: the push channel then leaves it on the version it shows (an editor
  // not in use would be shown A's save, and there would be no conflict to test).
  await body(tabB).click()

  // Tab A saves first.
  await body(page).click()
  await page.keyboard.press('End')
  await page.keyboard.type('甲窗口的定稿。')
  await waitSaved(page)

  // Tab B, still on the old version, types: its save is refused as a conflict, shown as such.
  await body(tabB).click()
  await tabB.keyboard.press('End')
  await tabB.keyboard.type('乙窗口的旧改动')
  await expect(tabB.getByTestId('save-state')).toHaveAttribute('data-state', 'error')
  // More typing, then the tab is closed: the page-hide flush goes out (sendBeacon) …
  await tabB.keyboard.type('，关窗前又写了几个字')
  const message = await tabB.getByTestId('conflict-banner').textContent()
  const reloadOffered = await tabB.getByTestId('reload-article').isVisible()
  await tabB.close({ runBeforeUnload: true })

  // … and the library still holds tab A's text.
  const issueId = (folio.cli('issue', 'list', '--json') as { id: number }[])[0]!.id
  const articleId = (folio.cli('article', 'list', '--issue', String(issueId), '--json') as { id: number }[])[0]!.id
  await expect
    .poll(() => (folio.cli('article', 'show', String(articleId), '--json') as Shown).bodyText)
    .toBe('原稿。甲窗口的定稿。')
  await page.waitForTimeout(500) // a late beacon would have landed by now
  expect((folio.cli('article', 'show', String(articleId), '--json') as Shown).bodyText).toBe('原稿。甲窗口的定稿。')
  // Tab B was told what happened and where its text went.
  expect(message).toContain('冲突副本')
  expect(reloadOffered).toBe(true)

  // Tab B's text is not lost: it is a 冲突副本 in the history, and tab A can look at it.
  await page.reload()
  await page.getByTestId('article-item').first().click()
  await page.getByTestId('show-revisions').click()
  const copy = page.getByTestId('revisions').getByTestId('revision-item').filter({ hasText: '冲突副本' })
  await expect(copy).toHaveCount(1)
  await copy.click()
  await expect(page.getByTestId('revisions').locator('.revision-text')).toContainText(
    '乙窗口的旧改动，关窗前又写了几个字',
  )
  // And the closed tab's own copy is offered (never applied) when the article is opened again there.
  const tabC = await page.context().newPage()
  await tabC.goto(folio.url)
  await tabC.getByTestId('article-item').first().click()
  await expect(tabC.getByTestId('stash-offer')).toHaveAttribute('data-why', 'version')
  expect((await bodyParagraphs(tabC)).join('')).toBe('原稿。甲窗口的定稿。')
})

test('unsaved text kept by the tab for one library never lands in another library on the same port', async ({
  page,
  folio,
}) => {
  await page.goto(folio.url)
  await createIssue(page, { title: '甲库' })
  await newArticle(page, '甲库稿件')
  await waitSaved(page)
  await body(page).click()
  // The server goes away: what is typed now is kept in the tab only.
  await folio.stop('SIGKILL')
  await page.keyboard.type('只属于甲库的文字')
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'error')

  // Another library starts on the same port (same origin, same tab storage).
  const other = new FolioServer(join(mkdtempSync(join(tmpdir(), 'folio-e2e-')), 'other.sqlite'), folio.port)
  other.cli('issue', 'create', '--title', '乙库', '--json')
  const otherIssue = (other.cli('issue', 'list', '--json') as { id: number }[])[0]!.id
  other.cli(
    'import',
    join(__dirname, '../test/fixtures/import/seed-kfjz-2024-25.txt'),
    '--issue',
    String(otherIssue),
    '--json',
  )
  const otherUrl = await other.start()
  try {
    const tab = await page.context().newPage()
    await tab.goto(otherUrl)
    await tab.getByTestId('article-item').first().click()
    await expect(tab.locator('[data-field=headline]')).not.toHaveValue('')
    await expect(tab.getByTestId('restored-note')).toHaveCount(0)
    await expect(tab.getByTestId('stash-offer')).toHaveCount(0)
    expect((await bodyParagraphs(tab)).join('')).not.toContain('只属于甲库的文字')
    await tab.close()
  } finally {
    await other.stop()
  }

  // Back on the first library, the tab's copy is put back where it belongs.
  const url = await folio.start()
  const tab = await page.context().newPage()
  await tab.goto(url)
  await tab.getByTestId('article-item').first().click()
  await expect(tab.getByTestId('restored-note')).toBeVisible()
  expect((await bodyParagraphs(tab)).join('')).toBe('只属于甲库的文字')
  await waitSaved(tab)
})

test('one library, one writer: a second server or a writing CLI on the same library is told so clearly', async ({
  folio,
}) => {
  const second = new FolioServer(folio.dbPath)
  const refused = await second.start().then(
    () => null,
    (error: Error) => error.message,
  )
  await second.stop()
  expect(refused).toContain('资料库正被另一个 Folio 进程使用')
  expect(refused).toContain('in use by another Folio process')
  expect(() => folio.cli('issue', 'create', '--title', '抢写', '--json')).toThrow(/资料库正被另一个 Folio 进程使用/)
  // Reading beside the writer is fine.
  expect(folio.cli('issue', 'list', '--json')).toEqual([])
  // Once the writer has gone (even killed), the library opens again.
  await folio.stop('SIGKILL')
  expect(folio.cli('issue', 'create', '--title', '接手', '--json')).toMatchObject({ title: '接手' })
})
