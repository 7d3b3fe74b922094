import { countChars } from '../src/shared/text/count'
import { body, bodyParagraphs, createIssue, expect, newArticle, test, waitSaved } from './fixtures'

const P1 = '在时代发展的浪潮中,全省开发区正以崭新的姿态阔步前行,新质生产力的培育为开发区增添了前所未有的发展动能。'
const P2 = '仲夏时节,太谷经济技术开发区内的山西亮拓新建不锈钢精密铸造及精密加工件项目一期建设现场一派繁忙景象。'
const H1 = '向“新”而行 以“质”致远'
const H2 = '农业农村部调研组 在晋中国家农高区调研'

test('an editor builds an issue, and everything survives reload and server restart', async ({ page, folio }) => {
  await page.goto(folio.url)
  await expect(page.getByText('还没有期次')).toBeVisible()
  await createIssue(page, { title: '开发区建设', edition: '专刊', number: '2024年第25期' })
  await expect(page.getByTestId('issue-item')).toContainText('开发区建设')

  await newArticle(page, H1)
  await page.locator('[data-field=subtitle]').fill('全省开发区培育和发展新质生产力纪略')
  await body(page).click()
  await page.keyboard.type(P1)
  await page.keyboard.press('Enter')
  await page.keyboard.type(P2)
  await waitSaved(page)

  await newArticle(page, H2)
  await page.locator('[data-field=dateline]').fill('科学导报 记者王波 7月2日')
  await body(page).click()
  await page.keyboard.type('中国农村技术发展中心园区与地方科技处处长朱华平带领的农业农村部调研组在晋中国家农高区调研。')
  await waitSaved(page)

  const items = page.getByTestId('article-item')
  await expect(items).toHaveText([new RegExp(H1.replace(/[“”]/g, '.')), new RegExp(H2)])

  // Reorder by keyboard: the second article moves up.
  await items.nth(1).focus()
  await page.keyboard.press('Alt+ArrowUp')
  await expect(items.nth(0)).toContainText(H2)

  // Reorder by drag: back down again.
  await items.nth(0).dragTo(items.nth(1), { targetPosition: { x: 40, y: 50 } })
  await expect(items.nth(0)).toContainText('以“质”致远')

  const expected = countChars(`${P1}${P2}`)
  await items.nth(0).click()
  await expect(page.getByTestId('char-count')).toHaveText(`字数 ${expected.chars}`)
  await expect(page.getByTestId('punct-count')).toHaveText(`标点 ${expected.punct}`)

  const check = async (): Promise<void> => {
    await expect(page.getByTestId('issue-item')).toContainText('2024年第25期')
    await expect(items).toHaveCount(2)
    await expect(items.nth(0)).toContainText('以“质”致远')
    await expect(items.nth(1)).toContainText(H2)
    await items.nth(0).click()
    await expect(page.locator('[data-field=headline]')).toHaveValue(H1)
    await expect(page.locator('[data-field=subtitle]')).toHaveValue('全省开发区培育和发展新质生产力纪略')
    expect(await bodyParagraphs(page)).toEqual([P1, P2])
    await expect(page.getByTestId('char-count')).toHaveText(`字数 ${expected.chars}`)
    await items.nth(1).click()
    await expect(page.locator('[data-field=dateline]')).toHaveValue('科学导报 记者王波 7月2日')
  }

  await page.reload()
  await check()

  await page.goto(await folio.restart())
  await check()

  // The CLI sees what the UI made.
  const issues = folio.cli('issue', 'list', '--json') as { id: number; title: string }[]
  expect(issues.map((i) => i.title)).toEqual(['开发区建设'])
  const articles = folio.cli('article', 'list', '--issue', String(issues[0]?.id), '--json') as {
    headline: string
    charCount: number
  }[]
  expect(articles.map((a) => a.headline)).toEqual([H1, H2])
  expect(articles[0]?.charCount).toBe(expected.chars)
})

test('the UI shows what the CLI made', async ({ page, folio }) => {
  // One writer per library: the CLI writes while the server is stopped (store/lock.ts).
  await folio.stop()
  folio.cli('issue', 'create', '--title', '开发区建设', '--number', '2024年第26期', '--json')
  await folio.start()
  await page.goto(folio.url)
  await expect(page.getByTestId('issue-item')).toContainText('2024年第26期')
})

