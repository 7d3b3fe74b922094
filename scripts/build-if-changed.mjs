#!/usr/bin/env node
/**
 * Builds out/ (electron-vite build) only when what it is built from changed: `npm run web` and
 * `npm run folio` start in well under a second instead of rebuilding everything each time.
 *
 * The inputs are hashed by content (src/** except tests, the build config and what it imports,
 * package-lock.json, package.json without its scripts, tsconfig*.json). After a successful build a
 * stamp is written to out/.build-stamp.json: that hash and a fingerprint of every file in out/
 * (path, size, mtime). The next run builds again when the hash differs, out/ or the stamp is
 * missing, or out/ no longer matches its fingerprint (another build, by hand, wrote or removed
 * files). If the inputs change while a build runs, no stamp is written, so the next run builds.
 *
 *   node scripts/build-if-changed.mjs            build if changed (build output on stderr)
 *   node scripts/build-if-changed.mjs --quiet    one line on stderr when it builds, output only on failure
 *   node scripts/build-if-changed.mjs --always   always build, then write the stamp (npm run build)
 *   node scripts/build-if-changed.mjs --check    exit 0 if out/ is up to date, 1 if not; never builds
 *
 * stdout is never written: `npm run -s folio -- … --json` prints JSON there.
 */
import { Buffer } from 'node:buffer'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

const STAMP = '.build-stamp.json'

/** Files under `dir` (relative to root, '/' separated), recursively, sorted. */
function walk(root, dir, keep = () => true) {
  const found = []
  const visit = (abs) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name)
      if (entry.isDirectory()) visit(path)
      else if (entry.isFile()) {
        const rel = relative(root, path).split(sep).join('/')
        if (keep(rel)) found.push(rel)
      }
    }
  }
  if (existsSync(join(root, dir))) visit(join(root, dir))
  return found.sort()
}

/** What the build reads, relative to root: sources (not tests), config, lock file, tsconfigs. */
export function buildInputs(root) {
  const top = readdirSync(root).filter((name) => /^tsconfig.*\.json$/.test(name) || /^\.env/.test(name))
  const named = ['electron.vite.config.ts', 'package.json', 'package-lock.json']
  return [
    ...walk(root, 'src', (rel) => !/\.test\.tsx?$/.test(rel)),
    ...[...named, ...top].filter((rel) => existsSync(join(root, rel))).sort(),
  ]
}

/** One hash over the inputs' names and contents (package.json without "scripts": editing a script is not a change). */
export function inputsHash(root, files = buildInputs(root)) {
  const hash = createHash('sha256')
  for (const rel of files) {
    let bytes = readFileSync(join(root, rel))
    if (rel === 'package.json') {
      const manifest = JSON.parse(bytes.toString('utf8'))
      delete manifest.scripts
      bytes = Buffer.from(JSON.stringify(manifest))
    }
    hash.update(`${rel}\0${bytes.length}\0`).update(bytes)
  }
  return hash.digest('hex')
}

/** Every file of out/ with its size and mtime, the stamp left out. */
export function outputsFingerprint(root, outDir = 'out') {
  const hash = createHash('sha256')
  const files = walk(root, outDir, (rel) => rel !== `${outDir}/${STAMP}`)
  for (const rel of files) {
    const s = statSync(join(root, rel))
    hash.update(`${rel}\0${s.size}\0${s.mtimeMs}\n`)
  }
  return { hash: hash.digest('hex'), files: files.length }
}

/** Why out/ must be built, or null when it is up to date. */
export function staleReason(root, outDir = 'out', files) {
  const stampPath = join(root, outDir, STAMP)
  if (!existsSync(join(root, outDir))) return `${outDir}/ is missing`
  if (!existsSync(stampPath)) return 'no build stamp'
  let stamp
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'))
  } catch {
    return 'unreadable build stamp'
  }
  if (stamp.inputs !== inputsHash(root, files)) return 'sources changed'
  const out = outputsFingerprint(root, outDir)
  if (out.files === 0 || stamp.outputs !== out.hash) return `${outDir}/ changed since the stamped build`
  return null
}

/**
 * Builds if needed (or always) and stamps. `build` runs the build and returns whether it
 * succeeded; it is electron-vite by default, injectable for the test.
 */
export function buildIfChanged({
  root,
  outDir = 'out',
  always = false,
  quiet = false,
  files,
  build = () => runElectronVite(root, quiet),
  log = (line) => process.stderr.write(`${line}\n`),
}) {
  const reason = always ? 'asked to build' : staleReason(root, outDir, files)
  if (!reason) return { built: false, ok: true }
  if (!always) log(`[build] ${reason}: building ${outDir}/ …`)
  const before = inputsHash(root, files)
  // A stamp of an interrupted build must not survive it.
  rmSync(join(root, outDir, STAMP), { force: true })
  if (!build()) return { built: true, ok: false }
  if (inputsHash(root, files) === before) {
    const stamp = { inputs: before, outputs: outputsFingerprint(root, outDir).hash, at: new Date().toISOString() }
    writeFileSync(join(root, outDir, STAMP), `${JSON.stringify(stamp, null, 2)}\n`)
  } else {
    log('[build] sources changed during the build: not stamped, the next start builds again')
  }
  return { built: true, ok: true }
}

function runElectronVite(root, quiet) {
  const bin = join(root, 'node_modules/electron-vite/bin/electron-vite.js')
  // stdout goes to stderr: a build never mixes into the CLI's JSON.
  const result = spawnSync(process.execPath, [bin, 'build'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 2, 2],
    encoding: 'utf8',
  })
  if (result.status !== 0 && quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`)
  if (result.error) process.stderr.write(`[build] ${result.error.message}\n`)
  return result.status === 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const root = join(import.meta.dirname, '..')
  if (args.includes('--check')) {
    const reason = staleReason(root)
    if (reason) process.stderr.write(`[build] ${reason}\n`)
    process.exit(reason ? 1 : 0)
  }
  const { ok } = buildIfChanged({ root, always: args.includes('--always'), quiet: args.includes('--quiet') })
  process.exit(ok ? 0 : 1)
}
