import { body, bodyParagraphs, createIssue, expect, newArticle, test } from './fixtures'

const TEXT =
  '在孝义经济开发区,年产10万吨锂电电解液添加剂项目建设现场同样忙而有序。山西领泽新材料科技有限公司的锂电新能源项目作为全省的重点项目以及新能源汽车产业链上的重要一环,成功实现了该开发区在锂电池产业上的突破。'

test('killing the server (SIGKILL) while typing: the library loses at most the last second, the tab gives back the rest', async ({
  page,
  folio,
}) => {
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设' })
  await newArticle(page, '断电测试')
  await body(page).click()

  const typing = page.keyboard.type(TEXT, { delay: 40 })
  await page.waitForTimeout(2500)
  // What the editor held one second before the crash must survive it.
  const secureText = (await bodyParagraphs(page)).join('')
  await page.waitForTimeout(1000)
  await folio.stop('SIGKILL')
  const atKill = (await bodyParagraphs(page)).join('')
  await typing
  expect(secureText.length).toBeGreaterThan(20)
  expect(atKill.length).toBeGreaterThan(secureText.length)
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'error')

  const url = await folio.start()
  // The library alone (no help from the tab) holds everything typed up to a second before the kill.
  const issueId = (folio.cli('issue', 'list', '--json') as { id: number }[])[0]?.id
  const articleId = (folio.cli('article', 'list', '--issue', String(issueId), '--json') as { id: number }[])[0]?.id
  const persisted = (folio.cli('article', 'show', String(articleId), '--json') as { bodyText: string }).bodyText
  expect(persisted.startsWith(secureText)).toBe(true)
  expect(TEXT.startsWith(persisted)).toBe(true)

  // And the tab kept the rest: reopened, it offers back what could not be saved, and saves it.
  const fresh = await page.context().newPage()
  await fresh.goto(url)
  await fresh.getByTestId('article-item').first().click()
  await expect(fresh.getByTestId('restored-note')).toBeVisible()
  expect((await bodyParagraphs(fresh)).join('')).toBe(TEXT)
  await expect(fresh.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  const saved = (folio.cli('article', 'show', String(articleId), '--json') as { bodyText: string }).bodyText
  expect(saved).toBe(TEXT)
})
