import { join } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { _electron as electron, expect, test } from '@playwright/test'

/** Path of the Electron binary, or why there is none (ELECTRON_SKIP_BINARY_DOWNLOAD installs). */
function electronBinary(): { path: string } | { reason: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { path: require('electron') as string }
  } catch (error) {
    return { reason: `Electron binary not installed here (${String((error as Error).message).split('\n')[0]})` }
  }
}

const binary = electronBinary()

test('Electron shell: window.folio works and the renderer is locked down', async () => {
  if ('reason' in binary) console.log(`[electron e2e] skipped: ${binary.reason}`)
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '')
  if (!('path' in binary)) return
  const app = await electron.launch({
    executablePath: binary.path,
    args: [join(__dirname, '..')],
    env: { ...process.env, FOLIO_DB: join(mkdtempSync(join(tmpdir(), 'folio-electron-')), 'lib.sqlite') },
  })
  const win = await app.firstWindow()
  const exposed = await win.evaluate(() => ({
    folio: typeof window.folio,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }))
  expect(exposed).toEqual({ folio: 'object', require: 'undefined', process: 'undefined' })
  // Served from the privileged app:// origin (not file://), and the page cannot reach the network.
  expect(win.url()).toMatch(/^app:\/\/folio\/index\.html/)
  const network = await win.evaluate(async () => {
    try {
      await fetch('https://example.com/')
      return 'reached'
    } catch {
      return 'blocked'
    }
  })
  expect(network).toBe('blocked')
  await win.getByTestId('new-issue').click()
  await win.locator('input[name=title]').fill('开发区建设')
  await win.getByRole('button', { name: '创建' }).click()
  await expect(win.getByTestId('issue-item')).toContainText('开发区建设')

  // Printing uses Electron's own Chromium (webContents.printToPDF) through the same API.
  const pdfHead = await win.evaluate(async () => {
    const folio = window.folio
    if (!folio) throw new Error('no bridge')
    const must = async <T>(answer: Promise<{ ok: boolean; result?: T; error?: unknown }>): Promise<T> => {
      const a = await answer
      if (!a.ok) throw new Error(JSON.stringify(a.error))
      return a.result as T
    }
    const sample = await must<{ issue: { id: number } }>(folio.invoke('sample.open', {}))
    await must(folio.invoke('layout.auto', { issueId: sample.issue.id }))
    let status = await must<{ id: string; done: boolean }>(
      folio.invoke('export.start', { kind: 'pdf', issueId: sample.issue.id }),
    )
    while (!status.done) status = await must(folio.invoke('export.status', { jobId: status.id }))
    const file = await must<{ data: string }>(folio.invoke('export.result', { jobId: status.id }))
    return atob(file.data.slice(0, 8)).slice(0, 5)
  })
  expect(pdfHead).toBe('%PDF-')
  await app.close()
})
