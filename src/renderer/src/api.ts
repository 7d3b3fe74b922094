/**
 * The renderer's one door to the library: window.folio in Electron, POST /api/<method>
 * with the start-up token in browser mode. Both speak the same contract. Every call says who
 * acts (setActor) and which window it comes from (windowOrigin); `subscribe` is the push
 * channel: the preload's onChange in Electron, Server-Sent Events (GET /events) in browser mode.
 */
import type { BinaryInputMethod, BinaryResultMethod } from '@shared/api/binary'
import type { Input, Method, Result } from '@shared/api/contract'
import { folioError, isFolioError, type ApiResult, type FolioError } from '@shared/api/errors'
import { CHANGE_TOPICS, type CallMeta, type ChangeEvent } from '@shared/api/review-types'

interface FolioBridge {
  invoke<M extends Method>(method: M, input: Input<M>, meta?: CallMeta): Promise<ApiResult<Result<M>>>
  onFlushRequest(flush: () => Promise<void>): void
  onChange(listener: (change: ChangeEvent) => void): () => void
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

/** This window's (tab's) id, random per page load: change events it caused carry it back. */
export const windowOrigin: string = randomOrigin()

function randomOrigin(): string {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  return 'w' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

let actor: number | null = null

/** Who acts from now on (a newsroom member's id), sent with every call; null for no one. */
export function setActor(personId: number | null): void {
  actor = personId
}

export function currentActor(): number | null {
  return actor
}

function callMeta(): CallMeta {
  return { personId: actor, origin: windowOrigin }
}

/** The meta as the browser-mode server reads it from headers. */
function metaHeaders(): Record<string, string> {
  return { 'X-Folio-Origin': windowOrigin, ...(actor !== null && { 'X-Folio-Person': String(actor) }) }
}

async function httpInvoke(method: Method, input: unknown): Promise<ApiResult<unknown>> {
  const answer = await httpSend(`/api/${method}`, { 'Content-Type': 'application/json' }, JSON.stringify(input))
  return answer instanceof Response ? { ok: false, error: unexpected(answer.status) } : answer
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Result<M>> {
  const answer = window.folio ? await window.folio.invoke(method, input, callMeta()) : await httpInvoke(method, input)
  if (!answer.ok)
    throw new ApiError(isFolioError(answer.error) ? answer.error : folioError('internal', '未知错误', 'Unknown error'))
  return answer.result as Result<M>
}

/** Base64 of bytes, in chunks (the contract's form of a file, where a transport cannot carry bytes). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * Calls a method whose input is a file (shared/api/binary.ts). Browser mode sends the bytes as the
 * request body and the other fields in the query; Electron hands the contract's base64 over IPC.
 */
export async function callWithBytes<M extends BinaryInputMethod>(
  method: M,
  bytes: Uint8Array,
  rest: Omit<Input<M>, 'data'>,
): Promise<Result<M>> {
  if (window.folio) return call(method, { ...rest, data: bytesToBase64(bytes) } as Input<M>)
  const answer = await httpSend(
    `/api/${method}?input=${encodeURIComponent(JSON.stringify(rest))}`,
    { 'Content-Type': 'application/octet-stream' },
    new Blob([bytes as BlobPart]),
  )
  if (answer instanceof Response) throw new ApiError(unexpected(answer.status))
  if (!answer.ok) throw new ApiError(answer.error)
  return answer.result as Result<M>
}

/** Calls a method whose result is a file, and gets the file as bytes (browser mode: the answer body). */
export async function callForBytes<M extends BinaryResultMethod>(
  method: M,
  input: Input<M>,
): Promise<Omit<Result<M>, 'data'> & { bytes: Uint8Array }> {
  if (window.folio) {
    const { data, ...rest } = await call(method, input)
    return { ...rest, bytes: base64ToBytes(data) } as Omit<Result<M>, 'data'> & { bytes: Uint8Array }
  }
  const answer = await httpSend(
    `/api/${method}`,
    { 'Content-Type': 'application/json', Accept: 'application/octet-stream' },
    JSON.stringify(input),
  )
  if (!(answer instanceof Response)) {
    if (!answer.ok) throw new ApiError(answer.error)
    const { data, ...rest } = answer.result as { data: string }
    return { ...rest, bytes: base64ToBytes(data) } as Omit<Result<M>, 'data'> & { bytes: Uint8Array }
  }
  const meta = JSON.parse(decodeURIComponent(answer.headers.get('X-Folio-Result') ?? '%7B%7D')) as object
  return { ...meta, bytes: new Uint8Array(await answer.arrayBuffer()) } as Omit<Result<M>, 'data'> & {
    bytes: Uint8Array
  }
}

/** A fetch to the server: a JSON answer as ApiResult, a binary one as the Response itself. */
async function httpSend(
  url: string,
  headers: Record<string, string>,
  body: BodyInit,
): Promise<ApiResult<unknown> | Response> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, ...metaHeaders(), 'X-Folio-Token': token },
      body,
    })
  } catch {
    return { ok: false, error: unreachable() }
  }
  if ((response.headers.get('Content-Type') ?? '').startsWith('application/octet-stream') && response.ok)
    return response
  const parsed: unknown = await response.json().catch(() => null)
  if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed as ApiResult<unknown>
  return { ok: false, error: unexpected(response.status) }
}

