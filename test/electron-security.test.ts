/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), verified on
 * a machine that cannot run Electron: over the shell's source, the built main bundle (out/main/index.js),
 * the app:// handler and the print policy run in Node, and a real electron-builder packaging run
 * against a stand-in Electron binary (so the asar layout, the unpacked addon, the resources, the
 * print fonts and the flipped fuses are checked in an actual package, not only in the config).
 *
 * Every checklist item is its own test, and the table of results is printed at the end.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  isAllowedRendererRequest,
  serveAppRequest,
} from '../src/main/electron/app-protocol'
import { withinRequestLimit } from '../src/main/electron/ipc-size'
import { FACES } from '../src/main/export/fonts'
import { renderMeasureHtml, type PrintArticle } from '../src/main/export/render'
import { defaultTemplates } from '../src/main/export/store'
import {
  CONTENT_SECURITY_POLICY,
  isAllowedPrintRequest,
  printContentSecurityPolicy,
  printScriptHash,
} from '../src/main/security'
import { MAX_IMAGE_BASE64, requestLimit } from '../src/shared/api/limits'
import type { Issue } from '../src/shared/api/types'

const root = join(__dirname, '..')
const read = (path: string): string => readFileSync(join(root, path), 'utf8')
const MAIN = 'src/main/electron/index.ts'
const PRINT = 'src/main/electron/print.ts'
const PRELOAD = 'src/preload/index.ts'
const BUILT_MAIN = 'out/main/index.js'
const BUILT_HTML = 'out/renderer/index.html'
/** The oldest Electron major still supported upstream when this was written (39 is current); raise it as majors ship. */
const MIN_ELECTRON_MAJOR = 37
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const flock = existsSync('/usr/bin/flock') ? '/usr/bin/flock' : null

/** Runs a command under the shared build lock (others build into out/ too). */
function locked(command: string, args: string[], timeout = 240_000): string {
  const [file, argv] = flock ? [flock, ['/tmp/folio-build.lock', command, ...args]] : [command, args]
  return execFileSync(file, argv, { cwd: root, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] })
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/** out/ as the sources now stand: built here when missing or older than the shell's sources. */
function ensureBuilt(): void {
  const built = join(root, BUILT_MAIN)
  const sources = Math.max(
    newestMtime('src/main/electron'),
    newestMtime('src/preload'),
    statSync(join(root, 'src/main/security.ts')).mtimeMs,
  )
  if (existsSync(built) && existsSync(join(root, BUILT_HTML)) && statSync(built).mtimeMs >= sources) return
  locked(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])
}

/** Source of every webPreferences object literal in a file. */
function webPreferenceBlocks(source: string): string[] {
  return [...source.matchAll(/webPreferences:\s*\{([^}]*)\}/g)].map((m) => m[1] ?? '')
}

/** Every `new BrowserWindow(` in the Electron sources. */
function windowCount(source: string): number {
  return source.match(/new BrowserWindow\(/g)?.length ?? 0
}

/** The names of the asar archive's files (header parsed directly: 4 + 4 pickle bytes, 4 + 4 string length). */
function asarFiles(path: string): Set<string> {
  const bytes = readFileSync(path)
  const length = bytes.readUInt32LE(12)
  const header = JSON.parse(bytes.subarray(16, 16 + length).toString('utf8')) as AsarNode
  const files = new Set<string>()
  const walk = (node: AsarNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      if (child.files) walk(child, `${prefix}${name}/`)
      else files.add(`${prefix}${name}`)
    }
  }
  walk(header, '')
  return files
}
interface AsarNode {
  files?: Record<string, AsarNode>
}

function listTree(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort()
}

