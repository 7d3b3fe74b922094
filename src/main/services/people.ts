/**
 * 编辑部成员: the people of the newsroom and their roles. Who acts comes from the transport
 * (CallMeta.personId → ServiceContext.actor, resolved here), never from a method's input.
 */
import { randomUUID } from 'node:crypto'
import { fail } from '../../shared/api/errors'
import { ROLES, type Person, type PersonRef, type Role } from '../../shared/api/review-types'
import { isoNow, type ServiceContext } from './context'

interface PersonRow {
  id: number
  uid: string
  name: string
  roles: string
  active: number
  created_at: string
}

function parseRoles(json: string): Role[] {
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value) ? ROLES.filter((role) => value.includes(role)) : []
  } catch {
    return []
  }
}

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    uid: row.uid,
    name: row.name,
    roles: parseRoles(row.roles),
    active: row.active === 1,
    createdAt: row.created_at,
  }
}

/** Roles kept once each, in the masthead's order. */
function rolesJson(roles: readonly Role[]): string {
  return JSON.stringify(ROLES.filter((role) => roles.includes(role)))
}

export function listPeople(ctx: ServiceContext): Person[] {
  return (ctx.db.prepare('SELECT * FROM people ORDER BY id').all() as PersonRow[]).map(toPerson)
}

export function getPerson(ctx: ServiceContext, id: number): Person {
  const row = ctx.db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined
  if (!row) fail('not_found', `找不到第 ${id} 号编辑部成员。`, `Newsroom member ${id} does not exist.`, 'id')
  return toPerson(row)
}

export function findPersonByName(ctx: ServiceContext, name: string): Person | null {
  const row = ctx.db.prepare('SELECT * FROM people WHERE name = ?').get(name.trim()) as PersonRow | undefined
  return row ? toPerson(row) : null
}

function refuseDuplicate(ctx: ServiceContext, name: string, except: number | null): void {
  const other = ctx.db.prepare('SELECT id FROM people WHERE name = ?').pluck().get(name) as number | undefined
  if (other !== undefined && other !== except) {
    fail(
      'invalid_input',
      `编辑部已有名为「${name}」的成员，请换一个名字（可加部门或字母区分）。`,
      `There is already a newsroom member named “${name}”; choose another name.`,
      'name',
    )
  }
}

export function createPerson(ctx: ServiceContext, input: { name: string; roles: readonly Role[] }): Person {
  refuseDuplicate(ctx, input.name, null)
  const info = ctx.db
    .prepare('INSERT INTO people (uid, name, roles, active, created_at) VALUES (?, ?, ?, 1, ?)')
    .run(randomUUID(), input.name, rolesJson(input.roles), isoNow(ctx))
  return getPerson(ctx, Number(info.lastInsertRowid))
}

export function updatePerson(
  ctx: ServiceContext,
  input: {
    id: number
    patch: { name?: string | undefined; roles?: readonly Role[] | undefined; active?: boolean | undefined }
  },
): Person {
  const person = getPerson(ctx, input.id)
  const { name, roles, active } = input.patch
  if (name !== undefined) refuseDuplicate(ctx, name, person.id)
  ctx.db
    .prepare('UPDATE people SET name = ?, roles = ?, active = ? WHERE id = ?')
    .run(name ?? person.name, rolesJson(roles ?? person.roles), (active ?? person.active) ? 1 : 0, person.id)
  return getPerson(ctx, person.id)
}

/**
 * The acting person of a call from the transport's person id: an active member, or refused (a
 * member who left, or an id of another library, never acts silently as no one).
 */
export function resolveActor(ctx: ServiceContext, personId: number | null | undefined): PersonRef | null {
  if (personId === null || personId === undefined) return null
  const row = Number.isSafeInteger(personId)
    ? (ctx.db.prepare('SELECT * FROM people WHERE id = ?').get(personId) as PersonRow | undefined)
    : undefined
  if (!row) {
    fail(
      'invalid_input',
      `当前使用者（第 ${String(personId)} 号成员）不在这个资料库的编辑部名单里，请重新选择当前使用者。`,
      `The current user (member ${String(personId)}) is not a member of this library's newsroom; choose who is working again.`,
      'personId',
    )
  }
  if (row.active !== 1) {
    fail(
      'invalid_input',
      `「${row.name}」已停用，不能再操作，请选择其他当前使用者。`,
      `“${row.name}” is no longer active and cannot act; choose another current user.`,
      'personId',
    )
  }
  return { id: row.id, name: row.name }
}

/** The actor, or refused: review actions need to know who acts. */
export function requireActor(ctx: ServiceContext): PersonRef {
  if (!ctx.actor) {
    fail(
      'invalid_input',
      '请先选择当前使用者（编辑部成员）。',
      'Choose who is working first (a newsroom member).',
      'personId',
    )
  }
  return ctx.actor
}

/** The roles of a person by id (an actor's roles are read when they act, so a change applies at once). */
export function rolesOf(ctx: ServiceContext, personId: number): Role[] {
  return getPerson(ctx, personId).roles
}
