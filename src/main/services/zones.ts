/**
 * The zone registry in the library: zones with their short forms, aliases and learned aliases.
 * Seeded once per library from resources/zones.json; after that the editors own it (rename,
 * merge, add). Names are unique across zone names and aliases: one string, one zone.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fail } from '../../shared/api/errors'
import type { ParsedInput } from '../../shared/api/contract'
import type { AliasKind, ZoneSummary } from '../../shared/api/tagging-types'
import { loadGazetteer, type GazetteerData } from '../../shared/tagging/gazetteer'
import type { ZoneLevel, ZoneRecord } from '../../shared/tagging/types'
import { GENERIC_ZONE_TYPE, splitZoneName } from '../../shared/tagging/zoneNames'
import { isoNow, type ServiceContext } from './context'

/** Source recorded for zones an editor adds (by hand or by tagging a zone the registry did not know). */
export const EDITOR_SOURCE = '编辑添加 / added by an editor'
const SEEDED_KEY = 'gazetteer_seeded'
const ALIAS_KIND_ORDER: Record<AliasKind, number> = { short: 0, alias: 1, context: 2, learned: 3 }

interface ZoneRow {
  id: string
  name: string
  type: string
  level: ZoneLevel | null
  province: string | null
  city: string | null
  source: string
  mention_count: number
  article_count: number
}

interface AliasRow {
  alias: string
  zone_id: string
  kind: AliasKind
}

/** Tags that count: of articles and issues not in the trash. */
export const LIVE_TAGS = `
  SELECT t.* FROM tags t
  JOIN articles a ON a.id = t.article_id AND a.deleted_at IS NULL
  JOIN issues i ON i.id = a.issue_id AND i.deleted_at IS NULL`

/** Zones with their live mention and article counts, read from tag_counts (migration 8), not counted. */
const SELECT_ZONES = `
  SELECT z.id, z.name, z.type, z.level, z.province, z.city, z.source,
         COALESCE(c.tags, 0) AS mention_count, COALESCE(c.articles, 0) AS article_count
  FROM zones z
  LEFT JOIN tag_counts c ON c.kind = 'zone' AND c.zone_id = z.id AND c.unit = ''`

// --- the bundled starter gazetteer -------------------------------------------------------------

const starterFiles = new Map<string, GazetteerData | null>()

/** resources/zones.json, validated, read once per resources folder; null when it is missing. */
export function starterGazetteer(resourcesDir: string): GazetteerData | null {
  const cached = starterFiles.get(resourcesDir)
  if (cached !== undefined) return cached
  let text: string
  try {
    text = readFileSync(join(resourcesDir, 'zones.json'), 'utf8')
  } catch {
    starterFiles.set(resourcesDir, null)
    return null
  }
  const data = JSON.parse(text) as GazetteerData
  loadGazetteer(data) // throws, naming the field, on a malformed registry: a bug in the shipped file
  starterFiles.set(resourcesDir, data)
  return data
}

/**
 * Fills the registry from the starter gazetteer the first time a library is opened. Runs once
 * per library (meta gazetteer_seeded): zones an editor later deletes or renames stay that way.
 * Call inside a transaction.
 */
