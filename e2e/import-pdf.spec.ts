/**
 * PDF straight in (issue 13 item 3): last issue's PDF, exported by Folio itself, dropped on the
 * import — the preview shows its articles, they are committed, and the new issue lists their
 * headlines in the running order of the pages.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createIssue, expect, openSample, test } from './fixtures'

const norm = (s: string): string => s.replace(/\s+/g, '')

test('an editor drops an exported PDF on the import and gets its articles back, in order', async ({ page, folio }) => {
  test.setTimeout(120_000)
  await openSample(page, folio)
  const issues = folio.cli('issue', 'list', '--json') as { id: number }[]
  const issueId = issues[0]!.id
  const headlines = (folio.cli('article', 'list', '--issue', String(issueId), '--json') as { headline: string }[]).map(
    (a) => a.headline,
  )
  expect(headlines).toHaveLength(4)

  // The sample issue as PDF, through the print engine, as the editor would have it from last week.
  const dir = mkdtempSync(join(tmpdir(), 'folio-pdf-'))
  try {
    const file = join(dir, 'kaifaqu-2024-25.pdf')
    // The CLI writes the layout it makes: it needs the library to itself for that.
    await folio.stop()
    folio.cli('export', 'pdf', '--issue', String(issueId), '--out', file, '--json')
    const buffer = readFileSync(file)
    await page.goto(await folio.start())
    await expect(page.getByTestId('issue-item')).toHaveCount(1)
    // This week's issue, empty: the import goes into the issue selected.
    await createIssue(page, { title: '开发区建设', number: '2024年第26期' })
    await expect(page.getByTestId('article-item')).toHaveCount(0)

    await page.getByTestId('import').click()
    const dialog = page.getByTestId('import-dialog')
    await expect(dialog).toContainText('.pdf')
    await dialog.getByRole('button', { name: '取消' }).click()
    // Dropped on the workbench, as an editor drags it from the desktop.
    await page.evaluate(
      (bytes) => {
        const transfer = new DataTransfer()
        transfer.items.add(new File([new Uint8Array(bytes)], 'kaifaqu-2024-25.pdf', { type: 'application/pdf' }))
        const app = document.querySelector('.app')
        app?.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
        app?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
      },
      [...buffer],
    )

    const articles = dialog.getByTestId('import-article')
    await expect(articles).toHaveCount(4, { timeout: 30_000 })
    // Every article of the issue is back, the lead first; the rest in the order the pages print
    // them (columns left to right), which is the running order the new issue gets.
    await expect(articles.nth(0)).toContainText(norm(headlines[0]!).slice(0, 6))
    const previewed = (await articles.allInnerTexts()).map(norm)
    const order = headlines.map((h) => previewed.findIndex((p) => p.includes(norm(h).slice(0, 6))))
    expect([...order].sort()).toEqual([0, 1, 2, 3])
    await page.screenshot({ path: 'test-results/screens/import-pdf-preview.png' })

    // Into the new, empty issue, so the running order shown is the one read from the PDF.
    await expect(dialog.getByTestId('import-target-issue')).toContainText('2024年第26期')
    await dialog.getByTestId('import-commit').click()
    await expect(dialog).toBeHidden({ timeout: 30_000 })
    const items = page.getByTestId('article-item')
    await expect(items).toHaveCount(4)
    const shown = (await items.allInnerTexts()).map(norm)
    headlines.forEach((headline, i) => expect(shown[order[i]!]).toContain(norm(headline).slice(0, 6)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