test('pinyin input-method composition loses and doubles nothing', async ({ page, folio }) => {
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设' })
  await newArticle(page, '')
  const cdp = await page.context().newCDPSession(page)

  /** Types one word the way a pinyin IME does: growing composition, then the chosen characters. */
  const compose = async (pinyin: string, chosen: string): Promise<void> => {
    for (let i = 1; i <= pinyin.length; i++) {
      const text = pinyin.slice(0, i)
      await cdp.send('Input.imeSetComposition', { text, selectionStart: i, selectionEnd: i })
    }
    await cdp.send('Input.insertText', { text: chosen })
  }

  const headline = page.locator('[data-field=headline]')
  await headline.click()
  for (const [py, zh] of [
    ['huairen', '怀仁'],
    ['jingkaiqu', '经开区'],
    ['fazhan', '发展'],
  ] as const)
    await compose(py, zh)
  await expect(headline).toHaveValue('怀仁经开区发展')

  await body(page).click()
  const words: [string, string][] = [
    ['huairen', '怀仁'],
    ['jingji', '经济'],
    ['jishu', '技术'],
    ['kaifaqu', '开发区'],
    ['qiaomiao', '巧妙'],
    ['liyong', '利用'],
  ]
  for (const [py, zh] of words) await compose(py, zh)
  await page.keyboard.type('，')
  await compose('nianchan', '年产')
  await page.keyboard.type('10')
  await compose('wandun', '万吨')
  await page.keyboard.press('Enter')
  await compose('xinzhi', '新质')
  await compose('shengchanli', '生产力')
  await page.keyboard.press('Backspace')
  await compose('li', '力')

  const expected = ['怀仁经济技术开发区巧妙利用，年产10万吨', '新质生产力']
  expect(await bodyParagraphs(page)).toEqual(expected)
  await waitSaved(page)
  await page.reload()
  await page.getByTestId('article-item').first().click()
  expect(await bodyParagraphs(page)).toEqual(expected)
  await expect(page.locator('[data-field=headline]')).toHaveValue('怀仁经开区发展')

  // 字数 follows the text, not the pinyin being composed: it changes when the word is chosen.
  const charCount = page.getByTestId('char-count')
  const chars = countChars(expected.join('')).chars
  await expect(charCount).toHaveText(`字数 ${chars}`)
  await body(page).locator('p').last().click()
  await page.keyboard.press('End')
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
  for (let i = 1; i <= 'kaifa'.length; i++)
    await cdp.send('Input.imeSetComposition', { text: 'kaifa'.slice(0, i), selectionStart: i, selectionEnd: i })
  await expect(body(page)).toContainText('生产力kaifa')
  // What the old 150 ms recount would have shown by now, had it counted the letters.
  await page.waitForTimeout(300)
  await expect(charCount).toHaveText(`字数 ${chars}`)
  await cdp.send('Input.insertText', { text: '开发' })
  await expect(charCount).toHaveText(`字数 ${chars + 2}`)
})

