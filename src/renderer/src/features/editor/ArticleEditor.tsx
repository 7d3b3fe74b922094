import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin'
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import type { LexicalEditor } from 'lexical'
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { Article } from '@shared/api/types'
import type { SerializedBody } from '@shared/doc/splice'
import type { CharCount } from '@shared/text/count'
import { call, errorMessage } from '../../api'
import { idleSubscribe, whenQuiet } from '../../app/idle'
import { useLive } from '../../app/live'
import { useI18n } from '../../app/i18n'
import { BODY_NODES } from '../../editor/nodes'
import { docToPlainText, editorBody, parseDoc } from '@shared/doc/lexical'
import { CreditStyleContext } from '../../editor/nodes/PhotoView'
import { rejectionKey, type Suggestion } from '../../editor/tagging/suggestions'
import { useTagging } from '../../editor/tagging/TaggingContext'
import { TagsPanel } from '../../editor/tagging/TagsPanel'
import { TagsPlugin } from '../../editor/tagging/TagsPlugin'
import { BodyChangePlugin } from '../../editor/plugins/BodyChangePlugin'
import { CleanContentPlugin } from '../../editor/plugins/CleanContentPlugin'
import { CountPlugin } from '../../editor/plugins/CountPlugin'
import { FarBlocksPlugin } from '../../editor/plugins/FarBlocksPlugin'
import { PlainTextPastePlugin } from '../../editor/plugins/PlainTextPastePlugin'
import { ProofPanel, SideTabs, type SidePanel } from '../../editor/proof/ProofPanel'
import { ProofPlugin } from '../../editor/proof/ProofPlugin'
import { createProofSession, type ProofSession } from '../../editor/proof/session'
import { loadProofSettings } from '../../editor/proof/settings'
import { ToolbarPlugin } from '../../editor/plugins/ToolbarPlugin'
import { createStore, useStore, type Store } from '../../editor/store'
import { editorTheme } from '../../editor/theme'
import type { ArticleSaver, Patch } from './saver'
import { RevisionsPanel } from './RevisionsPanel'
// 三审: the review bar, and a signed-off text read-only until 修改
import { ReadOnlyPlugin } from '../review/ReadOnlyPlugin'
import { ReviewBar } from '../review/ReviewBar'
import { closeSaver, createSaver, discardStash, libraryIdentity, takeStash, type Stashed } from './savers'
import './stash.css'
import type { BlockTarget } from '../layout/target'
// field labels (h2): accessible names from the one field table
import { ARTICLE_FIELDS } from '@shared/api/fields'

type FieldKey = 'kicker' | 'headline' | 'subtitle' | 'dateline' | 'byline'

export interface ArticleEditorProps {
  articleId: number
  /** The photo credit style, e.g. '■ {name}摄'. */
  creditStyle: string
  /** The article's block on the pages, when the issue has been laid out. */
  target: BlockTarget | null
  onChanged(article: { id: number; headline?: string; kicker?: string; charCount?: number }): void
}

