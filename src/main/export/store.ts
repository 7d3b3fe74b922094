/**
 * Templates and issue layouts in the library (tables from ./schema.ts). Default templates ship as
 * JSON in resources/templates; a library template with the same id overrides the default.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fail } from '../../shared/api/errors'
import {
  checkLayout,
  layoutSchema,
  templateSchema,
  type IssueLayout,
  type LayoutBlock,
  type LayoutPage,
  type PageTemplate,
} from '../../shared/layout/model'
import type { Db } from '../store/db'
import { ensureLayoutSchema, ensureManualColumn, hasManualColumn, hasPartsTable, LAYOUT_PARTS_TABLE } from './schema'

export const DEFAULT_TEMPLATE = 'sikai'

/** The default templates in resources/templates, in a stable order. */
export function defaultTemplates(resourcesDir: string): PageTemplate[] {
  const dir = join(resourcesDir, 'templates')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => templateSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))))
}

export function listTemplates(db: Db, resourcesDir: string): PageTemplate[] {
  ensureLayoutSchema(db)
  const byId = new Map(defaultTemplates(resourcesDir).map((t) => [t.id, t]))
  const rows = db.prepare('SELECT spec_json FROM page_templates ORDER BY id').all() as { spec_json: string }[]
  for (const row of rows) {
    const t = templateSchema.parse(JSON.parse(row.spec_json))
    byId.set(t.id, t)
  }
  return [...byId.values()]
}

