import type { BackupInfo } from '@shared/api/types'
import type { Lang, Translate } from '../../app/i18n'

export function when(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })
}

export function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

export function contents(backup: BackupInfo, t: Translate): string {
  return t('backup.contents', { issues: backup.issues, articles: backup.articles })
}
