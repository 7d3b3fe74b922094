/**
 * Who is working: the acting person of this window (sent with every call through setActor) and the
 * library's members, held outside React so the header chip, the start dialog, the members panel and
 * the review bar all read the same value. The last choice is remembered per library id.
 */
import { ROLE_EN, type Person, type Role } from '@shared/api/review-types'
import { call, setActor } from '../../api'
import { createStore, useStore } from '../../editor/store'
import { libraryIdentity } from '../editor/savers'

const actorKey = (libraryId: string): string => `folio.actor.${libraryId}`

export const actorStore = createStore<Person | null>(null)
/** Every member, active or not, in the order the library lists them; null until loaded. */
export const membersStore = createStore<Person[] | null>(null)

/** Whether 编辑部成员 is open (from the header chip or the settings entry under the issues). */
export const peoplePanelStore = createStore(false)

export const useActor = (): Person | null => useStore(actorStore)
export const useMembers = (): Person[] | null => useStore(membersStore)

/** The person last chosen in this library (when still an active member), for preselection. */
export async function rememberedActor(members: Person[]): Promise<Person | null> {
  const libraryId = await libraryIdentity()
  let id: number | null = null
  try {
    const raw = localStorage.getItem(actorKey(libraryId))
    id = raw === null ? null : Number(raw)
  } catch {
    id = null
  }
  return members.find((p) => p.id === id && p.active) ?? null
}

export async function chooseActor(person: Person | null): Promise<void> {
  setActor(person?.id ?? null)
  actorStore.set(person)
  const libraryId = await libraryIdentity()
  try {
    if (person) localStorage.setItem(actorKey(libraryId), String(person.id))
    else localStorage.removeItem(actorKey(libraryId))
  } catch {
    // Storage full or refused: the choice still holds for this window.
  }
}

/** Loads the members again; the acting person follows a rename, a role change or a deactivation. */
export async function reloadMembers(): Promise<Person[]> {
  const list = await call('person.list', {})
  membersStore.set(list)
  const current = actorStore.get()
  if (current) {
    const now = list.find((p) => p.id === current.id)
    if (!now?.active) await chooseActor(null)
    else if (now !== current) actorStore.set(now)
  }
  return list
}

export const roleLabel = (role: Role, lang: 'zh' | 'en'): string => (lang === 'zh' ? role : ROLE_EN[role])

export const rolesLabel = (roles: readonly Role[], lang: 'zh' | 'en'): string =>
  roles.map((r) => roleLabel(r, lang)).join(lang === 'zh' ? '、' : ', ')

/** 「乙 · 编辑室主任、总编辑」 */
export function personLabel(person: Person, lang: 'zh' | 'en'): string {
  const roles = rolesLabel(person.roles, lang)
  return roles ? `${person.name} · ${roles}` : person.name
}
