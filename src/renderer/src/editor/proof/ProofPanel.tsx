/**
 * The 校对 panel beside the text (a 标注 | 校对 switch with the tags panel): the findings of the
 * article, windowed; the selected one with its rule and standard; 修改 one, 全部修改 (every safe
 * fix, one undo step), 忽略 one, switch a rule off for the article or the library — both kept in the
 * library (proof/settings.ts), so the 校对报告 and the next opening honour them.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { getRule, type Category } from '@shared/proof'
import { useI18n, type MessageKey } from '../../app/i18n'
import { useStore } from '../store'
import { errorMessage } from '../../api'
import { ignoreKey, type ProofItem } from './proofs'
import type { ProofSession } from './session'
import { setIgnored, switchRule } from './settings'

export type SidePanel = 'tags' | 'proof'

const CATEGORY_KEY: Record<Category, MessageKey> = {
  标点: 'proof.cat.punct',
  数字: 'proof.cat.number',
  计量单位: 'proof.cat.unit',
  字词: 'proof.cat.word',
  规范表述: 'proof.cat.usage',
  体例: 'proof.cat.house',
}

/** The switch between the side panels, in each panel's head. */
export function SideTabs({ side, onSide }: { side: SidePanel; onSide(side: SidePanel): void }) {
  const { t } = useI18n()
  const tab = (key: SidePanel, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={side === key}
      className={`side-tab${side === key ? ' active' : ''}`}
      data-testid={`side-${key}`}
      onClick={() => onSide(key)}
    >
      {label}
    </button>
  )
  return (
    <div className="side-tabs" role="tablist">
      {tab('tags', t('tags.title'))}
      {tab('proof', t('proof.title'))}
    </div>
  )
}

