/**
 * 版面: the issue's pages on their column grid. Auto-layout as a starting point, blocks moved and
 * resized by hand, copyfit measured by the print engine after every change, 版名 and 责任编辑 per
 * page, and exports (PDF, HTML, .folio bundle) with progress and cancel.
 *
 * Manual work is never lost: every change (auto-layout and template changes included) is one step
 * on an undo stack of whole layouts, and each undo/redo is saved with layout.save like any edit; a
 * template change reflows the layout onto the new grid; auto-layout asks before it replaces blocks
 * placed by hand (`manual`).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ArticleSummary, Issue } from '@shared/api/types'
import {
  checkLayout,
  grid,
  reservedLines,
  type IssueLayout,
  type LayoutBlock,
  type PageTemplate,
} from '@shared/layout/model'
import type { BlockFit, ExportJobStatus, ExportKind, LayoutOutcome } from '@shared/layout/outcome'
import { reflowLayout } from '@shared/layout/reflow'
import { call, callForBytes, errorMessage } from '../../api'
import { Dialog } from '../../app/Dialog'
import { useI18n } from '../../app/i18n'
import { downloadBytes } from './download'
import { PageCanvas } from './PageCanvas'
import { PreflightList, type PreflightItem } from './PreflightList'
import { TemplateDialog } from './TemplateDialog'

const PAGE_HEIGHT_PX = 620
/** The smallest block worth placing: a headline and a few lines. */
const MIN_BLOCK_LINES = 8
/** Undo steps kept per issue while the view is open. */
const MAX_UNDO = 100

type SaveMode = 'edit' | 'undo' | 'redo'

