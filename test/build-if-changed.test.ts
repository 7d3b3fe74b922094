import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildIfChanged, buildInputs, staleReason } from '../scripts/build-if-changed.mjs'

let root: string
let builds: number
const put = (rel: string, text: string): void => {
  mkdirSync(dirname(join(root, rel)), { recursive: true })
  writeFileSync(join(root, rel), text)
}
/** A stand-in for electron-vite: writes out/ from the sources, counts its runs. */
const build = (): boolean => {
  builds++
  put('out/main/index.js', `// built from ${readFileSync(join(root, 'src/main/index.ts'), 'utf8')}`)
  put('out/renderer/index.html', '<!doctype html>')
  return true
}
const run = (more: Partial<Parameters<typeof buildIfChanged>[0]> = {}) =>
  buildIfChanged({ root, build, log: () => {}, ...more })

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'folio-build-'))
  builds = 0
  put('package.json', JSON.stringify({ name: 'x', scripts: { web: 'a' }, dependencies: { zod: '1' } }))
  put('package-lock.json', '{}')
  put('tsconfig.json', '{}')
  put('electron.vite.config.ts', 'export default {}')
  put('src/main/index.ts', 'one')
  put('src/main/index.test.ts', 'a test')
  put('src/renderer/index.html', '<div id=root>')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('build-if-changed', () => {
  it('hashes the sources, config, lock file and tsconfig, not tests or out/', () => {
    put('out/main/old.js', '')
    expect(buildInputs(root)).toEqual([
      'src/main/index.ts',
      'src/renderer/index.html',
      'electron.vite.config.ts',
      'package-lock.json',
      'package.json',
      'tsconfig.json',
    ])
  })

  it('builds when out/ is missing, then skips while nothing changed', () => {
    expect(staleReason(root)).toBe('out/ is missing')
    expect(run()).toEqual({ built: true, ok: true })
    expect(staleReason(root)).toBeNull()
    expect(run()).toEqual({ built: false, ok: true })
    expect(run()).toEqual({ built: false, ok: true })
    expect(builds).toBe(1)
  })

  it('rebuilds when a source, the config or the lock file changes, not for a package.json script or a test', () => {
    run()
    put('src/main/index.ts', 'two')
    expect(staleReason(root)).toBe('sources changed')
    expect(run().built).toBe(true)
    expect(readFileSync(join(root, 'out/main/index.js'), 'utf8')).toContain('two')
    put('electron.vite.config.ts', 'export default { x: 1 }')
    expect(run().built).toBe(true)
    put('package-lock.json', '{"v":2}')
    expect(run().built).toBe(true)
    put('src/shared/new.ts', 'a new file')
    expect(run().built).toBe(true)
    expect(builds).toBe(5)
    put('package.json', JSON.stringify({ name: 'x', scripts: { web: 'b' }, dependencies: { zod: '1' } }))
    put('src/main/index.test.ts', 'another test')
    expect(run().built).toBe(false)
    put('package.json', JSON.stringify({ name: 'x', scripts: { web: 'b' }, dependencies: { zod: '2' } }))
    expect(run().built).toBe(true)
  })

  it('rebuilds when out/ was changed by another build or lost a file', () => {
    run()
    put('out/main/index.js', '// written by a bare electron-vite build of other sources')
    utimesSync(join(root, 'out/main/index.js'), new Date(0), new Date(0))
    expect(staleReason(root)).toBe('out/ changed since the stamped build')
    expect(run().built).toBe(true)
    rmSync(join(root, 'out/renderer'), { recursive: true })
    expect(run().built).toBe(true)
    rmSync(join(root, 'out/.build-stamp.json'))
    expect(staleReason(root)).toBe('no build stamp')
    expect(run().built).toBe(true)
    expect(builds).toBe(4)
  })

  it('--always builds and stamps, so the next start skips', () => {
    run()
    expect(run({ always: true }).built).toBe(true)
    expect(run().built).toBe(false)
    expect(builds).toBe(2)
  })

  it('stamps nothing after a failed build, or when the sources changed while it ran', () => {
    run()
    put('src/main/index.ts', 'two')
    // The old stamp goes before the build starts: a failed build leaves out/ unstamped.
    expect(run({ build: () => (builds++, false) })).toEqual({ built: true, ok: false })
    expect(staleReason(root)).toBe('no build stamp')
    const editedMeanwhile = (): boolean => (build(), put('src/main/index.ts', 'typed during the build'), true)
    expect(run({ build: editedMeanwhile }).ok).toBe(true)
    expect(staleReason(root)).toBe('no build stamp')
    expect(run().built).toBe(true)
    expect(run().built).toBe(false)
  })
})
