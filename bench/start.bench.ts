/**
 * Start-up, against the bare cost of starting the same things with no Folio code in them:
 * - the CLI (`node out/main/cli.js issue list --json`, and `npm run -s folio -- …` as README has it)
 *   on a small library (the sample issue), against `node -e 0`;
 * - browser mode's server (`node out/main/web.js`, and `npm run web` with nothing changed) from
 *   spawn to its "ready" line, against a bare node http server from spawn to its own ready line;
 * - browser mode to an editable article in Chromium (goto the URL → click the first article →
 *   click the body → type a character and see it in the focused contenteditable), from spawning
 *   the server and with the server already up, against the same steps on a static page holding
 *   one contenteditable div, served by the bare http server (a fresh browser context each run, so
 *   nothing is cached);
 * - memory after the sample issue's first article is open: the server's RSS against the bare
 *   server's, the renderer's JS heap (CDP Performance.getMetrics JSHeapUsedSize) against the
 *   static page's.
 * Interleaved (a, b, a, b …), median of RUNS after warm-ups; bench/report.ts records the rows.
 * Runs the built out/ (built first if the sources changed).
 *
 *   npx tsx bench/start.bench.ts
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumPath } from '../src/main/export/browser'
import { interleaved, record, row, stats, type Row } from './report'

const RUNS = 7
const WARMUPS = 2
const ROOT = join(__dirname, '..')
const NODE = process.execPath
const CLI = join(ROOT, 'out/main/cli.js')
const WEB = join(ROOT, 'out/main/web.js')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** A bare http server: one static page with a contenteditable div, a "ready: URL" line like Folio's. */
const BARE_SERVER = `
const html = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bare</title><div data-testid="body" contenteditable="true" style="min-height:40px"></div>';
require('node:http').createServer((req, res) => { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(html) })
  .listen(Number(process.argv[1] ?? 0), '127.0.0.1', function () { console.log('ready: http://127.0.0.1:' + this.address().port + '/') })
`

interface Server {
  url: string
  child: ChildProcess
  /** spawn → "ready" line, ms */
  readyMs: number
  stop(): Promise<void>
}