/** app:// requests that must not be answered with a file, and what a good one returns. */
async function appProtocolFailures(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'folio-app-protocol-'))
  try {
    const renderer = join(dir, 'renderer')
    mkdirSync(join(renderer, 'assets'), { recursive: true })
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Folio</title>')
    writeFileSync(join(renderer, 'assets', 'index-1.js'), 'console.log(1)')
    writeFileSync(join(renderer, 'assets', 'index-1.css'), 'body{}')
    writeFileSync(join(renderer, 'assets', 'data.bin'), 'x')
    writeFileSync(join(renderer, '.env'), 'SECRET=1')
    writeFileSync(join(dir, 'secret.txt'), 'library contents')
    symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'))
    const failures: string[] = []
    const get = (url: string, method = 'GET'): Promise<Response> =>
      serveAppRequest(renderer, new Request(url, { method }))

    const index = await get(APP_INDEX_URL)
    if (index.status !== 200) failures.push(`index.html: ${index.status}`)
    if (index.headers.get('content-type') !== 'text/html; charset=utf-8') failures.push('index.html MIME')
    if (index.headers.get('content-security-policy') !== CONTENT_SECURITY_POLICY) failures.push('index.html CSP header')
    if ((await index.text()) !== '<!doctype html><title>Folio</title>') failures.push('index.html body')
    if ((await get('app://folio/')).status !== 200) failures.push('app://folio/ → index.html')
    const js = await get('app://folio/assets/index-1.js')
    if (js.headers.get('content-type') !== 'text/javascript; charset=utf-8') failures.push('.js MIME')
    if (js.headers.get('x-content-type-options') !== 'nosniff') failures.push('.js nosniff')
    if (js.headers.get('content-security-policy') !== CONTENT_SECURITY_POLICY) failures.push('.js CSP header')
    const css = await get('app://folio/assets/index-1.css')
    if (css.headers.get('content-type') !== 'text/css; charset=utf-8') failures.push('.css MIME')

    const refused = [
      'app://folio/../secret.txt',
      'app://folio/%2e%2e/secret.txt',
      'app://folio/assets/..%2f..%2fsecret.txt',
      'app://folio/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://folio/assets/..%5c..%5csecret.txt',
      'app://folio/%2fetc%2fpasswd',
      'app://folio/assets/link.txt',
      'app://folio/.env',
      'app://folio/assets/data.bin',
      'app://folio/assets/nothing.js',
      'app://folio/index.html%00.js',
      'app://other/index.html',
      'app://folio/%E0%A4%A',
    ]
    for (const url of refused) {
      const answer = await get(url)
      const body = await answer.text()
      if (answer.status !== 404 || body.includes('library contents') || body.includes('SECRET'))
        failures.push(`${url} answered ${answer.status}`)
    }
    if ((await get(APP_INDEX_URL, 'POST')).status !== 405) failures.push('POST not refused')
    return failures
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A print document as Folio renders it, with a hostile article: what the print CSP lets run. */
function printPolicyFailures(): string[] {
  const script = read('resources/print/folio-print.js')
  const template = defaultTemplates(join(root, 'resources'))[0]
  if (!template) return ['no page template in resources/templates']
  const hostile = '</script><script>window.pwned=1</script><img src=x onerror=alert(1)>'
  const article = {
    id: 1,
    kicker: hostile,
    headline: hostile,
    subtitle: '',
    dateline: '',
    byline: '',
    blocks: [],
  } as unknown as PrintArticle
  const issue = { id: 1, title: hostile, edition: '', number: '', publicationDate: '2024-07-02' } as unknown as Issue
  const html = renderMeasureHtml(issue, template, [article], [1], {
    fontCss: '',
    printCss: '',
    script,
    imageUrl: () => null,
  })
  const failures: string[] = []
  const hash = printScriptHash(html)
  const expected = `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`
  if (hash !== expected) failures.push(`print script hash ${hash} is not folio-print.js's ${expected}`)
  const smuggled = `sha256-${createHash('sha256').update('window.pwned=1', 'utf8').digest('base64')}`
  const policy = printContentSecurityPolicy('http://folio.print', hash ? [hash] : [])
  if (policy.includes(smuggled)) failures.push('a smuggled script would run')
  for (const directive of [
    "default-src 'none'",
    "connect-src 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ]) {
    if (!policy.split('; ').includes(directive)) failures.push(`print CSP lacks ${directive}`)
  }
  if (/script-src[^;]*'unsafe-inline'/.test(policy)) failures.push("print CSP allows 'unsafe-inline' scripts")
  if (printScriptHash(html.replace('</body></html>', '</body></html><script>x()</script>')) !== null)
    failures.push('a document that does not end in Folio’s script still got a hash')
  for (const [url, allowed] of [
    ['http://folio.print/doc.html', true],
    ['http://folio.print/fonts/a.woff2', true],
    ['data:font/woff2;base64,AA', true],
    ['about:blank', true],
    ['http://folio.print.evil.com/x', false],
    ['https://folio.print/doc.html', false],
    ['https://example.com/pixel.png', false],
    ['file:///etc/passwd', false],
    ['ws://folio.print/', false],
    ['app://folio/index.html', false],
  ] as const) {
    if (isAllowedPrintRequest(url, 'http://folio.print') !== allowed) failures.push(`print request ${url}`)
  }
  return failures
}

interface Packaged {
  dir: string
  out: string
  log: string
}
let packaged: Packaged | null = null
let packagingError: string | null = null

/** electron-builder --dir with a stand-in Electron: a file holding the fuse wire with every fuse at Electron's default. */
function packageWithStandInElectron(): Packaged {
  const dir = mkdtempSync(join(tmpdir(), 'folio-package-'))
  const electronDist = join(dir, 'electron-dist')
  mkdirSync(join(electronDist, 'resources'), { recursive: true })
  // wire version 1, 8 fuses: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, the rest off
  const wire = Buffer.from([1, 8, 0x31, 0x30, 0x31, 0x31, 0x30, 0x30, 0x30, 0x31])
  writeFileSync(
    join(electronDist, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(FUSE_SENTINEL), wire]),
    { mode: 0o755 },
  )
  writeFileSync(join(electronDist, 'version'), JSON.parse(read('package.json')).devDependencies.electron)
  writeFileSync(join(electronDist, 'LICENSE'), 'stand-in')
  const out = join(dir, 'dist')
  const log = locked(process.execPath, [
    join(root, 'node_modules/electron-builder/cli.js'),
    '--config',
    'electron-builder.yml',
    '--linux',
    'dir',
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    // the rebuild needs Electron's headers from the network; what it would rebuild is checked below
    '-c.npmRebuild=false',
    `-c.directories.output=${out}`,
  ])
  return { dir, out: join(out, 'linux-unpacked'), log }
}

type Check = () => string[] | Promise<string[]>
const results: { item: string; failures: string[] }[] = []

beforeAll(() => {
  ensureBuilt()
  try {
    packaged = packageWithStandInElectron()
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string }
    packagingError = `electron-builder failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`
  }
}, 300_000)

