/**
 * Who is working: the header chip (name · role, a menu to switch or to open 编辑部成员) and, at
 * start, when the library has members, a small dialog asking who it is — the last choice in this
 * library preselected, one click or Enter. A library without members is never blocked.
 */
import { useEffect, useRef, useState } from 'react'
import type { Person } from '@shared/api/review-types'
import { errorMessage } from '../../api'
import { Dialog } from '../../app/Dialog'
import { useI18n } from '../../app/i18n'
import { useLive } from '../../app/live'
import { Popup } from '../../app/Popup'
import {
  actorStore,
  chooseActor,
  membersStore,
  peoplePanelStore,
  personLabel,
  reloadMembers,
  rememberedActor,
  rolesLabel,
  useActor,
  useMembers,
} from './actor'
import { PeoplePanel } from './PeoplePanel'
import { useStore } from '../../editor/store'
import './people.css'

export function ActorChip() {
  const { t, lang } = useI18n()
  const actor = useActor()
  const members = useMembers()
  const [asking, setAsking] = useState<{ preselect: Person | null } | null>(null)
  const [menu, setMenu] = useState(false)
  const panel = useStore(peoplePanelStore)
  const setPanel = peoplePanelStore.set
  const [error, setError] = useState<string | null>(null)
  const chipRef = useRef<HTMLSpanElement>(null)

  useEffect(() => {
    let live = true
    reloadMembers()
      .then(async (list) => {
        const active = list.filter((p) => p.active)
        if (!live || active.length === 0) return
        setAsking({ preselect: (await rememberedActor(list)) ?? active[0] ?? null })
      })
      .catch((e: unknown) => live && setError(errorMessage(e, lang)))
    return () => {
      live = false
    }
    // Asked once, at start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Members changed in another window: the chip and the menu follow.
  useLive({ topics: ['people'] }, () => void reloadMembers().catch(() => undefined))

  // The menu closes on a click elsewhere or Esc.
  useEffect(() => {
    if (!menu) return
    const onDown = (e: MouseEvent): void => {
      if (!chipRef.current?.contains(e.target as Node)) setMenu(false)
    }
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setMenu(false)
    }
    document.addEventListener('mousedown', onDown)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('mousedown', onDown)
      document.removeEventListener('keydown', onKey)
    }
  }, [menu])

  const active = (members ?? []).filter((p) => p.active)
  const choose = (person: Person | null): void => {
    setAsking(null)
    setMenu(false)
    void chooseActor(person)
  }

  return (
    <span className="actor" ref={chipRef}>
      <button
        type="button"
        className={`actor-chip${actor ? '' : ' none'}`}
        data-testid="actor-chip"
        aria-haspopup="menu"
        aria-expanded={menu}
        title={error ?? t('people.chipHint')}
        onClick={() => (active.length === 0 ? setPanel(true) : setMenu((v) => !v))}
      >
        {actor ? personLabel(actor, lang) : t('people.noActor')}
      </button>
      {members !== null && active.length === 0 && (
        <button type="button" className="link actor-add" data-testid="add-members" onClick={() => setPanel(true)}>
          {t('people.addMembers')}
        </button>
      )}
      {menu && (
        <Popup className="actor-menu" role="menu" data-testid="actor-menu">
          {active.map((p) => (
            <button
              key={p.id}
              type="button"
              role="menuitemradio"
              aria-checked={actor?.id === p.id}
              className="actor-option"
              data-testid="actor-option"
              onClick={() => choose(p)}
            >
              {personLabel(p, lang)}
            </button>
          ))}
          <hr />
          <button
            type="button"
            role="menuitem"
            className="actor-option"
            data-testid="open-people"
            onClick={() => {
              setMenu(false)
              setPanel(true)
            }}
          >
            {t('people.title')}…
          </button>
        </Popup>
      )}
      {asking && <WhoIsWorking members={active} preselect={asking.preselect} onChoose={choose} />}
      {panel && (
        <PeoplePanel
          onClose={() => {
            setPanel(false)
            // Members were just added and nobody is acting: ask, as at start.
            const now = (membersStore.get() ?? []).filter((p) => p.active)
            if (!actorStore.get() && now.length > 0) setAsking({ preselect: now[0] ?? null })
          }}
        />
      )}
    </span>
  )
}

function WhoIsWorking({
  members,
  preselect,
  onChoose,
}: {
  members: Person[]
  preselect: Person | null
  onChoose(person: Person | null): void
}) {
  const { t, lang } = useI18n()
  const [selected, setSelected] = useState<number | null>(preselect?.id ?? null)
  const chosen = members.find((p) => p.id === selected) ?? null
  // The dialog opens (showModal, in the parent's effect) after this mounts and focuses its first
  // control: the preselected member takes the focus once it is open, so Enter takes it.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (preselect) document.getElementById(`who-${preselect.id}`)?.focus()
    })
    return () => cancelAnimationFrame(frame)
  }, [preselect])
  // Enter takes the preselected member even before the focus has reached the list (a button
  // with the focus answers Enter itself).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Enter' || e.isComposing || !chosen) return
      if (e.target instanceof HTMLElement && e.target.closest('button, textarea, input')) return
      e.preventDefault()
      onChoose(chosen)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [chosen, onChoose])
  return (
    <Dialog
      title={t('people.whoTitle')}
      testId="who-dialog"
      onClose={() => onChoose(null)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => onChoose(null)}>
            {t('people.later')}
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={!chosen}
            data-testid="who-confirm"
            onClick={() => onChoose(chosen)}
          >
            {t('people.start')}
          </button>
        </>
      }
    >
      <p className="muted">{t('people.whoHint')}</p>
      <div
        className="who-list"
        role="listbox"
        aria-label={t('people.whoTitle')}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && chosen) {
            e.preventDefault()
            onChoose(chosen)
          }
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault()
            const at = members.findIndex((p) => p.id === selected)
            const next = members[(at + (e.key === 'ArrowDown' ? 1 : members.length - 1)) % members.length]
            if (next) {
              setSelected(next.id)
              document.getElementById(`who-${next.id}`)?.focus()
            }
          }
        }}
      >
        {members.map((p) => (
          <button
            key={p.id}
            id={`who-${p.id}`}
            type="button"
            role="option"
            aria-selected={p.id === selected}
            className={`who-option${p.id === selected ? ' selected' : ''}`}
            data-testid="who-option"
            onFocus={() => setSelected(p.id)}
            onClick={() => onChoose(p)}
          >
            <span className="who-name">{p.name}</span>
            <span className="who-roles">{rolesLabel(p.roles, lang)}</span>
          </button>
        ))}
      </div>
    </Dialog>
  )
}

/** The settings entry for 编辑部成员 (under the issues, beside 备份与恢复 and 回收站). */
export function PeopleLink() {
  const { t } = useI18n()
  return (
    <button
      type="button"
      className="link"
      onClick={() => peoplePanelStore.set(true)}
      data-testid="open-people-settings"
    >
      {t('people.title')}
    </button>
  )
}
