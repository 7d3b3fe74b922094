/**
 * Browser-mode transport: the built renderer and POST /api/<method> on 127.0.0.1 only,
 * guarded by a random token per start. Same contract and dispatch as Electron IPC.
 * GET /events is the push channel: the library's change events as Server-Sent Events.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { folioError, type ApiResult, type ErrorCode, type FolioError } from '../../shared/api/errors'
import { base64Bytes, requestLimit } from '../../shared/api/limits'
import type { Api } from '../api'
import { CONTENT_SECURITY_POLICY } from '../security'
import { isBinaryInputMethod, isBinaryResultMethod } from '../../shared/api/binary'
import type { CallMeta, ChangeEvent } from '../../shared/api/review-types'

export interface WebServerOptions {
  api: Api
  staticDir: string
  port?: number
  token?: string
  /** How often an open event stream gets a keep-alive comment (default 20 s). */
  keepAliveMs?: number
}

export interface WebServer {
  url: string
  port: number
  token: string
  server: Server
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
}

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unknown_method: 404,
  storage: 500,
  locked: 423,
  unavailable: 503,
  internal: 500,
}

export function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = 0
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error)
      if (!res.headersSent) sendError(res, folioError('internal', '服务器内部错误。', 'Internal server error.'))
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    // Refuse DNS-rebinding and cross-site requests: only our own loopback origin may talk to us.
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      bare(res, 421)
      return
    }
    const origin = req.headers.origin
    if (origin !== undefined && origin !== `http://${host}`) {
      bare(res, 403)
      return
    }
    let url: URL
    try {
      url = new URL(req.url ?? '/', `http://${host}`)
    } catch {
      bare(res, 400)
      return
    }
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url)
      return
    }
    if (url.pathname === '/events') {
      handleEvents(req, res, url)
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      bare(res, 405)
      return
    }
    serveStatic(res, url.pathname)
  }

  const wrongToken = (): FolioError =>
    folioError(
      'unauthorized',
      '访问令牌无效，请使用启动时显示的网址。',
      'Missing or wrong token; use the URL printed at start.',
    )

  /**
   * The push channel: every change event of the library, as it is committed, to each open tab
   * (EventSource cannot set headers: the token comes in the query). A comment every ~20 s keeps
   * the stream from being cut as idle; a tab that stops reading is dropped (it reconnects and
   * reloads what it shows), never buffered without bound.
   */
  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') {
      bare(res, 405, { Allow: 'GET' })
      return
    }
    if (!tokenMatches(requestToken(req, url), token)) {
      sendError(res, wrongToken())
      return
    }
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    res.flushHeaders()
    const write = (text: string): void => {
      if (res.writableLength > EVENT_BACKLOG_BYTES) {
        res.destroy()
        return
      }
      res.write(text)
    }
    // A reconnecting EventSource waits this long; then the tab learns it missed events (onopen).
    write(`retry: 1000\n: folio events\n\n`)
    const unsubscribe = options.api.onChange((event: ChangeEvent) => {
      write(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`)
    })
    const keepAlive = setInterval(() => write(': keep-alive\n\n'), options.keepAliveMs ?? 20_000)
    const done = (): void => {
      clearInterval(keepAlive)
      unsubscribe()
    }
    res.once('close', done)
    req.once('error', done)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') {
      bare(res, 405, { Allow: 'POST' })
      return
    }
    if (!tokenMatches(requestToken(req, url), token)) {
      sendError(res, wrongToken())
      return
    }
    const meta = callMeta(req, url)
    if (!meta.ok) {
      sendError(res, meta.error)
      return
    }
    const method = decodePath(url.pathname.slice('/api/'.length))
    if (method === null) {
      sendError(res, badEscape())
      return
    }
    // Raw bytes (an image, a .docx, a bundle) travel as the body itself, the other fields in the
    // query (?input=JSON); the contract's base64 text is made here, natively, not in the page.
    const raw = (req.headers['content-type'] ?? '').startsWith('application/octet-stream')
    if (raw && !isBinaryInputMethod(method)) {
      sendError(
        res,
        folioError(
          'invalid_input',
          `${method.slice(0, 80)} 不接受二进制请求。`,
          `${method.slice(0, 80)} takes no binary body.`,
        ),
      )
      return
    }
    // Each method's own limit, from the contract (shared/api/limits.ts): an image, a .docx or a
    // bundle the contract accepts is never refused here, and nothing much larger is ever read.
    const limit = raw ? base64Bytes(requestLimit(method)) : requestLimit(method)
    const bytes = await readBody(req, limit)
    const body = bytes === null || raw ? bytes : bytes.toString('utf8')
    if (body === null) {
      const mb = Math.ceil(limit / 1_000_000)
      sendError(
        res,
        folioError('too_large', `请求过大（超过 ${mb} MB）。`, `Request body too large (over ${mb} MB).`),
        { Connection: 'close' },
      )
      return
    }
    let input: unknown
    try {
      if (typeof body !== 'string') {
        const rest: unknown = JSON.parse(url.searchParams.get('input') ?? '{}')
        if (typeof rest !== 'object' || rest === null || Array.isArray(rest)) throw new Error('not an object')
        input = { ...rest, data: body.toString('base64') }
      } else input = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      sendError(res, folioError('invalid_input', '请求不是有效的 JSON。', 'Request body is not valid JSON.'))
      return
    }
    const answer = await options.api.dispatchAsync(method, input, meta.meta)
    // A file asked for as bytes (an export, an image) comes back as bytes, its other fields in a header.
    if (
      answer.ok &&
      isBinaryResultMethod(method) &&
      (req.headers.accept ?? '').startsWith('application/octet-stream')
    ) {
      const { data, ...meta } = answer.result as { data: string }
      const bytes = Buffer.from(data, 'base64')
      res.writeHead(200, {
        ...COMMON_HEADERS,
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(bytes.length),
        'Cache-Control': 'no-store',
        'X-Folio-Result': encodeURIComponent(JSON.stringify(meta)),
      })
      res.end(bytes)
      return
    }
    send(res, answer)
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    const decoded = decodePath(pathname)
    if (decoded === null) {
      bare(res, 400)
      return
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '')
    let file = join(options.staticDir, relative || 'index.html')
    if (!file.startsWith(options.staticDir + sep) && file !== options.staticDir) {
      bare(res, 403)
      return
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html')
      statSync(file)
    } catch {
      // Client-side routes fall back to the app shell.
      file = join(options.staticDir, 'index.html')
    }
    // The files may be missing (a build not finished, a folder moved) or vanish while read: the
    // page says so, and the server — which holds the library — goes on running.
    const stream = createReadStream(file)
    stream.once('error', () => {
      if (res.headersSent) res.destroy()
      else missingFiles(res)
    })
    stream.once('open', () => {
      const isHtml = extname(file) === '.html'
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': isHtml ? 'no-store' : 'public, max-age=3600',
        ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Referrer-Policy': 'no-referrer' } : {}),
      })
      stream.pipe(res)
    })
  }

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolvePromise({
        url: `http://127.0.0.1:${port}/#token=${token}`,
        port,
        token,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}

function requestToken(req: IncomingMessage, url: URL): string {
  const header = req.headers['x-folio-token']
  if (typeof header === 'string' && header !== '') return header
  // navigator.sendBeacon (flush on page close) cannot set headers.
  return url.searchParams.get('token') ?? ''
}

/** An event stream with this much unsent is a tab that stopped reading: it is dropped. */
const EVENT_BACKLOG_BYTES = 4_000_000

/** A header, or (for navigator.sendBeacon, which cannot set headers) the query parameter. */
function headerOrQuery(req: IncomingMessage, url: URL, header: string, param: string): string | null {
  const value = req.headers[header]
  if (typeof value === 'string' && value !== '') return value
  return url.searchParams.get(param)
}

/**
 * Who acts and from which window, as the page says (x-folio-person: a member's id; x-folio-origin:
 * the tab's id). Checked here like the token; whether the person may act is the services' call.
 */
function callMeta(req: IncomingMessage, url: URL): { ok: true; meta: CallMeta } | { ok: false; error: FolioError } {
  const person = headerOrQuery(req, url, 'x-folio-person', 'person')
  const origin = headerOrQuery(req, url, 'x-folio-origin', 'origin')
  const meta: CallMeta = {}
  if (person !== null) {
    if (!/^[1-9]\d{0,15}$/.test(person) || !Number.isSafeInteger(Number(person))) {
      return {
        ok: false,
        error: folioError('invalid_input', '操作人编号无效。', 'The acting person’s id is not valid.', 'person'),
      }
    }
    meta.personId = Number(person)
  }
  if (origin !== null) {
    if (!/^[\w-]{1,64}$/.test(origin)) {
      return {
        ok: false,
        error: folioError('invalid_input', '窗口标识无效。', 'The window id is not valid.', 'origin'),
      }
    }
    meta.origin = origin
  }
  return { ok: true, meta }
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A percent-decoded URL path, or null for a malformed escape (`%zz`, a lone `%`, bad UTF-8). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path)
  } catch {
    return null
  }
}

