import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { base64Bytes, DEFAULT_REQUEST_BYTES, requestLimit } from '../src/shared/api/limits'
import { startWebServer, type WebServer } from '../src/main/web/server'
import { PNG_1PX, sha256, tempLibrary, type TempLibrary } from './helpers'

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
  body: string | string[],
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<{ status: number; json: unknown; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: web.port, path, method, headers: { 'X-Folio-Token': web.token, ...headers } },
      (res) => {
        let data = ''
        res.on('data', (c: Buffer) => (data += c.toString()))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json:
              data && res.headers['content-type']?.startsWith('application/json')
                ? (JSON.parse(data) as unknown)
                : null,
            headers: res.headers,
          }),
        )
      },
    )
    req.on('error', reject)
    // An array is sent in pieces (chunked, no Content-Length).
    if (Array.isArray(body)) {
      for (const piece of body) req.write(piece)
      req.end()
    } else req.end(body)
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
    const huge = JSON.stringify({ title: 'x'.repeat(DEFAULT_REQUEST_BYTES) })
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

  it('says the interface files are missing instead of dying when they are, and keeps the API up', async () => {
    rmSync(join(lib.dir, 'renderer', 'index.html'))
    for (const path of ['/', '/assets/index.js']) {
      const page = await fetch(`http://127.0.0.1:${web.port}${path}`)
      expect(page.status).toBe(503)
      expect(await page.text()).toMatch(/^找不到 Folio 的界面文件.*\nFolio's interface files are missing/)
    }
    expect((await post('/api/issue.list', '{}')).status).toBe(200)
  })

  describe('browser-mode transport edges', () => {
    it('answers a malformed % escape with 400, not 500, on the API and for files', async () => {
      for (const path of ['/api/issue.%zz', '/api/%', '/api/issue.list%E0%A4%A']) {
        const res = await post(path, '{}')
        expect(res.status).toBe(400)
        expect(res.json).toMatchObject({
          ok: false,
          error: {
            code: 'invalid_input',
            message_zh: '网址中的 % 转义无效。',
            message_en: 'The URL has a malformed % escape.',
          },
        })
      }
      for (const path of ['/%zz', '/assets/%E0%A4%A.js', '/%']) {
        const res = await fetch(`http://127.0.0.1:${web.port}${path}`)
        expect(res.status).toBe(400)
      }
      // Still alive and well.
      expect((await post('/api/issue.list', '{}')).status).toBe(200)
    })

    it('sends X-Content-Type-Options: nosniff with every JSON answer, and with bare ones', async () => {
      const answers = [
        await post('/api/issue.list', '{}'),
        await post('/api/issue.create', '{nope'),
        await post('/api/issue.list', '{}', { 'X-Folio-Token': 'wrong' }),
        await post('/api/issue.nuke', '{}'),
        await post('/api/issue.get', JSON.stringify({ id: 999 })),
        await post('/api/issue.create', JSON.stringify({ title: 'x'.repeat(DEFAULT_REQUEST_BYTES) })),
        await post('/api/%zz', '{}'),
      ]
      expect(answers.map((a) => a.status)).toEqual([200, 400, 401, 404, 404, 413, 400])
      for (const answer of answers) {
        expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
        expect(answer.headers['x-content-type-options']).toBe('nosniff')
      }
      const bare = [
        await post('/api/issue.list', '', {}, 'GET'),
        await post('/api/issue.list', '{}', { Origin: 'http://evil.example' }),
      ]
      expect(bare.map((a) => a.status)).toEqual([405, 403])
      for (const answer of bare) expect(answer.headers['x-content-type-options']).toBe('nosniff')
    })

    it("takes each method's size limit from the contract: a 9 MB image gets in, an oversized one does not", async () => {
      // Over the old flat 8 MB transport cap, well inside image.put's 28 MB of base64.
      const png = Buffer.concat([Buffer.from(PNG_1PX, 'base64'), Buffer.alloc(6_800_000, 7)])
      const data = png.toString('base64')
      expect(data.length).toBeGreaterThan(9_000_000)
      const stored = await post('/api/image.put', JSON.stringify({ data }))
      expect(stored).toMatchObject({ status: 200, json: { ok: true, result: { hash: sha256(data) } } })
      expect(lib.api.call('image.get', { hash: sha256(data) }).data).toBe(data)

      // The same size is still too much for a method whose input is a few short fields.
      const title = await post('/api/issue.create', JSON.stringify({ title: 'x'.repeat(9_000_000) }))
      expect(title).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } })

      // Past image.put's own limit: refused from its Content-Length, and when sent chunked.
      const over = JSON.stringify({ data: 'A'.repeat(requestLimit('image.put')) })
      const declared = await post('/api/image.put', over)
      expect(declared).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } })
      expect((declared.json as { error: { message_zh: string } }).error.message_zh).toBe('请求过大（超过 29 MB）。')
      const pieces = [over.slice(0, 10_000_000), over.slice(10_000_000, 20_000_000), over.slice(20_000_000)]
      expect(await post('/api/image.put', pieces)).toMatchObject({
        status: 413,
        json: { error: { code: 'too_large' } },
      })
      expect(lib.api.call('issue.list', {})).toHaveLength(0)
    })
  })

  describe('files travel as raw bytes', () => {
    function raw(
      path: string,
      body: Buffer | string,
      headers: Record<string, string>,
    ): Promise<{ status: number; body: Buffer; headers: IncomingHttpHeaders }> {
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: web.port,
            path,
            method: 'POST',
            headers: { 'X-Folio-Token': web.token, ...headers },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
            )
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    }
    const octets = { 'Content-Type': 'application/octet-stream' }

    it('an image goes up as its bytes and comes back as its bytes', async () => {
      const png = Buffer.concat([Buffer.from(PNG_1PX, 'base64'), Buffer.alloc(3_000_000, 9)])
      const put = await raw('/api/image.put', png, octets)
      expect(put.status).toBe(200)
      const hash = (JSON.parse(put.body.toString()) as { result: { hash: string } }).result.hash
      expect(hash).toBe(sha256(png.toString('base64')))
      const got = await raw('/api/image.get', JSON.stringify({ hash }), {
        'Content-Type': 'application/json',
        Accept: 'application/octet-stream',
      })
      expect(got.headers['content-type']).toBe('application/octet-stream')
      expect(got.headers['x-content-type-options']).toBe('nosniff')
      expect(got.body.equals(png)).toBe(true)
      expect(JSON.parse(decodeURIComponent(String(got.headers['x-folio-result'])))).toEqual({ hash, mime: 'image/png' })
      // Asked for as JSON, the same answer is the contract's base64.
      const json = await raw('/api/image.get', JSON.stringify({ hash }), { 'Content-Type': 'application/json' })
      expect((JSON.parse(json.body.toString()) as { result: { data: string } }).result.data).toBe(
        png.toString('base64'),
      )
    })

    it('the other fields ride in the query; bytes are refused where no file is expected, and past the limit', async () => {
      const bad = await raw(
        '/api/import.docx?input=' + encodeURIComponent(JSON.stringify({ split: 'sideways' })),
        Buffer.from('PK'),
        octets,
      )
      expect(bad.status).toBe(400)
      expect((JSON.parse(bad.body.toString()) as { error: { field: string } }).error.field).toBe('split')
      const notFile = await raw('/api/issue.create', Buffer.from('{"title":"x"}'), octets)
      expect(notFile.status).toBe(400)
      expect((JSON.parse(notFile.body.toString()) as { error: { message_zh: string } }).error.message_zh).toContain(
        '不接受二进制请求',
      )
      const over = await raw('/api/image.put', Buffer.alloc(base64Bytes(requestLimit('image.put')) + 1), octets)
      expect(over.status).toBe(413)
      expect(lib.api.call('issue.list', {})).toHaveLength(0)
    })
  })
})