export function ArticleEditor({ articleId, creditStyle, target, onChanged }: ArticleEditorProps) {
  const { t, lang } = useI18n()
  const [article, setArticle] = useState<Article | null>(null)
  const [saver, setSaver] = useState<ArticleSaver | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [generation, setGeneration] = useState(0)
  const [restored, setRestored] = useState(false)
  const [offer, setOffer] = useState<{ stashed: Stashed; why: 'version' | 'library'; libraryId: string } | null>(null)
  const [mount, setMount] = useState(0)

  useEffect(() => {
    let live = true
    let opened: ArticleSaver | null = null
    setArticle(null)
    setOffer(null)
    Promise.all([call('article.get', { id: articleId }), libraryIdentity()])
      .then(([loaded, libraryId]) => {
        if (!live) return
        opened = createSaver(libraryId, loaded.id, loaded.version, loaded.body)
        // Bring back what this tab typed but could not save (server gone, new token) — only when it
        // was based on the very version the library holds; anything else is offered, not applied.
        const outcome = takeStash(libraryId, loaded)
        if (outcome?.kind === 'apply') applyPatch(opened, outcome.stashed.patch)
        if (outcome?.kind === 'offer') setOffer({ stashed: outcome.stashed, why: outcome.why, libraryId })
        setRestored(outcome?.kind === 'apply')
        setSaver(opened)
        setArticle(outcome?.kind === 'apply' ? { ...loaded, ...outcome.stashed.patch } : loaded)
      })
      .catch((error: unknown) => live && setLoadError(errorMessage(error, lang)))
    return () => {
      live = false
      if (opened) void closeSaver(opened)
    }
    // Reload only when the article changes, not when the language does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [articleId, generation])

  const takeOffer = (): void => {
    if (!offer || !saver || !article) return
    applyPatch(saver, offer.stashed.patch)
    setArticle({ ...article, ...offer.stashed.patch })
    discardStash(offer.libraryId, article.id)
    setOffer(null)
    setMount((m) => m + 1)
  }
  const dropOffer = (): void => {
    if (!offer || !article) return
    discardStash(offer.libraryId, article.id)
    setOffer(null)
  }

  if (loadError) return <div className="editor-empty error">{loadError}</div>
  if (!article || !saver) return <div className="editor-empty">…</div>
  return (
    <>
      {offer && <StashOffer offer={offer.stashed} why={offer.why} onTake={takeOffer} onDrop={dropOffer} />}
      <ConflictBanner saver={saver} onReload={() => setGeneration((g) => g + 1)} />
      <LoadedEditor
        key={`${article.id}:${article.version}:${mount}`}
        creditStyle={creditStyle}
        target={target}
        restored={restored}
        article={article}
        saver={saver}
        onChanged={onChanged}
        onReload={() => setGeneration((g) => g + 1)}
        t={t}
      />
    </>
  )
}

/**
 * A save refused because the article changed elsewhere: said above the text, not squeezed into
 * the status bar — where the refused text went (冲突副本 in the history) and how to go on.
 */
function ConflictBanner({ saver, onReload }: { saver: ArticleSaver; onReload(): void }) {
  const { t, lang } = useI18n()
  // Subscribed to whether there is a conflict, not to the save state: it changes at every autosave
  // (dirty → saving → saved), and each change was a React commit between two keys.
  const conflict = useSyncExternalStore(
    useCallback((listener) => saver.subscribe(listener), [saver]),
    () => saver.state === 'error' && saver.error?.code === 'conflict',
  )
  const error = saver.error
  if (!conflict || !error) return null
  return (
    <div className="save-conflict" role="alert" data-testid="conflict-banner">
      <p>{lang === 'zh' ? error.message_zh : error.message_en}</p>
      <button type="button" className="btn small" onClick={onReload} data-testid="reload-article">
        {t('save.reload')}
      </button>
    </div>
  )
}

function applyPatch(saver: ArticleSaver, patch: Patch): void {
  const { body, ...fields } = patch
  saver.editFields(fields)
  if (body !== undefined) saver.editBody(() => body)
}

/** Text this tab kept that does not fit the article as the library has it: shown, taken only on request. */
function StashOffer({
  offer,
  why,
  onTake,
  onDrop,
}: {
  offer: Stashed
  why: 'version' | 'library'
  onTake(): void
  onDrop(): void
}) {
  const { t, lang } = useI18n()
  const [open, setOpen] = useState(false)
  const text = useMemo(() => stashedText(offer.patch), [offer])
  const when = offer.savedAt
    ? new Date(offer.savedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
        dateStyle: 'short',
        timeStyle: 'short',
      })
    : ''
  return (
    <div className="stash-offer" role="alert" data-testid="stash-offer" data-why={why}>
      <p>
        {t(why === 'library' ? 'stash.fromLibrary' : 'stash.fromVersion', { version: offer.version })}
        {when && <span className="muted"> · {when}</span>}
      </p>
      {open && (
        <pre className="stash-text" data-testid="stash-text">
          {text}
        </pre>
      )}
      <span className="stash-actions">
        <button type="button" className="link" onClick={() => setOpen((v) => !v)} data-testid="stash-show">
          {t(open ? 'stash.hide' : 'stash.show')}
        </button>
        <button type="button" className="btn small" onClick={onTake} data-testid="stash-take">
          {t('stash.take')}
        </button>
        <button type="button" className="btn small ghost" onClick={onDrop} data-testid="stash-drop">
          {t('stash.drop')}
        </button>
      </span>
    </div>
  )
}

function stashedText(patch: Patch): string {
  const head = [patch.kicker, patch.headline, patch.subtitle].filter((v) => v !== undefined && v !== '').join('\n')
  let body = ''
  if (patch.body !== undefined) {
    try {
      body = docToPlainText(parseDoc(patch.body))
    } catch {
      body = ''
    }
  }
  return [head, body].filter(Boolean).join('\n\n')
}

function LoadedEditor({
  article,
  saver,
  onChanged,
  onReload,
  creditStyle,
  target,
  restored,
  t,
}: {
  creditStyle: string
  target: BlockTarget | null
  restored: boolean
  article: Article
  saver: ArticleSaver
  onChanged: ArticleEditorProps['onChanged']
  onReload(): void
  t: ReturnType<typeof useI18n>['t']
}) {
  const { lang } = useI18n()
  const [fields, setFields] = useState<Record<FieldKey, string>>({
    kicker: article.kicker,
    headline: article.headline,
    subtitle: article.subtitle,
    dateline: article.dateline,
    byline: article.byline,
  })
  // 字数 and suggestions change as the editor types: kept in stores that only the status bar and
  // the tags panel read, so typing never re-renders this component (and the editor in it).
  const [counts] = useState(() => createStore<CharCount>({ chars: article.charCount, punct: article.punctCount }))
  const [showRevisions, setShowRevisions] = useState(false)
  // 已签发 and 修改 not pressed: nothing goes into the text (ReviewBar decides).
  const [locked, setLocked] = useState(article.stage === 'signed')
  // The side panel: 标注 or 校对 (F7 opens 校对), or none.
  const [side, setSide] = useState<SidePanel | null>('tags')
  const [proof] = useState(() => createProofSession(article.id, () => setSide('proof')))
  const editorRef = useRef<LexicalEditor | null>(null)
  const [suggestions] = useState(() => createStore<Suggestion[]>([]))
  const [rejected, setRejected] = useState<ReadonlySet<string>>(new Set())
  const { gazetteer } = useTagging()

  useEffect(() => {
    call('tag.rejections', { articleId: article.id })
      .then((list) => setRejected(new Set(list.map((r) => rejectionKey(r.kind, r.text)))))
      .catch((error: unknown) => console.error(error))
  }, [article.id])

  // 校对 settings kept in the library (rules off, findings ignored); another window's change follows.
  const loadProof = useCallback(() => {
    loadProofSettings(proof).catch((error: unknown) => console.error(error))
  }, [proof])
  useEffect(loadProof, [loadProof])
  useLive({ topics: ['proof'], articleId: article.id }, loadProof, { skipOwn: true })

  const reject = (kind: 'zone' | 'figure', text: string): void => {
    setRejected((prev) => new Set([...prev, rejectionKey(kind, text)]))
    call('tag.reject', { articleId: article.id, kind, text }).catch((error: unknown) => console.error(error))
  }

  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: 'folio-article',
      theme: editorTheme,
      nodes: BODY_NODES,
      editorState: editorBody(article.body),
      onError: (error) => console.error(error),
    }),
    [article.body],
  )

  const setField = (key: FieldKey, value: string): void => {
    setFields((prev) => ({ ...prev, [key]: value }))
    saver.editFields({ [key]: value })
    if (key === 'headline' || key === 'kicker') onChanged({ id: article.id, [key]: value })
  }

  const onBodyChange = useCallback((read: () => SerializedBody) => saver.editBody(read), [saver])

  const onCount = useCallback((next: CharCount) => counts.set(next), [counts])

  // The running order's 字数 follows on each save (and when the editor closes), not per keystroke:
  // the workbench does not re-render while the editor types.
  useEffect(() => {
    let reported = article.charCount
    const report = (): void => {
      const { chars } = counts.get()
      if (chars === reported) return
      reported = chars
      onChanged({ id: article.id, charCount: chars })
    }
    // Once typing pauses (app/idle.ts): the workbench re-renders around the editor then, not
    // between two keys.
    let pending: (() => void) | null = null
    const unsubscribe = saver.subscribe(() => {
      if (saver.state === 'saved')
        pending ??= whenQuiet(() => {
          pending = null
          report()
        })
    })
    return () => {
      unsubscribe()
      pending?.()
      report()
    }
  }, [article.id, article.charCount, counts, saver, onChanged])

  const onKeyDown = (event: React.KeyboardEvent): void => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault()
      void saver.flush(true)
    }
  }

  // Tab from the last title field (署名) goes to the body, not through the toolbar's buttons.
  const onFieldKey = (event: React.KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.nativeEvent.isComposing) return
    const sheet = event.currentTarget.closest('.sheet')
    const fields = sheet ? Array.from(sheet.querySelectorAll('[data-field]')) : []
    if (fields[fields.length - 1] !== event.currentTarget) return
    event.preventDefault()
    editorRef.current?.focus(undefined, { defaultSelection: 'rootStart' })
  }

  const fieldInput = (key: FieldKey, className: string, multiline = false) => (
    <label className={`field ${className}`}>
      <span className="field-label">{t(`editor.${key}`)}</span>
      {key === 'subtitle' && fields.subtitle !== '' && <span className="subtitle-dash">——</span>}
      {multiline ? (
        <textarea
          rows={1}
          value={fields[key]}
          readOnly={locked}
          data-field={key}
          aria-label={ARTICLE_FIELDS[key][lang]}
          onChange={(e) => setField(key, e.target.value)}
          onKeyDown={onFieldKey}
          onBlur={() => void saver.flush()}
        />
      ) : (
        <input
          value={fields[key]}
          readOnly={locked}
          data-field={key}
          aria-label={ARTICLE_FIELDS[key][lang]}
          onChange={(e) => setField(key, e.target.value)}
          onKeyDown={onFieldKey}
          onBlur={() => void saver.flush()}
        />
      )}
    </label>
  )

  return (
    <div className={`editor${showRevisions ? ' with-revisions' : ''}${locked ? ' locked' : ''}`} onKeyDown={onKeyDown}>
      <ReviewBar articleId={article.id} saver={saver} locked={locked} onLocked={setLocked} />
      <CreditStyleContext.Provider value={creditStyle}>
        <LexicalComposer initialConfig={initialConfig}>
          <div className="editor-main">
            <div className="editor-col">
              <ToolbarPlugin />
              <div className="editor-scroll-box">
                <div className="editor-scroll">
                  <div className="sheet">
                    {fieldInput('kicker', 'f-kicker')}
                    {fieldInput('headline', 'f-headline', true)}
                    {fieldInput('subtitle', 'f-subtitle')}
                    <div className="field-row">
                      {fieldInput('dateline', 'f-dateline')}
                      {fieldInput('byline', 'f-byline')}
                    </div>
                    <div className="body-wrap">
                      <RichTextPlugin
                        contentEditable={
                          <ContentEditable
                            className="body-editable"
                            aria-label={t('editor.body')}
                            data-testid="body"
                            onBlur={() => void saver.flush()}
                          />
                        }
                        placeholder={<div className="body-placeholder">{t('editor.placeholder')}</div>}
                        ErrorBoundary={LexicalErrorBoundary}
                      />
                    </div>
                    <HistoryPlugin />
                    <EditorRefPlugin editorRef={editorRef} />
                    <ListPlugin />
                    <CleanContentPlugin />
                    <PlainTextPastePlugin />
                    <CountPlugin onCount={onCount} />
                    <FarBlocksPlugin />
                    <TagsPlugin gazetteer={gazetteer} rejected={rejected} onSuggestions={suggestions.set} />
                    <ProofPlugin session={proof} />
                    <ReadOnlyPlugin readOnly={locked} />
                    <BodyChangePlugin onChange={onBodyChange} />
                  </div>
                </div>
              </div>
            </div>
            {side === 'tags' && (
              <TagsPanel
                suggestions={suggestions}
                onReject={reject}
                onClose={() => setSide(null)}
                tabs={<SideTabs side="tags" onSide={setSide} />}
              />
            )}
            {side === 'proof' && (
              <ProofPanel
                session={proof}
                onClose={() => setSide(null)}
                tabs={<SideTabs side="proof" onSide={setSide} />}
              />
            )}
          </div>
        </LexicalComposer>
      </CreditStyleContext.Provider>
      {showRevisions && (
        <RevisionsPanel
          articleId={article.id}
          onClose={() => setShowRevisions(false)}
          onRestored={() => {
            setShowRevisions(false)
            onReload()
          }}
        />
      )}
      <footer className="statusbar">
        <Counts counts={counts} restored={restored} target={target} />
        <button
          type="button"
          className="link history-link"
          data-testid="show-tags"
          onClick={() => setSide((v) => (v === 'tags' ? null : 'tags'))}
        >
          <SuggestionCount suggestions={suggestions} />
        </button>
        <button
          type="button"
          className="link history-link"
          data-testid="show-proof"
          title="F7"
          onClick={() => setSide((v) => (v === 'proof' ? null : 'proof'))}
        >
          <ProofCount session={proof} />
        </button>
        <button
          type="button"
          className="link"
          data-testid="show-revisions"
          onClick={() => void saver.flush().then(() => setShowRevisions((v) => !v))}
        >
          {t('revisions.title')}
        </button>
        <SaveStateLabel saver={saver} />
      </footer>
    </div>
  )
}

