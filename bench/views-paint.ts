/**
 * The 数据核对 tab in Chromium (browser mode, the built out/main/web.js): from the click on the
 * tab until its table's first rows are painted (two animation frames after they are in the
 * DOM), on the 20k library against the same page on the 1k library, interleaved. Run by
 * `npx tsx bench/views.bench.ts --paint` after `npx electron-vite build`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumPath } from '../src/main/export/browser'
import { row, stats, type Row } from './report'

const ROOT = join(__dirname, '..')

async function serve(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'out/main/web.js'), '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /ready: (http:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)))
  })
  return { url, child }
}

/** Click 数据核对 and wait until its first table row is painted; answers the milliseconds. */
async function paintFigures(page: Page): Promise<number> {
  await page.getByTestId('tab-zones').click()
  await page.getByTestId('zones-view').waitFor()
  const t0 = performance.now()
  await page.getByTestId('tab-figures').click()
  await page.locator('[data-testid=figures-table] tbody tr[data-row="0"]').waitFor()
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
  return performance.now() - t0
}

export async function paintRows(large: string, small: string, runs: number): Promise<Row[]> {
  if (!existsSync(join(ROOT, 'out/main/web.js'))) throw new Error('build first: npx electron-vite build')
  const servers = await Promise.all([serve(large), serve(small)])
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
  try {
    const pages = await Promise.all(
      servers.map(async ({ url }) => {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
        await page.goto(url)
        await page.getByTestId('tab-figures').waitFor()
        return page
      }),
    )
    const [big, little] = pages as [Page, Page]
    const rowsDrawn = await (async () => {
      await paintFigures(big)
      return big.locator('[data-testid=figures-table] tbody tr[data-row]').count()
    })()
    // Interleaved by hand: only the click → paint window is timed, not the switch away before it.
    await paintFigures(big)
    await paintFigures(little)
    const samples: [number[], number[]] = [[], []]
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)
      for (const side of order) samples[side].push(await paintFigures(side === 0 ? big : little))
    }
    const a = stats(samples[0])
    const b = stats(samples[1])
    return [
      row(
        '数据核对 tab paint, 20k (Chromium)',
        'same page at 1k',
        a.median,
        b.median,
        a.runs,
        'ms',
        `${rowsDrawn} rows drawn`,
      ),
    ]
  } finally {
    await browser.close()
    for (const { child } of servers) child.kill('SIGTERM')
  }
}
