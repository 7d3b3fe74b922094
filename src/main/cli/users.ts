/**
 * CLI commands for the newsroom (编辑部成员), spread into COMMANDS (src/main/cli/commands.ts):
 * `user add NAME --role ROLE …`, `user list`. And `--as NAME`, how every other command says who acts.
 */
import { fail } from '../../shared/api/errors'
import { ROLES, type CallMeta, type Person, type Role } from '../../shared/api/review-types'
import type { Api } from '../api'
import type { Command } from './commands'

/** Who acts, from `--as NAME`: an active member of this library, by name. */
export function actorMeta(api: Api, raw: unknown): CallMeta {
  if (typeof raw !== 'string' || raw.trim() === '') {
    fail(
      'invalid_input',
      '请用 --as 姓名 说明是谁在操作（编辑部成员）。',
      'Say who is acting with --as NAME (a newsroom member).',
    )
  }
  const name = raw.trim()
  const person = api.call('person.list', {}).find((p) => p.name === name)
  if (!person) {
    fail(
      'invalid_input',
      `编辑部没有名为「${name}」的成员（用 user list 查看，user add 添加）。`,
      `There is no newsroom member named “${name}” (see user list; add one with user add).`,
    )
  }
  return { personId: person.id }
}

function rolesOf(raw: unknown): Role[] {
  const list = raw === undefined ? [] : Array.isArray(raw) ? (raw as unknown[]) : [raw]
  return list.map((role) => {
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      fail(
        'invalid_input',
        `没有「${String(role)}」这个角色；可用：${ROLES.join('、')}。`,
        `There is no role “${String(role)}”; the roles are: ${ROLES.join(', ')}.`,
      )
    }
    return role as Role
  })
}

const personRow = (p: Person): string =>
  `#${p.id}\t${p.name}\t${p.roles.join('、') || '（无角色）'}${p.active ? '' : '\t（已停用 inactive）'}`

export const USER_COMMANDS: Command[] = [
  {
    name: 'user add',
    summary: '添加编辑部成员 / add a newsroom member',
    usage: `user add NAME --role ROLE [--role ROLE …]  (${ROLES.join('|')})`,
    options: { role: { type: 'string', multiple: true } },
    run: (api, v, positionals) => api.call('person.create', { name: positionals.join(' '), roles: rolesOf(v.role) }),
    human: (data) => `已添加 added ${personRow(data as Person)}`,
  },
  {
    name: 'user list',
    readOnly: true,
    summary: '列出编辑部成员 / list the newsroom',
    usage: 'user list [--json]',
    options: {},
    run: (api) => api.call('person.list', {}),
    human: (data) => (data as Person[]).map(personRow).join('\n') || '（编辑部暂无成员 no members）',
  },
]
