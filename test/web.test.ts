import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_REQUEST_BYTES, startWebServer, type WebServer } from '../src/main/web/server'
import { tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
let web: WebServer

beforeEach(async () => {
  lib = tempLibrary()
  const staticDir = join(lib.dir, 'renderer')
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Folio</title>')
  web = await startWebServer({ api: lib.api, staticDir, port: 0 })
})
afterEach(async () => {
  await web.close()
  await lib.dispose()
})

function post(
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: web.port, path, method: 'POST', headers: { 'X-Folio-Token': web.token, ...headers } },
      (res) => {
        let data = ''
        res.on('data', (c: Buffer) => (data += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: data ? (JSON.parse(data) as unknown) : null }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('browser-mode transport', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/#token=${web.token}`)
    expect(web.server.address()).toMatchObject({ address: '127.0.0.1' })
    expect(web.token.length).toBeGreaterThanOrEqual(24)
  })

  it('calls the API with the token', async () => {
    const res = await post('/api/issue.create', JSON.stringify({ title: '开发区建设' }))
    expect(res).toMatchObject({ status: 200, json: { ok: true, result: { title: '开发区建设' } } })
  })

  it('answers 401 without the right token', async () => {
    for (const headers of [{ 'X-Folio-Token': '' }, { 'X-Folio-Token': 'x'.repeat(32) }]) {
      const res = await post('/api/issue.list', '{}', headers)
      expect(res).toMatchObject({ status: 401, json: { ok: false, error: { code: 'unauthorized' } } })
    }
  })

  it('accepts the token in the query for sendBeacon', async () => {
    const res = await post(`/api/issue.list?token=${web.token}`, '{}', { 'X-Folio-Token': '' })
    expect(res.status).toBe(200)
  })

  it('refuses other hosts and origins (DNS rebinding, cross-site)', async () => {
    expect((await post('/api/issue.list', '{}', { Host: `evil.example:${web.port}` })).status).toBe(421)
    expect((await post('/api/issue.list', '{}', { Origin: 'http://evil.example' })).status).toBe(403)
  })

  it('gives typed errors for bad JSON, unknown methods and oversized bodies', async () => {
    expect(await post('/api/issue.create', '{nope')).toMatchObject({
      status: 400,
      json: { error: { code: 'invalid_input' } },
    })
    expect(await post('/api/issue.nuke', '{}')).toMatchObject({
      status: 404,
      json: { error: { code: 'unknown_method' } },
    })
    const huge = JSON.stringify({ title: 'x'.repeat(MAX_REQUEST_BYTES) })
    expect(await post('/api/issue.create', huge)).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } })
    expect(lib.api.call('issue.list', {})).toHaveLength(0)
  })

  it('serves the app shell with a strict CSP and never files outside it', async () => {
    const page = await fetch(`http://127.0.0.1:${web.port}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const escape = await fetch(`http://127.0.0.1:${web.port}/..%2f..%2flibrary.sqlite`)
    expect(await escape.text()).toContain('<title>Folio</title>')
  })
})
