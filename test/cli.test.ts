import { execFileSync, spawnSync } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFolio } from '../src/main/library'
import { runFolio, tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
beforeEach(() => {
  lib = tempLibrary()
  lib.close() // the CLI opens the file itself
})
afterEach(() => lib.dispose())

const cli = (...args: string[]) => runFolio(lib.path, ...args)

describe('folio CLI', () => {
  it('creates and lists issues as JSON', async () => {
    const created = await cli('issue', 'create', '--title', '开发区建设', '--number', '2024年第25期', '--json')
    expect(created.code).toBe(0)
    const issue = JSON.parse(created.out) as { id: number; title: string }
    expect(issue.title).toBe('开发区建设')
    const listed = JSON.parse((await cli('issue', 'list', '--json')).out) as { id: number; number: string }[]
    expect(listed).toEqual([expect.objectContaining({ id: issue.id, number: '2024年第25期' })])
  })

  it('shows what another client (the UI’s API) wrote', async () => {
    const library = openFolio(lib.path)
    const issueId = library.api.call('issue.create', { title: '开发区建设' }).id
    const article = library.api.call('article.create', { issueId, headline: '农业农村部调研组 在晋中国家农高区调研' })
    library.close()
    const list = JSON.parse((await cli('article', 'list', '--issue', String(issueId), '--json')).out) as {
      headline: string
    }[]
    expect(list.map((a) => a.headline)).toEqual(['农业农村部调研组 在晋中国家农高区调研'])
    const shown = JSON.parse((await cli('article', 'show', String(article.id), '--json')).out) as { id: number }
    expect(shown.id).toBe(article.id)
  })

  it('reports errors on stderr with a non-zero exit and nothing on stdout', async () => {
    for (const args of [
      ['article', 'show', '99'],
      ['article', 'show', 'abc'],
      ['article', 'list'],
      ['issue', 'create', '--json'],
      ['issue', 'create', '--title', 'x', '--bogus'],
      ['frobnicate'],
    ]) {
      const result = await cli(...args)
      expect(result.code, args.join(' ')).not.toBe(0)
      expect(result.out).toBe('')
      expect(result.err).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('runs as `npm run -s folio` with FOLIO_DB', () => {
    const env = { ...process.env, FOLIO_DB: lib.path }
    execFileSync('npm', ['run', '-s', 'folio', '--', 'issue', 'create', '--title', '怀仁'], { env })
    const out = execFileSync('npm', ['run', '-s', 'folio', '--', 'issue', 'list', '--json'], { env, encoding: 'utf8' })
    expect((JSON.parse(out) as { title: string }[])[0]?.title).toBe('怀仁')
    const failed = spawnSync('npm', ['run', '-s', 'folio', '--', 'article', 'show', '5', '--json'], {
      env,
      encoding: 'utf8',
    })
    expect(failed.status).not.toBe(0)
    expect(failed.stderr).toContain('找不到第 5 号稿件')
  })
})
