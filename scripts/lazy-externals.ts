/**
 * A build plugin for the main-process bundles: the heavy dependencies only some commands use are
 * required on first use instead of at start. playwright-core (print/copyfit) costs ~300 ms and
 * ~70 MB at every start of the server and the CLI, mammoth (.docx import) ~100 ms; `folio issue
 * list` and a browser-mode start that only opens an article use neither.
 *
 * Rollup's CommonJS output requires every external at the top of the chunk that imports it
 * (`const playwrightCore = require("playwright-core");`) and repeats a bare `require(...)` in the
 * entries above it. This turns the first into a proxy that requires the module when a property is
 * first read (the code only ever reads members: `playwrightCore.chromium`, `mammoth.convertToHtml`)
 * and drops the second. A chunk whose lines do not match is left as it is (eager, still correct).
 *
 * The cleaner form is `await import('playwright-core')` inside launchPrintBrowser
 * (src/main/export/browser.ts) and the same for mammoth in src/main/import/docx.ts; until then
 * the build does it.
 */
import type { Plugin } from 'vite'

const HELPER =
  'const __folioLazy = (load) => { let m; const get = () => (m ??= load()); ' +
  'return new Proxy({}, { get: (_, key) => get()[key], has: (_, key) => key in get() }); };'

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/** The transform itself (exported for the test): the chunk's code with `modules` required lazily. */
export function lazyRequires(code: string, modules: readonly string[]): string {
  const names = modules.map(escape).join('|')
  let changed = false
  const out = code
    .replace(
      new RegExp(`^const (\\w+) = require\\((["'])(${names})\\2\\);$`, 'gm'),
      (_, local: string, _q, id: string) => {
        changed = true
        return `const ${local} = __folioLazy(() => require(${JSON.stringify(id)}));`
      },
    )
    .replace(
      new RegExp(`^require\\((["'])(${names})\\1\\);$`, 'gm'),
      (_, _q, id: string) => `/* ${id}: required on first use */`,
    )
  if (!changed || out.includes('const __folioLazy =')) return out
  const strict = /^(["'])use strict\1;/.exec(out)
  return strict ? `${strict[0]}\n${HELPER}${out.slice(strict[0].length)}` : `${HELPER}\n${out}`
}

export function lazyExternals(modules: readonly string[]): Plugin {
  return {
    name: 'folio-lazy-externals',
    apply: 'build',
    renderChunk(code) {
      const out = lazyRequires(code, modules)
      return out === code ? null : { code: out, map: null }
    },
  }
}
