import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ArticleSummary, Issue } from '@shared/api/types'
import type { LayoutOutcome } from '@shared/layout/outcome'
import { call, errorMessage, onFlushRequest } from '../api'
import { ArticlesPane } from '../features/articles/ArticlesPane'
import { ArticleEditor, type ArticleEditorProps } from '../features/editor/ArticleEditor'
import { SearchBox } from '../features/search/SearchBox'
import { useSearchHighlight } from '../features/search/useSearchHighlight'
import { flushAll, flushAllOnUnload, hasUnsavedEdits } from '../features/editor/savers'
import { FiguresView } from '../features/figures/FiguresView'
import { ImportDialog } from '../features/import/ImportDialog'
import { blockTarget, type MeasuredCopyfit } from '../features/layout/target'
import { LayoutView } from '../features/layout/LayoutView'
import { ZonesView } from '../features/zones/ZonesView'
import { IssueDialog } from '../features/issues/IssueDialog'
import { IssuesPane } from '../features/issues/IssuesPane'
// 编辑台 (the desk): where every article of the issue stands
import { DeskView } from '../features/desk/DeskView'
// 三审三校: who is working (header chip, start dialog, 编辑部成员)
import { ActorChip } from '../features/people/ActorChip'
import { ConfirmDialog } from './Dialog'
import { useI18n } from './i18n'
// push channel (h2): the workbench's data follows the library's change events
import { useLive } from './live'
import { Newest } from './newest'

const PLACE_KEY = 'folio.place'

/** A memo boundary: the workbench re-rendering (a save's 字数 in the running order) leaves the editor alone. */
const Editor = memo(ArticleEditor)

interface Place {
  issueId: number | null
  articleId: number | null
}

type Pending =
  | { kind: 'issue-dialog'; issue: Issue | null }
  | { kind: 'delete-issue'; issue: Issue }
  | { kind: 'delete-article'; article: ArticleSummary }
  | { kind: 'import'; files: File[] }
  | null

interface Toast {
  message: string
  undo?: () => void
}

function savedPlace(): Place {
  try {
    const place = JSON.parse(localStorage.getItem(PLACE_KEY) ?? '{}') as Partial<Place>
    return { issueId: place.issueId ?? null, articleId: place.articleId ?? null }
  } catch {
    return { issueId: null, articleId: null }
  }
}

