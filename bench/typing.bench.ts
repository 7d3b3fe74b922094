/**
 * Typing speed, key → next paint, in Folio against a bare Lexical editor (LexicalComposer +
 * RichTextPlugin + HistoryPlugin from the same lexical version, bench/bare/), with the same text,
 * face, size and measure, in the same Chromium, side by side and interleaved:
 * - a 50k-character article (310 paragraphs from the sample issue repeated, ~290 zone/figure tags
 *   accepted, the rest left as suggestions) and a 5,000-character one;
 * - plain keys (about 150 per round), and pinyin composition steps (CDP Input.imeSetComposition
 *   then Input.insertText, as a pinyin IME sends them — e2e/workbench.spec.ts does the same).
 *
 * Measured in the page, the same way on both sides: from the input event's timeStamp (keydown,
 * compositionstart/update or beforeinput — whichever comes first for the step; it includes any
 * wait behind earlier work on the main thread) to requestAnimationFrame + setTimeout(0) after it,
 * i.e. past the next paint. Each round types a burst on each side in turn (order alternating);
 * a round's p50 and p95 are taken over its steps, and the report gives the median over rounds.
 *
 *   npx tsx bench/typing.bench.ts            (TYPING_ROUNDS=5, TYPING_KEYS=150, TYPING_GAP_MS=60)
 *   TYPING_TRACE=1 npx tsx bench/typing.bench.ts   also traces 60 keys on each side and prints where
 *                                                  the renderer's main thread spent them: self time
 *                                                  per key by event, beside bare Lexical's;
 *                          TYPING_TRACE_WINDOW=1: only within each key's measured span (the frames
 *                          after it, idle work, saves, left out);
 *                          TYPING_TRACE_CALLS=1: script entries by listener or callback (FunctionCall
 *                          by function and place, EventDispatch by type), bare Lexical's listed too
 *   TYPING_PROFILE=1        the page's script time per key by function (V8 sampling profiler) and
 *                           the inclusive time of what looks like a React component (=all: of every
 *                           named function); TYPING_TRACE=only / TYPING_PROFILE=only: that and no rounds;
 *                           TYPING_TRACE_PINYIN=1: both over pinyin composition steps instead of keys
 *   TYPING_COMPARE=<dir>    also types, in the same rounds, into a second Folio build (say main's)
 *                           on its own copy of the library: a change measured against the code before it
 *   TYPING_ONLY=big|small   one article only (nothing recorded)
 *
 *   TYPING_VARIANTS=nohl,chrome npx tsx bench/typing.bench.ts
 *                          also types, in the same rounds, into Folio pages with one cost taken away
 *                          (VARIANTS below: CSS or a script injected, each on its own copy of the
 *                          article so the live channel never reloads another tab's editor) and
 *                          prints their ratios to bare Lexical — where the gap is, not a result;
 *                          TYPING_VARIANTS_FILE=<json> adds {"name": {"css", "init"}} to them
 *
 * Folio is built into tmp/typing-bench/ (not out/, which others share) unless
 * TYPING_FOLIO_OUT names an existing build; the bare page is built with vite beside it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'
import { build } from 'vite'
import { CHROMIUM_ARGS, chromiumPath } from '../src/main/export/browser'
import { openFolio } from '../src/main/library'
import { detectTags, loadGazetteer } from '../src/shared/tagging'
import { countChars } from '../src/shared/text/count'
import { record, row, stats, type Row } from './report'

const ROOT = resolve(__dirname, '..')
const ROUNDS = Number(process.env.TYPING_ROUNDS ?? 5)
const KEYS = Number(process.env.TYPING_KEYS ?? 150)
const GAP_MS = Number(process.env.TYPING_GAP_MS ?? 60)
const WORK = join(ROOT, 'tmp', 'typing-bench')

// ---------------------------------------------------------------- bodies

interface TextNode {
  type: 'text' | 'zone-tag' | 'figure-tag'
  text: string
  [k: string]: unknown
}

const sample = readFileSync(join(ROOT, 'resources/samples/kaifaqu-2024-25.txt'), 'utf8')
const gazetteer = loadGazetteer(JSON.parse(readFileSync(join(ROOT, 'resources/zones.json'), 'utf8')))
const lines = sample
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.length > 0)

/** `count` paragraphs of about `chars` characters each, from the sample's lines in turn. */
function paragraphs(count: number, chars: number): string[] {
  const out: string[] = []
  let at = 0
  while (out.length < count) {
    let p = ''
    while (p.length < chars) p += lines[at++ % lines.length]
    out.push(p.slice(0, chars))
  }
  return out
}

const textNode = (text: string): TextNode => ({ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '' })