export function seedRegistry(ctx: ServiceContext): boolean {
  const seeded = ctx.db.prepare('SELECT 1 FROM meta WHERE key = ?').get(SEEDED_KEY)
  if (seeded) return false
  const data = starterGazetteer(ctx.resourcesDir)
  if (!data) return false // no bundled registry here (tries again on next open)
  const now = isoNow(ctx)
  const insertZone = ctx.db.prepare(
    `INSERT OR IGNORE INTO zones (id, name, type, level, province, city, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const zone of data.zones) {
    insertZone.run(
      zone.id,
      zone.name,
      zone.type,
      zone.level ?? null,
      zone.province ?? null,
      zone.city ?? null,
      zone.source,
      now,
      now,
    )
  }
  const names = new Set(data.zones.map((zone) => zone.name))
  const insertAlias = ctx.db.prepare('INSERT OR IGNORE INTO zone_aliases (alias, zone_id, kind) VALUES (?, ?, ?)')
  for (const zone of data.zones) {
    const forms: [string[] | undefined, AliasKind][] = [
      [zone.short, 'short'],
      [zone.aliases, 'alias'],
      [zone.contextAliases, 'context'],
    ]
    for (const [list, kind] of forms) {
      // an alias never equals a zone name (the starter file lists one zone's own name as its alias)
      for (const alias of list ?? []) if (!names.has(alias)) insertAlias.run(alias, zone.id, kind)
    }
  }
  ctx.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(SEEDED_KEY, now)
  return true
}

// --- look-ups shared with the tag index ---------------------------------------------------------

export function zoneExists(ctx: ServiceContext, id: string): boolean {
  return ctx.db.prepare('SELECT 1 FROM zones WHERE id = ?').get(id) !== undefined
}

/** The zone a string names: its name, or any of its aliases. */
export function zoneIdByName(ctx: ServiceContext, name: string): string | null {
  const row = ctx.db
    .prepare('SELECT id FROM zones WHERE name = ? UNION ALL SELECT zone_id FROM zone_aliases WHERE alias = ? LIMIT 1')
    .get(name, name) as { id: string } | undefined
  return row?.id ?? null
}

function nameOwner(ctx: ServiceContext, name: string): { id: string; name: string; asAlias: boolean } | null {
  const row = ctx.db
    .prepare(
      `SELECT id, name, 0 AS as_alias FROM zones WHERE name = ?
       UNION ALL
       SELECT z.id, z.name, 1 FROM zone_aliases al JOIN zones z ON z.id = al.zone_id WHERE al.alias = ?
       LIMIT 1`,
    )
    .get(name, name) as { id: string; name: string; as_alias: number } | undefined
  return row ? { id: row.id, name: row.name, asAlias: row.as_alias === 1 } : null
}

function nameTaken(name: string, owner: { name: string; asAlias: boolean }, field: string): never {
  const what = owner.asAlias ? `开发区「${owner.name}」的别名` : '另一个开发区的名称'
  const whatEn = owner.asAlias ? `an alias of ${owner.name}` : 'the name of another zone'
  fail('conflict', `「${name}」已是${what}，不能重复使用。`, `"${name}" is already ${whatEn}.`, field)
}

/** Throws conflict when `name` is already a zone name or an alias (of any zone but `except`'s aliases). */
function requireNameFree(ctx: ServiceContext, name: string, field: string, except?: string): void {
  const owner = nameOwner(ctx, name)
  if (owner && !(owner.asAlias && owner.id === except)) nameTaken(name, owner, field)
}

/** Type from the name's suffix (X经开区 → 经济技术开发区), '' when the name has none. */
function typeFromName(name: string): string {
  return splitZoneName(name)?.suffix.type ?? ''
}

/** Inserts a zone whose name is known to be free; answers its new id. */
export function insertZone(
  ctx: ServiceContext,
  zone: {
    name: string
    type?: string
    level?: ZoneLevel | null
    province?: string | null
    city?: string | null
    source?: string
  },
): string {
  const id = `z-${randomUUID()}`
  const now = isoNow(ctx)
  ctx.db
    .prepare(
      `INSERT INTO zones (id, name, type, level, province, city, source, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      zone.name,
      zone.type || typeFromName(zone.name),
      zone.level ?? null,
      zone.province ?? null,
      zone.city ?? null,
      zone.source || EDITOR_SOURCE,
      now,
      now,
    )
  return id
}

/**
 * Records how an accepted tag wrote a zone (怀仁经开区 for 怀仁经济技术开发区) as a learned alias,
 * unless that string already names a zone or is an alias anywhere.
 */
export function learnAlias(ctx: ServiceContext, zoneId: string, text: string): boolean {
  const alias = text.trim()
  if (alias.length < 2 || alias.length > 100 || nameOwner(ctx, alias)) return false
  ctx.db.prepare("INSERT INTO zone_aliases (alias, zone_id, kind) VALUES (?, ?, 'learned')").run(alias, zoneId)
  return true
}

// --- API ----------------------------------------------------------------------------------------

function summaries(ctx: ServiceContext, rows: ZoneRow[]): ZoneSummary[] {
  if (rows.length === 0) return []
  const aliasRows =
    rows.length === 1
      ? (ctx.db.prepare('SELECT * FROM zone_aliases WHERE zone_id = ?').all(rows[0]?.id) as AliasRow[])
      : (ctx.db.prepare('SELECT * FROM zone_aliases').all() as AliasRow[])
  const byZone = new Map<string, AliasRow[]>()
  for (const row of aliasRows) {
    const list = byZone.get(row.zone_id)
    if (list) list.push(row)
    else byZone.set(row.zone_id, [row])
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    level: row.level,
    province: row.province,
    city: row.city,
    source: row.source,
    aliases: (byZone.get(row.id) ?? [])
      .sort((a, b) => ALIAS_KIND_ORDER[a.kind] - ALIAS_KIND_ORDER[b.kind] || compare(a.alias, b.alias))
      .map(({ alias, kind }) => ({ alias, kind })),
    mentionCount: row.mention_count,
    articleCount: row.article_count,
  }))
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Every zone, by name, with its aliases and how often live articles mention it. */
export function listZones(ctx: ServiceContext): ZoneSummary[] {
  const rows = ctx.db.prepare(`${SELECT_ZONES} ORDER BY z.name`).all() as ZoneRow[]
  return summaries(ctx, rows)
}