export function App() {
  const { t, lang, setLang } = useI18n()
  const [issues, setIssues] = useState<Issue[]>([])
  const [articles, setArticles] = useState<ArticleSummary[]>([])
  const [place, setPlace] = useState<Place>(savedPlace)
  const [pending, setPending] = useState<Pending>(null)
  const [toast, setToast] = useState<Toast | null>(null)

  const report = useCallback((error: unknown) => setToast({ message: errorMessage(error, lang) }), [lang])

  // An answer that comes back after a newer one (a slow start, a push and an action at once) is not shown.
  const issueReads = useRef(new Newest())
  const articleReads = useRef(new Newest())
  const refreshIssues = useCallback(async () => {
    const { value } = await issueReads.current.read(() => call('issue.list', {}), setIssues)
    return value
  }, [])

  const refreshArticles = useCallback(async (issueId: number) => {
    const { value } = await articleReads.current.read(() => call('article.list', { issueId }), setArticles)
    return value
  }, [])

  // --- push channel (h2): the lists follow what any window changes (this one's own issue changes
  // too: the 篇数 after an article is added or deleted); the running order follows other windows —
  // this one updates it itself as the editor types (onArticleChanged) and after its own actions.
  useLive({ topics: ['issues'] }, () => void refreshIssues().catch(report))
  const reloadArticles = (): void => {
    if (place.issueId !== null) void refreshArticles(place.issueId).catch(report)
  }
  useLive({ topics: ['articles'], issueId: place.issueId }, reloadArticles, { skipOwn: true })
  // A review step moves an article's stage, whichever window took it.
  useLive({ topics: ['review'], issueId: place.issueId }, reloadArticles)
  // The open article changed in another window: shown again — but never while this window has
  // edits of it not yet saved, nor while the editor has the focus (a save then meets the conflict
  // banner, and the refused text is kept as a 冲突副本, never lost).
  // Changed while the editor had the focus: shown when the focus leaves it, if nothing was typed.
  const [editorGeneration, setEditorGeneration] = useState(0)
  const staleArticle = useRef<number | null>(null)
  const showAgain = (articleId: number | null): void => {
    staleArticle.current = null
    if (articleId === null || hasUnsavedEdits(articleId)) return
    if (document.querySelector('.pane-editor')?.contains(document.activeElement)) {
      staleArticle.current = articleId
      return
    }
    setEditorGeneration((g) => g + 1)
  }
  useLive({ topics: ['body'], articleId: place.articleId }, () => showAgain(place.articleId), {
    skipOwn: true,
    named: true,
  })
  useEffect(() => {
    const onFocusOut = (event: FocusEvent): void => {
      if (staleArticle.current === null || staleArticle.current !== place.articleId) return
      if (document.querySelector('.pane-editor')?.contains(event.relatedTarget as Node | null)) return
      // After the field's own flush on blur: typed text makes it unsaved, and then nothing is replaced.
      setTimeout(() => showAgain(place.articleId), 0)
    }
    document.addEventListener('focusout', onFocusOut)
    return () => document.removeEventListener('focusout', onFocusOut)
  }, [place.articleId])
  // --- end push channel ---

  useEffect(() => {
    localStorage.setItem(PLACE_KEY, JSON.stringify(place))
  }, [place])

  useEffect(() => {
    // The place kept from last time, checked against the library — unless the editor has gone
    // somewhere since (打开示例 clicked before this first list came back: the list may not have the
    // new issue in it, and must not take the editor away from the article it opened).
    const kept = place
    refreshIssues()
      .then((list) =>
        setPlace((p) =>
          p !== kept || list.some((i) => i.id === p.issueId) ? p : { issueId: list[0]?.id ?? null, articleId: null },
        ),
      )
      .catch(report)
    // Load once at start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    if (place.issueId === null) {
      setArticles([])
      return
    }
    // An article no longer in the issue (deleted elsewhere since it was kept) gives way to the first
    // one — only if the editor is still where it was when the list was asked for: a late list of an
    // issue left since must not open one of its articles under another issue's running order.
    const { issueId, articleId } = place
    refreshArticles(issueId)
      .then((list) => {
        if (articleId === null || list.some((a) => a.id === articleId)) return
        setPlace((p) =>
          p.issueId === issueId && p.articleId === articleId ? { ...p, articleId: list[0]?.id ?? null } : p,
        )
      })
      .catch(report)
    // Reload the running order when the issue changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [place.issueId])

  // Never lose typing: flush on page hide, on close (browser) and when Electron closes the window.
  useEffect(() => {
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') void flushAll()
    }
    window.addEventListener('beforeunload', flushAllOnUnload)
    document.addEventListener('visibilitychange', onHide)
    onFlushRequest(flushAll)
    return () => {
      window.removeEventListener('beforeunload', flushAllOnUnload)
      document.removeEventListener('visibilitychange', onHide)
    }
  }, [])

  const [dragging, setDragging] = useState(false)
  const [view, setView] = useState<'articles' | 'desk' | 'layout' | 'zones' | 'figures'>('articles')
  const [copyfit, setCopyfit] = useState<MeasuredCopyfit | null>(null)
  const onOutcome = useCallback(
    (outcome: LayoutOutcome) => setCopyfit({ outcome, chars: new Map(articles.map((a) => [a.id, a.charCount])) }),
    [articles],
  )

  const target = useMemo(() => blockTarget(copyfit, place.articleId), [copyfit, place.articleId])

  const [searched, setSearched] = useState('')
  useSearchHighlight(view === 'articles' ? searched : '', place.articleId)

  const openArticle = (issueId: number, articleId: number): void => {
    setView('articles')
    if (issueId !== place.issueId) void refreshArticles(issueId)
    setPlace({ issueId, articleId })
  }

  const openSample = async (): Promise<void> => {
    try {
      const sample = await call('sample.open', {})
      await refreshIssues()
      setPlace({ issueId: sample.issue.id, articleId: sample.articles[0]?.id ?? null })
    } catch (error) {
      report(error)
    }
  }

  const onImported = async (issueId: number, articleId: number | null): Promise<void> => {
    setPending(null)
    await refreshIssues()
    if (issueId === place.issueId) await refreshArticles(issueId)
    setPlace({ issueId, articleId })
  }

  const hasFiles = (e: React.DragEvent): boolean => e.dataTransfer.types.includes('Files')

  const selectedIssue = issues.find((i) => i.id === place.issueId) ?? null

  const onArticleChanged = useCallback<ArticleEditorProps['onChanged']>((change) => {
    setArticles((list) =>
      list.map((a) =>
        a.id === change.id
          ? {
              ...a,
              ...(change.headline !== undefined && { headline: change.headline }),
              ...(change.kicker !== undefined && { kicker: change.kicker }),
              ...(change.charCount !== undefined && { charCount: change.charCount }),
            }
          : a,
      ),
    )
  }, [])

  const newArticle = async (): Promise<void> => {
    if (!selectedIssue) return
    try {
      const created = await call('article.create', {
        issueId: selectedIssue.id,
        ...(place.articleId !== null && articles.some((a) => a.id === place.articleId) && { afterId: place.articleId }),
      })
      await refreshArticles(selectedIssue.id)
      setPlace({ issueId: selectedIssue.id, articleId: created.id })
      requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('[data-field="headline"]')?.focus())
    } catch (error) {
      report(error)
    }
  }

  const moveArticle = async (id: number, toIndex: number): Promise<void> => {
    const from = articles.findIndex((a) => a.id === id)
    const optimistic = articles.filter((a) => a.id !== id)
    const moving = articles[from]
    if (!moving) return
    optimistic.splice(toIndex, 0, moving)
    setArticles(optimistic)
    try {
      setArticles(await call('article.move', { id, toIndex }))
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-article-id="${id}"]`)?.focus())
    } catch (error) {
      report(error)
      if (place.issueId !== null) void refreshArticles(place.issueId)
    }
  }

  const confirmDeleteArticle = async (article: ArticleSummary): Promise<void> => {
    setPending(null)
    try {
      await flushAll()
      await call('article.delete', { id: article.id })
      const list = await refreshArticles(article.issueId)
      if (place.articleId === article.id) setPlace((p) => ({ ...p, articleId: list[0]?.id ?? null }))
      const title = article.headline || t('articles.untitled')
      setToast({
        message: t('articles.deleted', { title }),
        undo: () => {
          call('article.restore', { id: article.id })
            .then(async () => {
              await refreshArticles(article.issueId)
              setPlace({ issueId: article.issueId, articleId: article.id })
              setToast(null)
            })
            .catch(report)
        },
      })
    } catch (error) {
      report(error)
    }
  }

  const confirmDeleteIssue = async (issue: Issue): Promise<void> => {
    setPending(null)
    try {
      await flushAll()
      await call('issue.delete', { id: issue.id })
      const list = await refreshIssues()
      setPlace({ issueId: list[0]?.id ?? null, articleId: null })
    } catch (error) {
      report(error)
    }
  }

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (!hasFiles(e)) return
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false)
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return
        e.preventDefault()
        setDragging(false)
        setPending({ kind: 'import', files: [...e.dataTransfer.files] })
      }}
    >
      {dragging && <div className="drop-overlay">{t('import.dropHere')}</div>}
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        {selectedIssue && (
          <span className="topbar-issue">
            {selectedIssue.title} {selectedIssue.edition} · {selectedIssue.number}
          </span>
        )}
        <nav className="tabs" role="tablist">
          {(['articles', 'desk', 'layout', 'zones', 'figures'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              disabled={(v === 'layout' || v === 'desk') && !selectedIssue}
              className={`tab${view === v ? ' active' : ''}`}
              data-testid={`tab-${v}`}
              onClick={() => {
                void flushAll()
                setView(v)
              }}
            >
              {t(`view.${v}`)}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <SearchBox
          onOpen={(hit, query) => {
            setSearched(query)
            openArticle(hit.issueId, hit.articleId)
          }}
          onClear={() => setSearched('')}
        />
        <ActorChip />
        <button
          type="button"
          className="btn small ghost"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="lang"
        >
          {t('lang.switch')}
        </button>
      </header>
      {view === 'layout' && selectedIssue && (
        <LayoutView key={selectedIssue.id} issue={selectedIssue} articles={articles} onOutcome={onOutcome} />
      )}
      {view === 'desk' && selectedIssue && (
        <DeskView
          key={selectedIssue.id}
          issue={selectedIssue}
          onOpenArticle={(articleId) => openArticle(selectedIssue.id, articleId)}
        />
      )}
      {view === 'zones' && <ZonesView onOpenArticle={openArticle} />}
      {view === 'figures' && <FiguresView issues={issues} onOpenArticle={openArticle} />}
      <main className="panes" hidden={view !== 'articles'}>
        <IssuesPane
          issues={issues}
          selectedId={place.issueId}
          onSelect={(id) => setPlace({ issueId: id, articleId: id === place.issueId ? place.articleId : null })}
          onNew={() => setPending({ kind: 'issue-dialog', issue: null })}
          onEdit={(issue) => setPending({ kind: 'issue-dialog', issue })}
          onDelete={(issue) => setPending({ kind: 'delete-issue', issue })}
          onImport={() => setPending({ kind: 'import', files: [] })}
          onOpenSample={() => void openSample()}
          onRestored={(issueId, articleId) => void onImported(issueId, articleId)}
          onOpenArticle={openArticle}
        />
        <ArticlesPane
          issue={selectedIssue}
          articles={articles}
          selectedId={place.articleId}
          onSelect={(id) => setPlace((p) => ({ ...p, articleId: id }))}
          onNew={() => void newArticle()}
          onMove={(id, to) => void moveArticle(id, to)}
          onDelete={(article) => setPending({ kind: 'delete-article', article })}
        />
        <section className="pane pane-editor">
          {place.articleId !== null && articles.some((a) => a.id === place.articleId) ? (
            <Editor
              key={`${place.articleId}:${editorGeneration}`}
              articleId={place.articleId}
              creditStyle={selectedIssue?.creditStyle ?? '■ {name}摄'}
              target={target}
              onChanged={onArticleChanged}
            />
          ) : (
            <p className="pane-empty">{t('editor.none')}</p>
          )}
        </section>
      </main>
      {pending?.kind === 'issue-dialog' && (
        <IssueDialog
          issue={pending.issue}
          onClose={() => setPending(null)}
          onDone={(issue) => {
            setPending(null)
            setPlace((p) => ({ issueId: issue.id, articleId: p.issueId === issue.id ? p.articleId : null }))
          }}
        />
      )}
      {pending?.kind === 'import' && (
        <ImportDialog
          files={pending.files}
          issues={issues}
          currentIssueId={place.issueId}
          onClose={() => setPending(null)}
          onDone={(issueId, articleId) => void onImported(issueId, articleId)}
        />
      )}
      {pending?.kind === 'delete-issue' && (
        <ConfirmDialog
          title={t('issues.delete')}
          message={t('issues.deleteConfirm', { title: pending.issue.title, count: pending.issue.articleCount })}
          confirmLabel={t('common.delete')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setPending(null)}
          onConfirm={() => void confirmDeleteIssue(pending.issue)}
        />
      )}
      {pending?.kind === 'delete-article' && (
        <ConfirmDialog
          title={t('articles.delete')}
          message={t('articles.deleteConfirm', { title: pending.article.headline || t('articles.untitled') })}
          confirmLabel={t('common.delete')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setPending(null)}
          onConfirm={() => void confirmDeleteArticle(pending.article)}
        />
      )}
      {toast && (
        <div className="toast" role="status" data-testid="toast">
          <span>{toast.message}</span>
          {toast.undo && (
            <button type="button" className="link" onClick={toast.undo} data-testid="undo">
              {t('articles.undo')}
            </button>
          )}
          <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => setToast(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  )
}
