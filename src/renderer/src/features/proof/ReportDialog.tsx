/**
 * 校对报告 of an issue: the 差错率 against the 万分之三 line, findings per article and category,
 * each article one click from the editor; exported as CSV (Chinese headers, UTF-8 with BOM) and
 * as PDF (printed by the main process's print engine, bundled fonts).
 */
import { useEffect, useState } from 'react'
import { reportFileName, thresholdLabel, type ProofReport } from '@shared/api/proof-types'
import { CATEGORIES, type Category } from '@shared/proof'
import { toCsv, type CsvCell } from '@shared/text/csv'
import { call, callForBytes, errorMessage } from '../../api'
import { Dialog } from '../../app/Dialog'
import { useI18n, type MessageKey, type Translate } from '../../app/i18n'
import { flushAll } from '../editor/savers'
import { downloadBytes } from '../layout/download'
import './proof-report.css'

const CATEGORY_KEY: Record<Category, MessageKey> = {
  标点: 'report.cat.punct',
  数字: 'report.cat.number',
  计量单位: 'report.cat.unit',
  字词: 'report.cat.word',
  规范表述: 'report.cat.usage',
  体例: 'report.cat.house',
}

/** The pass line in the editor's language: 万分之三 / 3 per 10,000. */
const lineOf = (threshold: number, t: Translate, lang: 'zh' | 'en'): string =>
  lang === 'zh' ? thresholdLabel(threshold) : t('report.per10k', { n: threshold })

/**
 * The CSV: one row per article (the masthead first when it has findings), a total row and the
 * rate. Headers are Chinese whatever the UI language: the file goes to the newsroom's records.
 */
export function reportCsv(report: ProofReport): string {
  const header = ['序号', '标题', '字数', ...CATEGORIES, '计错', '稿件ID']
  const counts = (byCategory: ProofReport['byCategory']) => CATEGORIES.map((c) => byCategory[c].findings)
  const rows: CsvCell[][] = []
  if (report.masthead.findings.length > 0) {
    const byCategory = Object.fromEntries(
      CATEGORIES.map((c) => [c, { findings: report.masthead.findings.filter((f) => f.category === c).length }]),
    ) as ProofReport['byCategory']
    rows.push(['', '报头', report.masthead.chars, ...counts(byCategory), report.masthead.errors, ''])
  }
  report.articles.forEach((a, i) => {
    rows.push([i + 1, a.headline || '（无标题）', a.chars, ...counts(a.byCategory), a.errors, a.articleId])
  })
  rows.push(['', '合计', report.rate.chars, ...counts(report.byCategory), report.rate.errors, ''])
  rows.push([
    '',
    '差错率',
    `万分之${report.rate.per10k}`,
    report.rate.pass ? '合格' : `超出${thresholdLabel(report.rate.threshold)}`,
  ])
  return toCsv(header, rows)
}

