import { useEffect, useState } from 'react'
import type { Revision, RevisionSummary } from '@shared/api/types'
import { call, errorMessage } from '../../api'
import { useI18n } from '../../app/i18n'

/** Earlier versions of one article: look at any of them and put it back. */
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

  useEffect(() => {
    call('revision.list', { articleId })
      .then(setRevisions)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }, [articleId, lang])

  const show = (id: number): void => {
    call('revision.get', { id })
      .then(setShown)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }

  const restore = (): void => {
    if (!shown) return
    call('revision.restore', { id: shown.id })
      .then(onRestored)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }

  const time = (iso: string): string =>
    new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' })

  return (
    <aside className="revisions" data-testid="revisions" aria-label={t('revisions.title')}>
      <header className="pane-head">
        <h2>{t('revisions.title')}</h2>
        <button type="button" className="icon-btn visible" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      {error && <p className="form-error">{error}</p>}
      {revisions?.length === 0 && <p className="pane-empty">{t('revisions.none')}</p>}
      <ul className="list">
        {revisions?.map((r) => (
          <li
            key={r.id}
            className={`revision-item${shown?.id === r.id ? ' selected' : ''}`}
            data-testid="revision-item"
            onClick={() => show(r.id)}
          >
            <div>{time(r.createdAt)}</div>
            <div className="article-meta">
              <span>{t(`revisions.reason.${r.reason}`)}</span>
              <span>{t('articles.chars', { count: r.charCount })}</span>
            </div>
          </li>
        ))}
      </ul>
      {shown && (
        <div className="revision-preview">
          <div className="revision-headline">{shown.headline || t('articles.untitled')}</div>
          <div className="revision-text">{shown.bodyText}</div>
          <button type="button" className="btn primary small" onClick={restore} data-testid="restore-revision">
            {t('revisions.restore')}
          </button>
        </div>
      )}
    </aside>
  )
}
