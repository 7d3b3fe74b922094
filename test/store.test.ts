import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FolioFailure } from '../src/shared/api/errors'
import { openFolio } from '../src/main/library'
import { openLibrary, schemaVersion } from '../src/main/store/db'
import { SCHEMA_VERSION } from '../src/main/store/migrations'

const tempPath = () => join(mkdtempSync(join(tmpdir(), 'folio-store-')), 'lib.sqlite')

describe('library store', () => {
  it('opens with WAL, foreign keys and the current schema', () => {
    const db = openLibrary(tempPath())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION)
    db.close()
  })

  it('migrates a version-1 library file without losing its articles', () => {
    const path = tempPath()
    const old = openLibrary(path, { targetVersion: 1 })
    expect(schemaVersion(old)).toBe(1)
    old
      .prepare(
        "INSERT INTO issues (id, title, number, created_at, updated_at) VALUES (7, '开发区建设', '2024年第25期', 'x', 'x')",
      )
      .run()
    old
      .prepare(
        `INSERT INTO articles (id, issue_id, position, headline, body_json, body_text, char_count, created_at, updated_at)
       VALUES (3, 7, 0, '向“新”而行', '{"root":{"type":"root","children":[]}}', '', 0, 'x', 'x')`,
      )
      .run()
    old.close()

    const library = openFolio(path)
    expect(schemaVersion(library.db)).toBe(SCHEMA_VERSION)
    const article = library.api.call('article.get', { id: 3 })
    expect(article.headline).toBe('向“新”而行')
    expect(article.version).toBe(1)
    expect(library.api.call('issue.get', { id: 7 }).articleCount).toBe(1)
    // The new revisions table works on the migrated file.
    library.api.call('article.update', {
      id: 3,
      baseVersion: library.api.call('article.get', { id: 3 }).version,
      patch: { headline: '向“新”而行 以“质”致远' },
      explicit: true,
    })
    expect(library.api.call('revision.list', { articleId: 3 })).toHaveLength(1)
    library.close()
  })

  it('refuses a library written by a newer Folio, leaving it untouched', () => {
    const path = tempPath()
    const db = openLibrary(path)
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`)
    db.close()
    const before = readFileSync(path)
    expect(() => openLibrary(path)).toThrowError(FolioFailure)
    try {
      openLibrary(path)
    } catch (error) {
      expect((error as FolioFailure).error.message_zh).toContain('更新版本')
    }
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('refuses a file that is not a library with a clear message', () => {
    const path = tempPath()
    writeFileSync(path, 'this is a word document, honestly '.repeat(200))
    const before = readFileSync(path)
    let failure: FolioFailure | null = null
    try {
      openLibrary(path)
    } catch (error) {
      failure = error as FolioFailure
    }
    expect(failure?.error.code).toBe('unavailable')
    expect(failure?.error.field).toBe('damaged')
    expect(failure?.error.message_zh).toContain('不是 Folio 资料库')
    expect(readFileSync(path).equals(before)).toBe(true)
  })
})
