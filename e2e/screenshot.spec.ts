import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { countChars } from '../src/shared/text/count'
import { body, bodyParagraphs, createIssue, expect, newArticle, test, waitSaved } from './fixtures'

/** The seed issue's first article, split by hand into its parts (the importer is a later feature). */
function firstArticle() {
  const text = readFileSync(join(__dirname, '../resources/samples/kaifaqu-2024-25.txt'), 'utf8')
  const lines = text.split('\n').map((l) => l.trim())
  const start = lines.indexOf(
    '在时代发展的浪潮中,全省开发区正以崭新的姿态阔步前行,新质生产力的培育为开发区增添了前所未有的发展动能。从传统产业的破茧重生,到新兴产业的迅速崛起,每一步都离不开创新的驱动。而这背后,是人才的智慧与力量不断汇聚,共同推动着全省开发区向着更高的目标迈进。',
  )
  const end = lines.indexOf('李若男')
  const subheads = new Set(['传统产业蝶变新生', '新兴产业蓄势成阵', '人才引进效能释放'])
  const blocks = lines
    .slice(start, end)
    .filter((l) => l !== '')
    .map((l) => ({ subhead: subheads.has(l), text: l }))
  return { blocks, byline: lines[end] ?? '' }
}

test('workbench screenshot with the seed’s first article', async ({ page, folio }) => {
  const { blocks, byline } = firstArticle()
  expect(blocks.length).toBeGreaterThan(10)
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设', edition: '专刊', number: '2024年第25期' })
  await newArticle(page, '向“新”而行 以“质”致远')
  await page.locator('[data-field=subtitle]').fill('全省开发区培育和发展新质生产力纪略')
  await page.locator('[data-field=byline]').fill(byline)
  await body(page).click()
  for (const [i, block] of blocks.entries()) {
    if (i > 0) await page.keyboard.press('Enter')
    await page.getByRole('button', { name: block.subhead ? '小标题' : '正文', exact: true }).click()
    await page.keyboard.insertText(block.text)
  }
  await waitSaved(page)
  await newArticle(page, '农业农村部调研组 在晋中国家农高区调研')
  await newArticle(page, '年产1GWh锂离子电池项目落地')
  await page.locator('[data-field=kicker]').fill('应县经济技术开发区')
  await waitSaved(page)
  await page.getByTestId('article-item').first().click()
  await body(page).locator('p').first().scrollIntoViewIfNeeded()

  expect(await bodyParagraphs(page)).toEqual(blocks.map((b) => b.text))
  await expect(body(page).locator('h3')).toHaveText(['传统产业蝶变新生', '新兴产业蓄势成阵', '人才引进效能释放'])
  const count = countChars(blocks.map((b) => b.text).join(''))
  await expect(page.getByTestId('char-count')).toHaveText(`字数 ${count.chars}`)
  await expect(page.getByTestId('issue-item')).toContainText('开发区建设专刊')
  await expect(page.getByTestId('article-item').nth(2)).toContainText('应县经济技术开发区')
  // Detection ran over the typed text: the zones it mentions are suggested.
  await expect(page.getByTestId('suggestion').filter({ hasText: '太谷经济技术开发区' })).toHaveCount(1)
  await page.screenshot({ path: 'test-results/screens/workbench.png' })
})
