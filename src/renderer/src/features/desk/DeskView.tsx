/**
 * 编辑台 (the desk) of an issue: where every article stands — its review stage, who holds it, 字数,
 * copyfit, zones left untagged, proofing findings, the last change — filtered by stage and person,
 * following other windows' changes live (the push channel). From here the duty editor signs the
 * issue off (签发本期, only when every article is 已签发) and prints the 审签单 of the issue or of
 * one article.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import { REVIEW_STAGES, STAGE_EN, STAGE_ZH, type Desk, type DeskRow, type ReviewStage } from '@shared/api/review-types'
import type { Issue } from '@shared/api/types'
import { call, callForBytes, errorMessage } from '../../api'
import { useI18n, type Translate } from '../../app/i18n'
import { useLive } from '../../app/live'
import { flushAll } from '../editor/savers'
import { downloadBytes } from '../layout/download'
import { deskFilter, missingForSignoff, stageCounts, type DeskFilter } from './desk-model'
import './desk.css'

/** What the desk shows changes with these; 'zones' (the registry) changes what counts as untagged. */
const LIVE_TOPICS = ['articles', 'review', 'layout', 'tags', 'zones', 'issues'] as const
/**
 * Text saves come in a stream while someone types (an autosave a second or so) and each desk.get
 * proofs and scans the whole issue: the body stream reloads the desk at most every 1.5 s.
 */
const BODY_DELAY_MS = 1500

const pad = (n: number): string => String(n).padStart(2, '0')

