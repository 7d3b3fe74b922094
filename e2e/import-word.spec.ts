import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx'
import { body, expect, test } from './fixtures'

/** A Word file as an editor gets one: a styled kicker and title, plain numbered subheads, a bold briefs column. */
async function wordFile(): Promise<string> {
  const p = (text: string): Paragraph => new Paragraph({ children: [new TextRun(text)] })
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_2, text: '合肥高新区' }),
          new Paragraph({ heading: HeadingLevel.TITLE, text: '“三个一批”跑出项目建设加速度' }),
          new Paragraph({
            children: [
              new TextRun('本报讯（记者 吴昊 通讯员 钱丽君）开春以来，合肥高新区推动'),
              new TextRun({ text: '重点项目', bold: true }),
              new TextRun('建设提速增效。'),
            ],
          }),
          p('一、招商引资紧扣主导产业链条'),
          p('高新区组建12支产业链招商小分队，一季度新引进产业链上下游项目19个。'),
          p('二、要素保障跟着项目需求走'),
          p('今年以来，已供应工业用地1260亩，8个项目实现“拿地即开工”。'),
          new Paragraph({ children: [new TextRun({ text: '要闻速览', bold: true })] }),
          p('■ 3月4日，高新区为首批5家“零碳工厂”授牌。（程晨）'),
          p('■ 近日，高新区人才公寓二期交付使用，新增房源600套。（汪蕾）'),
        ],
      },
    ],
  })
  const file = join(mkdtempSync(join(tmpdir(), 'folio-word-')), '园区周刊来稿.docx')
  writeFileSync(file, await Packer.toBuffer(doc))
  return file
}

test('a Word file is previewed line by line like text: roles are changed, the briefs split off, runs kept', async ({
  page,
  folio,
}) => {
  const file = await wordFile()
  await page.goto(folio.url)
  await page.getByTestId('import').click()
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByTestId('import-file').setInputFiles(file)

  const articles = dialog.getByTestId('import-article')
  await expect(articles).toHaveCount(1)
  const lines = dialog.getByTestId('import-line')
  // Each part is a line with its role, as for text.
  await expect(lines.filter({ hasText: '一、招商引资紧扣主导产业链条' }).getByTestId('line-role')).toHaveValue(
    'subhead',
  )
  const kicker = lines.filter({ hasText: '合肥高新区' }).first()
  await expect(kicker.getByTestId('line-role')).toHaveValue('kicker')

  // Split at headings: the shared reader takes the briefs column for an article of its own.
  await dialog.getByText('按标题和栏目拆分为多篇').click()
  await expect(articles).toHaveCount(2)
  await expect(articles.nth(1)).toContainText('要闻速览')

  // The editor's fix: the kicker is the first line of the headline.
  await articles.nth(0).click()
  await lines.filter({ hasText: '合肥高新区' }).first().getByTestId('line-role').selectOption('headline')
  await expect(articles.nth(0)).toContainText('合肥高新区 “三个一批”跑出项目建设加速度')
  await page.screenshot({ path: 'test-results/screens/import-word-preview.png' })

  // A Word file has no masthead: the new issue is named by hand.
  await dialog.locator('input[name=masthead-title]').fill('园区周刊')
  await dialog.locator('input[name=masthead-number]').fill('2024年第10期')
  await dialog.getByTestId('import-commit').click()
  await expect(dialog).toBeHidden()
  const items = page.getByTestId('article-item')
  await expect(items).toHaveCount(2)
  await expect(items.nth(0)).toContainText('合肥高新区 “三个一批”跑出项目建设加速度')
  await items.nth(0).click()
  await expect(page.locator('[data-field=byline]')).toHaveValue('吴昊 钱丽君')
  await expect(body(page).locator('h3')).toHaveText(['一、招商引资紧扣主导产业链条', '二、要素保障跟着项目需求走'])
  // The bold run of the Word paragraph came through the editable preview.
  await expect(body(page).locator('strong, b, .bold, [style*="bold"]').first()).toHaveText('重点项目')
  await items.nth(1).click()
  await expect(page.locator('[data-field=byline]')).toHaveValue('')
})
