/**
 * 编辑部成员: the library's members (add, rename, change roles, deactivate and reactivate — a member
 * who left keeps their name on the record but cannot act) and the review policy: which roles may
 * pass 初审, 复审, 终审 and sign an issue, as a matrix saved with review.policy.set.
 */
import { useEffect, useState } from 'react'
import { REVIEWS, ROLES, type Person, type ReviewPolicy, type Role } from '@shared/api/review-types'
import { call, errorMessage } from '../../api'
import { Dialog } from '../../app/Dialog'
import { useI18n } from '../../app/i18n'
import { reviewName } from '../review/ReviewBar'
import { reloadMembers, roleLabel, useMembers } from './actor'
import './people.css'

const POLICY_ROWS = [...REVIEWS, 'issue'] as const
type PolicyRow = (typeof POLICY_ROWS)[number]

export function PeoplePanel({ onClose }: { onClose(): void }) {
  const { t, lang } = useI18n()
  const members = useMembers()
  const [error, setError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [roles, setRoles] = useState<Role[]>([])
  const [policy, setPolicy] = useState<ReviewPolicy | null>(null)
  const [policySaved, setPolicySaved] = useState<ReviewPolicy | null>(null)

  const fail = (e: unknown): void => setError(errorMessage(e, lang))

  useEffect(() => {
    reloadMembers().catch(fail)
    call('review.policy.get', {})
      .then((p) => {
        setPolicy(p)
        setPolicySaved(p)
      })
      .catch(fail)
    // Loaded once when the panel opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setError(null)
    try {
      await work()
      await reloadMembers()
      return true
    } catch (e) {
      fail(e)
      await reloadMembers().catch(() => undefined)
      return false
    }
  }

  const add = async (): Promise<void> => {
    if (await run(() => call('person.create', { name: name.trim(), roles }))) {
      setName('')
      setRoles([])
    }
  }

  const update = (person: Person, patch: Partial<Pick<Person, 'name' | 'roles' | 'active'>>): Promise<boolean> =>
    run(() => call('person.update', { id: person.id, patch }))

  const savePolicy = async (): Promise<void> => {
    if (!policy) return
    setError(null)
    try {
      const saved = await call('review.policy.set', { policy })
      setPolicy(saved)
      setPolicySaved(saved)
    } catch (e) {
      fail(e)
    }
  }

  const policyLabel = (row: PolicyRow): string => (row === 'issue' ? t('people.policy.issue') : reviewName(row, t))
  const policyDirty = JSON.stringify(policy) !== JSON.stringify(policySaved)

  return (
    <Dialog
      title={t('people.title')}
      testId="people-panel"
      onClose={onClose}
      footer={
        <>
          {error && (
            <span className="form-error footer-error" role="alert" data-testid="people-error">
              {error}
            </span>
          )}
          <button type="button" className="btn primary" onClick={onClose} data-testid="people-close">
            {t('common.close')}
          </button>
        </>
      }
    >
      <div className="people">
        <table className="people-table">
          <thead>
            <tr>
              <th>{t('people.name')}</th>
              {ROLES.map((r) => (
                <th key={r} className="people-role-h">
                  {roleLabel(r, lang)}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {members?.length === 0 && (
              <tr>
                <td colSpan={ROLES.length + 2} className="muted">
                  {t('people.empty')}
                </td>
              </tr>
            )}
            {members?.map((p) => (
              <MemberRow key={`${p.id}:${p.name}`} person={p} onUpdate={(patch) => update(p, patch)} />
            ))}
            <tr className="people-new">
              <td>
                <input
                  value={name}
                  placeholder={t('people.newName')}
                  aria-label={t('people.newName')}
                  data-testid="new-member-name"
                  maxLength={40}
                  onChange={(e) => setName(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault()
                      void add()
                    }
                  }}
                />
              </td>
              {ROLES.map((r) => (
                <td key={r} className="people-check">
                  <input
                    type="checkbox"
                    aria-label={`${t('people.newName')}：${roleLabel(r, lang)}`}
                    data-testid={`new-member-role-${r}`}
                    checked={roles.includes(r)}
                    onChange={(e) =>
                      setRoles((prev) =>
                        e.target.checked
                          ? ROLES.filter((x) => x === r || prev.includes(x))
                          : prev.filter((x) => x !== r),
                      )
                    }
                  />
                </td>
              ))}
              <td>
                <button type="button" className="btn small primary" data-testid="add-member" onClick={() => void add()}>
                  {t('people.add')}
                </button>
              </td>
            </tr>
          </tbody>
        </table>

        <h3 className="people-h">{t('people.policy.title')}</h3>
        <p className="muted people-note">{t('people.policy.hint')}</p>
        {policy && (
          <table className="people-table policy-table" data-testid="policy">
            <thead>
              <tr>
                <th />
                {ROLES.map((r) => (
                  <th key={r} className="people-role-h">
                    {roleLabel(r, lang)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {POLICY_ROWS.map((row) => (
                <tr key={row}>
                  <th scope="row">{policyLabel(row)}</th>
                  {ROLES.map((r) => (
                    <td key={r} className="people-check">
                      <input
                        type="checkbox"
                        aria-label={`${policyLabel(row)}：${roleLabel(r, lang)}`}
                        data-testid={`policy-${row}-${r}`}
                        checked={policy[row].includes(r)}
                        onChange={(e) =>
                          setPolicy({
                            ...policy,
                            [row]: e.target.checked
                              ? ROLES.filter((x) => x === r || policy[row].includes(x))
                              : policy[row].filter((x) => x !== r),
                          })
                        }
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="people-actions">
          <button
            type="button"
            className="btn small"
            disabled={!policyDirty}
            data-testid="policy-save"
            onClick={() => void savePolicy()}
          >
            {t('people.policy.save')}
          </button>
          {policy && !policyDirty && (
            <span className="muted" data-testid="policy-saved">
              {t('people.policy.saved')}
            </span>
          )}
        </div>
      </div>
    </Dialog>
  )
}

function MemberRow({
  person,
  onUpdate,
}: {
  person: Person
  onUpdate(patch: Partial<Pick<Person, 'name' | 'roles' | 'active'>>): Promise<boolean>
}) {
  const { t, lang } = useI18n()
  const [name, setName] = useState(person.name)
  // Ticked at once; the library's answer (or its refusal, reloaded) puts the truth back.
  const [ticked, setTicked] = useState<{ over: Role[]; roles: Role[] } | null>(null)
  // Compared by content: a reload that brings the same roles back (another change announced) keeps the tick.
  const roles = ticked && ticked.over.join() === person.roles.join() ? ticked.roles : person.roles
  const setRoles = (next: Role[]): void => setTicked({ over: person.roles, roles: next })
  const rename = (): void => {
    // Refused (a name already in use): the field shows the name the library keeps.
    if (name.trim() !== person.name) void onUpdate({ name: name.trim() }).then((done) => done || setName(person.name))
  }
  return (
    <tr className={person.active ? '' : 'inactive'} data-testid="member" data-name={person.name}>
      <td>
        <input
          value={name}
          aria-label={t('people.name')}
          data-testid="member-name"
          maxLength={40}
          disabled={!person.active}
          onChange={(e) => setName(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              rename()
            }
          }}
        />
      </td>
      {ROLES.map((r) => (
        <td key={r} className="people-check">
          <input
            type="checkbox"
            aria-label={`${person.name}：${roleLabel(r, lang)}`}
            data-testid={`member-role-${r}`}
            checked={roles.includes(r)}
            disabled={!person.active}
            onChange={(e) => {
              const next = e.target.checked
                ? ROLES.filter((x) => x === r || roles.includes(x))
                : roles.filter((x) => x !== r)
              setRoles(next)
              void onUpdate({ roles: next }).then((done) => done || setTicked(null))
            }}
          />
        </td>
      ))}
      <td>
        <button
          type="button"
          className="btn small ghost"
          data-testid="member-active"
          onClick={() => void onUpdate({ active: !person.active })}
        >
          {person.active ? t('people.deactivate') : t('people.reactivate')}
        </button>
      </td>
    </tr>
  )
}
