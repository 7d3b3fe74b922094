/**
 * 付印前检查: what the print engine found on the pages as they will print (overset, articles not
 * on any page, photos missing, empty frames, photos below the press's resolution), each with a
 * jump to its page and block. Items come from the layout outcome's warnings; an item the export
 * knows the article of (src/main/export/index.ts PreflightWarning) can be shown.
 */
import type { Warning } from '@shared/layout/outcome'
import { useI18n, type MessageKey } from '../../app/i18n'

/** A warning as the export sends it: with what it is about, when it knows. */
export interface PreflightItem extends Warning {
  kind?: 'overset' | 'unplaced' | 'missing-image' | 'empty-frame' | 'low-resolution'
  articleId?: number
  page?: number
}

const KIND_LABEL: Record<NonNullable<PreflightItem['kind']>, MessageKey> = {
  overset: 'preflight.kind.overset',
  unplaced: 'preflight.kind.unplaced',
  'missing-image': 'preflight.kind.missingImage',
  'empty-frame': 'preflight.kind.emptyFrame',
  'low-resolution': 'preflight.kind.lowResolution',
}

/**
 * Export to print is gated on it: with warnings listed, the editor ticks 「已知悉以上问题，仍然导出」
 * (`accepted`) before PDF or HTML can be exported; with none, nothing is asked.
 */
export function PreflightList({
  warnings,
  onShow,
  accepted,
  onAccept,
}: {
  warnings: PreflightItem[]
  onShow(item: PreflightItem): void
  accepted: boolean
  onAccept(accepted: boolean): void
}) {
  const { t, lang } = useI18n()
  if (warnings.length === 0) return null
  return (
    <section className="conflicts preflight" data-testid="layout-warnings">
      <strong>{t('preflight.title', { count: warnings.length })}</strong>
      {warnings.map((w, i) => (
        <div key={i} className="preflight-item" data-testid="preflight-item" data-kind={w.kind ?? ''}>
          {w.kind && <span className="chip">{t(KIND_LABEL[w.kind])}</span>}{' '}
          {lang === 'zh' ? w.message_zh : w.message_en}
          {w.articleId !== undefined && w.page !== undefined && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => onShow(w)} data-testid="preflight-show">
                {t('preflight.show')}
              </button>
            </>
          )}
        </div>
      ))}
      <label className="preflight-accept" data-testid="preflight-accept">
        <input type="checkbox" checked={accepted} onChange={(e) => onAccept(e.target.checked)} />{' '}
        {t('layout.preflightAccept')}
      </label>
    </section>
  )
}