test('paste keeps only house styles; subheads, bold, quote and lists work', async ({ page, folio }) => {
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设' })
  await newArticle(page, '粘贴')
  await body(page).click()

  const paste = (type: string, data: string) =>
    page.evaluate(
      ([t, d]) => {
        const transfer = new DataTransfer()
        transfer.setData(t as string, d as string)
        document
          .querySelector('[data-testid=body]')
          ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
      },
      [type, data],
    )

  await paste(
    'text/html',
    '<h1 style="color:red">新兴产业蓄势成阵</h1><p><span style="font-family:Impact;color:#f00;font-size:40px">晋城经济技术开发区</span><u>紧紧抓住</u><b>产业转移</b>的大好时机。</p><table><tr><td>表格里的字</td></tr></table>',
  )
  await expect(body(page).locator('h3')).toHaveText('新兴产业蓄势成阵')
  await expect(body(page).locator('h1, table, u, [style*="color"], [style*="font-family"]')).toHaveCount(0)
  await expect(body(page).locator('strong, b, .ed-bold')).toHaveText('产业转移')
  await expect(body(page)).toContainText('表格里的字')

  await page.keyboard.press('Enter')
  await paste('text/plain', '第一行\r\n\r\n第二行\n第三行')
  expect((await bodyParagraphs(page)).slice(-3)).toEqual(['第一行', '第二行', '第三行'])

  await page.getByRole('button', { name: '引文' }).click()
  await expect(body(page).locator('blockquote')).toHaveText('第三行')
  await page.getByRole('button', { name: '项目列表' }).click()
  await expect(body(page).locator('ul li')).toHaveText('第三行')
  await page.keyboard.press('Control+z')
  await expect(body(page).locator('ul')).toHaveCount(0)

  await waitSaved(page)
  await page.reload()
  await page.getByTestId('article-item').first().click()
  await expect(body(page).locator('h3')).toHaveText('新兴产业蓄势成阵')
  await expect(body(page).locator('blockquote')).toHaveText('第三行')
})

test('deleting an article asks first and can be undone; issue metadata is editable', async ({ page, folio }) => {
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设', number: '2024年第25期' })
  await newArticle(page, '要删的稿')
  await waitSaved(page)

  await page.getByTestId('delete-article').click()
  await page.getByTestId('confirm').getByRole('button', { name: '取消' }).click()
  await expect(page.getByTestId('article-item')).toHaveCount(1)

  await page.getByTestId('delete-article').click()
  await page.getByTestId('confirm').getByRole('button', { name: '删除' }).click()
  await expect(page.getByTestId('article-item')).toHaveCount(0)
  await expect(page.getByTestId('toast')).toContainText('已删除《要删的稿》')
  await page.getByTestId('undo').click()
  await expect(page.getByTestId('article-item')).toHaveText([/要删的稿/])

  await page.getByTestId('edit-issue').click()
  const dialog = page.getByTestId('issue-dialog')
  await dialog.locator('input[name=email]').fill('不是邮箱')
  await dialog.locator('input[name=postalCode]').fill('21-465')
  await dialog.locator('input[name=email]').evaluate((el: HTMLInputElement) => (el.type = 'text'))
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByRole('alert')).toContainText('不是有效的电子邮箱')
  await dialog.locator('input[name=email]').fill('kfjzsk@163.com')
  await dialog.locator('input[name=creditStyle]').fill('摄影：王超')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByRole('alert')).toContainText('须包含 {name}')
  await dialog.locator('input[name=creditStyle]').fill('（{name} 摄）')
  await dialog.locator('textarea[name=slogan]').fill('打造开发区建设升级版\n决胜高质量发展新战场')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  const issue = (folio.cli('issue', 'list', '--json') as { postalCode: string; email: string }[])[0]
  expect(issue).toMatchObject({
    postalCode: '21-465',
    email: 'kfjzsk@163.com',
    creditStyle: '（{name} 摄）',
    slogan: '打造开发区建设升级版\n决胜高质量发展新战场',
  })

  await page.getByTestId('lang').click()
  await expect(page.getByTestId('new-issue')).toContainText('New issue')
  await expect(page.getByTestId('save-state').or(page.getByText('Pick an article'))).toBeVisible()
})

test('an earlier version can be found in the history and restored', async ({ page, folio }) => {
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设' })
  await newArticle(page, '历史版本')
  await body(page).click()
  await page.keyboard.type('第一稿:怀仁经开区生物医药园区拥有高新技术企业9家。')
  await page.keyboard.press('Control+s')
  await waitSaved(page)
  await page.keyboard.press('Control+a')
  await page.keyboard.type('第二稿')
  await page.keyboard.press('Control+s')
  await waitSaved(page)

  await page.getByTestId('show-revisions').click()
  const items = page.getByTestId('revisions').getByTestId('revision-item')
  // Newest first: the explicit saves of 第二稿 and 第一稿 (an automatic one may precede them).
  await expect(items.nth(1)).toBeVisible()
  const before = await items.count()
  await items.nth(1).click()
  await expect(page.getByTestId('revisions')).toContainText('第一稿:怀仁经开区')
  await page.getByTestId('restore-revision').click()
  await expect(page.getByTestId('revisions')).toBeHidden()
  // The article is fetched again after the restore and the editor remounts with it: wait for that text.
  await expect.poll(() => bodyParagraphs(page)).toEqual(['第一稿:怀仁经开区生物医药园区拥有高新技术企业9家。'])
  await page.reload()
  await page.getByTestId('article-item').first().click()
  await expect.poll(() => bodyParagraphs(page)).toEqual(['第一稿:怀仁经开区生物医药园区拥有高新技术企业9家。'])
  // What was replaced is itself kept.
  await page.getByTestId('show-revisions').click()
  await expect(items).toHaveCount(before + 2)
})