/** A paragraph's children with every `every`-th detected tag accepted, until `budget.left` runs out. */
function tagged(text: string, budget: { left: number; seen: number }, every: number): TextNode[] {
  const children: TextNode[] = []
  let at = 0
  for (const tag of detectTags(text, gazetteer)) {
    if (budget.left <= 0 || tag.start < at || tag.end >= text.length) continue
    if (tag.kind === 'zone' && !tag.zone.id) continue
    if (budget.seen++ % every !== 0) continue
    if (tag.start > at) children.push(textNode(text.slice(at, tag.start)))
    children.push(
      tag.kind === 'zone'
        ? { ...textNode(tag.text), type: 'zone-tag', zoneId: tag.zone.id, zoneName: tag.zone.name }
        : {
            ...textNode(tag.text),
            type: 'figure-tag',
            value: tag.value,
            unit: tag.unit,
            qualifier: tag.qualifier,
            metric: '',
            period: '',
          },
    )
    at = tag.end
    budget.left--
  }
  // Every paragraph ends in plain text, where the bench puts the caret.
  children.push(textNode(text.slice(at)))
  return children
}

function doc(blocks: TextNode[][]): string {
  return JSON.stringify({
    root: {
      type: 'root',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      children: blocks.map((children) => ({
        type: 'paragraph',
        direction: 'ltr',
        format: '',
        indent: 0,
        version: 1,
        textFormat: 0,
        textStyle: '',
        children: children.map((c) => ({ version: 1, ...c })),
      })),
    },
  })
}

interface Body {
  name: string
  label: string
  /** Folio's body, with tags. */
  folio: string
  /** The same text as plain paragraphs, for the bare editor. */
  bare: string
  paragraphs: number
  chars: number
  /** 字数 as Folio counts it. */
  count: number
  tags: number
}

function body(name: string, label: string, count: number, chars: number, tags: number): Body {
  const texts = paragraphs(count, chars)
  const budget = { left: tags, seen: 0 }
  const folio = texts.map((t) => tagged(t, budget, 2))
  return {
    name,
    label,
    folio: doc(folio),
    bare: doc(texts.map((t) => [textNode(t)])),
    paragraphs: count,
    chars: texts.join('').length,
    count: countChars(texts.join('')).chars,
    tags: tags - budget.left,
  }
}

// ---------------------------------------------------------------- builds and servers

