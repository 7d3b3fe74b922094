/** 版式 settings: trim size, margins, columns and gutter, body type on its baseline grid, bleed. */
import { useState } from 'react'
import { templateSchema, type PageTemplate } from '@shared/layout/model'
import { call, errorMessage } from '../../api'
import { Dialog } from '../../app/Dialog'
import { useI18n } from '../../app/i18n'

type NumberPath = [keyof PageTemplate, string?]

const FIELDS: [string, NumberPath][] = [
  ['trim.width', ['trim', 'width']],
  ['trim.height', ['trim', 'height']],
  ['margins.top', ['margins', 'top']],
  ['margins.bottom', ['margins', 'bottom']],
  ['margins.left', ['margins', 'left']],
  ['margins.right', ['margins', 'right']],
  ['columns', ['columns']],
  ['gutter', ['gutter']],
  ['body.size', ['body', 'size']],
  ['body.leading', ['body', 'leading']],
  ['bleed', ['bleed']],
  ['mastheadLines', ['mastheadLines']],
  ['folioLines', ['folioLines']],
]

function read(t: PageTemplate, [a, b]: NumberPath): number {
  const v = (t as unknown as Record<string, unknown>)[a]
  return (b ? (v as Record<string, number>)[b] : v) as number
}

function write(t: PageTemplate, [a, b]: NumberPath, value: number): PageTemplate {
  const copy = structuredClone(t) as unknown as Record<string, unknown>
  if (b) (copy[a] as Record<string, number>)[b] = value
  else copy[a] = value
  return copy as unknown as PageTemplate
}

export function TemplateDialog({
  template,
  onClose,
  onSaved,
}: {
  template: PageTemplate | null
  onClose(): void
  onSaved(list: PageTemplate[], id: string): void
}) {
  const { t, lang } = useI18n()
  const [draft, setDraft] = useState<PageTemplate | null>(template)
  const [error, setError] = useState<string | null>(null)
  if (!draft) return null

  const save = async (): Promise<void> => {
    const parsed = templateSchema.safeParse(draft)
    if (!parsed.success) {
      setError(`${t('layout.templateInvalid')}：${parsed.error.issues[0]?.path.join('.') ?? ''}`)
      return
    }
    try {
      onSaved(await call('template.save', { template: parsed.data }), parsed.data.id)
    } catch (e) {
      setError(errorMessage(e, lang))
    }
  }

  return (
    <Dialog
      title={t('layout.templateSettings')}
      onClose={onClose}
      testId="template-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn primary" onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label className="form-field">
          <span>{t('layout.t.name')}</span>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label className="form-field">
          <span>{t('layout.t.id')}</span>
          <input value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} />
        </label>
        {FIELDS.map(([key, path]) => (
          <label key={key} className="form-field">
            <span>{t(`layout.t.${key}` as 'layout.t.name')}</span>
            <input
              type="number"
              step="0.5"
              value={read(draft, path)}
              onChange={(e) => setDraft(write(draft, path, Number(e.target.value)))}
            />
          </label>
        ))}
        {error && <p className="form-error">{error}</p>}
      </div>
    </Dialog>
  )
}
