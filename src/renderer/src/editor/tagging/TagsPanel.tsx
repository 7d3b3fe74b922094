/**
 * The article's tags beside the text: suggestions to accept or reject (one by one or all at
 * once), manual tagging of the selection (zone typeahead over the registry, figure form), and
 * the tag under the cursor to edit or remove.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getNodeByKey, $getSelection, $isRangeSelection } from 'lexical'
import { flushSync } from 'react-dom'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { detectFigures } from '@shared/tagging'
import { call, errorMessage } from '../../api'
import { canvasFont, fitLine, forgetMeasures, measurer, type Measure } from '../../app/fit'
import { useI18n } from '../../app/i18n'
import { useStore, type Store } from '../store'
import { $isFigureTagNode, describeFigure, type FigureData } from '../nodes/FigureTagNode'
import { $isZoneTagNode } from '../nodes/ZoneTagNode'
import { $blockText } from './segments'
import {
  $applyTag,
  $untag,
  acceptAll,
  countByText,
  ignoredOccurrences,
  occurrenceKey,
  rejectionKey,
  type Suggestion,
  type TagPayload,
} from './suggestions'
import { useTagging } from './TaggingContext'

interface Span {
  blockKey: string
  start: number
  end: number
  text: string
}

type CurrentTag = { key: string; kind: 'zone'; zoneName: string } | { key: string; kind: 'figure'; figure: FigureData }

/** The selection as a span of one block, or null (collapsed, or across blocks). */
function $selectedSpan(): Span | null {
  const selection = $getSelection()
  if (!$isRangeSelection(selection) || selection.isCollapsed()) return null
  const [first, last] = selection.isBackward()
    ? [selection.focus, selection.anchor]
    : [selection.anchor, selection.focus]
  const block = first.getNode().getTopLevelElement()
  if (!block || block !== last.getNode().getTopLevelElement() || first.type !== 'text' || last.type !== 'text')
    return null
  const text = $blockText(block)
  const offset = (key: string, at: number): number | null => {
    const segment = text.segments.find((s) => s.key === key)
    return segment ? segment.start + at : null
  }
  const start = offset(first.key, first.offset)
  const end = offset(last.key, last.offset)
  if (start === null || end === null || end <= start) return null
  return { blockKey: text.blockKey, start, end, text: text.text.slice(start, end) }
}

const sameSpan = (a: Span | null, b: Span | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.blockKey === b.blockKey && a.start === b.start && a.end === b.end && a.text === b.text)

const sameTag = (a: CurrentTag | null, b: CurrentTag | null): boolean => {
  if (a === null || b === null) return a === b
  if (a.key !== b.key) return false
  if (a.kind === 'zone') return b.kind === 'zone' && a.zoneName === b.zoneName
  if (b.kind !== 'figure') return false
  const [f, g] = [a.figure, b.figure]
  return (
    f.value === g.value &&
    f.unit === g.unit &&
    f.qualifier === g.qualifier &&
    f.metric === g.metric &&
    f.period === g.period &&
    (f.zone ?? '') === (g.zone ?? '')
  )
}

function $currentTag(): CurrentTag | null {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return null
  const node = selection.anchor.getNode()
  if ($isZoneTagNode(node)) return { key: node.getKey(), kind: 'zone', zoneName: node.getZoneName() }
  if ($isFigureTagNode(node)) return { key: node.getKey(), kind: 'figure', figure: node.getFigure() }
  return null
}

