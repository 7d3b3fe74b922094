import { useState } from 'react'
import { ISSUE_STATUSES, type Issue, type IssueStatus } from '@shared/api/types'
import { ApiError, call, errorMessage } from '../../api'
import { Dialog } from '../../app/Dialog'
import { useI18n, type MessageKey } from '../../app/i18n'

type Form = Pick<
  Issue,
  | 'title'
  | 'edition'
  | 'number'
  | 'publicationDate'
  | 'guidance'
  | 'publisher'
  | 'postalCode'
  | 'email'
  | 'slogan'
  | 'creditStyle'
  | 'status'
>
const TEXT_FIELDS = [
  'title',
  'edition',
  'number',
  'publicationDate',
  'guidance',
  'publisher',
  'postalCode',
  'email',
  'creditStyle',
] as const

const EMPTY: Form = {
  title: '',
  edition: '',
  number: '',
  publicationDate: '',
  guidance: '',
  publisher: '',
  postalCode: '',
  email: '',
  slogan: '',
  creditStyle: '■ {name}摄',
  status: 'planning',
}

const PLACEHOLDERS: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {
  number: '2024年第25期',
  postalCode: '21-465',
  guidance: '山西省商务厅',
  creditStyle: '■ {name}摄',
}

function pickForm(issue: Issue): Form {
  const form = { ...EMPTY }
  for (const key of Object.keys(EMPTY) as (keyof Form)[]) Object.assign(form, { [key]: issue[key] })
  return form
}

/** Create an issue, or edit its metadata (刊名, 期号, 邮发代号 …). */
export function IssueDialog({
  issue,
  onDone,
  onClose,
}: {
  issue: Issue | null
  onDone(issue: Issue): void
  onClose(): void
}) {
  const { t, lang } = useI18n()
  const [form, setForm] = useState<Form>(() => (issue ? pickForm(issue) : EMPTY))
  const [error, setError] = useState<{ field?: string; message: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const saved = issue ? await call('issue.update', { id: issue.id, patch: form }) : await call('issue.create', form)
      onDone(saved)
    } catch (e) {
      setError({ field: e instanceof ApiError ? e.error.field : undefined, message: errorMessage(e, lang) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={issue ? t('issues.edit') : t('issues.new')}
      onClose={onClose}
      testId="issue-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="issue-form" className="btn primary" disabled={busy}>
            {issue ? t('common.save') : t('common.create')}
          </button>
        </>
      }
    >
      <form
        id="issue-form"
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        {TEXT_FIELDS.map((key) => (
          <label key={key} className={`form-field${error?.field?.endsWith(key) ? ' invalid' : ''}`}>
            <span>{t(`issue.${key}` as MessageKey)}</span>
            <input
              name={key}
              type={key === 'publicationDate' ? 'date' : key === 'email' ? 'email' : 'text'}
              value={form[key]}
              required={key === 'title'}
              autoFocus={key === 'title'}
              placeholder={PLACEHOLDERS[key] ?? ''}
              onChange={(e) => setForm({ ...form, [key]: e.target.value })}
            />
          </label>
        ))}
        <label className={`form-field wide${error?.field?.endsWith('slogan') ? ' invalid' : ''}`}>
          <span>{t('issue.slogan')}</span>
          <textarea
            name="slogan"
            rows={2}
            value={form.slogan}
            placeholder={'打造开发区建设升级版\n决胜高质量发展新战场'}
            onChange={(e) => setForm({ ...form, slogan: e.target.value })}
          />
        </label>
        <label className="form-field">
          <span>{t('issue.status')}</span>
          <select
            name="status"
            value={form.status}
            onChange={(e) => setForm({ ...form, status: e.target.value as IssueStatus })}
          >
            {ISSUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`issue.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
      </form>
    </Dialog>
  )
}