function badEscape(): FolioError {
  return folioError('invalid_input', '网址中的 % 转义无效。', 'The URL has a malformed % escape.')
}

/**
 * The body as text, or null when it is larger than `limit` bytes: refused at once from its
 * Content-Length, else as soon as the count passes the limit; the rest is drained, never kept.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      resolveBody(null)
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.length
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
      } else chunks.push(chunk)
    })
    req.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Headers every answer carries: no MIME sniffing of any answer, JSON or not. */
const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff' } as const

/** An answer without a body (421, 403, 405, 400 for static files). */
/** The app's own files cannot be read: a plain page that says so, in both languages. */
function missingFiles(res: ServerResponse): void {
  const text =
    '找不到 Folio 的界面文件，请重新构建（npm run build）后再打开。资料库未受影响。\n' +
    "Folio's interface files are missing: build again (npm run build), then reopen. The library is untouched.\n"
  res.writeHead(503, {
    ...COMMON_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

function bare(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, ...headers }).end()
}

function send(res: ServerResponse, answer: ApiResult<unknown>, headers: Record<string, string> = {}): void {
  const status = answer.ok ? 200 : STATUS[answer.error.code]
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(JSON.stringify(answer))
}

function sendError(res: ServerResponse, error: FolioError, headers: Record<string, string> = {}): void {
  send(res, { ok: false, error }, headers)
}