export function TagsPanel({
  suggestions: source,
  onReject,
  onClose,
  tabs,
}: {
  /** Kept up to date by TagsPlugin; only this panel re-renders when it changes. */
  suggestions: Store<Suggestion[]>
  onReject(kind: 'zone' | 'figure', text: string): void
  onClose(): void
  /** The switch to the other side panels, shown instead of the title. */
  tabs?: ReactNode
}) {
  const [editor] = useLexicalComposerContext()
  const suggestions = useStore(source)
  const { t, lang } = useI18n()
  const { data, refresh } = useTagging()
  const [span, setSpan] = useState<Span | null>(null)
  const [current, setCurrent] = useState<CurrentTag | null>(null)
  const [mode, setMode] = useState<'zone' | 'figure' | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    // Only a real change re-renders the panel: an update per keystroke must not. Compared with
    // what was last set here, not in an updater: React can run an updater only in a render pass.
    let shown: CurrentTag | null = null
    return editor.registerUpdateListener(({ editorState }) =>
      editorState.read(() => {
        const selected = $selectedSpan()
        if (selected) setSpan((prev) => (sameSpan(prev, selected) ? prev : selected))
        const tag = $currentTag()
        if (sameTag(shown, tag)) return
        shown = tag
        setCurrent(tag)
      }),
    )
  }, [editor])

  /** A registry id for a detected or typed zone, creating the zone when the registry lacks it. */
  const resolveZone = async (name: string, type = ''): Promise<{ zoneId: string; zoneName: string }> => {
    const known = data?.zones.find((z) => z.name === name || z.short?.includes(name) || z.aliases?.includes(name))
    if (known) return { zoneId: known.id, zoneName: known.name }
    const created = await call('zone.create', { name, ...(type && { type }) })
    await refresh()
    return { zoneId: created.id, zoneName: created.name }
  }

  const payloadFor = async (s: Suggestion): Promise<TagPayload> => {
    if (s.kind === 'zone' && s.zone) {
      const zone = s.zone.id
        ? { zoneId: s.zone.id, zoneName: s.zone.name }
        : await resolveZone(s.zone.name, s.zone.type)
      return { kind: 'zone', ...zone }
    }
    // Accepting keeps what the sentence says the figure measures (figure-context.ts).
    const f = s.figure ?? { value: 0, unit: '', qualifier: null, metric: '', period: '', zone: '' }
    const { zone, ...facts } = f
    return { kind: 'figure', figure: { ...facts, ...(zone && { zone }) } }
  }

  const accept = async (list: Suggestion[]): Promise<void> => {
    try {
      setError(null)
      const items = []
      for (const suggestion of list) items.push({ suggestion, payload: await payloadFor(suggestion) })
      acceptAll(editor, items)
    } catch (e) {
      setError(errorMessage(e, lang))
    }
  }

  // Rows get callbacks that never change, so a row renders again only when its suggestion does.
  const latest = useRef({ accept, onReject })
  useLayoutEffect(() => {
    latest.current = { accept, onReject }
  })
  const acceptOne = useCallback((s: Suggestion) => void latest.current.accept([s]), [])
  const rejectAll = useCallback((s: Suggestion) => latest.current.onReject(s.kind, s.text), [])
  const ignoreHere = useCallback(
    (s: Suggestion) => {
      const ignored = ignoredOccurrences(editor)
      ignored.set(new Set([...ignored.get(), occurrenceKey(s)]))
    },
    [editor],
  )
  // 全部忽略 says how many suggestions it takes away.
  const counts = useMemo(() => countByText(suggestions), [suggestions])

  const tagSpan = (payload: TagPayload): void => {
    if (!span) return
    editor.update(() => {
      if (!$applyTag(span.blockKey, span.start, span.end, span.text, payload)) setError(t('tags.spanMoved'))
    })
    setMode(null)
    setSpan(null)
  }

  return (
    <aside className="side-panel tags-panel" data-testid="tags-panel" aria-label={t('tags.title')}>
      <header className="pane-head">
        {tabs ?? <h2>{t('tags.title')}</h2>}
        <button type="button" className="icon-btn visible" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="side-scroll">
        {error && <p className="form-error">{error}</p>}

        {current && (
          <section className="tag-section" data-testid="current-tag">
            <h3>{t('tags.current')}</h3>
            {current.kind === 'zone' ? (
              <>
                <div className="tag-line">
                  <span className="badge b-zone">{t('tags.zone')}</span> {current.zoneName}
                </div>
                <ZonePicker
                  placeholder={t('tags.changeZone')}
                  onPick={async (name) => {
                    const zone = await resolveZone(name)
                    editor.update(() => {
                      const node = $getNodeByKey(current.key)
                      if ($isZoneTagNode(node)) node.setZone(zone.zoneId, zone.zoneName)
                    })
                  }}
                />
              </>
            ) : (
              <FigureForm
                key={current.key}
                initial={current.figure}
                submitLabel={t('common.save')}
                onSubmit={(figure) =>
                  editor.update(() => {
                    const node = $getNodeByKey(current.key)
                    if ($isFigureTagNode(node)) node.setFigure(figure)
                  })
                }
              />
            )}
            <button
              type="button"
              className="link danger"
              data-testid="untag"
              onClick={() => editor.update(() => $untag(current.key))}
            >
              {t('tags.remove')}
            </button>
          </section>
        )}

        <section className="tag-section">
          <h3>{t('tags.manual')}</h3>
          <div className="tag-line muted">{span ? `「${span.text}」` : t('tags.selectHint')}</div>
          <div className="tag-actions">
            <button
              type="button"
              className="btn small"
              disabled={!span}
              onClick={() => setMode('zone')}
              data-testid="tag-as-zone"
            >
              {t('tags.asZone')}
            </button>
            <button
              type="button"
              className="btn small"
              disabled={!span}
              onClick={() => setMode('figure')}
              data-testid="tag-as-figure"
            >
              {t('tags.asFigure')}
            </button>
          </div>
          {mode === 'zone' && span && (
            <ZonePicker
              autoFocus
              initial={span.text}
              placeholder={t('tags.zoneSearch')}
              onPick={async (name) => {
                try {
                  tagSpan({ kind: 'zone', ...(await resolveZone(name)) })
                } catch (e) {
                  setError(errorMessage(e, lang))
                }
              }}
            />
          )}
          {mode === 'figure' && span && (
            <FigureForm
              initial={prefillFigure(span.text, suggestions)}
              submitLabel={t('tags.apply')}
              onSubmit={(figure) => tagSpan({ kind: 'figure', figure })}
            />
          )}
        </section>

        <section className="tag-section">
          <h3>
            {t('tags.suggestions', { count: suggestions.length })}
            {suggestions.length > 0 && (
              <button
                type="button"
                className="btn small primary"
                onClick={() => void accept(suggestions)}
                data-testid="accept-all"
              >
                {t('tags.acceptAll')}
              </button>
            )}
          </h3>
          {suggestions.length === 0 && <p className="muted">{t('tags.none')}</p>}
          <SuggestionList
            suggestions={suggestions}
            counts={counts}
            onAccept={acceptOne}
            onIgnore={ignoreHere}
            onReject={rejectAll}
          />
        </section>
      </div>
    </aside>
  )
}