/** 字数, 标点 and the copyfit target, re-rendered alone when the count changes. */
function Counts({
  counts,
  restored,
  target,
}: {
  counts: Store<CharCount>
  restored: boolean
  target: BlockTarget | null
}) {
  const { t } = useI18n()
  // Once typing pauses: not laid out a second time in a keystroke's frame, nor in a frame of its
  // own between two keys (app/idle.ts).
  const count = useStore(counts, 'quiet')
  return (
    <>
      <span className="count" data-testid="char-count">
        {t('editor.chars', { chars: count.chars })}
      </span>
      {restored && (
        <span className="restored-note" data-testid="restored-note">
          {t('save.restored')}
        </span>
      )}
      <span className="count muted" data-testid="punct-count">
        {t('editor.punct', { punct: count.punct })}
      </span>
      {target && (
        <span className={`copyfit${target.capacity - count.chars < 0 ? ' over' : ''}`} data-testid="copyfit-target">
          {t('layout.target', { page: target.page, span: target.span, lines: target.lines })} ·{' '}
          {target.capacity - count.chars < 0
            ? t('layout.over', { count: count.chars - target.capacity })
            : t('layout.room', { count: target.capacity - count.chars })}
        </span>
      )}
    </>
  )
}

function SuggestionCount({ suggestions }: { suggestions: Store<Suggestion[]> }) {
  const { t } = useI18n()
  return t('tags.toggle', { count: useStore(suggestions).length })
}

