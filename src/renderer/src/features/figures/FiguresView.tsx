/** Every tagged figure across issues, filterable, exportable as CSV, with a consistency check. */
import { useEffect, useMemo, useState } from 'react'
import type { FigureConflict, FigureRow, ZoneSummary } from '@shared/api/tagging-types'
import type { Issue } from '@shared/api/types'
import { toCsv } from '@shared/text/csv'
import { call, errorMessage } from '../../api'
import { useI18n } from '../../app/i18n'

const CSV_COLUMNS = [
  'issueNumber',
  'headline',
  'zoneName',
  'metric',
  'period',
  'text',
  'value',
  'unit',
  'qualifier',
] as const satisfies readonly (keyof FigureRow)[]

// value is a number and is written as one (-3.2 stays numeric); every text cell, the figure's
// text "-3.2%" included, is neutralised against formula injection by toCsv (see csv.ts).

export function FiguresView({
  issues,
  onOpenArticle,
}: {
  issues: Issue[]
  onOpenArticle(issueId: number, articleId: number): void
}) {
  const { t, lang } = useI18n()
  const [rows, setRows] = useState<FigureRow[]>([])
  const [conflicts, setConflicts] = useState<FigureConflict[]>([])
  const [zones, setZones] = useState<ZoneSummary[]>([])
  const [zoneId, setZoneId] = useState('')
  const [unit, setUnit] = useState('')
  const [issueId, setIssueId] = useState('')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    Promise.all([call('zone.list', {}), call('figure.consistency', {})])
      .then(([z, c]) => {
        setZones(z.filter((zone) => zone.mentionCount > 0))
        setConflicts(c)
      })
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }, [lang])

  useEffect(() => {
    call('figure.list', {
      ...(zoneId && { zoneId }),
      ...(unit && { unit }),
      ...(issueId && { issueId: Number(issueId) }),
    })
      .then(setRows)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }, [zoneId, unit, issueId, lang])

  const units = useMemo(() => [...new Set(rows.map((r) => r.unit))].sort(), [rows])

  const download = (): void => {
    const header = CSV_COLUMNS.map((c) => t(`figures.col.${c}`))
    const csv = toCsv(
      header,
      rows.map((r) => CSV_COLUMNS.map((c) => r[c])),
    )
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = 'folio-figures.csv'
    a.click()
    URL.revokeObjectURL(url)
  }

  return (
    <div className="view figures-view" data-testid="figures-view">
      <div className="view-detail wide">
        {error && <p className="form-error">{error}</p>}
        {conflicts.length > 0 && (
          <section className="conflicts" data-testid="conflicts">
            <h3>{t('figures.conflicts', { count: conflicts.length })}</h3>
            {conflicts.map((c, i) => (
              <div key={i} className="conflict">
                <strong>
                  {c.zoneName} · {c.metric}
                  {c.period ? ` · ${c.period}` : ''}
                </strong>
                {c.figures.map((f, j) => (
                  <div key={j} className="conflict-row" onClick={() => onOpenArticle(f.issueId, f.articleId)}>
                    {f.text}{' '}
                    <span className="muted">
                      {f.issueNumber}《{f.headline}》
                    </span>
                  </div>
                ))}
              </div>
            ))}
          </section>
        )}
        <div className="view-filter row">
          <select value={zoneId} onChange={(e) => setZoneId(e.target.value)} aria-label={t('figures.zone')}>
            <option value="">{t('figures.allZones')}</option>
            {zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name}
              </option>
            ))}
          </select>
          <select value={unit} onChange={(e) => setUnit(e.target.value)} aria-label={t('figures.unit')}>
            <option value="">{t('figures.allUnits')}</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
          <select value={issueId} onChange={(e) => setIssueId(e.target.value)} aria-label={t('figures.issue')}>
            <option value="">{t('figures.allIssues')}</option>
            {issues.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title} {i.number}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn small"
            onClick={download}
            disabled={rows.length === 0}
            data-testid="export-csv"
          >
            {t('figures.csv')}
          </button>
        </div>
        <table className="data-table" data-testid="figures-table">
          <thead>
            <tr>
              {CSV_COLUMNS.map((c) => (
                <th key={c}>{t(`figures.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} onClick={() => onOpenArticle(r.issueId, r.articleId)}>
                {CSV_COLUMNS.map((c) => (
                  <td key={c} className={c === 'value' ? 'num' : ''}>
                    {c === 'value' ? r.value.toLocaleString('zh-CN') : String(r[c] ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="pane-empty">{t('figures.none')}</p>}
      </div>
    </div>
  )
}
