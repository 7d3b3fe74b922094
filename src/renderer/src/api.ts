/**
 * The renderer's one door to the library: window.folio in Electron, POST /api/<method>
 * with the start-up token in browser mode. Both speak the same contract.
 */
import type { Input, Method, Result } from '@shared/api/contract'
import { folioError, isFolioError, type ApiResult, type FolioError } from '@shared/api/errors'

interface FolioBridge {
  invoke<M extends Method>(method: M, input: Input<M>): Promise<ApiResult<Result<M>>>
  onFlushRequest(flush: () => Promise<void>): void
}

declare global {
  interface Window {
    folio?: FolioBridge
  }
}

export class ApiError extends Error {
  readonly error: FolioError
  constructor(error: FolioError) {
    super(error.message_en)
    this.error = error
  }
}

const TOKEN_KEY = 'folio.token'

/** Browser mode: the token arrives in the URL fragment once and is kept for this tab. */
function browserToken(): string {
  const match = /token=([\w-]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    history.replaceState(null, '', window.location.pathname + window.location.search)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

const token = window.folio ? '' : browserToken()

// A restarted server prints a new URL; pasted into this tab only the fragment changes, so the page
// does not reload by itself. Take the new token and reload, so every pane talks to the new server.
if (!window.folio) {
  window.addEventListener('hashchange', () => {
    if (/token=[\w-]+/.test(window.location.hash)) {
      browserToken()
      window.location.reload()
    }
  })
}

async function httpInvoke(method: Method, input: unknown): Promise<ApiResult<unknown>> {
  let response: Response
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Folio-Token': token },
      body: JSON.stringify(input),
    })
  } catch {
    return {
      ok: false,
      error: folioError('storage', '无法连接 Folio 服务，稍后自动重试。', 'Cannot reach the Folio server; will retry.'),
    }
  }
  const body: unknown = await response.json().catch(() => null)
  if (body && typeof body === 'object' && 'ok' in body) return body as ApiResult<unknown>
  return {
    ok: false,
    error: folioError(
      'internal',
      `服务返回异常（${response.status}）。`,
      `Unexpected server answer (${response.status}).`,
    ),
  }
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Result<M>> {
  const answer = window.folio ? await window.folio.invoke(method, input) : await httpInvoke(method, input)
  if (!answer.ok)
    throw new ApiError(isFolioError(answer.error) ? answer.error : folioError('internal', '未知错误', 'Unknown error'))
  return answer.result as Result<M>
}

/** Last-chance save when the page goes away (browser mode); Electron flushes via onFlushRequest. */
export function beacon<M extends Method>(method: M, input: Input<M>): boolean {
  if (window.folio) return false
  const blob = new Blob([JSON.stringify(input)], { type: 'text/plain' })
  return navigator.sendBeacon(`/api/${method}?token=${encodeURIComponent(token)}`, blob)
}

export function onFlushRequest(flush: () => Promise<void>): void {
  window.folio?.onFlushRequest(flush)
}

export function errorMessage(error: unknown, lang: 'zh' | 'en'): string {
  if (error instanceof ApiError) return lang === 'zh' ? error.error.message_zh : error.error.message_en
  return String(error)
}