afterAll(() => {
  if (packaged) rmSync(packaged.dir, { recursive: true, force: true })
  const width = Math.max(...results.map((r) => r.item.length))
  const table = results
    .map((r) => `${r.failures.length === 0 ? 'PASS' : 'FAIL'}  ${r.item.padEnd(width)}  ${r.failures.join('; ')}`)
    .join('\n')
  console.log(
    `\nElectron security checklist (${results.filter((r) => !r.failures.length).length}/${results.length} pass)\n${table}\n`,
  )
})

const main = (): string => read(MAIN)
const print = (): string => read(PRINT)
const preload = (): string => read(PRELOAD)
const built = (): string => read(BUILT_MAIN)
const shellSources = (): string => [main(), print(), preload(), read('src/main/electron/app-protocol.ts')].join('\n')

function absent(source: string, patterns: RegExp[], where: string): string[] {
  return patterns.filter((p) => p.test(source)).map((p) => `${where} matches ${p}`)
}

/** Every window in both sources sets `key: value` in its webPreferences, and no file anywhere sets it otherwise. */
function everyWindowSets(key: string, value: 'true' | 'false'): string[] {
  const failures: string[] = []
  for (const file of [MAIN, PRINT]) {
    const source = read(file)
    const blocks = webPreferenceBlocks(source)
    if (blocks.length !== windowCount(source))
      failures.push(`${file}: ${windowCount(source)} windows, ${blocks.length} webPreferences`)
    for (const block of blocks) {
      if (!new RegExp(`\\b${key}:\\s*${value}\\b`).test(block))
        failures.push(`${file}: a window without ${key}: ${value}`)
    }
  }
  const wrong = value === 'true' ? 'false' : 'true'
  failures.push(...absent(built(), [new RegExp(`\\b${key}:\\s*${wrong}\\b`)], BUILT_MAIN))
  return failures
}

