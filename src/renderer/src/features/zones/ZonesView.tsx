/** The zone registry across all issues: every zone with its mentions and figures; rename, alias, merge. */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ZoneDetail, ZoneSummary } from '@shared/api/tagging-types'
import { call, errorMessage } from '../../api'
import { useI18n } from '../../app/i18n'
import { useTagging } from '../../editor/tagging/TaggingContext'
import { useLive } from '../../app/live'

export function ZonesView({ onOpenArticle }: { onOpenArticle(issueId: number, articleId: number): void }) {
  const { t, lang } = useI18n()
  const { refresh: refreshGazetteer } = useTagging()
  const [zones, setZones] = useState<ZoneSummary[]>([])
  const [filter, setFilter] = useState('')
  const [onlyMentioned, setOnlyMentioned] = useState(true)
  const [selected, setSelected] = useState<ZoneDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [newAlias, setNewAlias] = useState('')
  const [rename, setRename] = useState('')
  const [mergeInto, setMergeInto] = useState('')
  const [newZone, setNewZone] = useState('')

  const load = useCallback(async (selectId?: string) => {
    const list = await call('zone.list', {})
    setZones(list)
    if (selectId) {
      const detail = await call('zone.get', { id: selectId })
      setSelected(detail)
      setRename(detail.name)
    }
  }, [])

  useEffect(() => {
    call('zone.list', {})
      .then(setZones)
      .catch((e: unknown) => setError(errorMessage(e, lang)))
  }, [lang])

  // push channel (h2): another window edited the registry or text that mentions zones — the list
  // and the open zone follow (what is being typed here, a new name or alias, is left alone).
  useLive(
    { topics: ['zones', 'tags', 'body'] },
    () => {
      call('zone.list', {})
        .then(setZones)
        .catch((e: unknown) => setError(errorMessage(e, lang)))
      if (selected)
        call('zone.get', { id: selected.id })
          .then(setSelected)
          .catch(() => setSelected(null))
    },
    { skipOwn: true },
  )

  const run = async (action: () => Promise<unknown>, selectId?: string): Promise<void> => {
    try {
      setError(null)
      await action()
      await load(selectId)
      await refreshGazetteer()
    } catch (e) {
      setError(errorMessage(e, lang))
    }
  }

  const createZone = async (): Promise<void> => {
    try {
      setError(null)
      const created = await call('zone.create', { name: newZone.trim() })
      setNewZone('')
      setOnlyMentioned(false)
      await load(created.id)
      await refreshGazetteer()
    } catch (e) {
      setError(errorMessage(e, lang))
    }
  }

  const shown = useMemo(() => {
    const q = filter.trim()
    return zones.filter(
      (z) =>
        (!onlyMentioned || z.mentionCount > 0 || z.id === selected?.id) &&
        (q === '' || z.name.includes(q) || z.aliases.some((a) => a.alias.includes(q))),
    )
  }, [zones, filter, onlyMentioned, selected])

  const byIssue = useMemo(() => {
    const groups = new Map<string, NonNullable<typeof selected>['mentions']>()
    for (const m of selected?.mentions ?? []) {
      const key = `${m.issueTitle} ${m.issueNumber}`
      groups.set(key, [...(groups.get(key) ?? []), m])
    }
    return [...groups]
  }, [selected])

  return (
    <div className="view zones-view" data-testid="zones-view">
      <section className="pane view-list">
        <header className="pane-head">
          <h2>{t('zones.title')}</h2>
        </header>
        <div className="view-filter">
          <form
            className="zone-new"
            onSubmit={(e) => {
              e.preventDefault()
              void createZone()
            }}
          >
            <input
              value={newZone}
              placeholder={t('zones.new')}
              onChange={(e) => setNewZone(e.target.value)}
              data-testid="new-zone"
            />
            <button type="submit" className="btn small" disabled={newZone.trim().length < 2}>
              {t('zones.create')}
            </button>
          </form>
          <input value={filter} placeholder={t('zones.filter')} onChange={(e) => setFilter(e.target.value)} />
          <label>
            <input type="checkbox" checked={onlyMentioned} onChange={(e) => setOnlyMentioned(e.target.checked)} />
            {t('zones.onlyMentioned')}
          </label>
        </div>
        <ul className="list">
          {shown.map((z) => (
            <li
              key={z.id}
              className={`zone-item${z.id === selected?.id ? ' selected' : ''}`}
              data-testid="zone-item"
              onClick={() => void run(async () => {}, z.id)}
            >
              <div className="issue-title">{z.name}</div>
              <div className="issue-meta">
                <span>
                  {z.type}
                  {z.level ? ` · ${z.level}` : ''}
                </span>
                <span>{t('zones.counts', { mentions: z.mentionCount, articles: z.articleCount })}</span>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="view-detail">
        {error && <p className="form-error">{error}</p>}
        {!selected ? (
          <p className="pane-empty">{t('zones.pick')}</p>
        ) : (
          <div className="zone-detail" data-testid="zone-detail">
            <h2>{selected.name}</h2>
            <dl className="facts">
              <dt>{t('zones.type')}</dt>
              <dd>{selected.type || '—'}</dd>
              <dt>{t('zones.level')}</dt>
              <dd>{selected.level ?? t('zones.unknown')}</dd>
              <dt>{t('zones.place')}</dt>
              <dd>{[selected.province, selected.city].filter(Boolean).join(' ') || '—'}</dd>
              <dt>{t('zones.source')}</dt>
              <dd className="muted">{selected.source || '—'}</dd>
            </dl>
            <div className="alias-chips" data-testid="aliases">
              {selected.aliases.map((a) => (
                <span key={a.alias} className={`chip chip-${a.kind}`} title={t(`zones.alias.${a.kind}`)}>
                  {a.alias}
                  <button
                    type="button"
                    aria-label={t('common.delete')}
                    onClick={() => void run(() => call('zone.alias.remove', { alias: a.alias }), selected.id)}
                  >
                    ×
                  </button>
                </span>
              ))}
              <form
                onSubmit={(e) => {
                  e.preventDefault()
                  void run(() => call('zone.alias.add', { id: selected.id, alias: newAlias }), selected.id).then(() =>
                    setNewAlias(''),
                  )
                }}
              >
                <input
                  value={newAlias}
                  placeholder={t('zones.addAlias')}
                  onChange={(e) => setNewAlias(e.target.value)}
                />
              </form>
            </div>
            <div className="zone-actions">
              <form
                onSubmit={(e) => {
                  e.preventDefault()
                  void run(() => call('zone.update', { id: selected.id, patch: { name: rename } }), selected.id)
                }}
              >
                <input value={rename} onChange={(e) => setRename(e.target.value)} aria-label={t('zones.rename')} />
                <button type="submit" className="btn small" disabled={rename.trim() === selected.name}>
                  {t('zones.rename')}
                </button>
              </form>
              <form
                onSubmit={(e) => {
                  e.preventDefault()
                  if (mergeInto)
                    void run(() => call('zone.merge', { sourceId: selected.id, targetId: mergeInto }), mergeInto)
                }}
              >
                <select
                  value={mergeInto}
                  onChange={(e) => setMergeInto(e.target.value)}
                  aria-label={t('zones.mergeInto')}
                >
                  <option value="">{t('zones.mergeInto')}</option>
                  {zones
                    .filter((z) => z.id !== selected.id)
                    .map((z) => (
                      <option key={z.id} value={z.id}>
                        {z.name}
                      </option>
                    ))}
                </select>
                <button type="submit" className="btn small" disabled={!mergeInto}>
                  {t('zones.merge')}
                </button>
              </form>
            </div>

            <h3>{t('zones.mentions', { count: selected.mentionCount })}</h3>
            {selected.mentionCount > selected.mentions.length && (
              <p className="muted">{t('zones.firstShown', { shown: selected.mentions.length })}</p>
            )}
            {byIssue.map(([issue, mentions]) => (
              <div key={issue} className="mention-group">
                <div className="mention-issue">{issue}</div>
                <ul className="mentions">
                  {mentions.map((m, i) => (
                    <li
                      key={i}
                      data-testid="mention"
                      title={t('zones.openMention', { headline: m.headline, issue })}
                      onClick={() => onOpenArticle(m.issueId, m.articleId)}
                    >
                      {/* The sentence it stands in, so mentions of one zone are told apart. */}
                      <div className="mention-sentence" data-testid="mention-sentence">
                        {m.context?.before}
                        <span className="tag tag-zone">{m.text}</span>
                        {m.context?.after}
                      </div>
                      <div className="muted">《{m.headline || t('articles.untitled')}》</div>
                    </li>
                  ))}
                </ul>
              </div>
            ))}

            <h3>{t('zones.figures', { count: selected.figureCount })}</h3>
            {selected.figureCount > selected.figures.length && (
              <p className="muted">{t('zones.firstShown', { shown: selected.figures.length })}</p>
            )}
            <table className="data-table">
              <tbody>
                {selected.figures.map((f, i) => (
                  <tr key={i}>
                    <td>{f.metric || '—'}</td>
                    <td>{f.period}</td>
                    <td className="num">{f.text}</td>
                    <td className="muted">
                      {f.issueNumber}《{f.headline}》
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}
