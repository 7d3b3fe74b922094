/**
 * The library's safety line under the issues: when it was last copied (a copy is made every
 * day the library is opened, and before schema upgrades), a failed automatic copy, a button to
 * make one now, and the doors to 备份与恢复 and 回收站.
 */
import { useEffect, useState } from 'react'
import type { BackupInfo, LibraryInfo } from '@shared/api/types'
import { call, errorMessage } from '../../api'
import { useI18n } from '../../app/i18n'
import { BackupsDialog } from '../library/BackupsDialog'
import { TrashDialog } from '../library/TrashDialog'
// 三审三校: the settings entry for 编辑部成员
import { PeopleLink } from '../people/ActorChip'

export function BackupLine({ onRestored }: { onRestored(issueId: number, articleId: number | null): void }) {
  const { t, lang } = useI18n()
  const [latest, setLatest] = useState<BackupInfo | null>(null)
  const [failure, setFailure] = useState<LibraryInfo['backupFailure']>(null)
  const [state, setState] = useState<'idle' | 'working' | 'done'>('idle')
  const [error, setError] = useState<string | null>(null)
  const [open, setOpen] = useState<'backups' | 'trash' | null>(null)

  const refresh = (): void => {
    call('library.backups', {})
      .then((list) => setLatest(list[0] ?? null))
      .catch(() => setLatest(null))
  }
  useEffect(() => {
    refresh()
    call('library.info', {})
      .then((info) => setFailure(info.backupFailure ?? null))
      .catch(() => setFailure(null))
  }, [])

  const backUp = async (): Promise<void> => {
    setState('working')
    setError(null)
    try {
      setLatest(await call('library.backup', {}))
      setFailure(null)
      setState('done')
    } catch (e) {
      setError(errorMessage(e, lang))
      setState('idle')
    }
  }

  const at = (iso: string): string =>
    new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    })
  const when = latest ? at(latest.takenAt) : null
  return (
    <footer className="pane-foot backup-line" data-testid="backup-line">
      <span className="muted" title={latest?.path}>
        {state === 'done'
          ? t('backup.done', { when: when ?? '' })
          : when
            ? t('backup.last', { when })
            : t('backup.none')}
      </span>
      <span className="backup-links">
        <button
          type="button"
          className="link"
          disabled={state === 'working'}
          onClick={() => void backUp()}
          data-testid="backup-now"
        >
          {t('backup.now')}
        </button>
        <button type="button" className="link" onClick={() => setOpen('backups')} data-testid="open-backups">
          {t('backup.manage')}
        </button>
        <button type="button" className="link" onClick={() => setOpen('trash')} data-testid="open-trash">
          {t('trash.open')}
        </button>
        <PeopleLink />
      </span>
      {failure && (
        <p className="backup-failed" role="alert" data-testid="backup-failed">
          {t('backup.failed', {
            when: at(failure.at),
            message: lang === 'zh' ? failure.message_zh : failure.message_en,
          })}
        </p>
      )}
      {error && <p className="form-error">{error}</p>}
      {open === 'backups' && (
        <BackupsDialog
          onClose={() => {
            setOpen(null)
            refresh()
          }}
        />
      )}
      {open === 'trash' && <TrashDialog onClose={() => setOpen(null)} onRestored={onRestored} />}
    </footer>
  )
}