const CHECKLIST: [string, Check][] = [
  [
    '1. Only load secure content',
    () => {
      const html = read(BUILT_HTML)
      const failures = absent(html, [/(src|href)=["']?(https?:)?\/\//i], BUILT_HTML)
      if (!/void win\.loadURL\(DEV_URL \?\? APP_INDEX_URL\)/.test(main()))
        failures.push('main window not loaded from app:// (or the dev server)')
      if (!/webRequest\.onBeforeRequest\([^]*?isAllowedRendererRequest\(details\.url, DEV_URL\)/.test(main()))
        failures.push('main session does not cancel foreign requests')
      for (const [url, dev, allowed] of [
        ['app://folio/assets/a.js', undefined, true],
        ['data:image/png;base64,AA', undefined, true],
        ['https://example.com/x.js', undefined, false],
        ['http://localhost:5173/src/main.tsx', undefined, false],
        ['file:///etc/passwd', undefined, false],
        ['app://evil/index.html', undefined, false],
        ['http://localhost:5173/src/main.tsx', 'http://localhost:5173', true],
        ['ws://localhost:5173/', 'http://localhost:5173', true],
        ['http://localhost:5174/', 'http://localhost:5173', false],
      ] as const) {
        if (isAllowedRendererRequest(url, dev) !== allowed) failures.push(`renderer request ${url} (dev ${dev})`)
      }
      return failures
    },
  ],
  [
    '2. No Node.js integration for remote content',
    () => [
      ...everyWindowSets('nodeIntegration', 'false'),
      ...absent(shellSources() + built(), [/nodeIntegrationIn(Worker|SubFrames):\s*(true|!0)/], 'shell'),
    ],
  ],
  ['3. Context isolation', () => everyWindowSets('contextIsolation', 'true')],
  [
    '4. Process sandboxing',
    () => [...everyWindowSets('sandbox', 'true'), ...absent(shellSources(), [/appendSwitch\(['"]no-sandbox/], 'shell')],
  ],
  [
    '5. Session permission handlers',
    () => {
      const failures: string[] = []
      for (const [file, session] of [
        [MAIN, 'session.defaultSession'],
        [PRINT, 'ses'],
      ] as const) {
        const source = read(file)
        if (
          !source.includes(
            `${session}.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))`,
          )
        )
          failures.push(`${file}: no request handler refusing everything`)
        if (!source.includes(`${session}.setPermissionCheckHandler(() => false)`))
          failures.push(`${file}: no check handler`)
      }
      if ((built().match(/setPermissionCheckHandler\(\(\) => false\)/g)?.length ?? 0) < 2)
        failures.push(`${BUILT_MAIN}: permission check handlers missing`)
      return failures
    },
  ],
  ['6. Do not disable webSecurity', () => everyWindowSets('webSecurity', 'true')],
  [
    '7. Content-Security-Policy, delivered as a header',
    async () => {
      const directives = CONTENT_SECURITY_POLICY.split('; ')
      const failures = [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ]
        .filter((d) => !directives.includes(d))
        .map((d) => `renderer CSP lacks ${d}`)
      if (/unsafe-eval|script-src[^;]*unsafe-inline/.test(CONTENT_SECURITY_POLICY))
        failures.push('renderer CSP allows eval/inline script')
      if (!/onHeadersReceived[^]*?'Content-Security-Policy': \[CONTENT_SECURITY_POLICY\]/.test(main()))
        failures.push('main session does not add the CSP header')
      if (!/'Content-Security-Policy': csp/.test(print())) failures.push('print responses carry no CSP header')
      failures.push(...(await appProtocolFailures()).filter((f) => /CSP/.test(f)))
      failures.push(...printPolicyFailures())
      return failures
    },
  ],
  [
    '8. Do not enable allowRunningInsecureContent',
    () => [
      ...everyWindowSets('allowRunningInsecureContent', 'false'),
      ...absent(shellSources(), [/allowRunningInsecureContent:\s*true/], 'shell'),
    ],
  ],
  ['9. Do not enable experimental features', () => everyWindowSets('experimentalFeatures', 'false')],
  [
    '10. Do not use enableBlinkFeatures',
    () => absent(shellSources() + built(), [/enableBlinkFeatures/, /appendSwitch\(['"]enable-blink-features/], 'shell'),
  ],
  [
    '11–12. <webview>: none allowed (no allowpopups, nothing attached unverified)',
    () => {
      const failures = everyWindowSets('webviewTag', 'false')
      if (!/function lockDown[^]*?will-attach-webview', \(event\) => event\.preventDefault\(\)/.test(main()))
        failures.push('will-attach-webview not refused')
      if (!/app\.on\('web-contents-created', \(_event, contents\) => lockDown\(contents\)\)/.test(main()))
        failures.push('lockDown not applied to every web contents')
      failures.push(...absent(read(BUILT_HTML), [/<webview/i], BUILT_HTML))
      return failures
    },
  ],
  [
    '13. Disable or limit navigation',
    () => {
      const failures: string[] = []
      const source = main()
      if (!/will-navigate', \(event, url\) => \{\s*if \(!isOwnUrl\(url\)\) \{\s*event\.preventDefault\(\)/.test(source))
        failures.push('will-navigate does not refuse foreign URLs')
      if (
        !/will-frame-navigate', \(event\) => \{\s*if \(!event\.isMainFrame && !isOwnUrl\(event\.url\)\) event\.preventDefault\(\)/.test(
          source,
        )
      )
        failures.push('subframe navigation not limited')
      // isOwnUrl parses the URL (no startsWith prefix test that app://folio.evil would pass)
      if (/startsWith\(DEV_URL\)|startsWith\(APP_/.test(source)) failures.push('own-URL test by string prefix')
      if (!/will-navigate', \(event\) => event\.preventDefault\(\)/.test(print()))
        failures.push('print windows can navigate')
      if (!/will-navigate/.test(built())) failures.push(`${BUILT_MAIN}: no navigation guard`)
      return failures
    },
  ],
  [
    '14. Disable or limit creation of new windows',
    () => {
      const failures: string[] = []
      if (
        !/setWindowOpenHandler\(\(\{ url \}\) => \{\s*openExternalChecked\(url\)\s*return \{ action: 'deny' \}/.test(
          main(),
        )
      )
        failures.push('main: window.open not denied')
      if (!/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/.test(print()))
        failures.push('print: window.open not denied')
      if (/action: 'allow'/.test(shellSources() + built())) failures.push("a window open handler answers 'allow'")
      return failures
    },
  ],
  [
    '15. shell.openExternal only with checked URLs',
    () => {
      const failures: string[] = []
      const source = shellSources()
      const calls = source.match(/shell\.openExternal\(/g)?.length ?? 0
      if (calls !== 1) failures.push(`${calls} shell.openExternal calls (expected the one checked call)`)
      if (
        !/function openExternalChecked\(url: string\): void \{\s*try \{\s*const parsed = new URL\(url\)\s*if \(\['https:', 'http:', 'mailto:'\]\.includes\(parsed\.protocol\)\) void shell\.openExternal\(parsed\.toString\(\)\)/.test(
          source,
        )
      )
        failures.push('openExternal is not behind the http(s)/mailto allowlist')
      return failures
    },
  ],
  [
    '16. A current Electron',
    () => {
      const wanted = JSON.parse(read('package.json')).devDependencies.electron as string
      const installed = JSON.parse(read('node_modules/electron/package.json')).version as string
      const failures: string[] = []
      if (!/^\d+\.\d+\.\d+$/.test(wanted)) failures.push(`electron ${wanted} is not pinned exactly`)
      if (installed !== wanted) failures.push(`installed electron ${installed} ≠ package.json ${wanted}`)
      if (Number(wanted.split('.')[0]) < MIN_ELECTRON_MAJOR)
        failures.push(`electron ${wanted} is older than ${MIN_ELECTRON_MAJOR}`)
      return failures
    },
  ],
  [
    '17. Validate the sender of every IPC message',
    () => {
      const failures: string[] = []
      const source = main()
      const registrations = [...source.matchAll(/ipcMain\.(handle|on|once|handleOnce)\((\w+), (\w+|\([^)]*\) =>)/g)]
      if (registrations.length < 2) failures.push(`only ${registrations.length} IPC registrations found`)
      for (const [, kind, channel, handler] of registrations) {
        const body = handler?.endsWith('=>')
          ? source.slice(
              source.indexOf(`ipcMain.${kind}(${channel}`),
              source.indexOf(`ipcMain.${kind}(${channel}`) + 200,
            )
          : (new RegExp(`const ${handler} = \\([^)]*\\)[^=]*=> \\{[^}]*\\}`).exec(source)?.[0] ?? '')
        if (!/checkedSender\((event|ack)\)/.test(body)) failures.push(`${channel} (${kind}) does not check its sender`)
      }
      if (/ipcMain\.once\(/.test(source)) failures.push('an unchecked ipcMain.once remains')
      if (/webContents\.ipc\.|ipcMain\.on\(\s*['"]/.test(source)) failures.push('an IPC channel outside channels.ts')
      if (
        !/function checkedSender\([^)]*\): boolean \{\s*const frame = event\.senderFrame\s*return \(\s*mainWindow !== null &&\s*event\.sender === mainWindow\.webContents &&\s*frame !== null &&\s*frame === event\.sender\.mainFrame &&\s*isOwnUrl\(frame\.url\)/.test(
          source,
        )
      )
        failures.push('checkedSender does not check window, top frame and origin')
      const channels = [...read('src/shared/api/channels.ts').matchAll(/export const (\w+_CHANNEL) =/g)].map(
        (m) => m[1],
      )
      for (const channel of channels) {
        if (!new RegExp(`\\b${channel}\\b`).test(source)) failures.push(`${channel} not handled in main`)
      }
      if ((built().match(/senderFrame/g)?.length ?? 0) < 1) failures.push(`${BUILT_MAIN}: no sender check`)
      // and its size: the contract's per-method limits, as in browser mode
      if (
        !/if \(!withinRequestLimit\(method, input\)\) \{[^]*?\}\s*(?:\/\/[^\n]*\s*)?const checked = ipcCallMeta\(meta\)\s*if \(!checked\.ok\) return \{ ok: false, error: checked\.error \}\s*return library\.api\.dispatchAsync\(method, input, checked\.meta\)/.test(
          source,
        )
      )
        failures.push('IPC input size not checked before dispatch')
      const image = { data: 'A'.repeat(MAX_IMAGE_BASE64), mime: 'image/png' }
      if (!withinRequestLimit('image.put', image)) failures.push('an image the contract accepts is refused over IPC')
      if (withinRequestLimit('image.put', { data: 'A'.repeat(requestLimit('image.put') + 1) }))
        failures.push('an oversize image.put passes')
      if (withinRequestLimit('issue.list', { junk: '字'.repeat(requestLimit('issue.list') / 3 + 1) }))
        failures.push('an oversize call of a small method passes')
      const cyclic: Record<string, unknown> = { a: 'x' }
      cyclic.self = cyclic
      if (!withinRequestLimit('issue.list', cyclic)) failures.push('a small cyclic input refused')
      if (withinRequestLimit('issue.list', { bytes: new Uint8Array(requestLimit('issue.list') + 1) }))
        failures.push('oversize binary passes')
      return failures
    },
  ],
  [
    '18. Avoid file://',
    async () => {
      const failures = absent(main() + print(), [/loadFile\(/, /pathToFileURL/, /['"`]file:\/\//], 'shell sources')
      failures.push(...absent(built(), [/\.loadFile\(/], BUILT_MAIN))
      const b = built()
      if (
        !/APP_SCHEME = "app"/.test(b) ||
        !/APP_HOST = "folio"/.test(b) ||
        !/loadURL\(DEV_URL \?\? APP_INDEX_URL\)/.test(b)
      )
        failures.push(`${BUILT_MAIN}: the window is not loaded from app://folio`)
      if (!/src="\.\/assets\/[^"]+\.js"/.test(read(BUILT_HTML))) failures.push(`${BUILT_HTML}: assets not relative`)
      return failures
    },
  ],
  [
    '18b. A custom protocol (app://) for the app, privileged before ready, traversal-checked',
    async () => {
      const source = main()
      const failures: string[] = []
      const register = source.indexOf('protocol.registerSchemesAsPrivileged(')
      const ready = source.indexOf('app.whenReady()')
      if (register < 0 || register > ready) failures.push('scheme not registered before app.whenReady()')
      if (!/protocol\.handle\(APP_SCHEME, \(request\) => serveAppRequest\(RENDERER_DIR, request\)\)/.test(source))
        failures.push('app:// not served from the renderer folder')
      const privileges = APP_SCHEME_PRIVILEGES as Record<string, boolean>
      if (!privileges.standard || !privileges.secure) failures.push('app:// is not a standard secure scheme')
      for (const risky of ['bypassCSP', 'corsEnabled', 'allowServiceWorkers']) {
        if (privileges[risky]) failures.push(`app:// privilege ${risky}`)
      }
      const b = built()
      if (
        b.indexOf('registerSchemesAsPrivileged') < 0 ||
        b.indexOf('registerSchemesAsPrivileged') > b.indexOf('whenReady')
      )
        failures.push(`${BUILT_MAIN}: scheme not registered before ready`)
      failures.push(...(await appProtocolFailures()))
      return failures
    },
  ],
  [
    '19. Fuses',
    async () => {
      const failures: string[] = []
      const { FOLIO_FUSES } = (await import(pathToFileURL(join(root, 'build/after-pack.mjs')).href)) as {
        FOLIO_FUSES: Record<number, boolean>
      }
      const wanted: Record<number, boolean> = { 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 7: false }
      for (const [index, value] of Object.entries(wanted)) {
        if (FOLIO_FUSES[Number(index)] !== value) failures.push(`fuse ${index} should be ${value}`)
      }
      const config = read('electron-builder.yml')
      if (!/^afterPack: \.\/build\/after-pack\.mjs$/m.test(config)) failures.push('afterPack hook not configured')
      if (!/^asar: true$/m.test(config)) failures.push('asar not enabled')
      if (!packaged) return [...failures, packagingError ?? 'not packaged']
      const wire = readFileSync(join(packaged.out, 'folio'))
      const at = wire.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length
      const states = [...wire.subarray(at + 2, at + 2 + wire[at + 1]!)].map((b) => String.fromCharCode(b)).join('')
      // 0 = off, 1 = on: RunAsNode, cookies, NODE_OPTIONS, --inspect, asar integrity, only asar, V8 snapshot (untouched), file privileges
      if (states !== '01001100') failures.push(`packaged binary's fuses are ${states}, not 01001100`)
      return failures
    },
  ],
  [
    '20. No Electron APIs exposed to the page',
    () => {
      const source = preload()
      const failures: string[] = []
      const exposed = [...source.matchAll(/contextBridge\.exposeInMainWorld\(/g)].length
      if (exposed !== 1 || !/contextBridge\.exposeInMainWorld\('folio', bridge satisfies FolioBridge\)/.test(source))
        failures.push('preload exposes something besides window.folio')
      if (/exposeInMainWorld\([^)]*ipcRenderer/.test(source)) failures.push('ipcRenderer exposed')
      // the page's callback never receives an IpcRendererEvent (it carries `sender`)
      if (!/ipcRenderer\.on\(FLUSH_CHANNEL, \(\) => \{\s*void flush\(\)/.test(source))
        failures.push('flush callback gets the IPC event')
      if (!/invoke: \(method, input, meta\) => ipcRenderer\.invoke\(INVOKE_CHANNEL, method, input, meta\)/.test(source))
        failures.push('invoke is not bound to the one channel')
      // the push channel: only CHANGES_CHANNEL is listened to, and the page gets the change alone
      if (!/const forward = \(_event: IpcRendererEvent, change: ChangeEvent\): void => listener\(change\)/.test(source))
        failures.push('change callback gets the IPC event')
      if (/ipcRenderer\.(on|once|addListener)\((?!FLUSH_CHANNEL|CHANGES_CHANNEL)/.test(source))
        failures.push('preload listens on another channel')
      if (/ipcRenderer\.(send|invoke)\((?!INVOKE_CHANNEL|FLUSHED_CHANNEL)/.test(source))
        failures.push('preload speaks another channel')
      return failures
    },
  ],
]

describe('Electron security checklist', () => {
  for (const [item, check] of CHECKLIST) {
    it(item, async () => {
      const failures = await check()
      results.push({ item, failures })
      expect(failures).toEqual([])
    })
  }
})

describe('packaging (electron-builder with a stand-in Electron binary)', () => {
  it('packages: app in asar, addon unpacked, resources beside it, print fonts inside', () => {
    expect(packagingError).toBeNull()
    if (!packaged) return
    const resources = join(packaged.out, 'resources')
    const files = asarFiles(join(resources, 'app.asar'))
    for (const file of ['package.json', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) {
      expect(files, file).toContain(file)
    }
    // no development-only code, no sources, no library files
    expect(
      [...files].filter((f) => /^(src|test|e2e|node_modules\/(electron|vitest|typescript|electron-builder))\//.test(f)),
    ).toEqual([])
    // better-sqlite3 loads from outside the archive (and npmRebuild: true rebuilds it for Electron in `npm run dist`)
    expect(
      existsSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node')),
    ).toBe(true)
    expect(read('electron-builder.yml')).toMatch(/^npmRebuild: true$/m)
    // resources/ as process.resourcesPath/resources, where src/main/electron/index.ts looks when packaged
    expect(listTree(join(resources, 'resources'))).toEqual(listTree(join(root, 'resources')))
    expect(main()).toContain("app.isPackaged ? join(process.resourcesPath, 'resources')")
    // every woff2 subset of every weight print uses (fonts.ts FACES) is in the archive
    for (const face of FACES) {
      for (const weight of face.weights) {
        const css = read(`node_modules/${face.pkg}/${weight}.css`)
        const subsets = [...css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)/g)].map(
          (m) => `node_modules/${face.pkg}/files/${m[1]}`,
        )
        expect(subsets.length, `${face.pkg} ${weight}`).toBeGreaterThan(50)
        expect(
          subsets.filter((f) => !files.has(f)),
          `${face.pkg} ${weight}`,
        ).toEqual([])
        expect(files).toContain(`node_modules/${face.pkg}/${weight}.css`)
      }
    }
    expect([...files].filter((f) => f.endsWith('.woff'))).toEqual([])
  })
})