export function LayoutView({
  issue,
  articles,
  onOutcome,
}: {
  issue: Issue
  articles: ArticleSummary[]
  onOutcome(outcome: LayoutOutcome): void
}) {
  const { t, lang } = useI18n()
  const [layout, setLayout] = useState<IssueLayout | null>(null)
  const [templates, setTemplates] = useState<PageTemplate[]>([])
  const [templateId, setTemplateId] = useState('sikai')
  const [outcome, setOutcome] = useState<LayoutOutcome | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<number | null>(null)
  const [job, setJob] = useState<ExportJobStatus | null>(null)
  const [bleed, setBleed] = useState(0)
  const [marks, setMarks] = useState(false)
  const [editTemplate, setEditTemplate] = useState(false)
  const [past, setPast] = useState<IssueLayout[]>([])
  const [future, setFuture] = useState<IssueLayout[]>([])
  const [confirmAuto, setConfirmAuto] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  /** Why 自动排版 placed each block (LayoutOutcome.reasons), until the layout is edited. */
  const [reasons, setReasons] = useState<NonNullable<LayoutOutcome['reasons']> | null>(null)
  /** The pre-flight warnings the editor accepted (「已知悉以上问题，仍然导出」), by their text. */
  const [accepted, setAccepted] = useState<string | null>(null)
  const measureSeq = useRef(0)
  /** A save in flight: undo/redo wait for it, so two quick presses never pick the same step. */
  const saving = useRef(false)

  const report = useCallback((e: unknown) => setError(errorMessage(e, lang)), [lang])

  const measure = useCallback(async () => {
    const seq = ++measureSeq.current
    setBusy(t('layout.measuring'))
    try {
      const measured = await call('layout.copyfit', { issueId: issue.id })
      if (seq !== measureSeq.current) return
      setOutcome(measured)
      setLayout(measured.layout)
      onOutcome(measured)
    } catch (e) {
      report(e)
    } finally {
      if (seq === measureSeq.current) setBusy(null)
    }
  }, [issue.id, onOutcome, report, t])

  useEffect(() => {
    let live = true
    Promise.all([call('layout.get', { issueId: issue.id }), call('template.list', {})])
      .then(([stored, list]) => {
        if (!live) return
        setTemplates(list)
        setLayout(stored)
        setPast([])
        setFuture([])
        if (stored) {
          setTemplateId(stored.template.id)
          void measure()
        }
      })
      .catch(report)
    return () => {
      live = false
    }
  }, [issue.id, measure, report])

  /** Blocks moved, resized or placed by hand: what auto-layout would replace. */
  const manualBlocks = useMemo(
    () =>
      layout?.pages.flatMap((p) => p.blocks.filter((b) => b.manual).map((b) => ({ page: p.number, block: b }))) ?? [],
    [layout],
  )

  const autoLayout = async (keepManual = false): Promise<void> => {
    setConfirmAuto(false)
    setBusy(t('layout.laying'))
    setError(null)
    setNotice(null)
    const previous = layout
    try {
      const result = await call('layout.auto', { issueId: issue.id, template: templateId, keepManual })
      if (previous) {
        setPast((p) => [...p.slice(1 - MAX_UNDO), previous])
        setFuture([])
      }
      setLayout(result.layout)
      setOutcome(result)
      setReasons(result.reasons ?? null)
      onOutcome(result)
    } catch (e) {
      report(e)
    } finally {
      setBusy(null)
    }
  }

  /** Saves a whole layout (an edit, or a step back or forward in the history) and measures it. */
  const save = async (next: IssueLayout, mode: SaveMode = 'edit'): Promise<boolean> => {
    const problems = checkLayout(next)
    if (problems[0]) {
      setError(lang === 'zh' ? problems[0].message_zh : problems[0].message_en)
      return false
    }
    const previous = layout
    setLayout(next)
    setReasons(null)
    setTemplateId(next.template.id)
    setError(null)
    if (mode !== 'edit') setNotice(null)
    saving.current = true
    measureSeq.current += 1 // a measure of the layout before this one is stale now
    try {
      await call('layout.save', { issueId: issue.id, layout: next })
      if (previous) {
        if (mode === 'edit') {
          setPast((p) => [...p.slice(1 - MAX_UNDO), previous])
          setFuture([])
        } else if (mode === 'undo') {
          setPast((p) => p.slice(0, -1))
          setFuture((f) => [...f, previous])
        } else {
          setFuture((f) => f.slice(0, -1))
          setPast((p) => [...p, previous])
        }
      }
      void measure()
      return true
    } catch (e) {
      setLayout(previous)
      if (previous) setTemplateId(previous.template.id)
      report(e)
      return false
    } finally {
      saving.current = false
    }
  }

  const laying = busy === t('layout.laying')
  const undo = (): void => {
    const target = past.at(-1)
    if (target && !laying && !saving.current) void save(target, 'undo')
  }
  const redo = (): void => {
    const target = future.at(-1)
    if (target && !laying && !saving.current) void save(target, 'redo')
  }
  const keys = useRef({ undo, redo })
  keys.current = { undo, redo }
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return
      // Text fields (版名, 责任编辑, 出血) keep their own undo.
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable=true], dialog')) return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) keys.current.undo()
      else if ((key === 'z' && e.shiftKey) || key === 'y') keys.current.redo()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  /** Another template: the layout there is reflowed onto its grid (one undo step), or just chosen. */
  const chooseTemplate = (id: string, list: PageTemplate[] = templates): void => {
    setTemplateId(id)
    const next = list.find((tpl) => tpl.id === id)
    if (!layout || !next || JSON.stringify(next) === JSON.stringify(layout.template)) return
    void save(reflowLayout(layout, next)).then(
      (saved) => saved && setNotice(t('layout.reflowed', { name: next.name, columns: next.columns })),
    )
  }

  const changeBlock = (pageNumber: number, block: LayoutBlock): void => {
    if (!layout) return
    void save({
      ...layout,
      pages: layout.pages.map((p) =>
        p.number === pageNumber
          ? {
              ...p,
              blocks: p.blocks.map((b) =>
                b.articleId === block.articleId && (b.part ?? 0) === (block.part ?? 0) ? { ...block, manual: true } : b,
              ),
            }
          : p,
      ),
    })
  }

  const changePage = (pageNumber: number, field: 'name' | 'editor', value: string): void => {
    if (!layout) return
    const page = layout.pages.find((p) => p.number === pageNumber)
    if (!page || page[field] === value) return
    void save({ ...layout, pages: layout.pages.map((p) => (p.number === pageNumber ? { ...p, [field]: value } : p)) })
  }

  /** Puts an article under the lowest block of a page, across all columns, if there is room. */
  const placeOn = (pageNumber: number, articleId: number): void => {
    if (!layout) return
    const page = layout.pages.find((p) => p.number === pageNumber)
    if (!page) return
    const g = grid(layout.template)
    const others = page.blocks.filter((b) => b.articleId !== articleId)
    const top = Math.max(reservedLines(layout.template, pageNumber), ...others.map((b) => b.line + b.lines))
    if (g.lines - top < MIN_BLOCK_LINES) {
      setError(t('layout.noRoom', { page: pageNumber }))
      return
    }
    const block: LayoutBlock = { articleId, col: 0, span: g.columns, line: top, lines: g.lines - top, manual: true }
    void save({
      ...layout,
      pages: layout.pages.map((p) => ({
        ...p,
        blocks: p.number === pageNumber ? [...others, block] : p.blocks.filter((b) => b.articleId !== articleId),
      })),
    })
  }

  const takeOff = (articleId: number): void => {
    if (!layout) return
    setSelected(null)
    void save({
      ...layout,
      pages: layout.pages.map((p) => ({ ...p, blocks: p.blocks.filter((b) => b.articleId !== articleId) })),
    })
  }

  const addPage = (): void => {
    if (!layout) return
    const number = Math.max(0, ...layout.pages.map((p) => p.number)) + 1
    void save({ ...layout, pages: [...layout.pages, { number, name: '', editor: '', blocks: [] }] })
  }

  const removePage = (pageNumber: number): void => {
    if (!layout) return
    void save({ ...layout, pages: layout.pages.filter((p) => p.number !== pageNumber) })
  }

  const startExport = async (kind: ExportKind): Promise<void> => {
    setError(null)
    try {
      let status = await call('export.start', { kind, issueId: issue.id, ...(kind === 'pdf' && { bleed, marks }) })
      setJob(status)
      while (!status.done) {
        await new Promise((resolve) => setTimeout(resolve, 400))
        status = await call('export.status', { jobId: status.id })
        setJob(status)
      }
      if (status.error) {
        if (!status.cancelled) setError(lang === 'zh' ? status.error.message_zh : status.error.message_en)
        return
      }
      const file = await callForBytes('export.result', { jobId: status.id })
      downloadBytes(file.fileName, file.mime, file.bytes)
    } catch (e) {
      report(e)
    }
  }

  /** Takes the editor to what a pre-flight item is about: its page, its block selected. */
  const showItem = (item: PreflightItem): void => {
    if (item.articleId !== undefined) setSelected(item.articleId)
    document.querySelector(`[data-page-wrap="${item.page}"]`)?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }

  const headlines = useMemo(() => new Map(articles.map((a) => [a.id, a.headline])), [articles])
  // Keyed by article and part: a 转版 article has a block (and a fit) on each page it runs on.
  const fits = useMemo(
    () => new Map<string, BlockFit>((outcome?.fits ?? []).map((f) => [`${f.articleId}:${f.part ?? 0}`, f])),
    [outcome],
  )
  const warningKey = JSON.stringify((outcome?.warnings ?? []).map((w) => w.message_zh))
  // Export to print only once the listed pre-flight warnings are accepted (none: export directly).
  const gated = (outcome?.warnings.length ?? 0) > 0 && accepted !== warningKey
  const scale = layout ? PAGE_HEIGHT_PX / layout.template.trim.height : 1
  const placed = new Set(layout?.pages.flatMap((p) => p.blocks.map((b) => b.articleId)) ?? [])
  const unplaced = articles.filter((a) => !placed.has(a.id))
  const selectedPage = layout?.pages.find((p) => p.blocks.some((b) => b.articleId === selected))

  return (
    <div className="view layout-view" data-testid="layout-view">
      <div className="view-detail wide">
        <div className="view-filter row layout-toolbar">
          <select
            value={templateId}
            onChange={(e) => chooseTemplate(e.target.value)}
            aria-label={t('layout.template')}
            data-testid="template-select"
          >
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.name}（{tpl.trim.width}×{tpl.trim.height} mm · {tpl.columns} 栏）
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn small primary"
            onClick={() => (manualBlocks.length > 0 ? setConfirmAuto(true) : void autoLayout())}
            disabled={busy !== null}
            data-testid="auto-layout"
          >
            {t('layout.auto')}
          </button>
          <button
            type="button"
            className="btn small"
            onClick={undo}
            disabled={past.length === 0 || laying}
            title={t('layout.undoHint')}
            data-testid="layout-undo"
          >
            {t('layout.undo')}
          </button>
          <button
            type="button"
            className="btn small"
            onClick={redo}
            disabled={future.length === 0 || laying}
            title={t('layout.redoHint')}
            data-testid="layout-redo"
          >
            {t('layout.redo')}
          </button>
          <button type="button" className="btn small" onClick={() => setEditTemplate(true)}>
            {t('layout.templateSettings')}
          </button>
          <span className="spacer" />
          <label className="inline-field">
            {t('layout.bleed')}
            <input
              type="number"
              min={0}
              max={20}
              value={bleed}
              onChange={(e) => setBleed(Number(e.target.value) || 0)}
            />
          </label>
          <label className="inline-field">
            <input type="checkbox" checked={marks} onChange={(e) => setMarks(e.target.checked)} />
            {t('layout.marks')}
          </label>
          {(['pdf', 'html', 'bundle'] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              className="btn small"
              disabled={!layout || (job !== null && !job.done) || (kind !== 'bundle' && gated)}
              title={kind !== 'bundle' && gated ? t('layout.preflightGate') : undefined}
              onClick={() => void startExport(kind)}
              data-testid={`export-${kind}`}
            >
              {t(`layout.export.${kind}`)}
            </button>
          ))}
        </div>
        {job && !job.done && (
          <div className="export-progress" data-testid="export-progress">
            {t('layout.exporting', { stage: t(`layout.stage.${job.stage}`) })}
            <button
              type="button"
              className="link"
              onClick={() => void call('export.cancel', { jobId: job.id }).then(setJob)}
            >
              {t('common.cancel')}
            </button>
          </div>
        )}
        {job?.done && !job.error && (
          <div className={`export-progress done${job.warnings.length > 0 ? ' warn' : ''}`} data-testid="export-done">
            {/* Never a bare 导出完成 when something was left out or replaced (a missing image…). */}
            {job.warnings.length > 0
              ? t('layout.exportedWarnings', { count: job.warnings.length })
              : t('layout.exported')}
            {job.warnings.map((w, i) => (
              <div key={i} className="note note-warn">
                {lang === 'zh' ? w.message_zh : w.message_en}
              </div>
            ))}
          </div>
        )}
        {busy && <p className="muted">{busy}</p>}
        {notice && (
          <p className="muted" data-testid="layout-notice">
            {notice}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {outcome && (
          <PreflightList
            warnings={outcome.warnings}
            onShow={showItem}
            accepted={accepted === warningKey}
            onAccept={(yes) => setAccepted(yes ? warningKey : null)}
          />
        )}
        {reasons && reasons.length > 0 && (
          <details className="layout-reasons" open data-testid="layout-reasons">
            <summary>{t('layout.reasons')}</summary>
            <ul>
              {reasons.map((r) => (
                <li key={`${r.articleId}:${r.part}`} data-testid="layout-reason">
                  {t('layout.reasonItem', {
                    page: r.page,
                    headline: headlines.get(r.articleId) || t('articles.untitled'),
                    reason: lang === 'zh' ? r.message_zh : r.message_en,
                  })}
                </li>
              ))}
            </ul>
          </details>
        )}
        {layout && (
          <div className="layout-actions">
            {selected !== null && selectedPage && (
              <span className="layout-selection" data-testid="block-actions">
                《{headlines.get(selected) || t('articles.untitled')}》
                <select
                  value={selectedPage.number}
                  aria-label={t('layout.moveTo')}
                  data-testid="move-to-page"
                  onChange={(e) => placeOn(Number(e.target.value), selected)}
                >
                  {layout.pages.map((p) => (
                    <option key={p.number} value={p.number}>
                      {t('layout.pageNo', { page: p.number })}
                    </option>
                  ))}
                </select>
                <button type="button" className="link" onClick={() => takeOff(selected)} data-testid="take-off">
                  {t('layout.takeOff')}
                </button>
              </span>
            )}
            {unplaced.length > 0 && (
              <span className="layout-unplaced" data-testid="unplaced">
                {t('layout.unplaced')}
                {unplaced.map((a) => (
                  <span key={a.id} className="chip">
                    {a.headline || t('articles.untitled')}
                    <select
                      value=""
                      aria-label={t('layout.placeOn')}
                      data-testid="place-on"
                      onChange={(e) => e.target.value && placeOn(Number(e.target.value), a.id)}
                    >
                      <option value="">{t('layout.placeOn')}</option>
                      {layout.pages.map((p) => (
                        <option key={p.number} value={p.number}>
                          {t('layout.pageNo', { page: p.number })}
                        </option>
                      ))}
                    </select>
                  </span>
                ))}
              </span>
            )}
            <button type="button" className="btn small" onClick={addPage} data-testid="add-page">
              {t('layout.addPage')}
            </button>
          </div>
        )}
        {!layout ? (
          <p className="pane-empty">{t('layout.none')}</p>
        ) : (
          <div className="pages">
            {layout.pages.map((page) => (
              <div key={page.number} className="page-wrap" data-page-wrap={page.number}>
                <div className="page-head">
                  <strong>{t('layout.pageNo', { page: page.number })}</strong>
                  <input
                    defaultValue={page.name}
                    placeholder={t('layout.pageName')}
                    aria-label={t('layout.pageName')}
                    data-testid="page-name"
                    onBlur={(e) => changePage(page.number, 'name', e.target.value)}
                  />
                  <input
                    defaultValue={page.editor}
                    placeholder={t('layout.pageEditor')}
                    aria-label={t('layout.pageEditor')}
                    onBlur={(e) => changePage(page.number, 'editor', e.target.value)}
                  />
                  {page.blocks.length === 0 && layout.pages.length > 1 && (
                    <button type="button" className="link danger" onClick={() => removePage(page.number)}>
                      {t('layout.removePage')}
                    </button>
                  )}
                </div>
                <PageCanvas
                  template={layout.template}
                  page={page}
                  scale={scale}
                  headlines={headlines}
                  fits={fits}
                  selected={selected}
                  onSelect={setSelected}
                  onChange={(block) => changeBlock(page.number, block)}
                />
              </div>
            ))}
          </div>
        )}
      </div>
      {editTemplate && (
        <TemplateDialog
          template={templates.find((tpl) => tpl.id === templateId) ?? templates[0] ?? null}
          onClose={() => setEditTemplate(false)}
          onSaved={(list, id) => {
            setTemplates(list)
            setEditTemplate(false)
            chooseTemplate(id, list)
          }}
        />
      )}
      {confirmAuto && (
        <Dialog
          title={t('layout.confirmAuto')}
          onClose={() => setConfirmAuto(false)}
          testId="auto-confirm"
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirmAuto(false)} data-testid="auto-cancel">
                {t('common.cancel')}
              </button>
              <button type="button" className="btn" onClick={() => void autoLayout(true)} data-testid="auto-keep">
                {t('layout.confirmAutoKeep')}
              </button>
              <button
                type="button"
                className="btn primary"
                onClick={() => void autoLayout()}
                data-testid="auto-replace"
              >
                {t('layout.confirmAutoGo')}
              </button>
            </>
          }
        >
          <p>{t('layout.confirmAutoBody', { count: manualBlocks.length })}</p>
          <ul data-testid="auto-confirm-blocks">
            {manualBlocks.map(({ page, block }) => (
              <li key={`${block.articleId}:${block.part ?? 0}`}>
                {t('layout.confirmAutoBlock', {
                  page,
                  headline: headlines.get(block.articleId) || t('articles.untitled'),
                  span: block.span,
                  lines: block.lines,
                })}
              </li>
            ))}
          </ul>
          <p className="muted">{t('layout.confirmAutoUndo')}</p>
        </Dialog>
      )}
    </div>
  )
}
