/**
 * 三审 in the editor, end to end: members added in 编辑部成员 (and the review policy changed there),
 * who is working chosen from the header chip, an article taken from 草稿 to 已签发 by four people
 * with one return (and its 核红), the two-stage rule and the policy refusing clearly, the signed
 * text read-only until 修改, the history diff between the returned and the signed text, and restore.
 */
import type { Page } from '@playwright/test'
import { body, bodyParagraphs, createIssue, expect, newArticle, test, waitSaved } from './fixtures'

async function addMember(page: Page, name: string, roles: string[]): Promise<void> {
  const panel = page.getByTestId('people-panel')
  await panel.getByTestId('new-member-name').fill(name)
  for (const role of roles) await panel.getByTestId(`new-member-role-${role}`).check()
  await panel.getByTestId('add-member').click()
  const row = panel.locator(`[data-testid=member][data-name="${name}"]`)
  await expect(row).toBeVisible()
  for (const role of roles) await expect(row.getByTestId(`member-role-${role}`)).toBeChecked()
  await expect(panel.getByTestId('new-member-name')).toHaveValue('')
}

async function actAs(page: Page, name: string): Promise<void> {
  await page.getByTestId('actor-chip').click()
  await page.getByTestId('actor-menu').getByTestId('actor-option').filter({ hasText: name }).click()
  await expect(page.getByTestId('actor-chip')).toContainText(name)
}

const stage = (page: Page) => page.getByTestId('review-stage')
const texts = async (page: Page, selector: string): Promise<string[]> => page.locator(selector).allTextContents()