/** A template by id or by name (四开 or sikai); `custom:WxH` (mm) derives one from the nearest default. */
export function findTemplate(db: Db, resourcesDir: string, key: string): PageTemplate {
  const all = listTemplates(db, resourcesDir)
  const found = all.find((t) => t.id === key || t.name === key || t.name.toLowerCase() === key.toLowerCase())
  if (found) return found
  const custom = /^custom:(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$/i.exec(key)
  if (custom) {
    const width = Number(custom[1])
    const height = Number(custom[2])
    const base = all.reduce((best, t) =>
      Math.abs(t.trim.width - width) < Math.abs(best.trim.width - width) ? t : best,
    )
    const scale = width / base.trim.width
    return templateSchema.parse({
      ...base,
      id: 'custom',
      name: `${width}×${height}mm`,
      trim: { width, height },
      columns: Math.max(1, Math.round(base.columns * scale)),
    })
  }
  fail(
    'not_found',
    `没有名为「${key}」的版式。可用：${all.map((t) => `${t.name}(${t.id})`).join('、')}`,
    `No template "${key}". Available: ${all.map((t) => t.id).join(', ')}`,
    'template',
  )
}

export function saveTemplate(db: Db, template: PageTemplate, now: string): void {
  ensureLayoutSchema(db)
  const t = templateSchema.parse(template)
  db.prepare(
    `INSERT INTO page_templates (id, name, spec_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, spec_json = excluded.spec_json, updated_at = excluded.updated_at`,
  ).run(t.id, t.name, JSON.stringify(t), now, now)
}

/** The issue's stored layout, without blocks of articles since deleted; null when it has none. */
export function getLayout(db: Db, issueId: number): IssueLayout | null {
  ensureLayoutSchema(db)
  const head = db.prepare('SELECT template_json FROM issue_layouts WHERE issue_id = ?').get(issueId) as
    | { template_json: string }
    | undefined
  if (!head) return null
  const template = templateSchema.parse(JSON.parse(head.template_json))
  const pages = db
    .prepare('SELECT id, number, name, editor FROM layout_pages WHERE issue_id = ? ORDER BY number')
    .all(issueId) as { id: number; number: number; name: string; editor: string }[]
  const manual = hasManualColumn(db) ? 'b.manual' : '0'
  const blocks = db.prepare(
    `SELECT b.article_id AS articleId, b.col, b.span, b.line, b.lines, ${manual} AS manual FROM layout_blocks b
     JOIN articles a ON a.id = b.article_id AND a.deleted_at IS NULL
     WHERE b.page_id = ? ORDER BY b.line, b.col`,
  )
  // 转版 (h6): continuations, stored beside the blocks.
  const parts = hasPartsTable(db)
    ? db.prepare(
        `SELECT b.article_id AS articleId, b.col, b.span, b.line, b.lines, b.manual, b.part FROM layout_parts b
         JOIN articles a ON a.id = b.article_id AND a.deleted_at IS NULL
         WHERE b.page_id = ? ORDER BY b.line, b.col`,
      )
    : null
  const rows = (pageId: number): (Omit<LayoutBlock, 'manual'> & { manual: number })[] =>
    [
      ...(blocks.all(pageId) as (Omit<LayoutBlock, 'manual'> & { manual: number })[]),
      ...((parts?.all(pageId) ?? []) as (Omit<LayoutBlock, 'manual'> & { manual: number })[]),
    ].sort((a, b) => a.line - b.line || a.col - b.col)
  return {
    template,
    pages: pages.map(
      (p): LayoutPage => ({
        number: p.number,
        name: p.name,
        editor: p.editor,
        blocks: rows(p.id).map(({ manual, ...b }) => (manual ? { ...b, manual: true } : b)),
      }),
    ),
  }
}

/** Replaces the issue's layout (one transaction). Rejects blocks off the grid, overlapping or of other issues. */
export function saveLayout(db: Db, issueId: number, layout: IssueLayout, now: string): void {
  ensureLayoutSchema(db)
  const parsed = layoutSchema.parse(layout)
  const problems = checkLayout(parsed)
  if (problems.length > 0) {
    const p = problems[0]
    fail(
      'invalid_input',
      `版面有误（第${p?.page}版）：${p?.message_zh}`,
      `Bad layout (page ${p?.page}): ${p?.message_en}`,
    )
  }
  const own = new Set(
    (
      db.prepare('SELECT id FROM articles WHERE issue_id = ? AND deleted_at IS NULL').all(issueId) as { id: number }[]
    ).map((r) => r.id),
  )
  for (const page of parsed.pages) {
    for (const b of page.blocks) {
      if (!own.has(b.articleId)) {
        fail('invalid_input', `稿件 #${b.articleId} 不属于这一期。`, `Article #${b.articleId} is not in this issue.`)
      }
    }
  }
  db.transaction(() => {
    ensureManualColumn(db)
    db.prepare('DELETE FROM layout_pages WHERE issue_id = ?').run(issueId)
    db.prepare(
      `INSERT INTO issue_layouts (issue_id, template_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(issue_id) DO UPDATE SET template_json = excluded.template_json, updated_at = excluded.updated_at`,
    ).run(issueId, JSON.stringify(parsed.template), now)
    const insertPage = db.prepare('INSERT INTO layout_pages (issue_id, number, name, editor) VALUES (?, ?, ?, ?)')
    const insertBlock = db.prepare(
      'INSERT INTO layout_blocks (page_id, article_id, col, span, line, lines, manual) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    const hasParts = parsed.pages.some((page) => page.blocks.some((b) => (b.part ?? 0) > 0))
    if (hasParts) db.exec(LAYOUT_PARTS_TABLE)
    const insertPart = hasParts
      ? db.prepare(
          'INSERT INTO layout_parts (page_id, article_id, part, col, span, line, lines, manual) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
      : null
    for (const page of parsed.pages) {
      const pageId = insertPage.run(issueId, page.number, page.name, page.editor).lastInsertRowid
      for (const b of page.blocks) {
        if ((b.part ?? 0) > 0)
          insertPart?.run(pageId, b.articleId, b.part, b.col, b.span, b.line, b.lines, b.manual ? 1 : 0)
        else insertBlock.run(pageId, b.articleId, b.col, b.span, b.line, b.lines, b.manual ? 1 : 0)
      }
    }
  })()
}
