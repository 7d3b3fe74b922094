/**
 * Before the workbench: is the library open? If it could not be opened for writing (damaged,
 * read-only, disk full) the server wrote nothing; the editor is told why, in Chinese and English,
 * and offered the newest verified backup instead of a workbench full of errors.
 */
import { useEffect, useState, type ReactNode } from 'react'
import type { LibraryStatus, RestoreOutcome } from '@shared/api/types'
import { call, errorMessage } from '../../api'
import { useI18n } from '../../app/i18n'
import { contents, size, when } from './format'
import './library.css'

export function LibraryGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LibraryStatus | null>(null)
  useEffect(() => {
    // A server of an older build (or a failed call) has no status: go on to the workbench.
    call('library.status', {})
      .then(setStatus)
      .catch(() => setStatus({ state: 'ok' }))
  }, [])
  if (status === null) return null
  if (status.state === 'ok') return <>{children}</>
  return <RecoveryScreen status={status} />
}

function RecoveryScreen({ status }: { status: Extract<LibraryStatus, { state: 'unavailable' }> }) {
  const { t, lang, setLang } = useI18n()
  const [done, setDone] = useState<RestoreOutcome | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [newest, ...older] = status.backups

  const restore = async (file: string): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      setDone(await call('library.restore', { file }))
    } catch (e) {
      setError(errorMessage(e, lang))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="recovery" data-testid="recovery">
      <div className="recovery-card">
        <header className="recovery-head">
          <h1>{t('recovery.title')}</h1>
          <button type="button" className="btn small ghost" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('lang.switch')}
          </button>
        </header>
        <p className="recovery-why" data-testid="recovery-why">
          {status.error.message_zh}
        </p>
        <p className="recovery-why en" lang="en">
          {status.error.message_en}
        </p>
        <p className="muted">{t('recovery.untouched')}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {done ? (
          <>
            <p className="library-busy" role="status" data-testid="recovery-done">
              {t('recovery.done', { path: done.setAside ?? '' })}
            </p>
            <button
              type="button"
              className="btn primary"
              onClick={() => window.location.reload()}
              data-testid="recovery-open"
            >
              {t('recovery.open')}
            </button>
          </>
        ) : newest ? (
          <>
            <p>{t('recovery.offer', { when: when(newest.takenAt, lang), contents: contents(newest, t) })}</p>
            <button
              type="button"
              className="btn primary"
              disabled={busy}
              onClick={() => void restore(newest.file)}
              data-testid="recovery-restore"
            >
              {t('recovery.restore')}
            </button>
            {older.length > 0 && (
              <details className="recovery-others">
                <summary>{t('recovery.others')}</summary>
                <ul className="library-list">
                  {older.map((b) => (
                    <li key={b.file}>
                      <span>
                        {when(b.takenAt, lang)} · {t(`backup.kind.${b.reason}`)} · {contents(b, t)} · {size(b.bytes)}
                      </span>
                      <button type="button" className="btn small" disabled={busy} onClick={() => void restore(b.file)}>
                        {t('backup.restore')}
                      </button>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        ) : (
          <p>{t('recovery.none')}</p>
        )}
      </div>
    </main>
  )
}
