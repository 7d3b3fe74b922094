#!/usr/bin/env node
/**
 * better-sqlite3 is a native addon: Node (tests, CLI, browser mode) and Electron (npm start)
 * need builds for different ABIs. Like Actual Budget's rebuild scripts, we rebuild explicitly,
 * but only when the build on disk is for the other runtime. (@electron/rebuild is not used:
 * v4 needs Node 22 and v3 pulls a node-gyp fork from GitHub, which these machines cannot reach.)
 *
 *   node scripts/native.mjs node       ensure a build for this Node (npm test, npm run web, CLI)
 *   node scripts/native.mjs electron   ensure a build for the installed Electron (npm start)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const target = process.argv[2]
const quiet = process.argv.includes('--quiet')
const root = join(import.meta.dirname, '..')
const marker = join(root, 'node_modules/better-sqlite3/build/folio-runtime.txt')
const say = (message) => quiet || console.error(`[native] ${message}`)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function loadsInNode() {
  try {
    const Database = require('better-sqlite3')
    new Database(':memory:').close()
    return true
  } catch (error) {
    say(`better-sqlite3 does not load in Node ${process.version}: ${String(error.message).split('\n')[0]}`)
    return false
  }
}

if (target === 'node') {
  if (!loadsInNode()) {
    say('rebuilding better-sqlite3 for Node …')
    execFileSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: quiet ? 'ignore' : 'inherit' })
    if (!loadsInNode()) process.exit(1)
  }
  writeFileSync(marker, `node-${process.versions.modules}\n`)
} else if (target === 'electron') {
  const electronVersion = require('electron/package.json').version
  const wanted = `electron-${electronVersion}\n`
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
    say(`rebuilding better-sqlite3 for Electron ${electronVersion} …`)
    // npm's own rebuild with Electron's runtime and headers (prebuild-install fetches a prebuilt
    // binary when it can, node-gyp compiles against Electron's headers when it cannot).
    execFileSync(npm, ['rebuild', 'better-sqlite3'], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        npm_config_runtime: 'electron',
        npm_config_target: electronVersion,
        npm_config_disturl: 'https://electronjs.org/headers',
      },
    })
    writeFileSync(marker, wanted)
  }
} else {
  console.error('usage: node scripts/native.mjs node|electron [--quiet]')
  process.exit(2)
}
