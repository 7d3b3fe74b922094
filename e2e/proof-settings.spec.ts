import type { Page } from '@playwright/test'
import { body, expect, openSample, test } from './fixtures'

/** How many findings of a rule the 校对报告 counts for the article, through the app's API. */
async function reportCount(page: Page, rule: string): Promise<number> {
  return page.evaluate(async (rule) => {
    const post = async (method: string, input: unknown) => {
      const r = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Folio-Token': sessionStorage.getItem('folio.token') ?? '' },
        body: JSON.stringify(input),
      })
      return (await r.json()) as { ok: boolean; result: never }
    }
    const issues = (await post('issue.list', {})).result as { id: number }[]
    const report = (await post('proof.issue', { issueId: issues[0]?.id })).result as {
      articles: { findings: { rule: string }[] }[]
    }
    return report.articles[0]?.findings.filter((f) => f.rule === rule).length ?? -1
  }, rule)
}

test('校对: a rule switched off and a finding ignored stay so after a reload, and the report honours them', async ({
  page,
  folio,
}) => {
  await openSample(page, folio)
  await expect(body(page)).toBeVisible()
  await body(page).locator('p').first().click()
  await page.keyboard.press('F7')
  const panel = page.getByTestId('proof-panel')
  const rows = panel.getByTestId('proof-finding')
  await expect(rows.first()).toBeVisible()
  const count = async () => Number(await panel.getByTestId('proof-count').getAttribute('data-count'))
  const total = await count()

  // Switch the rule of the first finding off for this article: all its findings go at once.
  const rule = String(await rows.first().getAttribute('data-rule'))
  const ofRule = panel.locator(`[data-testid="proof-finding"][data-rule="${rule}"]`)
  expect(await reportCount(page, rule)).toBeGreaterThan(0)
  await rows.first().click()
  await panel.getByTestId('proof-off-article').click()
  await expect(ofRule).toHaveCount(0)
  await expect(panel.getByTestId('proof-rules-off')).toContainText('本篇')
  await expect.poll(count).toBeLessThan(total)
  await expect.poll(() => reportCount(page, rule)).toBe(0)

  // Ignore one finding of another rule.
  const other = rows.first()
  const otherId = await other.getAttribute('data-id')
  const before = await count()
  await other.getByTestId('proof-ignore').click()
  await expect(panel.locator(`[data-id="${otherId}"]`)).toHaveCount(0)
  await expect.poll(count).toBe(before - 1)
  await expect(panel.getByTestId('proof-unignore')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/proof-settings.png' })

  // After a reload both are still in force: kept in the library, not in the tab.
  await page.reload()
  await page.getByTestId('article-item').first().click()
  await body(page).locator('p').first().click()
  await page.keyboard.press('F7')
  await expect(panel.getByTestId('proof-rules-off')).toBeVisible()
  await expect.poll(count).toBe(before - 1)
  await expect(ofRule).toHaveCount(0)
  await expect(panel.getByTestId('proof-unignore')).toBeVisible()

  // Back on: the rule's findings are back, in the panel and the report; so is the ignored one.
  await panel.getByTestId('proof-rules-off').getByRole('button').first().click()
  await expect(panel.getByTestId('proof-rules-off')).toHaveCount(0)
  await expect.poll(() => ofRule.count()).toBeGreaterThan(0)
  await expect.poll(() => reportCount(page, rule)).toBeGreaterThan(0)
  await panel.getByTestId('proof-unignore').click()
  await expect.poll(count).toBe(total)
})
