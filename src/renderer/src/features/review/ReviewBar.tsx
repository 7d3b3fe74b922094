/**
 * The review bar above the article: where it stands in 三审 (草稿 → 待初审 → 待复审 → 待终审 →
 * 已签发) and the actions that fit — 送审, 通过初审/复审, 签发, 退改 (with a required comment) — with
 * the server's refusals said plainly; the step log one click away; 核红 after a return (what changed
 * since the comment); and, once signed off, a notice that editing reopens review, the text staying
 * read-only until 修改 is pressed.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import {
  REVIEW_OF_STAGE,
  type ArticleReview,
  type DiffPart,
  type Review,
  type ReviewStep,
} from '@shared/api/review-types'
import { call, errorMessage } from '../../api'
import { Dialog } from '../../app/Dialog'
import { useI18n, type Translate } from '../../app/i18n'
import { useLive } from '../../app/live'
import type { ArticleSaver } from '../editor/saver'
import { useActor } from '../people/actor'
import { DiffModeToggle, DiffView, type DiffMode } from './DiffView'
import './review.css'

export function ReviewBar({
  articleId,
  saver,
  locked,
  onLocked,
  onReviewed,
}: {
  articleId: number
  saver: ArticleSaver
  /** The text is read-only (signed off and 修改 not pressed). */
  locked: boolean
  onLocked(locked: boolean): void
  /** A step changed the review state (the running order shows the stage). */
  onReviewed?(review: ArticleReview): void
}) {
  const { t, lang } = useI18n()
  const [review, setReview] = useState<ArticleReview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [returning, setReturning] = useState(false)
  const [showLog, setShowLog] = useState(false)
  const [redline, setRedline] = useState<{ step: ReviewStep | null; parts: DiffPart[] } | null>(null)

  // The lock follows the stage when it changes (or when asked); 修改 pressed stays pressed otherwise.
  const shownStage = useRef<ArticleReview['stage'] | null>(null)
  const took = useCallback(
    (next: ArticleReview, lock: boolean) => {
      setReview(next)
      if (lock || next.stage !== shownStage.current) onLocked(next.stage === 'signed')
      shownStage.current = next.stage
      onReviewed?.(next)
    },
    [onLocked, onReviewed],
  )

  const load = useCallback(
    (lock: boolean) =>
      call('review.get', { articleId })
        .then((next) => took(next, lock))
        .catch((e: unknown) => setError(errorMessage(e, lang))),
    [articleId, lang, took],
  )

  useEffect(() => {
    void load(true)
  }, [load])

  // Another window (or tab) moved it: follow.
  useLive({ topics: ['review'], articleId }, () => void load(false))

  // A refusal was said to the person who tried; another one taking over starts clean.
  const actorId = useActor()?.id ?? null
  useEffect(() => setError(null), [actorId])

  // After 修改 the first save reopens review on the server (back to 草稿): follow it.
  useEffect(
    () =>
      saver.subscribe(() => {
        if (saver.state === 'saved' && review?.stage === 'signed' && !locked) void load(false)
      }),
    [saver, review?.stage, locked, load],
  )

  const act = async (work: () => Promise<ArticleReview>): Promise<boolean> => {
    setError(null)
    setBusy(true)
    try {
      // The text reviewed is the text on screen.
      await saver.flush()
      took(await work(), true)
      return true
    } catch (e) {
      setError(errorMessage(e, lang))
      return false
    } finally {
      setBusy(false)
    }
  }

  const openRedline = (): void => {
    setError(null)
    call('review.redline', { articleId })
      .then(setRedline)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }

  // Until the state has come the bar keeps its place, so the text below does not move under a click.
  if (!review)
    return (
      <div className="review-bar" data-testid="review-bar" data-loading="" role={error ? 'alert' : undefined}>
        {error}
      </div>
    )
  const stage = review.stage
  const reviewing = REVIEW_OF_STAGE[stage]
  return (
    <div className={`review-bar st-${stage}`} data-testid="review-bar" data-stage={stage}>
      <span className={`review-stage st-${stage}`} data-testid="review-stage">
        {t(`review.stage.${stage}`)}
      </span>
      {stage === 'draft' && (
        <button
          type="button"
          className="btn small primary"
          disabled={busy}
          data-testid="review-submit"
          onClick={() => void act(() => call('review.submit', { articleId }))}
        >
          {t('review.submit')}
        </button>
      )}
      {reviewing && (
        <>
          <button
            type="button"
            className="btn small primary"
            disabled={busy}
            data-testid="review-pass"
            onClick={() => void act(() => call('review.pass', { articleId }))}
          >
            {reviewing === '终审' ? t('review.sign') : t('review.pass', { review: reviewName(reviewing, t) })}
          </button>
          <button
            type="button"
            className="btn small danger"
            disabled={busy}
            data-testid="review-return"
            onClick={() => {
              setError(null)
              setReturning(true)
            }}
          >
            {t('review.return')}
          </button>
        </>
      )}
      {review.openReturn && (
        <button type="button" className="btn small" data-testid="review-redline" onClick={openRedline}>
          {t('review.redline')}
        </button>
      )}
      {stage === 'signed' && locked && (
        <span className="review-signed" role="note" data-testid="signed-notice">
          {t('review.signedNotice')}
          <button type="button" className="btn small" data-testid="review-unlock" onClick={() => onLocked(false)}>
            {t('review.unlock')}
          </button>
        </span>
      )}
      {stage === 'signed' && !locked && (
        <span className="review-signed" role="note" data-testid="reopen-notice">
          {t('review.reopenNotice')}
        </span>
      )}
      {error && (
        <span className="review-error" role="alert" data-testid="review-error">
          {error}
        </span>
      )}
      <span className="spacer" />
      <button
        type="button"
        className="link review-log-link"
        aria-expanded={showLog}
        data-testid="review-log-toggle"
        onClick={() => setShowLog((v) => !v)}
      >
        {t('review.log', { count: review.steps.length })}
      </button>
      {showLog && <StepLog steps={review.steps} onClose={() => setShowLog(false)} />}
      {returning && (
        <ReturnDialog
          review={reviewName(reviewing ?? '初审', t)}
          onCancel={() => setReturning(false)}
          onReturn={async (comment) => {
            if (await act(() => call('review.return', { articleId, comment }))) setReturning(false)
          }}
        />
      )}
      {redline && <RedlineDialog redline={redline} onClose={() => setRedline(null)} />}
    </div>
  )
}

