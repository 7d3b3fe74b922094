/**
 * Every tagged figure across issues, filterable, exportable as CSV, with a consistency check.
 * The table is windowed: rows have a fixed height, only the visible ones (and a few around) are
 * drawn, and figure.list is asked for the pages they are on as the editor scrolls.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
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

/** Height of one table row in px (fixed, so that the table can be windowed: .figures-scroll td). */
const ROW_HEIGHT = 28
/** Rows fetched per request, and rows drawn beyond the visible ones on each side. */
const PAGE = 200
const OVERSCAN = 10
/** Rows per request when the CSV export pages through every figure. */
const CSV_PAGE = 1000

type Filter = { zoneId?: string; unit?: string; issueId?: number }

export function FiguresView({
  issues,
  onOpenArticle,
}: {
  issues: Issue[]
  onOpenArticle(issueId: number, articleId: number): void
}) {
  const { t, lang } = useI18n()
  const [conflicts, setConflicts] = useState<FigureConflict[]>([])
  const [zones, setZones] = useState<ZoneSummary[]>([])
  const [zoneId, setZoneId] = useState('')
  const [unit, setUnit] = useState('')
  const [issueId, setIssueId] = useState('')
  const [error, setError] = useState<string | null>(null)
  // The pages of rows fetched for the current filter (by page number), its total and units.
  const [loaded, setLoaded] = useState<{ key: string; pages: Map<number, FigureRow[]>; total: number | null }>({
    key: '',
    pages: new Map(),
    total: null,
  })
  const [units, setUnits] = useState<string[]>([])
  const pending = useRef(new Set<string>())
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(600)
  const scroller = useRef<HTMLDivElement>(null)

  const filter = useMemo<Filter>(
    () => ({ ...(zoneId && { zoneId }), ...(unit && { unit }), ...(issueId && { issueId: Number(issueId) }) }),
    [zoneId, unit, issueId],
  )
  const filterKey = JSON.stringify(filter)
  const current =
    loaded.key === filterKey ? loaded : { key: filterKey, pages: new Map<number, FigureRow[]>(), total: null }
  const total = current.total

  useEffect(() => {
    Promise.all([call('zone.list', {}), call('figure.consistency', {})])
      .then(([z, c]) => {
        setZones(z.filter((zone) => zone.mentionCount > 0))
        setConflicts(c)
      })
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }, [lang])

  const fetchPage = useCallback(
    (page: number): void => {
      const id = `${filterKey}#${page}`
      if (pending.current.has(id)) return
      pending.current.add(id)
      call('figure.list', { ...filter, offset: page * PAGE, limit: PAGE })
        .then((answer) => {
          setUnits(answer.units)
          setLoaded((before) => {
            const pages = new Map(before.key === filterKey ? before.pages : [])
            pages.set(page, answer.rows)
            return { key: filterKey, pages, total: answer.total }
          })
        })
        .catch((e: unknown) => {
          pending.current.delete(id)
          setError(errorMessage(e, lang))
        })
    },
    [filter, filterKey, lang],
  )

  /** A new filter starts again from the top. */
  const choose =
    (set: (value: string) => void) =>
    (value: string): void => {
      set(value)
      pending.current.clear()
      setScrollTop(0)
      if (scroller.current) scroller.current.scrollTop = 0
    }

  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const measure = (): void => setViewport(element.clientHeight || 600)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const count = total ?? 0
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN)

  // The first page tells the total; then the pages the visible rows are on.
  useEffect(() => {
    if (total === null) fetchPage(0)
    else for (let page = Math.floor(first / PAGE); page * PAGE < last; page++) fetchPage(page)
  }, [first, last, total, fetchPage])

  const visible: { index: number; row: FigureRow | undefined }[] = []
  for (let index = first; index < last; index++) {
    visible.push({ index, row: current.pages.get(Math.floor(index / PAGE))?.[index % PAGE] })
  }

  const download = async (): Promise<void> => {
    try {
      // Every figure of the filter, a page at a time: the table holds only what is on screen.
      const all: FigureRow[] = []
      for (let offset = 0; ; offset += CSV_PAGE) {
        const answer = await call('figure.list', { ...filter, offset, limit: CSV_PAGE })
        all.push(...answer.rows)
        if (answer.rows.length < CSV_PAGE || all.length >= answer.total) break
      }
      const header = CSV_COLUMNS.map((c) => t(`figures.col.${c}`))
      const csv = toCsv(
        header,
        all.map((r) => CSV_COLUMNS.map((c) => r[c])),
      )
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
      const a = document.createElement('a')
      a.href = url
      a.download = 'folio-figures.csv'
      a.click()
      URL.revokeObjectURL(url)
    } catch (e) {
      setError(errorMessage(e, lang))
    }
  }

  return (
    <div className="view figures-view" data-testid="figures-view">
      <div className="view-detail wide figures-detail">
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
                {c.figureCount > c.figures.length && (
                  <span className="muted">
                    {' '}
                    {t('figures.conflictMore', { count: c.figureCount, shown: c.figures.length })}
                  </span>
                )}
                {c.figures.map((f, j) => (
                  <div
                    key={j}
                    className="conflict-row"
                    data-detected={f.detected ? 'true' : undefined}
                    onClick={() => onOpenArticle(f.issueId, f.articleId)}
                  >
                    {f.text}{' '}
                    {f.detected && (
                      <span className="badge b-figure" title={t('figures.detectedHint')} data-testid="detected">
                        {t('figures.detected')}
                      </span>
                    )}{' '}
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
          <select value={zoneId} onChange={(e) => choose(setZoneId)(e.target.value)} aria-label={t('figures.zone')}>
            <option value="">{t('figures.allZones')}</option>
            {zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name}
              </option>
            ))}
          </select>
          <select value={unit} onChange={(e) => choose(setUnit)(e.target.value)} aria-label={t('figures.unit')}>
            <option value="">{t('figures.allUnits')}</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
          <select value={issueId} onChange={(e) => choose(setIssueId)(e.target.value)} aria-label={t('figures.issue')}>
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
            onClick={() => void download()}
            disabled={count === 0}
            data-testid="export-csv"
          >
            {t('figures.csv')}
          </button>
          <span className="muted" data-testid="figures-total">
            {total === null ? t('figures.loading') : t('figures.total', { count: total })}
          </span>
        </div>
        <div
          className="figures-scroll"
          ref={scroller}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          data-testid="figures-scroll"
        >
          <table className="data-table" data-testid="figures-table" aria-rowcount={count + 1}>
            <thead>
              <tr>
                {CSV_COLUMNS.map((c) => (
                  <th key={c}>{t(`figures.col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {first > 0 && <tr aria-hidden="true" className="spacer" style={{ height: first * ROW_HEIGHT }} />}
              {visible.map(({ index, row: r }) =>
                r ? (
                  <tr
                    key={index}
                    aria-rowindex={index + 2}
                    data-row={index}
                    onClick={() => onOpenArticle(r.issueId, r.articleId)}
                  >
                    {CSV_COLUMNS.map((c) => (
                      <td key={c} className={c === 'value' ? 'num' : ''} title={String(r[c] ?? '')}>
                        {c === 'value' ? r.value.toLocaleString('zh-CN') : String(r[c] ?? '')}
                      </td>
                    ))}
                  </tr>
                ) : (
                  <tr key={index} aria-rowindex={index + 2} className="loading-row">
                    <td colSpan={CSV_COLUMNS.length} className="muted">
                      {t('figures.loading')}
                    </td>
                  </tr>
                ),
              )}
              {last < count && (
                <tr aria-hidden="true" className="spacer" style={{ height: (count - last) * ROW_HEIGHT }} />
              )}
            </tbody>
          </table>
          {/* Right under the header, not below the empty scroll area. */}
          {total === 0 && <p className="pane-empty">{t('figures.none')}</p>}
        </div>
      </div>
    </div>
  )
}