/** Fixed row height (styles.css .suggestions li), so the list can render only the rows in view. */
const ROW_PX = 50
/**
 * Rows rendered beyond the visible ones on each side. Few: every row in the DOM costs the editor
 * beside the panel on each keystroke — Chromium's compositing-inputs step grows with the laid-out
 * rows even when none of them changes (bench/typing.bench.ts, TYPING_TRACE, 5k article: 0.43 ms
 * per key with 34 rows, 0.22 with 5, bare Lexical 0.11). A scroll renders the new rows in its own
 * frame (flushSync below), so the margin need not cover a frame's worth of scrolling.
 */
const OVERSCAN = 4
/** Rows rendered before the list has been measured (replaced before the first paint). */
const FIRST_WINDOW = 24

/**
 * The suggestions, windowed: only the rows in view of the panel's scroller (and a margin) are in
 * the DOM, with padding standing in for the others, so a long article's hundreds of suggestions
 * cost what a screenful does.
 */
function SuggestionList({
  suggestions,
  counts,
  onAccept,
  onIgnore,
  onReject,
}: {
  suggestions: Suggestion[]
  counts: ReadonlyMap<string, number>
  onAccept(s: Suggestion): void
  onIgnore(s: Suggestion): void
  onReject(s: Suggestion): void
}) {
  const list = useRef<HTMLUListElement>(null)
  const [view, setView] = useState({ first: 0, last: FIRST_WINDOW })
  const measure = useCallback((sync: boolean) => {
    const ul = list.current
    const scroller = ul?.closest<HTMLElement>('.side-scroll')
    if (!ul || !scroller) return
    const top = ul.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop
    const first = Math.max(0, Math.floor((scroller.scrollTop - top) / ROW_PX) - OVERSCAN)
    const last = Math.max(first, Math.ceil((scroller.scrollTop + scroller.clientHeight - top) / ROW_PX) + OVERSCAN)
    const set = (): void => setView((prev) => (prev.first === first && prev.last === last ? prev : { first, last }))
    // A scroll's rows are rendered before the frame that shows the scroll (no blank rows).
    if (sync) flushSync(set)
    else set()
  }, [])
  useEffect(() => {
    const scroller = list.current?.closest<HTMLElement>('.side-scroll')
    if (!scroller) return
    const onScroll = (): void => measure(true)
    const observer = new ResizeObserver(() => measure(false))
    scroller.addEventListener('scroll', onScroll, { passive: true })
    observer.observe(scroller)
    return () => {
      scroller.removeEventListener('scroll', onScroll)
      observer.disconnect()
    }
  }, [measure])
  // The list moves when the sections above it change, and its length with the suggestions.
  useLayoutEffect(() => measure(false), [measure, suggestions.length])
  // Each row's cut, measured before the rows are first painted and again when what the cells'
  // widths depend on changes: the language (the actions' width) and the fonts.
  const { lang } = useI18n()
  const fonts = useFontsLoaded()
  const [fit, setFit] = useState<RowFit | null>(null)
  const measureFit = useCallback(() => {
    if (list.current) setFit(rowFit(list.current))
  }, [])
  useLayoutEffect(measureFit, [measureFit, suggestions.length > 0, lang, fonts])

  const first = Math.min(view.first, suggestions.length)
  const last = Math.min(view.last, suggestions.length)
  return (
    <ul
      ref={list}
      className="suggestions"
      style={{ paddingTop: first * ROW_PX, paddingBottom: (suggestions.length - last) * ROW_PX }}
    >
      {suggestions.slice(first, last).map((s) => (
        <SuggestionRow
          key={s.id}
          suggestion={s}
          count={counts.get(rejectionKey(s.kind, s.text)) ?? 1}
          fit={fit}
          onAccept={onAccept}
          onIgnore={onIgnore}
          onReject={onReject}
        />
      ))}
    </ul>
  )
}