const REVIEW_KEY = { 初审: 'first', 复审: 'second', 终审: 'final' } as const

/** 初审 / first review, as the interface language reads it. */
export function reviewName(review: Review, t: Translate): string {
  return t(`review.name.${REVIEW_KEY[review]}`)
}

export function stepTime(iso: string, lang: 'zh' | 'en'): string {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' })
}

function StepLog({ steps, onClose }: { steps: ReviewStep[]; onClose(): void }) {
  const { t, lang } = useI18n()
  return (
    <div className="review-log" data-testid="review-log" role="region" aria-label={t('review.logTitle')}>
      <header>
        <strong>{t('review.logTitle')}</strong>
        <button type="button" className="icon-btn visible" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      {steps.length === 0 ? (
        <p className="muted">{t('review.logEmpty')}</p>
      ) : (
        <ol>
          {[...steps].reverse().map((s) => (
            <li
              key={s.id}
              className={`d-${s.decision}`}
              data-testid="review-step"
              data-decision={s.decision}
              data-revision-id={s.revisionId}
            >
              <span className="step-what">
                {t(`review.decision.${s.decision}`, { review: reviewName(s.stage, t) })}
              </span>
              <span className="step-who">{s.by.name}</span>
              <span className="step-when muted">{stepTime(s.at, lang)}</span>
              {s.comment && <q className="step-comment">{s.comment}</q>}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

function ReturnDialog({
  review,
  onReturn,
  onCancel,
}: {
  review: string
  onReturn(comment: string): Promise<void>
  onCancel(): void
}) {
  const { t } = useI18n()
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const submit = (): void => {
    if (!comment.trim()) {
      setMissing(true)
      return
    }
    void onReturn(comment.trim())
  }
  return (
    <Dialog
      title={t('review.returnTitle', { review })}
      testId="return-dialog"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn danger" data-testid="return-confirm" onClick={submit}>
            {t('review.return')}
          </button>
        </>
      }
    >
      <label className="return-field">
        <span>{t('review.returnComment')}</span>
        <textarea
          rows={4}
          autoFocus
          value={comment}
          data-testid="return-comment"
          aria-invalid={missing}
          onChange={(e) => {
            setComment(e.target.value)
            setMissing(false)
          }}
        />
      </label>
      {missing && (
        <p className="form-error" role="alert" data-testid="return-missing">
          {t('review.returnRequired')}
        </p>
      )}
    </Dialog>
  )
}

function RedlineDialog({
  redline,
  onClose,
}: {
  redline: { step: ReviewStep | null; parts: DiffPart[] }
  onClose(): void
}) {
  const { t, lang } = useI18n()
  const [mode, setMode] = useState<DiffMode>('inline')
  const step = redline.step
  return (
    <Dialog
      title={t('review.redlineTitle')}
      testId="redline-dialog"
      onClose={onClose}
      footer={
        <button type="button" className="btn primary" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {step && (
        <p className="redline-why">
          {t('review.redlineSince', {
            who: step.by.name,
            when: stepTime(step.at, lang),
            review: reviewName(step.stage, t),
          })}
          {step.comment && <q className="step-comment">{step.comment}</q>}
        </p>
      )}
      <DiffModeToggle mode={mode} onMode={setMode} />
      <div className="redline-body">
        <DiffView parts={redline.parts} mode={mode} testId="redline" />
      </div>
    </Dialog>
  )
}
