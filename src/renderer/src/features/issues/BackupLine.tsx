/**
 * The library's safety line under the issues: when it was last copied (a copy is made every
 * day the library is opened, and before schema upgrades) and a button to make one now.
 */
import { useEffect, useState } from 'react'
import type { BackupInfo } from '@shared/api/types'
import { call, errorMessage } from '../../api'
import { useI18n } from '../../app/i18n'

export function BackupLine() {
  const { t, lang } = useI18n()
  const [latest, setLatest] = useState<BackupInfo | null>(null)
  const [state, setState] = useState<'idle' | 'working' | 'done'>('idle')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    call('library.backups', {})
      .then((list) => setLatest(list[0] ?? null))
      .catch(() => setLatest(null))
  }, [])

  const backUp = async (): Promise<void> => {
    setState('working')
    setError(null)
    try {
      setLatest(await call('library.backup', {}))
      setState('done')
    } catch (e) {
      setError(errorMessage(e, lang))
      setState('idle')
    }
  }

  const when = latest
    ? new Date(latest.takenAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      })
    : null
  return (
    <footer className="pane-foot backup-line" data-testid="backup-line">
      <span className="muted" title={latest?.path}>
        {state === 'done'
          ? t('backup.done', { when: when ?? '' })
          : when
            ? t('backup.last', { when })
            : t('backup.none')}
      </span>
      <button
        type="button"
        className="link"
        disabled={state === 'working'}
        onClick={() => void backUp()}
        data-testid="backup-now"
      >
        {t('backup.now')}
      </button>
      {error && <p className="form-error">{error}</p>}
    </footer>
  )
}
