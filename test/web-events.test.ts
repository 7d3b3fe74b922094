/**
 * Browser mode's push channel: GET /events streams the library's change events as Server-Sent
 * Events to a tab holding the token (and the same Host/Origin checks as calls), and calls carry
 * who acts and from which tab in x-folio-person / x-folio-origin.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { request, type ClientRequest, type IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChangeEvent } from '../src/shared/api/review-types'
import { startWebServer, type WebServer } from '../src/main/web/server'
import { tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
let web: WebServer
const open: ClientRequest[] = []

beforeEach(async () => {
  lib = tempLibrary()
  const staticDir = join(lib.dir, 'renderer')
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Folio</title>')
  web = await startWebServer({ api: lib.api, staticDir, port: 0, keepAliveMs: 50 })
})
afterEach(async () => {
  for (const req of open.splice(0)) req.destroy()
  await web.close()
  await lib.dispose()
})

/** An open event stream: its answer, and the text received so far (waitFor resolves on a match). */
function events(path: string, headers: Record<string, string> = {}) {
  let text = ''
  const waiting: { test: (t: string) => boolean; resolve: () => void }[] = []
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, method: 'GET', headers }, (res) => {
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
        for (const w of waiting.filter((w) => w.test(text))) {
          waiting.splice(waiting.indexOf(w), 1)
          w.resolve()
        }
      })
      resolve(res)
    })
    req.on('error', reject)
    req.end()
    open.push(req)
  })
  return {
    answer,
    text: () => text,
    waitFor: (test: (t: string) => boolean) =>
      new Promise<void>((resolve) => (test(text) ? resolve() : waiting.push({ test, resolve }))),
    /** The change events received so far. */
    changes: (): ChangeEvent[] =>
      [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1] ?? 'null') as ChangeEvent),
  }
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number
    json: { ok: boolean; result?: unknown; error?: { code: string; message_zh: string } }
  }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: web.port,
        path,
        method: 'POST',
        headers: { 'X-Folio-Token': web.token, 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        let data = ''
        res.on('data', (c: Buffer) => (data += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(data) as never }))
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

describe('GET /events', () => {
  it('refuses a stream without the token, with a wrong one, from another origin or host', async () => {
    const none = await events('/events').answer
    expect(none.statusCode).toBe(401)
    const wrong = await events(`/events?token=${'x'.repeat(web.token.length)}`).answer
    expect(wrong.statusCode).toBe(401)
    const cross = await events(`/events?token=${web.token}`, { Origin: 'http://evil.example' }).answer
    expect(cross.statusCode).toBe(403)
    const rebound = await events(`/events?token=${web.token}`, { Host: `evil.example:${web.port}` }).answer
    expect(rebound.statusCode).toBe(421)
    expect(lib.api.onChange(() => {})).toBeTypeOf('function')
  })

  it('streams the change of a call made by another tab, with who and from where; a read sends nothing', async () => {
    const stream = events(`/events?token=${web.token}`)
    const res = await stream.answer
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    await stream.waitFor((t) => t.includes(': folio events'))

    const read = await post('/api/issue.list', {}, { 'X-Folio-Origin': 'tab-a' })
    expect(read.status).toBe(200)
    const created = await post('/api/issue.create', { title: '开发区建设' }, { 'X-Folio-Origin': 'tab-a' })
    expect(created.status).toBe(200)
    const issueId = (created.json.result as { id: number }).id
    await stream.waitFor((t) => t.includes('data: '))
    expect(stream.changes()).toEqual([
      { seq: 1, topics: ['issues'], issueIds: [issueId], articleIds: [], by: null, origin: 'tab-a' },
    ])
    expect(stream.text()).toMatch(/^id: 1$/m)

    // keep-alive comments arrive while nothing changes
    await stream.waitFor((t) => t.includes(': keep-alive'))
  })

  it('streams to every open tab, and a closed stream is let go', async () => {
    const a = events(`/events?token=${web.token}`)
    const b = events(`/events?token=${web.token}`)
    await Promise.all([a.answer, b.answer])
    await Promise.all([a.waitFor((t) => t.includes(': folio')), b.waitFor((t) => t.includes(': folio'))])
    const issue = await post('/api/issue.create', { title: '开发区建设' })
    await Promise.all([a.waitFor((t) => t.includes('data: ')), b.waitFor((t) => t.includes('data: '))])
    const article = await post('/api/article.create', { issueId: (issue.json.result as { id: number }).id })
    expect(article.status).toBe(200)
    await b.waitFor((t) => (t.match(/^data: /gm) ?? []).length === 2)
    expect(b.changes()[1]).toMatchObject({ topics: ['articles', 'issues'], origin: null })
    // closing the stream unsubscribes it from the library
    let seen = 0
    lib.api.onChange(() => seen++)
    open[0]?.destroy()
    await new Promise((resolve) => setTimeout(resolve, 50))
    await post('/api/issue.create', { title: '第二期' })
    expect(seen).toBe(1)
  })

  it('reads who acts and the tab from the call headers, and refuses malformed ones', async () => {
    const seen: ChangeEvent[] = []
    lib.api.onChange((e) => seen.push(e))
    for (const headers of [
      { 'X-Folio-Person': 'abc' },
      { 'X-Folio-Person': '-1' },
      { 'X-Folio-Person': '1.5' },
      { 'X-Folio-Person': '99999999999999999999' },
      { 'X-Folio-Origin': 'x'.repeat(65) },
      { 'X-Folio-Origin': 'tab a' },
    ] as Record<string, string>[]) {
      const answer = await post('/api/issue.create', { title: '开发区建设' }, headers)
      expect(answer.status, JSON.stringify(headers)).toBe(400)
      expect(answer.json.error?.code).toBe('invalid_input')
      expect(answer.json.error?.message_zh).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(seen).toEqual([])
    // an id that is no member is refused by the services, and nothing is written or announced
    const stranger = await post('/api/issue.create', { title: '开发区建设' }, { 'X-Folio-Person': '4242' })
    expect(stranger.json.ok).toBe(false)
    expect(seen).toEqual([])
    // sendBeacon cannot set headers: the tab id may come in the query
    const beacon = await post(`/api/issue.create?origin=tab-b`, { title: '开发区建设' })
    expect(beacon.status).toBe(200)
    expect(seen.map((e) => e.origin)).toEqual(['tab-b'])
  })
})
