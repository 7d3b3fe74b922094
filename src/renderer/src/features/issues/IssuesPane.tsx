import { useState } from 'react'
import type { Issue } from '@shared/api/types'
import { useI18n } from '../../app/i18n'
import { ReportDialog } from '../proof/ReportDialog'
import { BackupLine } from './BackupLine'

export function IssuesPane({
  issues,
  selectedId,
  onSelect,
  onNew,
  onEdit,
  onDelete,
  onImport,
  onOpenSample,
  onRestored,
  onOpenArticle,
}: {
  /** Opens an article in the editor (from the 校对报告). */
  onOpenArticle(issueId: number, articleId: number): void
  /** Something came back from the trash. */
  onRestored(issueId: number, articleId: number | null): void
  onImport(): void
  onOpenSample(): void
  issues: Issue[]
  selectedId: number | null
  onSelect(id: number): void
  onNew(): void
  onEdit(issue: Issue): void
  onDelete(issue: Issue): void
}) {
  const { t } = useI18n()
  const [reportFor, setReportFor] = useState<number | null>(null)
  return (
    <section className="pane pane-issues" aria-label={t('issues.title')}>
      <header className="pane-head">
        <h2>{t('issues.title')}</h2>
        <span className="pane-actions">
          <button type="button" className="btn small" onClick={onImport} data-testid="import">
            {t('import.button')}
          </button>
          <button type="button" className="btn small primary" onClick={onNew} data-testid="new-issue">
            ＋ {t('issues.new')}
          </button>
        </span>
      </header>
      {issues.length === 0 ? (
        <div className="pane-empty">
          <p>{t('issues.empty')}</p>
          <p className="muted">{t('sample.hint')}</p>
          <button type="button" className="btn small" onClick={onOpenSample} data-testid="open-sample">
            {t('sample.open')}
          </button>
          <p className="muted">{t('import.dropHint')}</p>
        </div>
      ) : (
        <ul className="list" role="listbox" aria-label={t('issues.title')}>
          {issues.map((issue) => (
            <li
              key={issue.id}
              role="option"
              aria-selected={issue.id === selectedId}
              className={`issue-item${issue.id === selectedId ? ' selected' : ''}`}
              data-testid="issue-item"
              tabIndex={0}
              onClick={() => onSelect(issue.id)}
              onKeyDown={(e) => e.key === 'Enter' && onSelect(issue.id)}
            >
              <div className="issue-title">
                {issue.title}
                {issue.edition && <span className="issue-edition">{issue.edition}</span>}
              </div>
              <div className="issue-meta">
                <span>{issue.number || '—'}</span>
                <span>{t('issues.articles', { count: issue.articleCount })}</span>
              </div>
              {issue.id === selectedId && (
                <div className="issue-actions">
                  <button type="button" className="link" onClick={() => onEdit(issue)} data-testid="edit-issue">
                    {t('issues.edit')}
                  </button>
                  <button
                    type="button"
                    className="link"
                    title={t('report.openHint')}
                    onClick={() => setReportFor(issue.id)}
                    data-testid="proof-report-open"
                  >
                    {t('report.open')}
                  </button>
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => onDelete(issue)}
                    data-testid="delete-issue"
                  >
                    {t('common.delete')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <BackupLine onRestored={onRestored} />
      {reportFor !== null && (
        <ReportDialog
          issueId={reportFor}
          onClose={() => setReportFor(null)}
          onOpenArticle={(articleId) => {
            setReportFor(null)
            onOpenArticle(reportFor, articleId)
          }}
        />
      )}
    </section>
  )
}