export function ProofPanel({ session, tabs, onClose }: { session: ProofSession; tabs: ReactNode; onClose(): void }) {
  const { t, lang } = useI18n()
  const items = useStore(session.items)
  const activeId = useStore(session.active)
  const ignored = useStore(session.ignored)
  // A note on the last action, shown until the findings change again (an undo, more typing).
  const [note, setNote] = useState<{ key: MessageKey; count: number; items: ProofItem[] } | null>(null)
  const active = activeId === null ? undefined : items.find((i) => i.id === activeId)
  const safe = items.filter((i) => i.fixKind === 'safe' && i.canFix).length

  // Rows get callbacks that never change, so a row renders again only when its finding does.
  const [error, setError] = useState<string | null>(null)
  const latest = useRef({ session, lang })
  useLayoutEffect(() => {
    latest.current = { session, lang }
  })
  // setError never changes: rows' callbacks reach it through a ref that is never reassigned.
  const showError = useRef(setError)
  const fixOne = useCallback((item: ProofItem) => {
    const { session } = latest.current
    if (!session.actions.fix(item)) setNote({ key: 'proof.moved', count: 0, items: session.items.get() })
  }, [])
  const ignoreOne = useCallback((item: ProofItem) => {
    const { session, lang } = latest.current
    showError.current(null)
    setIgnored(session, [ignoreKey(item)], true).catch((e: unknown) => showError.current(errorMessage(e, lang)))
  }, [])
  const failed = (e: unknown): void => setError(errorMessage(e, lang))
  const ruleSwitch = (rule: string, scope: 'article' | 'library', on: boolean): void => {
    setError(null)
    switchRule(session, rule, scope, on).catch(failed)
  }
  const offLibrary = useStore(session.offLibrary)
  const offArticle = useStore(session.offArticle)
  const ruleName = (id: string): string => {
    const r = getRule(id)
    return r ? (lang === 'zh' ? r.message_zh : r.message_en) : id
  }
  const selectOne = useCallback((item: ProofItem) => latest.current.session.actions.select(item, true), [])

  const rule = active ? getRule(active.rule) : undefined
  const sameRule = active ? items.filter((i) => i.rule === active.rule && i.canFix).length : 0
  return (
    <aside className="side-panel proof-panel" data-testid="proof-panel" aria-label={t('proof.title')}>
      <header className="pane-head">
        {tabs}
        <button type="button" className="icon-btn visible" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="proof-summary">
        <span data-testid="proof-count" data-count={items.length}>
          {items.length === 0 ? t('proof.clean') : t('proof.count', { count: items.length, safe })}
        </span>
        <button
          type="button"
          className="btn small primary"
          disabled={safe === 0}
          title={t('proof.fixAllHint')}
          data-testid="proof-fix-all"
          onClick={() => {
            const applied = session.actions.fixAll()
            setNote({ key: 'proof.fixedAll', count: applied, items: session.items.get() })
          }}
        >
          {t('proof.fixAll')}
        </button>
      </div>
      <p className="proof-keys muted">{t('proof.keys')}</p>
      {note && note.items === items && (
        <p className="proof-note" data-testid="proof-note">
          {t(note.key, { count: note.count })}
        </p>
      )}
      {active && (
        <section className="proof-current" data-testid="proof-current">
          <div className="proof-current-head">
            <span className={`badge proof-cat`}>{t(CATEGORY_KEY[active.category])}</span>
            <Change item={active} />
          </div>
          <p className="proof-message">{lang === 'zh' ? active.message_zh : active.message_en}</p>
          {rule && (
            <p className="muted proof-standard">
              {rule.standard} {rule.clause} · {t(`proof.kind.${rule.fix ?? 'none'}`)}
            </p>
          )}
          <div className="tag-actions">
            {active.canFix && (
              <button
                type="button"
                className="btn small primary"
                data-testid="proof-current-fix"
                onClick={() => fixOne(active)}
              >
                {t('proof.fix')}
              </button>
            )}
            <button type="button" className="btn small" onClick={() => ignoreOne(active)}>
              {t('proof.ignore')}
            </button>
            <button
              type="button"
              className="btn small"
              title={t('proof.offArticleHint')}
              data-testid="proof-off-article"
              onClick={() => ruleSwitch(active.rule, 'article', false)}
            >
              {t('proof.offArticle')}
            </button>
            <button
              type="button"
              className="btn small"
              title={t('proof.offLibraryHint')}
              data-testid="proof-off-library"
              onClick={() => ruleSwitch(active.rule, 'library', false)}
            >
              {t('proof.offLibrary')}
            </button>
            {sameRule > 1 && (
              <button
                type="button"
                className="btn small"
                data-testid="proof-fix-rule"
                onClick={() => {
                  const applied = session.actions.fixRule(active.rule)
                  setNote({ key: 'proof.fixedAll', count: applied, items: session.items.get() })
                }}
              >
                {t('proof.fixRule', { count: sameRule })}
              </button>
            )}
            <span className="proof-nav">
              <button type="button" className="link" title="Shift+F8" onClick={() => session.actions.step(-1)}>
                {t('proof.prev')}
              </button>
              <button type="button" className="link" title="F8" onClick={() => session.actions.step(1)}>
                {t('proof.next')}
              </button>
            </span>
          </div>
        </section>
      )}
      <div className="side-scroll">
        <FindingList items={items} activeId={activeId} onSelect={selectOne} onFix={fixOne} onIgnore={ignoreOne} />
      </div>
      {error && <p className="form-error">{error}</p>}
      {ignored.size > 0 && (
        <footer className="proof-foot muted">
          {t('proof.ignored', { count: ignored.size })}
          <button
            type="button"
            className="link"
            data-testid="proof-unignore"
            onClick={() => {
              setError(null)
              setIgnored(session, [...ignored], false).catch(failed)
            }}
          >
            {t('proof.unignore')}
          </button>
        </footer>
      )}
      {offLibrary.size + offArticle.size > 0 && (
        <footer className="proof-foot muted" data-testid="proof-rules-off">
          {t('proof.rulesOff')}
          {[...offArticle].map((id) => (
            <button
              key={`a:${id}`}
              type="button"
              className="link"
              title={t('proof.ruleOn', { rule: ruleName(id) })}
              onClick={() => ruleSwitch(id, 'article', true)}
            >
              {t('proof.ruleOffArticle', { rule: ruleName(id) })} ✕
            </button>
          ))}
          {[...offLibrary].map((id) => (
            <button
              key={`l:${id}`}
              type="button"
              className="link"
              title={t('proof.ruleOn', { rule: ruleName(id) })}
              onClick={() => ruleSwitch(id, 'library', true)}
            >
              {t('proof.ruleOffLibrary', { rule: ruleName(id) })} ✕
            </button>
          ))}
        </footer>
      )}
    </aside>
  )
}

/** 原文 → 修改, or why there is no fix. */
function Change({ item }: { item: ProofItem }) {
  const { t } = useI18n()
  const shown = (s: string): string => (s === '' ? t('proof.nothing') : s)
  return (
    <span className="proof-change">
      <span className="proof-from">{shown(item.text)}</span>
      {item.fix !== null && item.fix !== item.text ? (
        <>
          {' → '}
          <span className="proof-to">{shown(item.fix)}</span>
        </>
      ) : null}
      {item.inTag && <span className="muted"> {t('proof.inTag')}</span>}
      {!item.inTag && item.fix === null && <span className="muted"> {t('proof.flagOnly')}</span>}
    </span>
  )
}