function buildFolio(): string {
  if (process.env.TYPING_FOLIO_OUT) return resolve(process.env.TYPING_FOLIO_OUT)
  const out = join(WORK, 'folio')
  console.log('building Folio into', out)
  const result = spawnSync('npx', ['electron-vite', 'build', '--outDir', out, '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error('Folio build failed')
  return out
}

async function buildBare(bodies: Body[]): Promise<string> {
  const out = join(WORK, 'bare')
  await build({
    root: join(ROOT, 'bench/bare'),
    base: './',
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    // FOLIO_NO_MINIFY=1 (as for Folio's build): readable names in traces and profiles.
    build: { outDir: out, emptyOutDir: true, minify: !process.env.FOLIO_NO_MINIFY },
  })
  for (const b of bodies) writeFileSync(join(out, `${b.name}.json`), b.bare)
  return out
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    const file = path.endsWith('/') ? join(path, 'index.html') : path
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
    res.end(readFileSync(file))
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      done({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` })
    }),
  )
}

function library(path: string, bodies: Body[]): void {
  const lib = openFolio(path, { backupsDir: null })
  const issue = lib.api.call('issue.create', { title: '开发区建设', edition: '专刊', number: '打字测试' })
  for (const b of bodies) {
    const created = lib.api.call('article.create', { issueId: issue.id, headline: b.label })
    lib.api.call('article.update', { id: created.id, patch: { body: b.folio }, baseVersion: created.version })
  }
  void lib.api.close()
  lib.close()
}

async function startFolio(out: string, db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(out, 'main/web.js'), '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((done, fail) => {
    let output = ''
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /ready: (http:\/\/\S+)/.exec(output)
      if (match?.[1]) done(match[1])
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => fail(new Error(`Folio exited (${code}):\n${output}`)))
  })
  // A server that dies later (while the pages load) says why, rather than a refused connection.
  child.once('exit', (code) => code !== null && code !== 0 && console.error(`Folio exited (${code})`))
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk))
  return { child, url }
}

// ---------------------------------------------------------------- measuring in the page

/**
 * Installed in both pages: one latency per input step, from its first event to past the next
 * paint. A string, not a function: tsx's helpers would not exist in the page.
 */
const PROBE = `(() => {
  window.__lat = []
  let pending = null
  let waiters = []
  const start = (event) => {
    if (pending !== null) return
    pending = event.timeStamp
    if (window.__marks) console.timeStamp('typing-key-start')
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (window.__marks) console.timeStamp('typing-key-end')
        window.__lat.push(performance.now() - pending)
        pending = null
        for (const done of waiters) done()
        waiters = []
      }, 0),
    )
  }
  for (const type of ['keydown', 'compositionstart', 'compositionupdate', 'beforeinput'])
    document.addEventListener(type, start, true)
  window.__settled = () => (pending === null ? Promise.resolve() : new Promise((done) => waiters.push(done)))
})()`

interface Side {
  name: string
  page: Page
  cdp: CDPSession
  selector: string
}

/** Puts the caret at the end of the middle paragraph's text. */
async function caret(side: Side): Promise<void> {
  await side.page.bringToFront()
  await side.page.evaluate((selector) => {
    const editable = document.querySelector<HTMLElement>(selector)
    const blocks = editable?.querySelectorAll('p')
    const p = blocks?.[Math.floor(blocks.length / 2)]
    if (!editable || !p) throw new Error('no paragraph')
    p.scrollIntoView({ block: 'center' })
    editable.focus()
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
    let last: Text | null = null
    for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n as Text
    if (!last) throw new Error('no text')
    const range = document.createRange()
    range.setStart(last, last.length)
    range.collapse(true)
    const selection = getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
  }, side.selector)
  // The pointer rests over the text, as after the click that put the caret there, on both sides:
  // Chromium hit-tests under it after each frame's layout (a fake mouse move), so a pointer left
  // over the running order (where Folio's article was clicked open) or outside a page that was
  // never clicked would measure different work, not a different editor.
  const box = await side.page
    .locator(side.selector)
    .locator('p')
    .nth(await middle(side))
    .boundingBox()
  if (box) await side.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await side.page.waitForTimeout(300)
}

const middle = (side: Side): Promise<number> =>
  side.page.evaluate((selector) => Math.floor(document.querySelectorAll(`${selector} p`).length / 2), side.selector)

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

async function settle(side: Side): Promise<void> {
  await side.page.evaluate(() => (window as unknown as { __settled(): Promise<void> }).__settled())
  await pause(GAP_MS)
}

async function taken(side: Side, from: number): Promise<number[]> {
  return side.page.evaluate((n) => (window as unknown as { __lat: number[] }).__lat.slice(n), from)
}

const count = (side: Side): Promise<number> =>
  side.page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.length)

const LETTERS = 'the quick brown fox jumps over the lazy dog '

async function typeKeys(side: Side, keys: number): Promise<number[]> {
  await caret(side)
  const from = await count(side)
  for (let i = 0; i < keys; i++) {
    await side.page.keyboard.press(LETTERS[i % LETTERS.length] === ' ' ? 'Space' : (LETTERS[i % LETTERS.length] ?? 'a'))
    await settle(side)
  }
  return taken(side, from)
}

const WORDS: [string, string][] = [
  ['huairen', '怀仁'],
  ['jingji', '经济'],
  ['jishu', '技术'],
  ['kaifaqu', '开发区'],
  ['qiaomiao', '巧妙'],
  ['liyong', '利用'],
  ['nianchan', '年产'],
  ['wandun', '万吨'],
  ['xinzhi', '新质'],
  ['shengchanli', '生产力'],
]

async function compose(side: Side, words: number): Promise<number[]> {
  await caret(side)
  const from = await count(side)
  for (let w = 0; w < words; w++) {
    const [pinyin, chosen] = WORDS[w % WORDS.length] ?? ['a', '啊']
    for (let i = 1; i <= pinyin.length; i++) {
      await side.cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i })
      await settle(side)
    }
    await side.cdp.send('Input.insertText', { text: chosen })
    await settle(side)
  }
  return taken(side, from)
}

// ---------------------------------------------------------------- tracing (TYPING_TRACE=1)

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tid: number
  pid: number
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number; type?: string } }
}

/**
 * An event's row. TYPING_TRACE_CALLS=1: script entries by what ran (FunctionCall by function and
 * place, EventDispatch by event type), to tell which listener or callback one side runs more often.
 */
function traceName(e: TraceEvent): string {
  if (!process.env.TYPING_TRACE_CALLS) return e.name
  const data = e.args?.data
  if (e.name === 'FunctionCall' && data)
    return `FunctionCall ${data.functionName || '(anonymous)'} ${data.url?.split('/').pop() ?? ''}:${data.lineNumber ?? ''}`
  if (e.name === 'EventDispatch' && data?.type) return `EventDispatch ${data.type}`
  return e.name
}

/** Per event name: inclusive and self (children taken out) ms per key, and how often per key it ran. */
type TraceTotals = Map<string, { inclusive: number; self: number; count: number }>

/**
 * Types 60 keys under a Chrome trace and returns the renderer main thread's time by event
 * (script, style, layout, paint …) per key: where Folio's extra time per keystroke goes.
 */
async function trace(browser: Browser, side: Side): Promise<TraceTotals> {
  await caret(side)
  // TYPING_TRACE_WINDOW=1: only what runs between a key's first event and the end of its measure
  // (the probe's marks): the work the latency waits for, not the frames after it.
  const windowed = Boolean(process.env.TYPING_TRACE_WINDOW)
  if (windowed) await side.page.evaluate(() => ((window as unknown as { __marks: boolean }).__marks = true))
  // Windowed, the trace also carries V8's samples (as DevTools records them), so the script inside
  // the windows is told by function: rows named "js …" (readable with a build that is not minified).
  const categories = ['devtools.timeline', 'blink', 'v8.execute']
  if (windowed) categories.push('disabled-by-default-v8.cpu_profiler')
  // TYPING_TRACE_EXTRA=<categories>: more trace categories (invalidation tracking, layers), and
  // TYPING_TRACE_DUMP=<dir>: each side's whole trace written there, to read beyond the totals.
  categories.push(...(process.env.TYPING_TRACE_EXTRA?.split(',').filter(Boolean) ?? []))
  await browser.startTracing(side.page, { categories })
  // TYPING_TRACE_PINYIN=1: composition steps instead of keys.
  const traced = Number(process.env.TYPING_TRACE_KEYS ?? 60)
  const keys = (await (process.env.TYPING_TRACE_PINYIN ? compose(side, 6) : typeKeys(side, traced))).length
  const buffer = await browser.stopTracing()
  const dump = process.env.TYPING_TRACE_DUMP
  if (dump) {
    mkdirSync(dump, { recursive: true })
    writeFileSync(join(dump, `${side.name.replace(/\W+/g, '-')}.json`), buffer)
  }
  if (windowed) await side.page.evaluate(() => ((window as unknown as { __marks: boolean }).__marks = false))
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents
  // Every renderer's main thread is in the trace; the page typed into is the busiest of them.
  const busy = new Map<string, number>()
  for (const e of events)
    if (e.ph === 'X' && e.dur) busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur)
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const main = mains.sort((a, b) => (busy.get(`${b.pid}:${b.tid}`) ?? 0) - (busy.get(`${a.pid}:${a.tid}`) ?? 0))[0]
  const marks = events
    .filter((e) => e.name === 'TimeStamp' && main && e.tid === main.tid && e.pid === main.pid)
    .sort((a, b) => a.ts - b.ts)
  const windows: [number, number][] = []
  for (const m of marks) {
    const message = (m.args as { data?: { message?: string } } | undefined)?.data?.message
    if (message === 'typing-key-start') windows.push([m.ts, Infinity])
    else if (message === 'typing-key-end' && windows.length > 0) windows[windows.length - 1]![1] = m.ts
  }
  const windowOf = (ts: number): number => windows.findIndex(([from, to]) => ts >= from && ts <= to)
  const inWindow = (ts: number): boolean => windowOf(ts) >= 0
  // TYPING_TRACE_SLOW=1 (with TYPING_TRACE_WINDOW): the slowest keys' own events, beside a median key's.
  const perWindow = windows.map(() => new Map<string, number>())
  const onMain = events
    .filter((e) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur)
    .filter((e) => !windowed || inWindow(e.ts))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const totals: TraceTotals = new Map()
  const add = (name: string, inclusive: number, self: number): void => {
    const t = totals.get(name) ?? { inclusive: 0, self: 0, count: 0 }
    t.inclusive += inclusive / 1000 / keys
    t.self += self / 1000 / keys
    t.count += 1 / keys
    totals.set(name, t)
  }
  // Complete events nest on one thread: each one's self time is its duration less its children's.
  const stack: { e: TraceEvent; children: number }[] = []
  const close = (until: number): void => {
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!
      if (top.e.ts + (top.e.dur ?? 0) > until) break
      stack.pop()
      add(traceName(top.e), top.e.dur ?? 0, (top.e.dur ?? 0) - top.children)
      const w = windowed ? perWindow[windowOf(top.e.ts)] : undefined
      if (w) w.set(traceName(top.e), (w.get(traceName(top.e)) ?? 0) + ((top.e.dur ?? 0) - top.children) / 1000)
      if (stack.length > 0) stack[stack.length - 1]!.children += top.e.dur ?? 0
    }
  }
  for (const e of onMain) {
    close(e.ts)
    stack.push({ e, children: 0 })
  }
  close(Infinity)
  if (windowed)
    addSamples(events, main, inWindow, (name, ms, at) => {
      add(`js ${name}`, ms * 1000, ms * 1000)
      const w = perWindow[windowOf(at)]
      if (w) w.set(`js ${name}`, (w.get(`js ${name}`) ?? 0) + ms)
    })
  if (windowed && process.env.TYPING_TRACE_SLOW) printSlow(side.name, windows, perWindow)
  return totals
}

/**
 * TYPING_BY_KEY: per side, the median latency of each key of LETTERS and how many of the side's
 * slowest 10% of keys it was (over all rounds), and the same by position in the burst (tenths).
 */
function printByKey(byKey: Map<string, number[][]>): void {
  for (const [name, rounds] of byKey) {
    const all = rounds.flatMap((samples) =>
      samples.map((ms, i) => ({ ms, i, key: LETTERS[i % LETTERS.length] ?? '?' })),
    )
    const cut = [...all].sort((a, b) => b.ms - a.ms)[Math.floor(all.length / 10)]?.ms ?? Infinity
    const keys = new Map<string, { ms: number[]; slow: number }>()
    for (const k of all) {
      const entry = keys.get(k.key) ?? { ms: [], slow: 0 }
      entry.ms.push(k.ms)
      if (k.ms > cut) entry.slow++
      keys.set(k.key, entry)
    }
    console.log(`\nby key, ${name} (slowest 10%: over ${cut.toFixed(1)} ms)`)
    for (const [key, { ms, slow }] of [...keys].sort((a, b) => b[1].slow / b[1].ms.length - a[1].slow / a[1].ms.length))
      console.log(
        `  ${key === ' ' ? 'Space' : key.padEnd(5)} n ${String(ms.length).padStart(3)}  p50 ${stats(ms).median.toFixed(1)}  slow ${slow}`,
      )
    const tenths = Array.from({ length: 10 }, (_, t) => all.filter((k) => Math.floor((k.i / KEYS) * 10) === t))
    console.log(`  slow by tenth of the burst: ${tenths.map((t) => t.filter((k) => k.ms > cut).length).join(' ')}`)
  }
}

/** The slowest keys of a trace, each with the events it spent most in, and a median key for contrast. */
function printSlow(name: string, windows: [number, number][], perWindow: Map<string, number>[]): void {
  const keys = windows.map(([from, to], i) => ({ i, ms: (to - from) / 1000 })).filter((k) => Number.isFinite(k.ms))
  keys.sort((a, b) => b.ms - a.ms)
  const show = (label: string, k: { i: number; ms: number }): void => {
    const top = [...(perWindow[k.i] ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 7)
    console.log(
      `  ${label} key ${k.i}: ${k.ms.toFixed(1)} ms — ${top.map(([e, ms]) => `${e} ${ms.toFixed(2)}`).join(', ')}`,
    )
  }
  console.log(`\nslowest keys, ${name}`)
  for (const k of keys.slice(0, Math.max(3, Math.ceil(keys.length * 0.08)))) show('slow', k)
  const mid = keys[Math.floor(keys.length / 2)]
  if (mid) show('median', mid)
}

interface ProfileChunk {
  cpuProfile?: {
    nodes?: { id: number; callFrame: { functionName?: string; url?: string; lineNumber?: number } }[]
    samples?: number[]
  }
  timeDeltas?: number[]
}

/**
 * V8's samples in a trace (Profile + ProfileChunk events of the main thread's process), each
 * counted for its function (self time, the interval to the next sample) when it falls in a window.
 */
function addSamples(
  events: TraceEvent[],
  main: TraceEvent | undefined,
  inWindow: (ts: number) => boolean,
  add: (name: string, ms: number, at: number) => void,
): void {
  const profiles = new Map<string, { at: number; names: Map<number, string>; samples: [number, number][] }>()
  for (const e of events) {
    if (!main || e.pid !== main.pid) continue
    const data = (e.args as { data?: ProfileChunk & { startTime?: number } } | undefined)?.data
    const id = `${(e as { id?: string }).id}`
    if (e.name === 'Profile' && data?.startTime !== undefined && e.tid === main.tid)
      profiles.set(id, { at: data.startTime, names: new Map(), samples: [] })
    const profile = profiles.get(id)
    if (e.name !== 'ProfileChunk' || !profile || !data) continue
    for (const n of data.cpuProfile?.nodes ?? []) {
      const file = n.callFrame.url?.split('/').pop() ?? ''
      profile.names.set(
        n.id,
        `${n.callFrame.functionName || '(anonymous)'} ${file}:${(n.callFrame.lineNumber ?? -1) + 1}`,
      )
    }
    const samples = data.cpuProfile?.samples ?? []
    samples.forEach((node, i) => {
      profile.at += data.timeDeltas?.[i] ?? 0
      profile.samples.push([profile.at, node])
    })
  }
  for (const { names, samples } of profiles.values())
    samples.forEach(([at, node], i) => {
      const next = samples[i + 1]
      const name = names.get(node) ?? '?'
      if (next && inWindow(at) && !/^\((idle|program|root)\)/.test(name)) add(name, (next[0] - at) / 1000, at)
    })
}

/** Each event's median over several traces of one side (an event missing from a trace counts 0). */
function medianTotals(all: TraceTotals[]): TraceTotals {
  const names = new Set(all.flatMap((t) => [...t.keys()]))
  const mid = (xs: number[]): number => stats(xs).median
  return new Map(
    [...names].map((name) => [
      name,
      {
        inclusive: mid(all.map((t) => t.get(name)?.inclusive ?? 0)),
        self: mid(all.map((t) => t.get(name)?.self ?? 0)),
        count: mid(all.map((t) => t.get(name)?.count ?? 0)),
      },
    ]),
  )
}

/** Prints the events where a side spends most, self time per key, beside the baseline's. */
function printTraces(label: string, traces: Map<string, TraceTotals>): void {
  const bare = traces.get('bare')
  // TYPING_TRACE_CALLS: the bare page's own script entries too (its bundle names them differently).
  if (process.env.TYPING_TRACE_CALLS && bare) {
    console.log(`\ntrace ${label}: bare Lexical's script entries, self ms per key`)
    for (const [event, t] of [...bare]
      .filter(([e]) => /^(FunctionCall|EventDispatch) /.test(e))
      .sort((a, b) => b[1].self - a[1].self)
      .slice(0, 20))
      console.log(
        `  ${t.self.toFixed(2).padStart(6)}  (incl ${t.inclusive.toFixed(2)}, ×${t.count.toFixed(2)})  ${event}`,
      )
  }
  for (const [name, totals] of traces) {
    if (name === 'bare') continue
    const rows = [...totals].map(([event, t]) => ({
      event,
      t,
      base: bare?.get(event)?.self ?? 0,
      baseCount: bare?.get(event)?.count ?? 0,
    }))
    rows.sort((a, b) => b.t.self - b.base - (a.t.self - a.base))
    const sum = (m: TraceTotals | undefined): number =>
      [...(m ?? [])].filter(([event]) => !event.startsWith('js ')).reduce((s, [, t]) => s + t.self, 0)
    const script = rows.filter((r) => r.event.startsWith('js ')).sort((a, b) => b.t.self - a.t.self)
    rows.splice(0, rows.length, ...rows.filter((r) => !r.event.startsWith('js ')))
    console.log(
      `\ntrace ${label}: ${name} against bare, self ms per key (main thread total ${sum(totals).toFixed(2)} vs ${sum(bare).toFixed(2)})`,
    )
    // ×n: how many times per key the event ran, beside the baseline's (frames: the paint phase's).
    for (const { event, t, base, baseCount } of rows.slice(0, Number(process.env.TYPING_TRACE_TOP ?? 18)))
      console.log(
        `  ${t.self.toFixed(2).padStart(6)} vs ${base.toFixed(2).padStart(5)}  (+${(t.self - base).toFixed(2)}, incl ${t.inclusive.toFixed(2)}, ×${t.count.toFixed(2)} vs ×${baseCount.toFixed(2)})  ${event}`,
      )
    if (script.length === 0) continue
    const sampled = (m: TraceTotals | undefined): number =>
      [...(m ?? [])].filter(([event]) => event.startsWith('js ')).reduce((s, [, t]) => s + t.self, 0)
    console.log(
      `  sampled script in the windows, ms per key: ${sampled(totals).toFixed(2)} vs ${sampled(bare).toFixed(2)}`,
    )
    // Beside each, bare Lexical's time in a function of that name (the bundles differ: by name only).
    const byName = new Map<string, number>()
    for (const [event, t] of bare ?? [])
      if (event.startsWith('js ')) {
        const fn = event.slice(3).split(' ')[0]!
        byName.set(fn, (byName.get(fn) ?? 0) + t.self)
      }
    for (const { event, t } of script.slice(0, Number(process.env.TYPING_TRACE_TOP ?? 18)))
      console.log(
        `  ${t.self.toFixed(3).padStart(7)} vs ${(byName.get(event.slice(3).split(' ')[0]!) ?? 0).toFixed(3).padStart(5)}  ${event.slice(3)}`,
      )
  }
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

/**
 * TYPING_PROFILE=1: types 60 keys under V8's sampling profiler and prints the page's own script
 * time per key by function (self time), grouped by where the code comes from (Lexical, React,
 * Folio's renderer) — what runs on the key path besides the editor.
 */
async function profile(side: Side, label: string): Promise<void> {
  const keys = 60
  await caret(side)
  await side.cdp.send('Profiler.enable')
  await side.cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  await side.cdp.send('Profiler.start')
  await (process.env.TYPING_TRACE_PINYIN ? compose(side, 6) : typeKeys(side, keys))
  const { profile: p } = (await side.cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
  }
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  const groups = new Map<string, number>()
  p.samples.forEach((id, i) => {
    const node = byId.get(id)
    const ms = (p.timeDeltas[i] ?? 0) / 1000
    if (!node) return
    const { functionName, url, lineNumber } = node.callFrame
    const file = url.split('/').pop() ?? ''
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + ms)
    const group = !url
      ? functionName || '(native)'
      : /lexical/i.test(url)
        ? 'lexical'
        : /react/i.test(url)
          ? 'react'
          : file
    groups.set(group, (groups.get(group) ?? 0) + ms)
  })
  // Inclusive time of the functions that look like React components: which of them render per key.
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const components = new Map<string, number>()
  p.samples.forEach((id, i) => {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)?.callFrame.functionName ?? ''
      const wanted = process.env.TYPING_PROFILE === 'all' ? name.length > 0 : /^[A-Z][A-Za-z0-9]{3,}$/.test(name)
      if (!wanted || seen.has(name)) continue
      seen.add(name)
      components.set(name, (components.get(name) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000)
    }
  })
  console.log(`\nprofile ${label} ${side.name}: components (inclusive ms per key)`)
  for (const [name, ms] of [...components].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`  ${(ms / keys).toFixed(3).padStart(7)}  ${name}`)
  console.log(`\nprofile ${label} ${side.name}: self ms per key over ${keys} keys`)
  for (const [name, ms] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`  ${(ms / keys).toFixed(2).padStart(7)}  [${name}]`)
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TYPING_TRACE_TOP ?? 18)))
    console.log(`  ${(ms / keys).toFixed(3).padStart(7)}  ${name}`)
}