const unreachable = (): FolioError =>
  folioError('storage', '无法连接 Folio 服务，稍后自动重试。', 'Cannot reach the Folio server; will retry.')
const unexpected = (status: number): FolioError =>
  folioError('internal', `服务返回异常（${status}）。`, `Unexpected server answer (${status}).`)

/** Last-chance save when the page goes away (browser mode); Electron flushes via onFlushRequest. */
export function beacon<M extends Method>(method: M, input: Input<M>): boolean {
  if (window.folio) return false
  const blob = new Blob([JSON.stringify(input)], { type: 'text/plain' })
  // sendBeacon cannot set headers: who acts and the window go in the query, as the token does.
  const who = actor !== null ? `&person=${actor}` : ''
  return navigator.sendBeacon(`/api/${method}?token=${encodeURIComponent(token)}&origin=${windowOrigin}${who}`, blob)
}

export function onFlushRequest(flush: () => Promise<void>): void {
  window.folio?.onFlushRequest(flush)
}

export function errorMessage(error: unknown, lang: 'zh' | 'en'): string {
  if (error instanceof ApiError) return lang === 'zh' ? error.error.message_zh : error.error.message_en
  return String(error)
}

// --- push channel (h2) ---

export type ChangeHandler = (change: ChangeEvent) => void

const handlers = new Set<ChangeHandler>()
let detach: (() => void) | null = null

function deliver(change: ChangeEvent): void {
  for (const handler of [...handlers]) {
    try {
      handler(change)
    } catch (error) {
      console.error(error)
    }
  }
}

/**
 * After the stream was lost (server restarted, network), events may have been missed: everything
 * shown is reloaded. Naming no issue or article, it matches every filter (see live.ts), and never
 * reloads an open editor (that follows only events naming its article).
 */
export const RESYNC: ChangeEvent = {
  seq: 0,
  topics: [...CHANGE_TOPICS],
  issueIds: [],
  articleIds: [],
  by: null,
  origin: null,
}

/** Browser mode: one EventSource, reopened after the server went away; `onOpen` when (re)opened. */
function openEventStream(emit: (change: ChangeEvent) => void, onOpen: () => void = () => {}): () => void {
  let source: EventSource | null = null
  let retry: ReturnType<typeof setTimeout> | null = null
  let lost = false
  let wait = 1000
  const connect = (): void => {
    // A new server's token arrives in the URL and reloads the page (see above), so this one holds.
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`)
    source.onopen = () => {
      wait = 1000
      if (lost) emit(RESYNC)
      lost = false
      onOpen()
    }
    source.onmessage = (message: MessageEvent<string>) => {
      try {
        emit(JSON.parse(message.data) as ChangeEvent)
      } catch (error) {
        console.error(error)
      }
    }
    source.onerror = () => {
      lost = true
      // EventSource retries by itself after a dropped stream; a refused one (401 after a restart
      // with a new token, 503) it gives up: open a new one, waiting longer each time (≤ 10 s).
      if (source?.readyState === EventSource.CLOSED) {
        source = null
        retry = setTimeout(connect, wait)
        wait = Math.min(wait * 2, 10_000)
      }
    }
  }
  connect()
  return () => {
    if (retry) clearTimeout(retry)
    source?.close()
    source = null
  }
}

/**
 * Browser mode, all tabs of one server: a browser keeps at most six connections per host, so an
 * event stream per tab would leave a seventh tab's calls waiting forever. One tab (the holder of
 * a Web Lock named after the token) keeps the stream and hands each change to the other tabs over
 * a BroadcastChannel; when it closes, the next tab takes the lock, opens the stream and tells the
 * others to reload once (changes may have gone by in between). Without Web Locks: a stream per tab.
 */
function openSharedStream(): () => void {
  if (!('locks' in navigator) || typeof BroadcastChannel === 'undefined') return openEventStream(deliver)
  const name = `folio-events:${token}`
  const channel = new BroadcastChannel(name)
  channel.onmessage = (message: MessageEvent<ChangeEvent>) => deliver(message.data)
  const abort = new AbortController()
  let stop: (() => void) | null = null
  let release: (() => void) | null = null
  navigator.locks
    .request(name, { signal: abort.signal }, () => {
      const relay = (change: ChangeEvent): void => {
        deliver(change)
        channel.postMessage(change)
      }
      // The other tabs may have missed changes since the last holder went: they reload once.
      stop = openEventStream(relay, () => channel.postMessage(RESYNC))
      return new Promise<void>((resolve) => (release = resolve))
    })
    .catch(() => {
      /* aborted: this tab stopped listening before it got the lock */
    })
  return () => {
    abort.abort()
    stop?.()
    release?.()
    channel.close()
  }
}

/**
 * Listens to the library's changes (every window's, this one's included: `change.origin ===
 * windowOrigin` marks its own); answers how to stop. One stream per window, shared by all handlers.
 */
export function subscribe(handler: ChangeHandler): () => void {
  handlers.add(handler)
  detach ??= window.folio ? window.folio.onChange(deliver) : openSharedStream()
  return () => {
    handlers.delete(handler)
    if (handlers.size === 0 && detach) {
      detach()
      detach = null
    }
  }
}
// --- end push channel ---