test('four members take an article through 三审 with one return, 核红, sign-off, diff and restore', async ({
  page,
  folio,
}) => {
  await page.goto(folio.url)
  // A fresh library has no members: nothing asks, the chip says so and offers to add them.
  await expect(page.getByTestId('actor-chip')).toHaveText('未选择使用者')
  await expect(page.getByTestId('who-dialog')).toHaveCount(0)
  await page.getByTestId('add-members').click()

  const panel = page.getByTestId('people-panel')
  await expect(panel).toBeVisible()
  // A name is required: the refusal is shown in Chinese first.
  await panel.getByTestId('add-member').click()
  await expect(panel.getByTestId('people-error')).toBeVisible()
  await addMember(page, '甲', ['记者'])
  await addMember(page, '乙', ['编辑室主任'])
  await addMember(page, '丙', ['总编辑'])
  await addMember(page, '丁', ['值班总编'])
  // Rename, change roles, deactivate and reactivate: a fifth member, left inactive.
  await addMember(page, '戊', ['校对'])
  const fifth = panel.locator('[data-testid=member][data-name="戊"]')
  await fifth.getByTestId('member-name').fill('戊某')
  await fifth.getByTestId('member-name').press('Enter')
  const renamed = panel.locator('[data-testid=member][data-name="戊某"]')
  await expect(renamed).toBeVisible()
  // A name already in use is refused, said in Chinese, and the field goes back.
  await renamed.getByTestId('member-name').fill('甲')
  await renamed.getByTestId('member-name').press('Enter')
  await expect(panel.getByTestId('people-error')).toBeVisible()
  await expect(renamed.getByTestId('member-name')).toHaveValue('戊某')
  await renamed.getByTestId('member-role-责任编辑').check()
  await expect(renamed.getByTestId('member-role-责任编辑')).toBeChecked()
  await renamed.getByTestId('member-active').click()
  await expect(renamed.getByTestId('member-active')).toHaveText('重新启用')
  await renamed.getByTestId('member-active').click()
  await expect(renamed.getByTestId('member-active')).toHaveText('停用')
  await renamed.getByTestId('member-active').click()
  await expect(renamed.getByTestId('member-active')).toHaveText('重新启用')
  await expect(renamed.getByTestId('member-role-责任编辑')).toBeDisabled()
  await expect(panel.getByTestId('people-error')).toHaveCount(0)
  // The policy: 初审 by 责任编辑 and 编辑室主任 only (the default lets 总编辑 do it too).
  await expect(panel.getByTestId('policy-初审-总编辑')).toBeChecked()
  await panel.getByTestId('policy-初审-总编辑').uncheck()
  await panel.getByTestId('policy-save').click()
  await expect(panel.getByTestId('policy-saved')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/review-members.png' })
  await panel.getByTestId('people-close').click()

  // Members now exist and no one is chosen: who is working is asked.
  const who = page.getByTestId('who-dialog')
  await expect(who.getByTestId('who-option')).toHaveCount(4)
  await who.getByTestId('who-option').filter({ hasText: '甲' }).click()
  await expect(page.getByTestId('actor-chip')).toHaveText('甲 · 记者')

  // The policy was stored (the settings entry under the issues opens the same panel).
  await page.getByTestId('open-people-settings').click()
  await expect(panel.getByTestId('policy-初审-总编辑')).not.toBeChecked()
  await expect(panel.getByTestId('policy-初审-编辑室主任')).toBeChecked()
  await panel.getByTestId('people-close').click()

  // 甲 writes and submits.
  await createIssue(page, { title: '开发区建设' })
  await newArticle(page, '三审稿件')
  await body(page).click()
  await page.keyboard.type('开发区生物医药园区拥有企业9家。')
  await page.keyboard.press('Control+s')
  await waitSaved(page)
  await expect(stage(page)).toHaveText('草稿')
  await page.getByTestId('review-submit').click()
  await expect(stage(page)).toHaveText('待初审')

  // 乙 passes 初审, and may not pass 复审 of the same article too.
  await actAs(page, '乙')
  await expect(page.getByTestId('review-pass')).toHaveText('通过初审')
  await page.getByTestId('review-pass').click()
  await expect(stage(page)).toHaveText('待复审')
  await page.getByTestId('review-pass').click()
  await expect(page.getByTestId('review-error')).toContainText('「乙」已于')
  await expect(stage(page)).toHaveText('待复审')

  // 丙 returns it at 复审: a comment is required.
  await actAs(page, '丙')
  await expect(page.getByTestId('review-error')).toHaveCount(0)
  await page.getByTestId('review-return').click()
  const ret = page.getByTestId('return-dialog')
  await ret.getByTestId('return-confirm').click()
  await expect(ret.getByTestId('return-missing')).toBeVisible()
  await ret.getByTestId('return-comment').fill('企业数量请核实')
  await ret.getByTestId('return-confirm').click()
  await expect(ret).toBeHidden()
  await expect(stage(page)).toHaveText('草稿')

  // 甲 corrects the figure; 核红 shows exactly that change.
  await actAs(page, '甲')
  await body(page).click()
  // Typed over whole: the diff is over word tokens, so only the figure shows as changed.
  await page.keyboard.press('Control+a')
  await page.keyboard.type('开发区生物医药园区拥有企业12家。')
  await page.keyboard.press('Control+s')
  await waitSaved(page)
  await expect.poll(() => bodyParagraphs(page)).toEqual(['开发区生物医药园区拥有企业12家。'])
  await page.getByTestId('review-redline').click()
  const redline = page.getByTestId('redline-dialog')
  await expect(redline).toContainText('企业数量请核实')
  await expect(redline.getByTestId('redline')).toHaveAttribute('data-mode', 'inline')
  expect(await texts(page, '[data-testid=redline] ins')).toEqual(['12'])
  expect(await texts(page, '[data-testid=redline] del')).toEqual(['9'])
  await expect(page.getByTestId('redline')).toContainText('开发区生物医药园区拥有企业912家。')
  await redline.screenshot({ path: 'test-results/screens/review-redline.png' })
  await redline.getByRole('button', { name: '关闭' }).click()
  await page.getByTestId('review-submit').click()
  await expect(stage(page)).toHaveText('待初审')

  // A second tab on the same article follows each step without a reload.
  const other = await page.context().newPage()
  await other.goto(folio.url)
  await expect(other.getByTestId('who-dialog').locator('[aria-selected=true]')).toContainText('甲')
  await other.keyboard.press('Enter')
  await expect(other.getByTestId('actor-chip')).toHaveText('甲 · 记者')
  await other.getByTestId('article-item').first().click()
  await expect(stage(other)).toHaveText('待初审')

  // The policy no longer lets 总编辑 pass 初审; 乙 does, 丙 复审, 丁 signs.
  await actAs(page, '丙')
  await page.getByTestId('review-pass').click()
  await expect(page.getByTestId('review-error')).toContainText('不能执行初审')
  await expect(stage(page)).toHaveText('待初审')
  await actAs(page, '乙')
  await page.getByTestId('review-pass').click()
  await expect(stage(page)).toHaveText('待复审')
  await expect(stage(other)).toHaveText('待复审')
  await other.close()
  await actAs(page, '丙')
  await expect(page.getByTestId('review-pass')).toHaveText('通过复审')
  await page.getByTestId('review-pass').click()
  await expect(stage(page)).toHaveText('待终审')
  await actAs(page, '丁')
  await expect(page.getByTestId('review-pass')).toHaveText('签发')
  await page.getByTestId('review-pass').click()
  await expect(stage(page)).toHaveText('已签发')

  // Signed: read-only with the notice until 修改.
  await expect(page.getByTestId('signed-notice')).toContainText('已签发。修改会重新开启审稿（退回草稿）。')
  await expect(body(page)).toHaveAttribute('contenteditable', 'false')
  await expect(page.locator('[data-field=headline]')).toHaveAttribute('readonly', '')
  await body(page).click()
  await page.keyboard.type('不该写入')
  await expect.poll(() => bodyParagraphs(page)).toEqual(['开发区生物医药园区拥有企业12家。'])
  await page.getByTestId('review-log-toggle').click()
  const steps = page.getByTestId('review-log').getByTestId('review-step')
  // Newest first: 签发, 复审, 初审, 送审, 退改, 初审, 送审 (the refusals are not steps).
  await expect(steps).toHaveCount(7)
  expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-decision')))).toEqual([
    'pass',
    'pass',
    'pass',
    'submit',
    'return',
    'pass',
    'submit',
  ])
  await expect(steps.nth(0)).toContainText('丁')
  await expect(steps.nth(4)).toContainText('企业数量请核实')
  const returned = await steps.nth(4).getAttribute('data-revision-id')
  const signed = await steps.nth(0).getAttribute('data-revision-id')
  expect(returned).toBeTruthy()
  expect(signed).toBeTruthy()
  expect(signed).not.toBe(returned)
  await page.screenshot({ path: 'test-results/screens/review-bar.png' })
  await page.getByTestId('review-log-toggle').click()

  // History: the returned text against the signed one.
  await page.getByTestId('show-revisions').click()
  const history = page.getByTestId('revisions')
  const item = (id: string | null) => history.locator(`[data-testid=revision-item][data-revision-id="${id}"]`)
  await expect(item(signed)).toContainText('签发定稿')
  await expect(item(signed)).toContainText('丁')
  await expect(item(signed).getByTestId('revision-stage')).toHaveText('已签发')
  await item(returned).getByTestId('revision-compare').check()
  await item(signed).getByTestId('revision-compare').check()
  const diff = history.getByTestId('revision-diff')
  await expect(diff).toHaveAttribute('data-mode', 'inline')
  await expect(diff.locator('ins')).toHaveText(['12'])
  await expect(diff.locator('del')).toHaveText(['9'])
  await expect(diff).toContainText('开发区生物医药园区拥有企业912家。')
  await history.getByTestId('diff-mode-side').click()
  await expect(history.getByTestId('revision-diff-before')).toContainText('开发区生物医药园区拥有企业9家。')
  await expect(history.getByTestId('revision-diff-before').locator('del')).toHaveText(['9'])
  await expect(history.getByTestId('revision-diff-after')).toContainText('开发区生物医药园区拥有企业12家。')
  await expect(history.getByTestId('revision-diff-after').locator('ins')).toHaveText(['12'])
  await page.screenshot({ path: 'test-results/screens/review-diff.png' })
  // One ticked: against the current text (the signed text: no change).
  await item(returned).getByTestId('revision-compare').uncheck()
  await expect(history.getByTestId('revision-diff')).toHaveText('两版文字相同。')
  await history.getByRole('button', { name: '关闭' }).click()

  // 修改: now typing goes in, and the first save reopens review.
  await page.getByTestId('review-unlock').click()
  await expect(page.getByTestId('signed-notice')).toHaveCount(0)
  await expect(body(page)).toHaveAttribute('contenteditable', 'true')
  await body(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('另有研发中心3个。')
  await page.keyboard.press('Control+s')
  await waitSaved(page)
  await expect(stage(page)).toHaveText('草稿')
  await page.getByTestId('review-log-toggle').click()
  await expect(steps.first()).toHaveAttribute('data-decision', 'reopen')
  await page.getByTestId('review-log-toggle').click()

  // Restore the signed text: a new revision, the review state unchanged.
  await page.getByTestId('show-revisions').click()
  const before = await history.getByTestId('revision-item').count()
  await item(signed).click()
  await expect(history).toContainText('开发区生物医药园区拥有企业12家。')
  await history.getByTestId('restore-revision').click()
  await expect(history).toBeHidden()
  await expect.poll(() => bodyParagraphs(page)).toEqual(['开发区生物医药园区拥有企业12家。'])
  await expect(stage(page)).toHaveText('草稿')
  await page.getByTestId('show-revisions').click()
  await expect.poll(() => history.getByTestId('revision-item').count()).toBeGreaterThan(before)

  // Reload: who is working is asked again, 丁 (the last choice) preselected, Enter takes it.
  await page.reload()
  await expect(page.getByTestId('who-dialog')).toBeVisible()
  await expect(page.getByTestId('who-dialog').locator('[aria-selected=true]')).toContainText('丁')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('actor-chip')).toHaveText('丁 · 值班总编')
})
