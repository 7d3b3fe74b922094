import { useEffect, useMemo, useState } from 'react'
import type { Issue } from '@shared/api/types'
import type { IssueFields } from '@shared/import/masthead-fields'
import { importOfLines } from '@shared/import/editable'
import { toImportArticle, type ImportArticle } from '@shared/import/model'
import {
  LINE_ROLES,
  mergeArticles,
  ROLE_LABELS,
  setLineRole,
  splitArticle,
  type LineRole,
  type ParsedArticle,
} from '@shared/import/plaintext'
import { looksTraditional } from '@shared/tagging/traditional'
import { call, callWithBytes, errorMessage } from '../../api'
import { Dialog } from '../../app/Dialog'
import { useI18n, type MessageKey } from '../../app/i18n'
import { normalizeArticles } from './normalize'
import { defaultImportTarget, type ImportTarget } from './target'
import { IMPORTABLE, isBundle, readFiles, type Preview, type PreviewArticle } from './readFiles'

/** Lines of an article the preview draws at first, and more at each click: a huge file stays usable. */
const LINES_SHOWN = 1000

const MASTHEAD_FIELDS = ['title', 'edition', 'number', 'guidance', 'postalCode', 'email'] as const

/**
 * Import preview: every decision the importer made is shown — articles, each line's role, where it
 * was unsure — and can be fixed (change a role, split, merge) before anything is written.
 */