export function ReportDialog({
  issueId,
  onOpenArticle,
  onClose,
}: {
  issueId: number
  onOpenArticle(articleId: number): void
  onClose(): void
}) {
  const { t, lang } = useI18n()
  const [report, setReport] = useState<ProofReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    // What is being typed goes into the library first, so the report proofs what the editor sees.
    flushAll()
      .then(() => call('proof.issue', { issueId }))
      .then((r) => live && setReport(r))
      .catch((e: unknown) => live && setError(errorMessage(e, lang)))
    return () => {
      live = false
    }
    // Proofed once when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [issueId])

  const exportCsv = (): void => {
    if (!report) return
    downloadBytes(
      reportFileName(report.issue, 'csv'),
      'text/csv;charset=utf-8',
      new TextEncoder().encode(reportCsv(report)),
    )
  }

  const exportPdf = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const file = await callForBytes('proof.pdf', { issueId, lang })
      downloadBytes(file.fileName, file.mime, file.bytes)
    } catch (e) {
      setError(errorMessage(e, lang))
    } finally {
      setBusy(false)
    }
  }

  const issueName = report
    ? [report.issue.title, report.issue.edition, report.issue.number].filter(Boolean).join(' ')
    : ''
  const line = report ? lineOf(report.rate.threshold, t, lang) : ''
  const mastheadCount = (c: Category) => report?.masthead.findings.filter((f) => f.category === c).length ?? 0

  return (
    <Dialog
      title={issueName ? t('report.title', { issue: issueName }) : t('report.open')}
      wide
      testId="proof-report"
      onClose={onClose}
      footer={
        <>
          {error && report && (
            <span className="form-error footer-error" role="alert">
              {error}
            </span>
          )}
          <button type="button" className="btn" onClick={exportCsv} disabled={!report} data-testid="report-csv">
            {t('report.csv')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => void exportPdf()}
            disabled={!report || busy}
            data-testid="report-pdf"
          >
            {busy ? t('report.pdfBusy') : t('report.pdf')}
          </button>
          <button type="button" className="btn primary" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      }
    >
      {!report && !error && (
        <p className="muted" role="status">
          {t('report.loading')}
        </p>
      )}
      {!report && error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div className="report">
          <div
            className={`report-rate ${report.rate.pass ? 'pass' : 'fail'}`}
            data-testid="report-rate"
            data-per10k={report.rate.per10k}
            data-pass={report.rate.pass}
          >
            <span className="report-rate-label">{t('report.rate')}</span>
            <strong className="report-rate-value">{t('report.per10k', { n: report.rate.per10k })}</strong>
            <span className="report-verdict" data-testid="report-verdict">
              {report.rate.pass ? t('report.pass') : t('report.over', { line })}
            </span>
            <span className="report-facts">
              {t('report.line', { line })} · {t('report.chars', { n: report.rate.chars })} ·{' '}
              {t('report.errors', { n: report.rate.errors })}
            </span>
          </div>

          <div className="report-scroll">
            <h3 className="report-h">{t('report.byCategory')}</h3>
            <table className="data-table report-table report-categories" data-testid="report-categories">
              <thead>
                <tr>
                  <th />
                  {CATEGORIES.map((c) => (
                    <th key={c} className="num">
                      {t(CATEGORY_KEY[c])}
                    </th>
                  ))}
                  <th className="num">{t('report.total')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('report.col.findings')}</th>
                  {CATEGORIES.map((c) => (
                    <td key={c} className="num">
                      {report.byCategory[c].findings}
                    </td>
                  ))}
                  <td className="num">{CATEGORIES.reduce((n, c) => n + report.byCategory[c].findings, 0)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('report.col.errors')}</th>
                  {CATEGORIES.map((c) => (
                    <td key={c} className="num">
                      {report.byCategory[c].errors}
                    </td>
                  ))}
                  <td className="num">{report.rate.errors}</td>
                </tr>
              </tbody>
            </table>

            <h3 className="report-h">{t('report.articles')}</h3>
            {report.articles.length === 0 ? (
              <p className="pane-empty">{t('report.empty')}</p>
            ) : (
              <table className="data-table report-table" data-testid="report-articles">
                <thead>
                  <tr>
                    <th className="num">{t('report.col.no')}</th>
                    <th>{t('report.col.headline')}</th>
                    <th className="num">{t('report.col.chars')}</th>
                    {CATEGORIES.map((c) => (
                      <th key={c} className="num">
                        {t(CATEGORY_KEY[c])}
                      </th>
                    ))}
                    <th className="num">{t('report.col.errors')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.masthead.findings.length > 0 && (
                    <tr data-testid="report-masthead">
                      <td />
                      <td>{t('report.masthead')}</td>
                      <td className="num">{report.masthead.chars}</td>
                      {CATEGORIES.map((c) => (
                        <td key={c} className="num">
                          {mastheadCount(c) || ''}
                        </td>
                      ))}
                      <td className="num">{report.masthead.errors}</td>
                    </tr>
                  )}
                  {report.articles.map((a, i) => (
                    <tr key={a.articleId} data-testid="report-article" data-article-id={a.articleId}>
                      <td className="num">{i + 1}</td>
                      <td>
                        <button
                          type="button"
                          className="link report-open"
                          title={t('report.openArticleHint')}
                          onClick={() => onOpenArticle(a.articleId)}
                          data-testid="report-open"
                        >
                          {a.headline || t('report.untitled')}
                        </button>
                      </td>
                      <td className="num">{a.chars}</td>
                      {CATEGORIES.map((c) => (
                        <td key={c} className="num">
                          {a.byCategory[c].findings || ''}
                        </td>
                      ))}
                      <td className="num report-errors">{a.errors}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="muted report-basis">
              {t('report.basis', {
                max: report.weights.maxRepeats,
                factor: report.weights.headlineFactor,
                punct: report.weights.perFinding['标点'],
              })}
            </p>
          </div>
        </div>
      )}
    </Dialog>
  )
}