// ---------------------------------------------------------------- variants (TYPING_VARIANTS)

const NO_HIGHLIGHTS = 'CSS.highlights.set = function () { return CSS.highlights }'
const NO_CHROME = '.side-panel, .statusbar, .review-bar, .toolbar { display: none !important }'
const NO_STYLING =
  '.tag { background: none !important; box-shadow: none !important; border-radius: 0 !important } ' +
  '.sheet { box-shadow: none !important; border: none !important; background: none !important }'

/** Folio with one cost taken away, to see how much of the gap it is (never recorded). */
const VARIANTS: Record<string, { init?: string; css?: string }> = {
  /** No CSS Custom Highlights registered: no suggestion underlines, no 校对 marks. */
  nohl: { init: NO_HIGHLIGHTS },
  /** The side panel, status bar, review bar and toolbar hidden. */
  chrome: { css: NO_CHROME },
  /** Tags and the sheet without backgrounds, shadows or borders. */
  styling: { css: NO_STYLING },
  /**
   * Everything but the body left unpainted where it stands (content-visibility: hidden keeps each
   * box's size, so the measure and the text's place do not move): what the app around the editor
   * costs a keystroke. With TYPING_TRACE=only TYPING_TRACE_ROUNDS=5, per phase.
   */
  outside: {
    css:
      '.sheet > .field, .sheet > .field-row, .toolbar, .review-bar, .statusbar, .pane-issues, .pane-articles, ' +
      '.topbar, .side-panel { content-visibility: hidden !important }',
  },
  /** All three. */
  all: { init: NO_HIGHLIGHTS, css: `${NO_CHROME} ${NO_STYLING}` },
  /** The deferred work (字数 recount, autosave) pushed out of the burst: timers of 100–800 ms wait 20 s. */
  timers: {
    init: `(() => { const later = window.setTimeout; window.setTimeout = function (f, d, ...a) { return later(f, typeof d === 'number' && d > 100 && d <= 800 && d !== 250 && d !== 400 ? 20000 : d, ...a) } })()`,
  },
}