/** 12-02 14:30 (this year), else 2025-12-02 14:30. */
export function shortTime(iso: string, now = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  return `${d.getFullYear() === now.getFullYear() ? day : `${d.getFullYear()}-${day}`} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function copyfitText(lines: number | null, t: Translate): string {
  if (lines === null) return '—'
  if (lines > 0) return t('desk.copyfit.over', { n: lines })
  if (lines < 0) return t('desk.copyfit.short', { n: -lines })
  return t('desk.copyfit.fits')
}

export function DeskView({ issue, onOpenArticle }: { issue: Issue; onOpenArticle(articleId: number): void }) {
  const { t, lang } = useI18n()
  const [desk, setDesk] = useState<Desk | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [filter, setFilter] = useState<DeskFilter>({ stage: null, personId: null })
  const [busy, setBusy] = useState<string | null>(null)
  const stageName = (s: ReviewStage): string => (lang === 'zh' ? STAGE_ZH[s] : STAGE_EN[s])

  const load = useCallback(async () => {
    try {
      setDesk(await call('desk.get', { issueId: issue.id }))
      setError(null)
    } catch (e) {
      setError(errorMessage(e, lang))
    }
  }, [issue.id, lang])

  useEffect(() => {
    // What is being typed goes into the library first, so the desk counts what the editor shows.
    void flushAll().then(load)
  }, [load])

  useLive({ topics: LIVE_TOPICS, issueId: issue.id }, () => void load())
  useLive({ topics: ['body'], issueId: issue.id }, () => void load(), { delayMs: BODY_DELAY_MS })

  const rows = useMemo(() => (desk ? deskFilter(desk.rows, filter) : []), [desk, filter])
  const counts = useMemo(() => stageCounts(desk?.rows ?? []), [desk])
  const people = useMemo(() => {
    const seen = new Map<number, string>()
    for (const r of desk?.rows ?? []) if (r.holder) seen.set(r.holder.id, r.holder.name)
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'))
  }, [desk])
  const missing = desk ? missingForSignoff(desk.rows) : []

  const signoff = async (): Promise<void> => {
    setBusy('signoff')
    setError(null)
    try {
      await call('issue.signoff', { issueId: issue.id })
      await load()
    } catch (e) {
      setError(errorMessage(e, lang))
    } finally {
      setBusy(null)
    }
  }

  const sheet = async (target: { issueId: number } | { articleId: number }, key: string): Promise<void> => {
    setBusy(key)
    setError(null)
    try {
      const file = await callForBytes('review.sheet', { ...target, lang })
      downloadBytes(file.fileName, file.mime, file.bytes)
    } catch (e) {
      setError(errorMessage(e, lang))
    } finally {
      setBusy(null)
    }
  }

  const title = (r: DeskRow): string => r.headline || t('articles.untitled')

  return (
    <div className="view desk-view" data-testid="desk">
      <section className="desk-main">
        <header className="desk-head">
          <h2>{t('desk.title')}</h2>
          <span className="desk-issue">{[issue.title, issue.edition, issue.number].filter(Boolean).join(' ')}</span>
          <span className="spacer" />
          <button
            type="button"
            className="btn small"
            disabled={busy !== null}
            onClick={() => void sheet({ issueId: issue.id }, 'sheet-issue')}
            data-testid="desk-sheet-issue"
          >
            {busy === 'sheet-issue' ? t('desk.sheetBusy') : t('desk.sheetIssue')}
          </button>
        </header>

        <div className="desk-signoff" data-testid="desk-signoff-state" data-signed={desk?.signoff ? 'true' : 'false'}>
          {desk?.signoff ? (
            <span className="desk-signed">
              <b>{t('desk.signedOff')}</b>
              {t('desk.signedBy', { name: desk.signoff.by.name, at: shortTime(desk.signoff.at) })}
            </span>
          ) : (
            <>
              <button
                type="button"
                className="btn primary"
                disabled={!desk || missing.length > 0 || desk.rows.length === 0 || busy !== null}
                onClick={() => void signoff()}
                data-testid="desk-signoff"
              >
                {t('desk.signoff')}
              </button>
              <span className="desk-missing" data-testid="desk-signoff-missing">
                {desk && desk.rows.length === 0
                  ? t('desk.signoffEmpty')
                  : missing.length > 0
                    ? t('desk.signoffMissing', {
                        count: missing.length,
                        titles: missing
                          .slice(0, 3)
                          .map((r) => `《${title(r)}》（${stageName(r.stage)}）`)
                          .join('、'),
                        more: missing.length > 3 ? t('desk.andMore', { n: missing.length - 3 }) : '',
                      })
                    : desk
                      ? t('desk.signoffReady')
                      : ''}
              </span>
            </>
          )}
        </div>

        <div className="desk-filters" role="group" aria-label={t('desk.filterStage')}>
          <button
            type="button"
            className={`desk-chip${filter.stage === null ? ' active' : ''}`}
            aria-pressed={filter.stage === null}
            onClick={() => setFilter((f) => ({ ...f, stage: null }))}
            data-testid="desk-stage-chip"
            data-stage="all"
          >
            {t('desk.all')} <span className="desk-count">{desk?.rows.length ?? 0}</span>
          </button>
          {REVIEW_STAGES.map((s) => (
            <button
              key={s}
              type="button"
              className={`desk-chip stage-${s}${filter.stage === s ? ' active' : ''}`}
              aria-pressed={filter.stage === s}
              onClick={() => setFilter((f) => ({ ...f, stage: f.stage === s ? null : s }))}
              data-testid="desk-stage-chip"
              data-stage={s}
              data-count={counts[s]}
            >
              {stageName(s)} <span className="desk-count">{counts[s]}</span>
            </button>
          ))}
          <label className="desk-person">
            {t('desk.filterPerson')}
            <select
              value={filter.personId ?? ''}
              onChange={(e) => setFilter((f) => ({ ...f, personId: e.target.value ? Number(e.target.value) : null }))}
              data-testid="desk-person"
            >
              <option value="">{t('desk.everyone')}</option>
              {people.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>

        {error && (
          <p className="form-error" role="alert" data-testid="desk-error">
            {error}
          </p>
        )}

        <div className="desk-scroll">
          <table className="desk-table">
            <thead>
              <tr>
                <th className="n">{t('desk.col.position')}</th>
                <th>{t('desk.col.headline')}</th>
                <th>{t('desk.col.stage')}</th>
                <th>{t('desk.col.holder')}</th>
                <th className="n">{t('desk.col.chars')}</th>
                <th className="n">{t('desk.col.copyfit')}</th>
                <th className="n">{t('desk.col.zones')}</th>
                <th className="n">{t('desk.col.proof')}</th>
                <th>{t('desk.col.lastChange')}</th>
                <th>
                  <span className="sr-only">{t('desk.col.sheet')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.articleId} data-testid="desk-row" data-article-id={r.articleId} data-stage={r.stage}>
                  <td className="n">{r.position + 1}</td>
                  <td className="desk-title">
                    <button
                      type="button"
                      className="link"
                      onClick={() => onOpenArticle(r.articleId)}
                      title={t('desk.openHint')}
                      data-testid="desk-open"
                    >
                      {r.kicker && <span className="desk-kicker">{r.kicker}</span>}
                      {title(r)}
                    </button>
                  </td>
                  <td>
                    <span className={`desk-stage stage-${r.stage}`} data-testid="desk-stage">
                      {stageName(r.stage)}
                    </span>
                  </td>
                  <td data-testid="desk-holder">{r.holder?.name ?? '—'}</td>
                  <td className="n">{r.charCount}</td>
                  <td
                    className={`n${r.copyfitLines !== null && r.copyfitLines > 0 ? ' desk-over' : ''}`}
                    data-testid="desk-copyfit"
                  >
                    {copyfitText(r.copyfitLines, t)}
                  </td>
                  <td className={`n${r.untaggedZones > 0 ? ' desk-warn' : ''}`}>{r.untaggedZones || '—'}</td>
                  <td className={`n${r.proofFindings > 0 ? ' desk-warn' : ''}`}>{r.proofFindings || '—'}</td>
                  <td className="desk-last" data-testid="desk-last">
                    {shortTime(r.lastChange.at)}
                    {r.lastChange.by && <> · {r.lastChange.by.name}</>}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn small ghost"
                      disabled={busy !== null}
                      onClick={() => void sheet({ articleId: r.articleId }, `sheet-${r.articleId}`)}
                      title={t('desk.sheetArticleHint')}
                      data-testid="desk-sheet-article"
                    >
                      {busy === `sheet-${r.articleId}` ? t('desk.sheetBusy') : t('desk.sheetArticle')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {desk && rows.length === 0 && (
            <p className="pane-empty">{desk.rows.length === 0 ? t('desk.empty') : t('desk.noneMatch')}</p>
          )}
          {!desk && !error && <p className="pane-empty">{t('desk.loading')}</p>}
        </div>
      </section>
    </div>
  )
}