export function getZoneSummary(ctx: ServiceContext, id: string, field = 'id'): ZoneSummary {
  const row = ctx.db.prepare(`${SELECT_ZONES} WHERE z.id = ?`).get(id) as ZoneRow | undefined
  if (!row) fail('not_found', `找不到开发区 ${id}。`, `Zone ${id} does not exist.`, field)
  return summaries(ctx, [row])[0] as ZoneSummary
}

export function createZone(ctx: ServiceContext, input: ParsedInput<'zone.create'>): ZoneSummary {
  requireNameFree(ctx, input.name, 'name')
  return getZoneSummary(ctx, insertZone(ctx, input))
}

const PATCH_COLUMNS = ['type', 'level', 'province', 'city', 'source'] as const

/** Changes a zone's facts; a new name keeps the old one as an alias, so earlier mentions still resolve. */
export function updateZone(ctx: ServiceContext, input: ParsedInput<'zone.update'>): ZoneSummary {
  const zone = getZoneSummary(ctx, input.id)
  const { patch } = input
  const sets: string[] = []
  const values: unknown[] = []
  if (patch.name !== undefined && patch.name !== zone.name) {
    // The zone's own alias may become its name (怀仁经开区 → name); anyone else's may not.
    requireNameFree(ctx, patch.name, 'patch.name', zone.id)
    ctx.db.prepare('DELETE FROM zone_aliases WHERE alias = ?').run(patch.name)
    ctx.db.prepare("INSERT INTO zone_aliases (alias, zone_id, kind) VALUES (?, ?, 'alias')").run(zone.name, zone.id)
    sets.push('name = ?')
    values.push(patch.name)
  }
  for (const column of PATCH_COLUMNS) {
    const value = patch[column]
    if (value === undefined) continue
    sets.push(`${column} = ?`)
    values.push(value)
  }
  if (sets.length > 0) {
    ctx.db
      .prepare(`UPDATE zones SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`)
      .run(...values, isoNow(ctx), zone.id)
  }
  return getZoneSummary(ctx, zone.id)
}

/**
 * Folds one zone into another: the source's aliases and tags move to the target, the source's
 * name becomes the target's alias, facts the target lacks are taken from the source, and the
 * source is removed.
 */
