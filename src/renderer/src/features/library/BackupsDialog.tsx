/**
 * 备份与恢复: every verified backup (time, kind, size, what it holds), a backup now, and a
 * restore that asks first, backs the current library up, replaces it and reloads the app.
 */
import { useEffect, useState } from 'react'
import type { BackupInfo } from '@shared/api/types'
import { call, errorMessage } from '../../api'
import { ConfirmDialog, Dialog } from '../../app/Dialog'
import { useI18n } from '../../app/i18n'
import { flushAll } from '../editor/savers'
import { contents, size, when } from './format'
import './library.css'

export function BackupsDialog({ onClose }: { onClose(): void }) {
  const { t, lang } = useI18n()
  const [backups, setBackups] = useState<BackupInfo[] | null>(null)
  const [confirm, setConfirm] = useState<BackupInfo | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = (): void => {
    call('library.backups', {})
      .then(setBackups)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }
  // Loaded once when the dialog opens.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [])

  const backUpNow = async (): Promise<void> => {
    setBusy(t('backup.now'))
    setError(null)
    try {
      await flushAll()
      await call('library.backup', {})
      load()
    } catch (e) {
      setError(errorMessage(e, lang))
    } finally {
      setBusy(null)
    }
  }

  const restore = async (backup: BackupInfo): Promise<void> => {
    setConfirm(null)
    setBusy(t('backup.restoring'))
    setError(null)
    try {
      // What is being typed goes into the library (and so into the safety backup) first.
      await flushAll()
      await call('library.restore', { file: backup.file })
      setBusy(t('backup.restored', { when: when(backup.takenAt, lang) }))
      window.location.reload()
    } catch (e) {
      setBusy(null)
      setError(errorMessage(e, lang))
    }
  }

  const dir = backups?.[0]?.path.replace(/[/\\][^/\\]+$/, '') ?? ''
  return (
    <>
      <Dialog
        title={t('backup.title')}
        wide
        testId="backups-dialog"
        onClose={onClose}
        footer={
          <>
            <button type="button" className="btn" onClick={() => void backUpNow()} disabled={busy !== null}>
              {t('backup.now')}
            </button>
            <button type="button" className="btn primary" onClick={onClose}>
              {t('common.close')}
            </button>
          </>
        }
      >
        {dir && <p className="muted">{t('backup.intro', { dir })}</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {busy && (
          <p className="library-busy" role="status">
            {busy}
          </p>
        )}
        {backups?.length === 0 && <p className="pane-empty">{t('backup.empty')}</p>}
        {backups && backups.length > 0 && (
          <table className="data-table library-table" data-testid="backup-list">
            <thead>
              <tr>
                <th>{t('backup.col.when')}</th>
                <th>{t('backup.col.kind')}</th>
                <th>{t('backup.col.contents')}</th>
                <th className="num">{t('backup.col.size')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.file} data-testid="backup-row" data-file={b.file} title={b.path}>
                  <td>{when(b.takenAt, lang)}</td>
                  <td>{t(`backup.kind.${b.reason}`)}</td>
                  <td>{contents(b, t)}</td>
                  <td className="num">{size(b.bytes)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="btn small"
                      disabled={busy !== null}
                      onClick={() => setConfirm(b)}
                      data-testid="backup-restore"
                    >
                      {t('backup.restore')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Dialog>
      {confirm && (
        <ConfirmDialog
          title={t('backup.restoreTitle')}
          message={t('backup.restoreConfirm', { when: when(confirm.takenAt, lang), contents: contents(confirm, t) })}
          confirmLabel={t('backup.restore')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => void restore(confirm)}
        />
      )}
    </>
  )
}