// TYPING_VARIANTS_FILE=<json>: more variants, {"name": {"css": "…", "init": "…"}}, for an experiment
// that should not be written into this file.
if (process.env.TYPING_VARIANTS_FILE)
  Object.assign(VARIANTS, JSON.parse(readFileSync(resolve(process.env.TYPING_VARIANTS_FILE), 'utf8')))
const variantNames = (process.env.TYPING_VARIANTS ?? '').split(',').filter(Boolean)
for (const name of variantNames) if (!VARIANTS[name]) throw new Error(`unknown variant ${name}`)
const variantLabel = (b: Body, variant: string): string => `${b.label}（${variant}）`

// ---------------------------------------------------------------- the run

async function open(
  browser: Browser,
  name: Side['name'],
  url: string,
  selector: string,
  ready: (page: Page) => Promise<void>,
  width?: number,
  init?: string,
): Promise<Side> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' })
  const page = await context.newPage()
  await page.addInitScript(PROBE)
  if (init) await page.addInitScript(init)
  await page.goto(url)
  await ready(page)
  if (width)
    await page.evaluate(([s, w]) => (document.querySelector<HTMLElement>(s)!.style.width = `${w}px`), [
      selector,
      width,
    ] as const)
  return { name, page, cdp: await context.newCDPSession(page), selector }
}