export function mergeZones(ctx: ServiceContext, input: ParsedInput<'zone.merge'>): ZoneSummary {
  if (input.sourceId === input.targetId) {
    fail('invalid_input', '不能把开发区合并到它自己。', 'A zone cannot be merged into itself.', 'targetId')
  }
  const source = getZoneSummary(ctx, input.sourceId, 'sourceId')
  const target = getZoneSummary(ctx, input.targetId, 'targetId')
  ctx.db.prepare('UPDATE zone_aliases SET zone_id = ? WHERE zone_id = ?').run(target.id, source.id)
  ctx.db.prepare('UPDATE tags SET zone_id = ? WHERE zone_id = ?').run(target.id, source.id)
  ctx.db
    .prepare(
      `UPDATE zones SET
         type = CASE WHEN type = '' THEN ? ELSE type END,
         level = COALESCE(level, ?), province = COALESCE(province, ?), city = COALESCE(city, ?),
         updated_at = ?
       WHERE id = ?`,
    )
    .run(source.type, source.level, source.province, source.city, isoNow(ctx), target.id)
  ctx.db.prepare('DELETE FROM zones WHERE id = ?').run(source.id)
  ctx.db.prepare("INSERT INTO zone_aliases (alias, zone_id, kind) VALUES (?, ?, 'alias')").run(source.name, target.id)
  return getZoneSummary(ctx, target.id)
}

export function addAlias(ctx: ServiceContext, input: ParsedInput<'zone.alias.add'>): ZoneSummary {
  const zone = getZoneSummary(ctx, input.id)
  const owner = nameOwner(ctx, input.alias)
  if (owner && !(owner.asAlias && owner.id === zone.id)) {
    if (owner.id === zone.id) {
      fail(
        'conflict',
        `「${input.alias}」就是该开发区的名称，无需再加为别名。`,
        `"${input.alias}" is the zone's own name.`,
        'alias',
      )
    }
    nameTaken(input.alias, owner, 'alias')
  }
  if (owner) {
    // already this zone's: confirming a learned alias makes it an editor's alias
    ctx.db.prepare("UPDATE zone_aliases SET kind = 'alias' WHERE alias = ? AND kind = 'learned'").run(input.alias)
  } else {
    ctx.db.prepare("INSERT INTO zone_aliases (alias, zone_id, kind) VALUES (?, ?, 'alias')").run(input.alias, zone.id)
  }
  ctx.db.prepare('UPDATE zones SET updated_at = ? WHERE id = ?').run(isoNow(ctx), zone.id)
  return getZoneSummary(ctx, zone.id)
}

export function removeAlias(ctx: ServiceContext, alias: string): { alias: string } {
  const info = ctx.db.prepare('DELETE FROM zone_aliases WHERE alias = ?').run(alias)
  if (info.changes === 0) fail('not_found', `没有别名「${alias}」。`, `No zone has the alias "${alias}".`, 'alias')
  return { alias }
}

/** The registry as detector input (loadGazetteer): learned aliases count as aliases. */
export function registryGazetteer(ctx: ServiceContext): GazetteerData {
  const rows = ctx.db.prepare('SELECT * FROM zones ORDER BY name').all() as Omit<
    ZoneRow,
    'mention_count' | 'article_count'
  >[]
  const aliasRows = ctx.db.prepare('SELECT * FROM zone_aliases ORDER BY alias').all() as AliasRow[]
  const zones = new Map<string, ZoneRecord>()
  for (const row of rows) {
    zones.set(row.id, {
      id: row.id,
      name: row.name,
      short: [],
      aliases: [],
      contextAliases: [],
      // the detector's schema wants a type and a source for every row
      type: row.type || typeFromName(row.name) || GENERIC_ZONE_TYPE,
      level: row.level,
      province: row.province,
      city: row.city,
      source: row.source || EDITOR_SOURCE,
    })
  }
  for (const row of aliasRows) {
    const zone = zones.get(row.zone_id)
    if (!zone) continue
    if (row.kind === 'short') zone.short.push(row.alias)
    else if (row.kind === 'context') zone.contextAliases.push(row.alias)
    else zone.aliases.push(row.alias)
  }
  return { zones: [...zones.values()], places: starterGazetteer(ctx.resourcesDir)?.places ?? [] }
}
