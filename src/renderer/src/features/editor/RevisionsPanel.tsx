import { useCallback, useEffect, useState } from 'react'
import type { DiffPart } from '@shared/api/review-types'
import type { Revision, RevisionSummary } from '@shared/api/types'
import { call, errorMessage } from '../../api'
import { useI18n } from '../../app/i18n'
import { useLive } from '../../app/live'
import { DiffModeToggle, DiffView, type DiffMode } from '../review/DiffView'
import '../review/review.css'

/**
 * Earlier versions of one article: each with its time, who, why and the review stage it was at;
 * look at any of them and put it back (a restore is itself a new revision), or tick two — or one,
 * against the current text — to see what changed, inline or side by side.
 */
export function RevisionsPanel({
  articleId,
  onRestored,
  onClose,
}: {
  articleId: number
  onRestored(): void
  onClose(): void
}) {
  const { t, lang } = useI18n()
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null)
  const [shown, setShown] = useState<Revision | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** Ticked for comparison, at most two, in the order ticked. */
  const [picked, setPicked] = useState<number[]>([])
  const [diff, setDiff] = useState<{ key: string; parts: DiffPart[] } | null>(null)
  const [mode, setMode] = useState<DiffMode>('inline')

  const load = useCallback(() => {
    call('revision.list', { articleId })
      .then(setRevisions)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }, [articleId, lang])
  useEffect(load, [load])
  // A revision kept elsewhere (a sign-off in another window) shows up here too.
  useLive({ topics: ['revisions'], articleId }, load)

  // Older → newer; one ticked compares it with the text as it is now.
  const byAge = [...picked].sort((a, b) => a - b)
  const from = byAge[0]
  const to: number | 'current' | undefined = byAge.length === 2 ? byAge[1] : from !== undefined ? 'current' : undefined
  const key = from === undefined ? '' : `${from}:${to}`
  useEffect(() => {
    if (from === undefined || to === undefined) return
    let live = true
    call('revision.diff', { articleId, from, to })
      .then((parts) => live && setDiff({ key: `${from}:${to}`, parts }))
      .catch((e: unknown) => live && setError(errorMessage(e, lang)))
    return () => {
      live = false
    }
  }, [articleId, from, to, lang])

  const show = (id: number): void => {
    call('revision.get', { id })
      .then(setShown)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }

  const pick = (id: number, on: boolean): void =>
    setPicked((prev) => (on ? [...prev.filter((x) => x !== id), id].slice(-2) : prev.filter((x) => x !== id)))

  const restore = (): void => {
    if (!shown) return
    call('revision.restore', { id: shown.id })
      .then(onRestored)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }

  const time = (iso: string): string =>
    new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' })
  const label = (id: number | 'current'): string => {
    if (id === 'current') return t('revisions.current')
    const r = revisions?.find((x) => x.id === id)
    return r ? time(r.createdAt) : `#${id}`
  }

  const comparing = from !== undefined
  return (
    <aside
      className={`revisions${comparing ? ' comparing' : ''}${comparing && mode === 'side' ? ' side' : ''}`}
      data-testid="revisions"
      aria-label={t('revisions.title')}
    >
      <header className="pane-head">
        <h2>{t('revisions.title')}</h2>
        <button type="button" className="icon-btn visible" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      {error && <p className="form-error">{error}</p>}
      {revisions?.length === 0 && <p className="pane-empty">{t('revisions.none')}</p>}
      {revisions && revisions.length > 0 && <p className="revisions-hint muted">{t('revisions.compareHint')}</p>}
      <ul className="list revisions-list">
        {revisions?.map((r) => (
          <li
            key={r.id}
            className={`revision-item${shown?.id === r.id ? ' selected' : ''}${picked.includes(r.id) ? ' picked' : ''}`}
            data-testid="revision-item"
            data-revision-id={r.id}
            onClick={() => show(r.id)}
          >
            <div className="revision-top">
              <input
                type="checkbox"
                aria-label={t('revisions.compare', { when: time(r.createdAt) })}
                data-testid="revision-compare"
                checked={picked.includes(r.id)}
                onClick={(e) => e.stopPropagation()}
                onChange={(e) => pick(r.id, e.target.checked)}
              />
              <span>{time(r.createdAt)}</span>
              {r.by && <span className="revision-by">{r.by.name}</span>}
            </div>
            <div className="article-meta">
              <span>{t(`revisions.reason.${r.reason}`)}</span>
              {r.stage && (
                <span className={`revision-stage st-${r.stage}`} data-testid="revision-stage">
                  {t(`review.stage.${r.stage}`)}
                </span>
              )}
              <span>{t('articles.chars', { count: r.charCount })}</span>
            </div>
          </li>
        ))}
      </ul>
      {comparing && to !== undefined && (
        <div className="revision-compare" data-testid="revision-compare-view">
          <div className="revision-compare-h">
            <span>
              {label(from)} → {label(to)}
            </span>
            <DiffModeToggle mode={mode} onMode={setMode} />
          </div>
          <div className="revision-diff">
            {diff?.key === key ? <DiffView parts={diff.parts} mode={mode} testId="revision-diff" /> : '…'}
          </div>
        </div>
      )}
      {shown && !comparing && (
        <div className="revision-preview">
          <div className="revision-headline">{shown.headline || t('articles.untitled')}</div>
          <div className="revision-text">{shown.bodyText}</div>
          <button type="button" className="btn primary small" onClick={restore} data-testid="restore-revision">
            {t('revisions.restore')}
          </button>
        </div>
      )}
      {shown && comparing && (
        <div className="revision-restore-line">
          <span className="muted">{time(shown.createdAt)}</span>
          <button type="button" className="btn primary small" onClick={restore} data-testid="restore-revision">
            {t('revisions.restore')}
          </button>
        </div>
      )}
    </aside>
  )
}
