/** 回收站: deleted issues and articles with when and what; restore one, or empty it after a backup. */
import { useEffect, useState } from 'react'
import type { TrashContents } from '@shared/api/types'
import { call, errorMessage } from '../../api'
import { ConfirmDialog, Dialog } from '../../app/Dialog'
import { useI18n } from '../../app/i18n'
import { when } from './format'
import './library.css'

export function TrashDialog({
  onClose,
  onRestored,
}: {
  onClose(): void
  /** Something came back: the issue (and article) to show. */
  onRestored(issueId: number, articleId: number | null): void
}) {
  const { t, lang } = useI18n()
  const [trash, setTrash] = useState<TrashContents | null>(null)
  const [confirm, setConfirm] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = (): void => {
    call('trash.list', {})
      .then(setTrash)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }
  // Loaded once when the dialog opens.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [])

  const untitled = t('articles.untitled')
  const restoreIssue = async (id: number, title: string): Promise<void> => {
    try {
      await call('issue.restore', { id })
      setNote(t('trash.restored', { title }))
      load()
      onRestored(id, null)
    } catch (e) {
      setError(errorMessage(e, lang))
    }
  }
  const restoreArticle = async (id: number, issueId: number, title: string): Promise<void> => {
    try {
      await call('article.restore', { id })
      setNote(t('trash.restored', { title }))
      load()
      onRestored(issueId, id)
    } catch (e) {
      setError(errorMessage(e, lang))
    }
  }
  const empty = async (): Promise<void> => {
    setConfirm(false)
    try {
      await call('trash.empty', {})
      setNote(t('trash.emptied'))
      load()
    } catch (e) {
      setError(errorMessage(e, lang))
    }
  }

  const nothing = trash !== null && trash.issues.length === 0 && trash.articles.length === 0
  const articleCount = (trash?.articles.length ?? 0) + (trash?.issues.reduce((n, i) => n + i.articleCount, 0) ?? 0)
  return (
    <>
      <Dialog
        title={t('trash.title')}
        wide
        testId="trash-dialog"
        onClose={onClose}
        footer={
          <>
            <button
              type="button"
              className="btn danger"
              disabled={nothing || trash === null}
              onClick={() => setConfirm(true)}
              data-testid="trash-empty"
            >
              {t('trash.emptyAll')}
            </button>
            <button type="button" className="btn primary" onClick={onClose}>
              {t('common.close')}
            </button>
          </>
        }
      >
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {note && (
          <p className="library-busy" role="status" data-testid="trash-note">
            {note}
          </p>
        )}
        {nothing && <p className="pane-empty">{t('trash.empty')}</p>}
        {trash && trash.issues.length > 0 && (
          <section>
            <h3 className="library-h">{t('trash.issues')}</h3>
            <ul className="library-list">
              {trash.issues.map((i) => {
                const title = [i.title, i.edition, i.number].filter(Boolean).join(' ')
                return (
                  <li key={`i${i.id}`} data-testid="trash-issue">
                    <div>
                      <div className="library-what">{title}</div>
                      <div className="muted">
                        {t('trash.issueArticles', { count: i.articleCount })} ·{' '}
                        {t('trash.deletedAt', { when: when(i.deletedAt, lang) })}
                      </div>
                    </div>
                    <button type="button" className="btn small" onClick={() => void restoreIssue(i.id, title)}>
                      {t('trash.restore')}
                    </button>
                  </li>
                )
              })}
            </ul>
          </section>
        )}
        {trash && trash.articles.length > 0 && (
          <section>
            <h3 className="library-h">{t('trash.articles')}</h3>
            <ul className="library-list">
              {trash.articles.map((a) => {
                const title = a.headline || untitled
                return (
                  <li key={`a${a.id}`} data-testid="trash-article">
                    <div>
                      <div className="library-what">
                        {a.kicker && <span className="muted">{a.kicker} · </span>}
                        {title}
                      </div>
                      <div className="muted">
                        {t('trash.inIssue', { issue: `${a.issueTitle} ${a.issueNumber}`.trim(), chars: a.charCount })} ·{' '}
                        {t('trash.deletedAt', { when: when(a.deletedAt, lang) })}
                      </div>
                    </div>
                    <button
                      type="button"
                      className="btn small"
                      onClick={() => void restoreArticle(a.id, a.issueId, title)}
                    >
                      {t('trash.restore')}
                    </button>
                  </li>
                )
              })}
            </ul>
          </section>
        )}
      </Dialog>
      {confirm && trash && (
        <ConfirmDialog
          title={t('trash.emptyAll')}
          message={t('trash.emptyConfirm', { issues: trash.issues.length, articles: articleCount })}
          confirmLabel={t('trash.emptyAll')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirm(false)}
          onConfirm={() => void empty()}
        />
      )}
    </>
  )
}