/**
 * How a row's two lines are cut to their cells (app/fit.ts: no clip, so no paint layer per row):
 * each cell's width and each run's measure, read from a rendered row before the list is painted
 * and again when the language (the actions' width) or the fonts change. Null until measured.
 */
interface RowFit {
  text: number
  detail: number
  /** found text (0) and reading (1) on the first line; the detail (0) on the second. */
  measureText: Measure
  measureDetail: Measure
}

/** How a rendered list's rows fit, from its first row (null while it has none). */
function rowFit(list: HTMLUListElement): RowFit | null {
  const text = list.querySelector<HTMLElement>('.suggestion-text')
  const detail = list.querySelector<HTMLElement>('.suggestion-detail')
  if (!text || !detail) return null
  const textStyle = getComputedStyle(text)
  const sans = getComputedStyle(document.documentElement).getPropertyValue('--sans')
  const found = measurer(canvasFont(textStyle))
  const reading = measurer(canvasFont(textStyle, `${READING_PX}px`, sans))
  const second = measurer(canvasFont(getComputedStyle(detail)))
  // A pixel to spare: canvas and layout round differently.
  return {
    text: text.clientWidth - 1,
    detail: detail.clientWidth - 1,
    measureText: (t, part) => (part === 0 ? found(t) : reading(t)),
    measureDetail: second,
  }
}

/** Counts the times web fonts finished loading (each time, widths measured before are stale). */
function useFontsLoaded(): number {
  const [loads, setLoads] = useState(0)
  useEffect(() => {
    const loaded = (): void => {
      forgetMeasures()
      setLoads((n) => n + 1)
    }
    document.fonts.addEventListener('loadingdone', loaded)
    return () => document.fonts.removeEventListener('loadingdone', loaded)
  }, [])
  return loads
}

const READING_PX = 12

const SuggestionRow = memo(function SuggestionRow({
  suggestion: s,
  count,
  fit,
  onAccept,
  onIgnore,
  onReject,
}: {
  suggestion: Suggestion
  /** Suggestions of the same kind and text in the article, this one among them. */
  count: number
  fit: RowFit | null
  onAccept(s: Suggestion): void
  onIgnore(s: Suggestion): void
  onReject(s: Suggestion): void
}) {
  const { t } = useI18n()
  // The reading may be cut on the narrow second line: the whole of it on hover.
  const detail =
    (s.inCaption ? `${t('tags.inCaption')} · ` : '') +
    (s.zone
      ? `→ ${s.zone.name}${s.zone.known ? '' : t('tags.newZone')}`
      : s.figure
        ? `= ${describeFigure({ ...s.figure, metric: '', period: '', zone: '' })}`
        : '')
  // What a figure's sentence says it measures, beside the found text on the first line (it has the room).
  const reading = s.figure ? figureReading(s.figure) : ''
  // Cut to their cells when measured (the whole on hover); whole before, for the one measuring pass.
  const [shownText, shownReading] = fit
    ? fitLine([s.text, reading && ` ${reading}`], fit.measureText, fit.text)
    : [s.text, reading && ` ${reading}`]
  const [shownDetail] = fit ? fitLine([detail], fit.measureDetail, fit.detail) : [detail]
  return (
    <li data-testid="suggestion" data-kind={s.kind} data-id={s.id}>
      <span className={`badge b-${s.kind}`}>{t(s.kind === 'zone' ? 'tags.zone' : 'tags.figure')}</span>
      <span
        className="suggestion-text"
        title={reading ? `${s.text} · ${reading}` : shownText !== s.text ? s.text : undefined}
      >
        {shownText}
        {shownReading && (
          <span className="muted suggestion-reading" style={{ fontFamily: 'var(--sans)', fontSize: READING_PX }}>
            {shownReading}
          </span>
        )}
      </span>
      <span className="muted suggestion-detail" title={detail}>
        {shownDetail}
      </span>
      <span className="suggestion-actions">
        <button type="button" className="link" onClick={() => onAccept(s)} data-testid="accept">
          {t('tags.accept')}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => onIgnore(s)}
          title={t('tags.ignoreHereHint')}
          data-testid="ignore-here"
        >
          {t('tags.ignoreHere')}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => onReject(s)}
          title={t('tags.rejectHint', { text: s.text, count })}
          data-testid="reject"
        >
          {t('tags.reject')}
        </button>
      </span>
    </li>
  )
})