/** Fixed row height (proof.css .proof-list li): the list renders only the rows in view. */
const ROW_PX = 54
const OVERSCAN = 15
const FIRST_WINDOW = 30

function FindingList({
  items,
  activeId,
  onSelect,
  onFix,
  onIgnore,
}: {
  items: ProofItem[]
  activeId: string | null
  onSelect(item: ProofItem): void
  onFix(item: ProofItem): void
  onIgnore(item: ProofItem): void
}) {
  const { t } = useI18n()
  const list = useRef<HTMLUListElement>(null)
  const [view, setView] = useState({ first: 0, last: FIRST_WINDOW })
  const measure = useCallback(() => {
    const ul = list.current
    const scroller = ul?.parentElement
    if (!ul || !scroller) return
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_PX) - OVERSCAN)
    const last = Math.max(first, Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW_PX) + OVERSCAN)
    setView((prev) => (prev.first === first && prev.last === last ? prev : { first, last }))
  }, [])
  useEffect(() => {
    const scroller = list.current?.parentElement
    if (!scroller) return
    scroller.addEventListener('scroll', measure, { passive: true })
    const observer = new ResizeObserver(measure)
    observer.observe(scroller)
    return () => {
      scroller.removeEventListener('scroll', measure)
      observer.disconnect()
    }
  }, [measure])
  // The list starts at the top of its scroller: the window depends on the scroll and the
  // scroller's size only (the ResizeObserver reports both sizes, first when it starts observing).

  // The selected finding (F8, a click) is scrolled into the list's view.
  useEffect(() => {
    const scroller = list.current?.parentElement
    const index = activeId === null ? -1 : items.findIndex((i) => i.id === activeId)
    if (!scroller || index < 0) return
    const top = index * ROW_PX
    if (top < scroller.scrollTop || top + ROW_PX > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTo({ top: Math.max(0, top - scroller.clientHeight / 3) })
  }, [activeId, items])

  const first = Math.min(view.first, items.length)
  const last = Math.min(view.last, items.length)
  return (
    <>
      {items.length === 0 && <p className="muted proof-empty">{t('proof.none')}</p>}
      <ul
        ref={list}
        className="proof-list"
        style={{ paddingTop: first * ROW_PX, paddingBottom: (items.length - last) * ROW_PX }}
      >
        {items.slice(first, last).map((item) => (
          <FindingRow
            key={item.id}
            item={item}
            active={item.id === activeId}
            onSelect={onSelect}
            onFix={onFix}
            onIgnore={onIgnore}
          />
        ))}
      </ul>
    </>
  )
}

const FindingRow = memo(function FindingRow({
  item,
  active,
  onSelect,
  onFix,
  onIgnore,
}: {
  item: ProofItem
  active: boolean
  onSelect(item: ProofItem): void
  onFix(item: ProofItem): void
  onIgnore(item: ProofItem): void
}) {
  const { t, lang } = useI18n()
  const message = lang === 'zh' ? item.message_zh : item.message_en
  return (
    <li
      data-testid="proof-finding"
      data-id={item.id}
      data-rule={item.rule}
      data-fix={item.canFix ? (item.fixKind ?? 'none') : 'none'}
      className={active ? 'active' : undefined}
      title={message}
      onClick={() => onSelect(item)}
    >
      <span className="badge proof-cat">{t(CATEGORY_KEY[item.category])}</span>
      <span className="proof-context">
        {item.inCaption && <span className="muted">{t('tags.inCaption')} · </span>}
        {item.before}
        <mark>{item.text === '' ? '‸' : item.text}</mark>
        {item.after}
      </span>
      <span className="proof-detail">
        <Change item={item} />
        <span className="muted"> · {message}</span>
      </span>
      <span className="proof-actions" onClick={(e) => e.stopPropagation()}>
        {item.canFix && (
          <button type="button" className="link" data-testid="proof-fix" onClick={() => onFix(item)}>
            {t('proof.fix')}
          </button>
        )}
        <button type="button" className="link" data-testid="proof-ignore" onClick={() => onIgnore(item)}>
          {t('proof.ignore')}
        </button>
      </span>
    </li>
  )
})
