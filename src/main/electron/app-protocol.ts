/**
 * The renderer's own origin in the desktop app: app://folio/, a privileged standard scheme served from
 * the built renderer folder (out/renderer) instead of file://, so the page has a real origin ('self'
 * in the CSP means app://folio and nothing else on disk), gets its CSP as a response header, and can
 * reach no file outside that folder. Kept free of 'electron' imports so the tests can run it in Node.
 */
import { readFile, realpath } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../security'

export const APP_SCHEME = 'app'
export const APP_HOST = 'folio'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** Privileges for protocol.registerSchemesAsPrivileged: a standard, secure origin; no CSP bypass, no CORS reads. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const

/** What the built renderer contains; anything else is refused rather than sniffed. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

export function mimeFor(path: string): string | null {
  return MIME[extname(path).toLowerCase()] ?? null
}

/** Is `url` a page of our own app origin (any path; query and fragment ignored)? */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

/**
 * The file an app:// URL names inside `root`, or null: other hosts, encoded separators or NUL,
 * dot-segments that survive decoding, and anything resolving outside `root` are all refused.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (path === '/' || path === '') path = '/index.html'
  // After decoding, '..', '\\', NUL or an encoded '/' inside a segment would change what the path means.
  if (path.includes('\0') || path.includes('\\')) return null
  const segments = path.split('/').slice(1)
  if (segments.some((s) => s === '..' || s === '.' || s === '' || s.startsWith('.'))) return null
  if (parsed.pathname.toLowerCase().includes('%2f') || parsed.pathname.toLowerCase().includes('%5c')) return null
  const base = resolve(root)
  const file = resolve(base, ...segments)
  const rel = relative(base, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  return file
}

function refuse(status: number): Response {
  return new Response(null, { status, headers: { 'X-Content-Type-Options': 'nosniff' } })
}

/** The protocol.handle answer for one request: the file with its MIME type and the CSP, or 4xx. */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405)
  const file = resolveAppPath(root, request.url)
  if (!file) return refuse(404)
  const mime = mimeFor(file)
  if (!mime) return refuse(404)
  let body: Buffer
  try {
    // A symlink inside the folder must not lead outside it either.
    const real = await realpath(file)
    const base = await realpath(resolve(root))
    if (real !== base && !real.startsWith(base + sep)) return refuse(404)
    body = await readFile(real)
  } catch {
    return refuse(404)
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': mime,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  })
}

/**
 * What the main window's session may fetch at all (webRequest.onBeforeRequest): our origin, inline
 * data and blobs, devtools, and in development the electron-vite dev server (http and its HMR socket).
 * Everything else — the network, file://, other custom schemes — is cancelled before it starts.
 */
export function isAllowedRendererRequest(url: string, devServerUrl?: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (isAppUrl(url)) return true
  if (['data:', 'blob:', 'devtools:'].includes(parsed.protocol)) return true
  if (parsed.protocol === 'about:' && parsed.pathname === 'blank') return true
  if (devServerUrl) {
    const dev = new URL(devServerUrl)
    const sameServer = parsed.host === dev.host
    if (sameServer && ['http:', 'ws:'].includes(parsed.protocol)) return true
  }
  return false
}
