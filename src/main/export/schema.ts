/**
 * Layout tables: page templates kept in the library, each issue's layout (its template, a snapshot
 * so later template edits never reflow a finished issue), its pages (版次, 版名, 责任编辑) and the
 * article blocks on them.
 *
 * To be appended to src/main/store/migrations.ts as migration 5. Every statement is IF NOT EXISTS so
 * that libraries where `ensureLayoutSchema` already created the tables migrate cleanly.
 */
import type { Db } from '../store/db'

export const LAYOUT_MIGRATION = `
  CREATE TABLE IF NOT EXISTS page_templates (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    spec_json   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS issue_layouts (
    issue_id       INTEGER PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
    template_json  TEXT NOT NULL,
    updated_at     TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS layout_pages (
    id        INTEGER PRIMARY KEY,
    issue_id  INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    name      TEXT NOT NULL DEFAULT '',
    editor    TEXT NOT NULL DEFAULT '',
    UNIQUE (issue_id, number)
  );
  CREATE TABLE IF NOT EXISTS layout_blocks (
    id          INTEGER PRIMARY KEY,
    page_id     INTEGER NOT NULL REFERENCES layout_pages(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    col         INTEGER NOT NULL,
    span        INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    lines       INTEGER NOT NULL,
    UNIQUE (article_id)
  );
  CREATE INDEX IF NOT EXISTS layout_blocks_page ON layout_blocks(page_id);
`

/**
 * Until the lead appends LAYOUT_MIGRATION as migration 5, creates the tables in place without
 * touching user_version (a library at a version this build does not know would refuse to open).
 * Once migration 5 ships, the tables exist and this does nothing.
 */
export function ensureLayoutSchema(db: Db): void {
  const present = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'layout_blocks'").get()
  if (present === undefined) db.exec(LAYOUT_MIGRATION)
}

/**
 * Whether layout_blocks has the `manual` column (a block moved, resized or placed by hand). Layouts
 * stored before it read as not manual; `ensureManualColumn` adds it, on the first save of a layout.
 * To become its own migration when layouts move into a service of their own (issue 12 item 6).
 */
export function hasManualColumn(db: Db): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('layout_blocks') WHERE name = 'manual'").get() !== undefined
}

/**
 * 转版 (h6): the continuations of articles cut across pages (blocks with part ≥ 1). layout_blocks
 * holds one block per article (UNIQUE article_id), so the later parts live beside it, created on the
 * first save that has one; a library without the table has no continuations.
 */
export const LAYOUT_PARTS_TABLE = `
  CREATE TABLE IF NOT EXISTS layout_parts (
    id          INTEGER PRIMARY KEY,
    page_id     INTEGER NOT NULL REFERENCES layout_pages(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    part        INTEGER NOT NULL CHECK (part >= 1),
    col         INTEGER NOT NULL,
    span        INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    lines       INTEGER NOT NULL,
    manual      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, part)
  );
  CREATE INDEX IF NOT EXISTS layout_parts_page ON layout_parts(page_id);
`

export function hasPartsTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'layout_parts'").get() !== undefined
}

export function ensureManualColumn(db: Db): void {
  if (!hasManualColumn(db)) db.exec('ALTER TABLE layout_blocks ADD COLUMN manual INTEGER NOT NULL DEFAULT 0')
}
