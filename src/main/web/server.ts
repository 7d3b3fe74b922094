/**
 * Browser-mode transport: the built renderer and POST /api/<method> on 127.0.0.1 only,
 * guarded by a random token per start. Same contract and dispatch as Electron IPC.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { folioError, type ApiResult, type ErrorCode, type FolioError } from '../../shared/api/errors'
import type { Api } from '../api'
import { CONTENT_SECURITY_POLICY } from '../security'

/** Largest request body accepted (an article body is at most 2 MB of JSON). */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024

export interface WebServerOptions {
  api: Api
  staticDir: string
  port?: number
  token?: string
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
  internal: 500,
}

export function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = 0
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error)
      if (!res.headersSent) sendError(res, folioError('internal', '服务器内部错误。', 'Internal server error.'))
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    // Refuse DNS-rebinding and cross-site requests: only our own loopback origin may talk to us.
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421).end()
      return
    }
    const origin = req.headers.origin
    if (origin !== undefined && origin !== `http://${host}`) {
      res.writeHead(403).end()
      return
    }
    const url = new URL(req.url ?? '/', `http://${host}`)
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url)
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    serveStatic(res, url.pathname)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end()
      return
    }
    if (!tokenMatches(requestToken(req, url), token)) {
      sendError(
        res,
        folioError(
          'unauthorized',
          '访问令牌无效，请使用启动时显示的网址。',
          'Missing or wrong token; use the URL printed at start.',
        ),
      )
      return
    }
    const method = decodeURIComponent(url.pathname.slice('/api/'.length))
    const body = await readBody(req)
    if (body === null) {
      sendError(res, folioError('too_large', '请求过大。', 'Request body too large.'))
      return
    }
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      sendError(res, folioError('invalid_input', '请求不是有效的 JSON。', 'Request body is not valid JSON.'))
      return
    }
    send(res, await options.api.dispatchAsync(method, input))
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
    let file = join(options.staticDir, relative || 'index.html')
    if (!file.startsWith(options.staticDir + sep) && file !== options.staticDir) {
      res.writeHead(403).end()
      return
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html')
      statSync(file)
    } catch {
      // Client-side routes fall back to the app shell.
      file = join(options.staticDir, 'index.html')
    }
    const isHtml = extname(file) === '.html'
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': isHtml ? 'no-store' : 'public, max-age=3600',
      ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Referrer-Policy': 'no-referrer' } : {}),
    })
    createReadStream(file).pipe(res)
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

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_REQUEST_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, answer: ApiResult<unknown>): void {
  const status = answer.ok ? 200 : STATUS[answer.error.code]
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(answer))
}

function sendError(res: ServerResponse, error: FolioError): void {
  send(res, { ok: false, error })
}