export function ImportDialog({
  files: initialFiles,
  issues,
  currentIssueId,
  onDone,
  onClose,
}: {
  files: File[]
  issues: Issue[]
  currentIssueId: number | null
  onDone(issueId: number, firstArticleId: number | null): void
  onClose(): void
}) {
  const { t, lang } = useI18n()
  const [files, setFiles] = useState<File[]>(initialFiles)
  const [split, setSplit] = useState<'file' | 'headings'>('file')
  const [preview, setPreview] = useState<Preview | null>(null)
  const [selected, setSelected] = useState(0)
  const [target, setTarget] = useState<ImportTarget>(() => defaultImportTarget(currentIssueId, issues, null))
  const [masthead, setMasthead] = useState<IssueFields>({ title: '' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [progress, setProgress] = useState<{ file: string; fraction: number } | null>(null)
  // 标点规范化 is on by default for text extracted from print; 转为简体 is only offered, off.
  const [punctuation, setPunctuation] = useState(true)
  const [simplified, setSimplified] = useState(false)

  useEffect(() => {
    if (files.length === 0) return
    let live = true
    setBusy(true)
    const bundles = files.filter(isBundle)
    if (bundles.length > 0) {
      // A .folio bundle is a whole issue made by Folio: nothing to decide, it comes in as it was.
      ;(async () => {
        let last: { issueId: number; articleId: number | null } | null = null
        for (const file of bundles) {
          const report = await callWithBytes('import.bundle', new Uint8Array(await file.arrayBuffer()), {})
          last = { issueId: report.issue.id, articleId: report.articleIds[0] ?? null }
        }
        if (live && last) onDone(last.issueId, last.articleId)
      })()
        .catch((e: unknown) => live && setError(errorMessage(e, lang)))
        .finally(() => live && setBusy(false))
      return () => {
        live = false
      }
    }
    readFiles(files, split, (file, fraction) => live && setProgress({ file, fraction }))
      .then((read) => {
        if (!live) return
        setPreview(read)
        setSelected(0)
        setPunctuation(read.articles.some((a) => a.source === 'text'))
        setSimplified(false)
        // The masthead fills 新建一期 if the editor chooses it; the default stays the issue they are in.
        if (read.issue) setMasthead(read.issue)
        setTarget(defaultImportTarget(currentIssueId, issues, read.issue))
      })
      .catch((e: unknown) => live && setError(errorMessage(e, lang)))
      .finally(() => {
        if (!live) return
        setBusy(false)
        setProgress(null)
      })
    return () => {
      live = false
    }
    // onDone is the caller's; re-reading files when it changes identity would import twice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [files, split, lang])

  const articles = useMemo(() => preview?.articles ?? [], [preview])
  const current = articles[selected]

  // The lines stay the source of truth: normalisation applies to the articles built from them.
  const built = useMemo(
    () => articles.map((a) => (a.source === 'docx' ? importOfLines(a.article, a.extras) : toImportArticle(a.article))),
    [articles],
  )
  const traditional = useMemo(() => looksTraditional(built.map(articleText).join('\n')), [built])
  const simplify = simplified && traditional
  // Counted with the fixes on, so the editor sees what switching it on would change.
  const withFixes = useMemo(
    () => normalizeArticles(built, { punctuation: true, simplified: simplify }),
    [built, simplify],
  )

  const replaceArticles = (next: PreviewArticle[], select = selected): void => {
    if (!preview) return
    setPreview({ ...preview, articles: next })
    setSelected(Math.max(0, Math.min(select, next.length - 1)))
  }

  // Text and Word articles alike are lines with roles (a Word article's runs and images ride beside them).
  const updateText = (index: number, article: ParsedArticle): void => {
    const item = articles[index]
    if (!item) return
    replaceArticles(articles.map((a, i) => (i === index ? { ...item, article } : a)))
  }

  const splitAt = (line: number): void => {
    if (!current) return
    const [head, tail] = splitArticle(current.article, line)
    const next = [...articles]
    next.splice(selected, 1, { ...current, article: head }, { ...current, article: tail })
    replaceArticles(next, selected + 1)
  }

  const mergeNext = (index: number): void => {
    const first = articles[index]
    const second = articles[index + 1]
    if (!first || !second || !mergeable(first, second)) return
    const next = [...articles]
    next.splice(index, 2, { ...first, article: mergeArticles(first.article, second.article) })
    replaceArticles(next, index)
  }

  const commit = async (): Promise<void> => {
    if (!preview) return
    setBusy(true)
    setError(null)
    try {
      const result = await call('import.commit', {
        ...(target === 'new' ? { issue: masthead } : { issueId: target }),
        articles: punctuation
          ? withFixes.articles
          : normalizeArticles(built, { punctuation: false, simplified: simplify }).articles,
        images: preview.images,
      })
      onDone(result.issue.id, result.articles[0]?.id ?? null)
    } catch (e) {
      setError(errorMessage(e, lang))
    } finally {
      setBusy(false)
    }
  }

  const warnCount = (a: PreviewArticle): number =>
    a.article.notes.filter((n) => n.level === 'warn').length + (a.source === 'docx' ? a.warnings.length : 0)

  return (
    <Dialog
      title={t('import.title')}
      onClose={onClose}
      testId="import-dialog"
      wide
      footer={
        <>
          {error && (
            <span className="form-error footer-error" role="alert">
              {error}
            </span>
          )}
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={busy || articles.length === 0 || (target === 'new' && masthead.title.trim() === '')}
            onClick={() => void commit()}
            data-testid="import-commit"
          >
            {t('import.commit', { count: articles.length })}
          </button>
        </>
      }
    >
      <div className="import-top">
        <label className="btn small">
          {t('import.choose')}
          <input
            type="file"
            accept={IMPORTABLE}
            multiple
            hidden
            data-testid="import-file"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </label>
        <span className="import-files">{files.map((f) => f.name).join('，') || t('import.dropHintPdf')}</span>
        {files.some((f) => /\.docx$/i.test(f.name)) && (
          <label className="import-split">
            <input
              type="checkbox"
              checked={split === 'headings'}
              onChange={(e) => setSplit(e.target.checked ? 'headings' : 'file')}
            />
            {t('import.splitHeadings')}
          </label>
        )}
        {busy && !progress && <span className="muted">…</span>}
        {busy && progress && (
          <span className="import-progress" data-testid="import-progress">
            <progress max={1} value={progress.fraction} />{' '}
            {t('import.reading', { file: progress.file, percent: Math.floor(progress.fraction * 100) })}
          </span>
        )}
      </div>

      {preview?.errors.map((e) => (
        <p key={e.file} className="form-error" role="alert">
          {e.file}：{lang === 'zh' ? e.message_zh : e.message_en}
        </p>
      ))}

      {preview && articles.length > 0 && (
        <>
          <div className="import-target">
            <label>
              <input type="radio" name="target" checked={target === 'new'} onChange={() => setTarget('new')} />{' '}
              {t('import.newIssue')}
            </label>
            <label>
              <input
                type="radio"
                name="target"
                checked={target !== 'new'}
                disabled={issues.length === 0}
                onChange={() => setTarget(currentIssueId ?? issues[0]?.id ?? 'new')}
              />{' '}
              {t('import.existingIssue')}
            </label>
            {target !== 'new' && (
              <select
                value={target}
                onChange={(e) => setTarget(Number(e.target.value))}
                data-testid="import-target-issue"
              >
                {issues.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.title} {i.number}
                  </option>
                ))}
              </select>
            )}
            {target !== 'new' && preview.issue && (
              <span className="muted" data-testid="import-masthead-note">
                {t('import.mastheadElsewhere', {
                  masthead: [preview.issue.title, preview.issue.number].filter(Boolean).join(' '),
                  newIssue: t('import.newIssue'),
                })}
              </span>
            )}
          </div>
          <div className="import-target import-normalize" data-testid="import-normalize">
            <label>
              <input
                type="checkbox"
                checked={punctuation}
                onChange={(e) => setPunctuation(e.target.checked)}
                data-testid="normalize-punctuation"
              />{' '}
              <span data-testid="normalize-punctuation-count">
                {t(punctuation ? 'import.normalize.changed' : 'import.normalize.off', {
                  count: withFixes.count.punctuation,
                })}
              </span>
            </label>
            <span className="muted">{t('import.normalize.hint')}</span>
            {traditional && (
              <>
                <label>
                  <input
                    type="checkbox"
                    checked={simplified}
                    onChange={(e) => setSimplified(e.target.checked)}
                    data-testid="normalize-simplified"
                  />{' '}
                  {t('import.normalize.simplified')}
                </label>
                <span className="muted" data-testid="normalize-simplified-note">
                  {simplified
                    ? t('import.normalize.simplifiedCount', { count: withFixes.count.simplified })
                    : t('import.normalize.simplifiedWhy')}
                </span>
              </>
            )}
          </div>
          {target === 'new' && (
            <div className="import-masthead">
              {MASTHEAD_FIELDS.map((key) => (
                <label key={key} className="form-field">
                  <span>{t(`issue.${key}` as MessageKey)}</span>
                  <input
                    name={`masthead-${key}`}
                    value={masthead[key] ?? ''}
                    onChange={(e) => setMasthead({ ...masthead, [key]: e.target.value })}
                  />
                </label>
              ))}
            </div>
          )}
          <div className="import-body">
            <ol className="list import-articles" data-testid="import-articles">
              {articles.map((a, i) => (
                <li
                  key={i}
                  className={i === selected ? 'selected' : ''}
                  onClick={() => setSelected(i)}
                  data-testid="import-article"
                >
                  <div className="article-main">
                    {a.article.kicker && <div className="article-kicker">{a.article.kicker}</div>}
                    <div className="article-headline">{a.article.headline || t('articles.untitled')}</div>
                    <div className="article-meta">
                      <span>{a.file}</span>
                      {warnCount(a) > 0 && (
                        <span className="badge b-review">{t('import.unsure', { count: warnCount(a) })}</span>
                      )}
                    </div>
                  </div>
                  {mergeable(a, articles[i + 1]) && (
                    <button
                      type="button"
                      className="link"
                      title={t('import.mergeNext')}
                      data-testid="merge-next"
                      onClick={(e) => {
                        e.stopPropagation()
                        mergeNext(i)
                      }}
                    >
                      {t('import.merge')}
                    </button>
                  )}
                </li>
              ))}
            </ol>
            <div className="import-lines">
              {current?.source === 'docx' && <DocxWarnings warnings={current.warnings} />}
              {current && (
                <TextArticleLines
                  article={current.article}
                  onRole={(line, role) => updateText(selected, setLineRole(current.article, line, role))}
                  onSplit={splitAt}
                />
              )}
            </div>
          </div>
        </>
      )}
    </Dialog>
  )
}

function TextArticleLines({
  article,
  onRole,
  onSplit,
}: {
  article: ParsedArticle
  onRole(line: number, role: LineRole): void
  onSplit(line: number): void
}) {
  const { t, lang } = useI18n()
  const [shown, setShown] = useState(LINES_SHOWN)
  // One lookup per line, not a scan of every note for every line (quadratic in a large file).
  const notesByLine = useMemo(() => {
    const map = new Map<number, ParsedArticle['notes']>()
    for (const note of article.notes) {
      if (note.line <= 0) continue
      const list = map.get(note.line)
      if (list) list.push(note)
      else map.set(note.line, [note])
    }
    return map
  }, [article.notes])
  const more = article.lines.length - shown
  return (
    <table className="import-table">
      <tbody>
        {article.lines.slice(0, shown).map((line, i) => {
          const notes = notesByLine.get(line.line) ?? []
          const warn = notes.some((n) => n.level === 'warn')
          return (
            <tr
              key={`${line.line}-${i}`}
              className={`role-${line.role}${warn ? ' warn' : ''}`}
              data-testid="import-line"
            >
              <td className="ln">{line.line || ''}</td>
              <td>
                <select
                  value={line.role}
                  aria-label={t('import.role')}
                  data-testid="line-role"
                  onChange={(e) => onRole(i, e.target.value as LineRole)}
                >
                  {LINE_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role][lang]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="text">
                {line.join === '' && (
                  <span className="join-mark" title={t('import.joined')}>
                    ⤴
                  </span>
                )}
                <span className="line-text">{line.text}</span>
                {notes.map((n) => (
                  <div key={n.code} className={`note note-${n.level}`}>
                    {lang === 'zh' ? n.message_zh : n.message_en}
                  </div>
                ))}
              </td>
              <td>
                {i > 0 && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => onSplit(i)}
                    data-testid="split-here"
                    title={t('import.splitHere')}
                  >
                    {t('import.split')}
                  </button>
                )}
              </td>
            </tr>
          )
        })}
        {more > 0 && (
          <tr>
            <td colSpan={4}>
              <button
                type="button"
                className="link"
                data-testid="more-lines"
                onClick={() => setShown(shown + LINES_SHOWN)}
              >
                {t('import.moreLines', { count: Math.min(more, LINES_SHOWN), total: article.lines.length })}
              </button>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}

/** What reading the Word file warned about, above its lines. */
function DocxWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null
  return (
    <div data-testid="docx-warnings">
      {warnings.map((w) => (
        <div key={w} className="note note-warn">
          {w}
        </div>
      ))}
    </div>
  )
}

/** Two neighbours can be merged when both are text, or both come from the same Word file (their extras are one record). */
function mergeable(first: PreviewArticle, second: PreviewArticle | undefined): boolean {
  if (!second || first.source !== second.source) return false
  return first.source === 'text' || first.file === second.file
}

/** Every text of an article built for import, one after another. */
function articleText(article: ImportArticle): string {
  const parts = [article.kicker, article.headline, article.subtitle, article.dateline, article.byline]
  for (const block of article.blocks) {
    if (block.type === 'photo') parts.push(block.caption, block.credit)
    else parts.push(block.text)
  }
  return parts.filter((p) => p !== null).join('\n')
}
