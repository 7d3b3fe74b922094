/**
 * A revision diff as an editor reads it: inline (insertions underlined, deletions struck through,
 * so they read apart in greyscale too) or side by side (before with its deletions, after with its
 * insertions).
 */
import type { DiffPart } from '@shared/api/review-types'
import { useI18n } from '../../app/i18n'
import './review.css'

export type DiffMode = 'inline' | 'side'

export function DiffView({ parts, mode, testId = 'diff' }: { parts: DiffPart[]; mode: DiffMode; testId?: string }) {
  const { t } = useI18n()
  const changed = parts.some((p) => p.op !== 'equal')
  if (!changed)
    return (
      <p className="diff-none" data-testid={testId} data-mode={mode}>
        {t('revisions.noChange')}
      </p>
    )
  if (mode === 'inline')
    return (
      <div className="diff diff-inline" data-testid={testId} data-mode={mode}>
        {parts.map((p, i) => piece(p, i))}
      </div>
    )
  return (
    <div className="diff diff-side" data-testid={testId} data-mode={mode}>
      <div className="diff-col" data-testid={`${testId}-before`}>
        <div className="diff-col-h">{t('revisions.before')}</div>
        {parts.map((p, i) => (p.op === 'insert' ? null : piece(p, i)))}
      </div>
      <div className="diff-col" data-testid={`${testId}-after`}>
        <div className="diff-col-h">{t('revisions.after')}</div>
        {parts.map((p, i) => (p.op === 'delete' ? null : piece(p, i)))}
      </div>
    </div>
  )
}

function piece(part: DiffPart, key: number) {
  if (part.op === 'insert') return <ins key={key}>{part.text}</ins>
  if (part.op === 'delete') return <del key={key}>{part.text}</del>
  return <span key={key}>{part.text}</span>
}

export function DiffModeToggle({ mode, onMode }: { mode: DiffMode; onMode(mode: DiffMode): void }) {
  const { t } = useI18n()
  return (
    <span className="diff-mode" role="group" aria-label={t('revisions.mode')}>
      {(['inline', 'side'] as const).map((m) => (
        <button
          key={m}
          type="button"
          className={`btn small${mode === m ? ' primary' : ' ghost'}`}
          aria-pressed={mode === m}
          data-testid={`diff-mode-${m}`}
          onClick={() => onMode(m)}
        >
          {t(m === 'inline' ? 'revisions.inline' : 'revisions.side')}
        </button>
      ))}
    </span>
  )
}
