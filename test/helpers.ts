import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../src/main/cli/run'
import { openFolio, type Library } from '../src/main/library'
import type { Db } from '../src/main/store/db'

export interface TempLibrary extends Library {
  dir: string
  path: string
  clock: { now: number }
  dispose(): Promise<void>
}

/** A fresh library file in a temp folder, with a clock the test controls. */
export function tempLibrary(): TempLibrary {
  const dir = mkdtempSync(join(tmpdir(), 'folio-test-'))
  const path = join(dir, 'library.sqlite')
  const clock = { now: Date.parse('2024-07-02T08:00:00Z') }
  const library = openFolio(path, { now: () => new Date(clock.now) })
  return {
    ...library,
    dir,
    path,
    clock,
    async dispose() {
      await library.api.close()
      library.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Every row of every table: equal dumps mean the library did not change. */
export function dump(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string
  }[]
  return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]))
}

/** A valid 1×1 PNG. */
export const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

export function sha256(base64: string): string {
  return createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex')
}

/** Runs the `folio` CLI in-process against a library file, capturing its output. */
export async function runFolio(dbPath: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(
    ['--db', dbPath, ...args],
    (s) => (out += s),
    (s) => (err += s),
  )
  return { code, out, err }
}
