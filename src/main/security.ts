import { createHash } from 'node:crypto'

/** The one Content-Security-Policy for the renderer, in Electron and browser mode alike. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The policy of a print document (measuring, copyfit, PDF) in Electron's print windows: nothing but
 * its own origin's fonts and images, no network, no forms, no frames, and only the one script Folio
 * wrote into it (folio-print.js, allowed by its hash — any other inline script an article might smuggle
 * in does not run). Styles stay inline: the print HTML positions every block with style attributes.
 */
export function printContentSecurityPolicy(origin: string, scriptHashes: readonly string[]): string {
  const scripts = scriptHashes.length > 0 ? scriptHashes.map((h) => `'${h}'`).join(' ') : "'none'"
  return [
    "default-src 'none'",
    `script-src ${scripts}`,
    "style-src 'unsafe-inline'",
    `img-src ${origin} data:`,
    `font-src ${origin} data:`,
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * The CSP hash of the script a print document ends with (`…<script>SOURCE</script></body></html>`, as
 * src/main/export/render.ts writes it), or null when the document does not end that way.
 */
export function printScriptHash(html: string): string | null {
  const tail = '</script></body></html>'
  const end = html.trimEnd()
  if (!end.endsWith(tail)) return null
  const start = end.lastIndexOf('<script>')
  if (start < 0) return null
  const source = end.slice(start + '<script>'.length, end.length - tail.length)
  return `sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}`
}

/** What a print window may fetch: its own private origin, inline data and about:blank; never the network or disk. */
export function isAllowedPrintRequest(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'data:') return true
    if (parsed.protocol === 'about:') return parsed.pathname === 'blank'
    return parsed.origin === origin
  } catch {
    return false
  }
}