interface Scenario {
  label: string
  run(side: Side): Promise<number[]>
}

async function main(): Promise<void> {
  if (ROUNDS < 5) throw new Error('at least five rounds')
  rmSync(join(WORK, 'lib'), { recursive: true, force: true })
  mkdirSync(join(WORK, 'lib'), { recursive: true })
  const big = body('big', '五万字带标签', 310, 161, 290)
  const small = body('small', '五千字', 32, 156, 0)
  for (const b of [big, small])
    console.log(
      `${b.label}: ${b.paragraphs} paragraphs, ${b.chars} characters (字数 ${b.count}), ${b.tags} tags accepted`,
    )

  const folioOut = buildFolio()
  const bareOut = await buildBare([big, small])
  const copies = variantNames.flatMap((v) => [big, small].map((b) => ({ ...b, label: variantLabel(b, v) })))
  library(join(WORK, 'lib', 'library.sqlite'), [big, small, ...copies])
  // TYPING_COMPARE=<build dir>: a second Folio build (say, main's) on its own copy of the library,
  // typed into in the same rounds as side "compare" — a change measured against the code before it.
  const compareOut = process.env.TYPING_COMPARE ? resolve(process.env.TYPING_COMPARE) : null
  if (compareOut) copyFileSync(join(WORK, 'lib', 'library.sqlite'), join(WORK, 'lib', 'compare.sqlite'))
  const folio = await startFolio(folioOut, join(WORK, 'lib', 'library.sqlite'))
  const compare = compareOut ? await startFolio(compareOut, join(WORK, 'lib', 'compare.sqlite')) : null
  const extra = [...(compare ? ['compare'] : []), ...variantNames]
  const bare = await serve(bareOut)
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true })
  const rows: Row[] = []
  // TYPING_ONLY=big|small: one article only (an experiment; nothing recorded).
  const only = process.env.TYPING_ONLY
  try {
    for (const b of [big, small].filter((x) => !only || x.name === only)) {
      // Folio remembers the open article; each context opens its own.
      const lastParagraph = (selector: string) => (page: Page) =>
        page
          .locator(`${selector} p`)
          .nth(b.paragraphs - 1)
          .waitFor({ timeout: 60_000 })
      const openFolio = (name: string, label: string, variant?: { init?: string; css?: string }, url = folio.url) =>
        open(
          browser,
          name,
          url,
          '[data-testid=body]',
          async (page) => {
            await page.getByTestId('article-item').filter({ hasText: label }).first().click()
            await lastParagraph('[data-testid=body]')(page)
            if (variant?.css) await page.addStyleTag({ content: variant.css })
            // Detection and the first count have run.
            await page.waitForTimeout(1500)
          },
          undefined,
          variant?.init,
        )
      const folioSide = await openFolio('folio', b.label)
      const variantSides: Side[] = []
      if (compare) variantSides.push(await openFolio('compare', b.label, undefined, compare.url))
      for (const v of variantNames) variantSides.push(await openFolio(v, variantLabel(b, v), VARIANTS[v]))
      const width = await folioSide.page.evaluate(
        () => document.querySelector<HTMLElement>('[data-testid=body]')?.getBoundingClientRect().width ?? 694,
      )
      const bareSide = await open(
        browser,
        'bare',
        `${bare.url}#body=${b.name}`,
        '[data-testid=bare-body]',
        lastParagraph('[data-testid=bare-body]'),
        width,
      )
      // Warm up both: the first keys compile code paths and load fonts.
      const sides = [folioSide, bareSide, ...variantSides]
      for (const side of sides) {
        await typeKeys(side, 20)
        await compose(side, 2)
      }
      const scenarios: Scenario[] = [
        { label: 'typing', run: (side) => typeKeys(side, KEYS) },
        ...(b === big ? [{ label: 'pinyin', run: (side: Side) => compose(side, 12) }] : []),
      ]
      if (process.env.TYPING_TRACE) {
        // TYPING_TRACE_ROUNDS=n: every side traced n times, interleaved; each event's median.
        const runs = new Map<string, TraceTotals[]>()
        const traceRounds = Number(process.env.TYPING_TRACE_ROUNDS ?? 1)
        for (let r = 0; r < traceRounds; r++)
          for (const side of r % 2 === 0 ? sides : [...sides].reverse())
            runs.set(side.name, [...(runs.get(side.name) ?? []), await trace(browser, side)])
        printTraces(b.label, new Map([...runs].map(([name, all]) => [name, medianTotals(all)])))
      }
      if (process.env.TYPING_PROFILE) for (const side of sides) await profile(side, b.label)
      // TYPING_TRACE=only / TYPING_PROFILE=only: the traces or profiles, no rounds (nothing recorded).
      if (process.env.TYPING_TRACE === 'only' || process.env.TYPING_PROFILE === 'only') scenarios.length = 0
      for (const scenario of scenarios) {
        const rounds: Record<string, { p50: number[]; p95: number[] }> = {}
        const median = (name: string, q: 'p50' | 'p95'): number => stats(rounds[name]?.[q] ?? []).median
        const last = (name: string, q: 'p50' | 'p95'): string => rounds[name]?.[q].at(-1)?.toFixed(1) ?? '?'
        for (const side of sides) rounds[side.name] = { p50: [], p95: [] }
        // TYPING_BY_KEY=1: each side's latencies by the key typed (plain keys), to tell whether the
        // slow tail is some keys (a space, a line that wraps) or any key.
        const byKey = new Map<string, number[][]>()
        for (let r = 0; r < ROUNDS; r++) {
          const order = r % 2 === 0 ? sides : [...sides].reverse()
          for (const side of order) {
            const samples = await scenario.run(side)
            if (process.env.TYPING_BY_KEY && scenario.label === 'typing')
              byKey.set(side.name, [...(byKey.get(side.name) ?? []), samples])
            const s = stats(samples)
            rounds[side.name]?.p50.push(s.median)
            rounds[side.name]?.p95.push(s.p95)
          }
          console.log(
            `${b.label} ${scenario.label} round ${r + 1}: Folio p50 ${last('folio', 'p50')} p95 ${last('folio', 'p95')} · bare p50 ${last('bare', 'p50')} p95 ${last('bare', 'p95')} ms`,
          )
        }
        if (byKey.size > 0) printByKey(byKey)
        const what = `${scenario.label === 'typing' ? 'typing' : 'pinyin steps'}, ${b === big ? '50k tagged article' : '5k article'}`
        for (const q of ['p50', 'p95'] as const) {
          rows.push(
            row(
              `${what}, ${q}`,
              'bare Lexical',
              median('folio', q),
              median('bare', q),
              ROUNDS,
              'ms',
              `key → next paint, median of ${ROUNDS} rounds`,
            ),
          )
        }
        for (const v of ['folio', ...extra])
          console.log(
            `  ${what}: ${v.padEnd(8)} p50 ${(median(v, 'p50') / median('bare', 'p50')).toFixed(2)}× p95 ${(median(v, 'p95') / median('bare', 'p95')).toFixed(2)}× bare Lexical`,
          )
      }
      for (const side of sides) await side.page.context().close()
    }
  } finally {
    await browser.close()
    bare.server.close()
    folio.child.kill('SIGTERM')
    compare?.child.kill('SIGTERM')
  }
  if (rows.length === 0 || only) return
  const file = record('typing', rows, {
    keys: KEYS,
    gapMs: GAP_MS,
    big: { paragraphs: big.paragraphs, chars: big.chars, tags: big.tags },
    small: { paragraphs: small.paragraphs, chars: small.chars },
  })
  console.log(`\nwritten to ${file}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