/** Spawns a server and resolves at its "ready: URL" line. `group`: kill the whole process group (npm). */
function startServer(command: string, args: string[], group = false): Promise<Server> {
  const t0 = performance.now()
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: group })
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /ready: (http:\/\/\S+)/.exec(output)
      if (!match?.[1]) return
      const readyMs = performance.now() - t0
      child.stdout?.off('data', onData)
      resolve({
        url: match[1],
        child,
        readyMs,
        stop: async () => {
          const exited = new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) done()
            else child.once('exit', () => done())
          })
          if (group && child.pid) process.kill(-child.pid, 'SIGTERM')
          else child.kill('SIGTERM')
          await exited
          // npm may exit before the server under it has closed the library: wait for the whole group.
          while (group && child.pid && alive(-child.pid)) await new Promise((r) => setTimeout(r, 10))
        },
      })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}):\n${output}`)))
  })
}

const folioServer = (db: string): Promise<Server> => startServer(NODE, [WEB, '--db', db, '--port', '0'])
const bareServer = (): Promise<Server> => startServer(NODE, ['-e', BARE_SERVER, '0'])

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Builds out/ if the sources changed (others edit the tree meanwhile), outside any timed run. */
function ensureBuilt(): void {
  const script = join(ROOT, 'scripts/build-if-changed.mjs')
  // A build during which the sources changed is not stamped: try again (a few times) for a stamped out/.
  for (let i = 0; i < 3; i++) {
    execFileSync(NODE, [script, '--quiet'], { cwd: ROOT, stdio: 'inherit' })
    if (spawnSync(NODE, [script, '--check'], { cwd: ROOT }).status === 0) return
  }
}

function rssKiB(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(line?.[1] ?? NaN)
}

/** goto → first article → body → a typed character seen in the focused contenteditable. Returns the JS heap. */
async function toEditable(browser: Browser, url: string, folio: boolean): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    await page.goto(url)
    if (folio) await page.getByTestId('article-item').first().click()
    await page.getByTestId('body').click()
    await page.keyboard.type('字')
    await page.waitForFunction(
      () =>
        document.activeElement?.getAttribute('contenteditable') === 'true' &&
        (document.activeElement.textContent ?? '').includes('字'),
    )
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    const { metrics } = await cdp.send('Performance.getMetrics')
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN
  } finally {
    await context.close()
  }
}

/** Times `a` against `b` with bench/report's interleaving; each side reports its own duration (ms). */
async function paired(a: () => Promise<number>, b: () => Promise<number>): Promise<{ a: number[]; b: number[] }> {
  const got = { a: [] as number[], b: [] as number[] }
  await interleaved(
    async () => got.a.push(await a()),
    async () => got.b.push(await b()),
    RUNS,
    WARMUPS,
  )
  return { a: got.a.slice(WARMUPS), b: got.b.slice(WARMUPS) }
}

const median = (samples: number[]): number => stats(samples).median
const timed = (run: () => void): number => {
  const t0 = performance.now()
  run()
  return performance.now() - t0
}
const must = (result: ReturnType<typeof spawnSync>, what: string): void => {
  if (result.status !== 0) throw new Error(`${what} failed: ${String(result.stderr)}`)
}

async function main(): Promise<void> {
  ensureBuilt()
  const dir = mkdtempSync(join(tmpdir(), 'folio-start-bench-'))
  const db = join(dir, 'library.sqlite')
  execFileSync(NODE, [CLI, '--db', db, 'import', join(ROOT, 'resources/samples/kaifaqu-2024-25.txt'), '--json'])
  const rows: Row[] = []
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
  try {
    // CLI: built JavaScript, then what README's command adds (npm, the native check, the build check).
    const nodeE0 = (): number => timed(() => must(spawnSync(NODE, ['-e', '0']), 'node -e 0'))
    const cli = await paired(
      async () => timed(() => must(spawnSync(NODE, [CLI, '--db', db, 'issue', 'list', '--json']), 'cli')),
      async () => nodeE0(),
    )
    rows.push(row('CLI: node out/main/cli.js issue list --json', 'node -e 0', median(cli.a), median(cli.b), RUNS))
    const viaNpm = await paired(
      async () =>
        (ensureBuilt(), 0) +
        timed(() =>
          must(
            spawnSync(npm, ['run', '-s', 'folio', '--', '--db', db, 'issue', 'list', '--json'], { cwd: ROOT }),
            'npm run folio',
          ),
        ),
      async () => nodeE0(),
    )
    rows.push(
      row(
        'CLI: npm run -s folio -- issue list --json',
        'node -e 0',
        median(viaNpm.a),
        median(viaNpm.b),
        RUNS,
        'ms',
        'npm + native check + build check',
      ),
    )
    const tsxRun = spawnSync(NODE, ['--import', 'tsx', join(ROOT, 'src/main/cli/main.ts'), '--db', db, 'issue', 'list'])
    if (tsxRun.status === 0) {
      const viaTsx = await paired(
        async () =>
          timed(() =>
            must(
              spawnSync(NODE, ['--import', 'tsx', join(ROOT, 'src/main/cli/main.ts'), '--db', db, 'issue', 'list']),
              'tsx',
            ),
          ),
        async () => nodeE0(),
      )
      rows.push(
        row(
          'CLI through tsx (how npm run folio ran before)',
          'node -e 0',
          median(viaTsx.a),
          median(viaTsx.b),
          RUNS,
          'ms',
          'tsx cache warm',
        ),
      )
    }

    // Server: spawn → ready line.
    const ready = await paired(
      async () => {
        const s = await folioServer(db)
        await s.stop()
        return s.readyMs
      },
      async () => {
        const s = await bareServer()
        await s.stop()
        return s.readyMs
      },
    )
    rows.push(
      row(
        'server: node out/main/web.js spawn → ready',
        'bare node http server',
        median(ready.a),
        median(ready.b),
        RUNS,
      ),
    )
    const npmWeb = await paired(
      async () => {
        ensureBuilt()
        const s = await startServer(npm, ['run', 'web', '--', '--db', db, '--port', '0'], true)
        await s.stop()
        return s.readyMs
      },
      async () => {
        const s = await bareServer()
        await s.stop()
        return s.readyMs
      },
    )
    rows.push(
      row(
        'server: npm run web spawn → ready (nothing changed)',
        'bare node http server',
        median(npmWeb.a),
        median(npmWeb.b),
        RUNS,
        'ms',
        'npm + native check + build check',
      ),
    )

    // Browser mode, cold: spawn the server, open the URL, make the first article editable.
    const memory = {
      serverRss: [] as number[],
      bareRss: [] as number[],
      heap: [] as number[],
      bareHeap: [] as number[],
    }
    const cold = await paired(
      async () => {
        const t0 = performance.now()
        const s = await folioServer(db)
        memory.heap.push(await toEditable(browser, s.url, true))
        const ms = performance.now() - t0
        memory.serverRss.push(rssKiB(s.child.pid!))
        await s.stop()
        return ms
      },
      async () => {
        const t0 = performance.now()
        const s = await bareServer()
        memory.bareHeap.push(await toEditable(browser, s.url, false))
        const ms = performance.now() - t0
        memory.bareRss.push(rssKiB(s.child.pid!))
        await s.stop()
        return ms
      },
    )
    rows.push(
      row(
        'browser mode: spawn server → article editable',
        'bare server → static editable page',
        median(cold.a),
        median(cold.b),
        RUNS,
      ),
    )

    // Browser mode with the server up: a fresh tab (no cache) to an editable article.
    const [folio, bare] = [await folioServer(db), await bareServer()]
    try {
      const warm = await paired(
        async () => {
          const t0 = performance.now()
          await toEditable(browser, folio.url, true)
          return performance.now() - t0
        },
        async () => {
          const t0 = performance.now()
          await toEditable(browser, bare.url, false)
          return performance.now() - t0
        },
      )
      rows.push(
        row(
          'browser mode: new tab → article editable (server up)',
          'static editable page, bare server',
          median(warm.a),
          median(warm.b),
          RUNS,
        ),
      )
    } finally {
      await folio.stop()
      await bare.stop()
    }

    const skip = (samples: number[]): number[] => samples.slice(WARMUPS)
    rows.push(
      row(
        'memory: server RSS, sample article open',
        'bare node http server RSS',
        median(skip(memory.serverRss)) / 1024,
        median(skip(memory.bareRss)) / 1024,
        RUNS,
        'MB',
      ),
      row(
        'memory: renderer JS heap, sample article open',
        'static editable page',
        median(skip(memory.heap)) / 1024,
        median(skip(memory.bareHeap)) / 1024,
        RUNS,
        'KB',
      ),
    )
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const file = record('start', rows, { library: 'the sample issue (4 articles)', chromium: chromiumPath() })
  console.log(`\n→ ${file}`)
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