test('while typing runs on, 字数 and the save state hold still; they show the truth once it pauses', async ({
  page,
  folio,
}) => {
  // React's DevTools hook, as the extension installs it before the page's scripts: the time of each
  // React commit (a render that reached the DOM or not), in the page's clock.
  await page.addInitScript(`window.reactCommits = []; window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, inject: () => 1, checkDCE() {}, onScheduleFiberRoot() {}, onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {}, onCommitFiberRoot() { window.reactCommits.push(performance.now()) } }`)
  await page.goto(folio.url)
  await createIssue(page, { title: '开发区建设' })
  await newArticle(page, '连续输入')
  await body(page).click()
  await page.keyboard.type('开发区')
  await waitSaved(page)
  await expect(page.getByTestId('char-count')).toHaveText('字数 3')

  // In the page's own clock: each key, each autosave request, each change to what the status bar
  // and the running order show.
  await page.evaluate(() => {
    const log: { at: number; what: string }[] = []
    ;(window as unknown as { typingLog: typeof log }).typingLog = log
    document.addEventListener('keydown', () => log.push({ at: performance.now(), what: 'key' }), true)
    const send = window.fetch.bind(window)
    window.fetch = (input, init) => {
      if (String(input).includes('article.update')) log.push({ at: performance.now(), what: 'save' })
      return send(input, init)
    }
    const watch = (selector: string, what: string) =>
      new MutationObserver(() => log.push({ at: performance.now(), what })).observe(document.querySelector(selector)!, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      })
    watch('[data-testid=char-count]', 'count')
    watch('[data-testid=save-state]', 'state')
    watch('[data-testid=article-item]', 'order')
  })
  const typed = 'kaifaqujianshe'.repeat(3)
  await page.keyboard.type(typed, { delay: 90 })
  await expect(page.getByTestId('char-count')).toHaveText(`字数 ${3 + typed.length}`)
  await waitSaved(page)
  await expect(page.getByTestId('article-item')).toContainText(String(3 + typed.length))

  const log = await page.evaluate(() => (window as unknown as { typingLog: { at: number; what: string }[] }).typingLog)
  const keys = log.filter((e) => e.what === 'key').map((e) => e.at)
  const lastKey = keys[keys.length - 1]!
  // The test means something only if the saver did save while the keys were still coming.
  expect(log.filter((e) => e.what === 'save' && e.at < lastKey).length).toBeGreaterThan(0)
  // Nothing shown changed between two keys that came less than 300 ms (QUIET_MS) apart.
  const between = log.filter((e) => e.what !== 'key' && e.what !== 'save' && e.at < lastKey)
  const early = between.filter((e) => {
    const before = keys.filter((k) => k <= e.at).pop() ?? -Infinity
    return e.at - before < 290
  })
  expect(early).toEqual([])
  // Nor did anything render between the keys: no component listens to the save state (an autosave
  // changes it twice) or to the text on the way of a key.
  const commits = await page.evaluate(() => (window as unknown as { reactCommits: number[] }).reactCommits)
  // The hook is heard (React renders 字数 and the save state once typing pauses): an empty list
  // below means none fell inside the burst, not that React stopped telling the hook.
  expect(commits.filter((at) => at > lastKey).length).toBeGreaterThan(0)
  expect(commits.filter((at) => at > keys[0]! && at < lastKey)).toEqual([])
})