function ProofCount({ session }: { session: ProofSession }) {
  const { t } = useI18n()
  const count = useStore(session.items).length
  // Until the article has been proofed once, 0 would read as “nothing to fix”.
  return useStore(session.proofed) ? t('proof.toggle', { count }) : t('proof.toggleRunning')
}

/**
 * The save state as the saver shows it (ArticleSaver.shown: a quick save goes from 待保存 to
 * 已保存), subscribed on its own: a change of state re-renders this label, not the editor.
 */
function SaveStateLabel({ saver }: { saver: ArticleSaver }) {
  const { t, lang } = useI18n()
  const saveState = useSyncExternalStore(
    // Like 字数, once typing pauses: while it runs on, the label does not flip between 待保存 and
    // 已保存 with each save. A failure shows at once.
    useMemo(
      () =>
        idleSubscribe(
          (listener) => saver.subscribe(listener),
          () => saver.state !== 'error',
        ),
      [saver],
    ),
    () => saver.shown,
  )
  return (
    <span className={`save-state s-${saveState}`} data-testid="save-state" data-state={saveState}>
      {saveState === 'error' && saver.error?.code === 'conflict' ? t('save.conflict') : t(`save.${saveState}`)}
      {saveState === 'error' && saver.error && saver.error.code !== 'conflict'
        ? `：${lang === 'zh' ? saver.error.message_zh : saver.error.message_en}`
        : ''}
    </span>
  )
}