/** What a figure suggestion's sentence says it measures: metric · period · zone ('' when nothing). */
function figureReading(f: NonNullable<Suggestion['figure']>): string {
  return [f.metric, f.period, f.zone].filter(Boolean).join(' · ')
}

/** The figure form for a selection: what detection reads in it, with its sentence's reading when a suggestion covers it. */
function prefillFigure(text: string, suggestions: readonly Suggestion[]): FigureData {
  const found = detectFigures(text)[0]
  const numeric = Number(text.replace(/[^\d.]/g, ''))
  const read = suggestions.find((s) => s.kind === 'figure' && s.text === text)?.figure
  return {
    value: found?.value ?? (Number.isFinite(numeric) ? numeric : 0),
    unit: found?.unit ?? '',
    qualifier: found?.qualifier ?? null,
    metric: read?.metric ?? '',
    period: read?.period ?? '',
    ...(read?.zone && { zone: read.zone }),
  }
}

/** Typeahead over the registry's names, short forms and aliases; Enter takes the first match. */
function ZonePicker({
  initial = '',
  placeholder,
  autoFocus,
  onPick,
}: {
  initial?: string
  placeholder: string
  autoFocus?: boolean
  onPick(name: string): Promise<void> | void
}) {
  const { t } = useI18n()
  const { data } = useTagging()
  const [query, setQuery] = useState(initial)
  const matches = useMemo(() => {
    const q = query.trim()
    if (!data || q === '') return []
    return data.zones
      .filter((z) => [z.name, ...(z.short ?? []), ...(z.aliases ?? [])].some((n) => n.includes(q) || q.includes(n)))
      .slice(0, 8)
  }, [data, query])
  const exact = matches.some((z) => z.name === query.trim())
  return (
    <div className="zone-picker">
      <input
        value={query}
        placeholder={placeholder}
        autoFocus={autoFocus}
        data-testid="zone-search"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            const first = matches[0]?.name ?? query.trim()
            if (first) void onPick(first)
          }
        }}
      />
      <ul className="zone-options" role="listbox">
        {matches.map((z) => (
          <li
            key={z.id}
            role="option"
            aria-selected={false}
            data-testid="zone-option"
            onClick={() => void onPick(z.name)}
          >
            {z.name}
            <span className="muted"> {z.type}</span>
          </li>
        ))}
        {query.trim().length >= 2 && !exact && (
          <li role="option" aria-selected={false} data-testid="zone-create" onClick={() => void onPick(query.trim())}>
            {t('tags.createZone', { name: query.trim() })}
          </li>
        )}
      </ul>
    </div>
  )
}

function FigureForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: FigureData
  submitLabel: string
  onSubmit(figure: FigureData): void
}) {
  const { t } = useI18n()
  const [form, setForm] = useState({
    ...initial,
    value: String(initial.value),
    qualifier: initial.qualifier ?? '',
    zone: initial.zone ?? '',
  })
  const value = Number(form.value)
  return (
    <form
      className="figure-form"
      data-testid="figure-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (!Number.isFinite(value)) return
        onSubmit({
          value,
          unit: form.unit,
          qualifier: form.qualifier || null,
          metric: form.metric.trim(),
          period: form.period.trim(),
          ...(form.zone.trim() && { zone: form.zone.trim() }),
        })
      }}
    >
      {(['value', 'unit', 'qualifier', 'metric', 'period', 'zone'] as const).map((key) => (
        <label key={key} className="form-field">
          <span>{key === 'zone' ? t('figures.f.zone') : t(`tags.f.${key}`)}</span>
          <input name={key} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
        </label>
      ))}
      {!Number.isFinite(value) && <p className="form-error">{t('tags.badValue')}</p>}
      <button type="submit" className="btn small primary">
        {submitLabel}
      </button>
    </form>
  )
}
