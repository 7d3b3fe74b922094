import { useState } from 'react'
import type { ArticleSummary, Issue } from '@shared/api/types'
import { STAGE_EN, STAGE_ZH } from '@shared/api/review-types'
import { useI18n } from '../../app/i18n'

/** The issue's running order: select, create, reorder (drag or Alt+↑/↓), delete. */
export function ArticlesPane({
  issue,
  articles,
  selectedId,
  onSelect,
  onNew,
  onMove,
  onDelete,
}: {
  issue: Issue | null
  articles: ArticleSummary[]
  selectedId: number | null
  onSelect(id: number): void
  onNew(): void
  onMove(id: number, toIndex: number): void
  onDelete(article: ArticleSummary): void
}) {
  const { t, lang } = useI18n()
  const [dragId, setDragId] = useState<number | null>(null)
  const [dropIndex, setDropIndex] = useState<number | null>(null)

  if (!issue) {
    return (
      <section className="pane pane-articles">
        <p className="pane-empty">{t('articles.noIssue')}</p>
      </section>
    )
  }

  const onKeyDown = (event: React.KeyboardEvent, article: ArticleSummary, index: number): void => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault()
      const to = event.key === 'ArrowUp' ? index - 1 : index + 1
      if (to >= 0 && to < articles.length) onMove(article.id, to)
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault()
      const next = articles[event.key === 'ArrowUp' ? index - 1 : index + 1]
      if (next) onSelect(next.id)
    } else if (event.key === 'Enter') onSelect(article.id)
    else if (event.key === 'Delete') onDelete(article)
  }

  return (
    <section className="pane pane-articles" aria-label={t('articles.title')}>
      <header className="pane-head">
        <h2>
          {t('articles.title')}
          <span className="pane-sub">{issue.number}</span>
        </h2>
        <button type="button" className="btn small primary" onClick={onNew} data-testid="new-article">
          ＋ {t('articles.new')}
        </button>
      </header>
      {articles.length === 0 ? (
        <p className="pane-empty">{t('articles.empty')}</p>
      ) : (
        <ol className="list articles" role="listbox" aria-label={t('articles.title')} title={t('articles.moveHint')}>
          {articles.map((article, index) => (
            <li
              key={article.id}
              role="option"
              aria-selected={article.id === selectedId}
              tabIndex={article.id === selectedId || (selectedId === null && index === 0) ? 0 : -1}
              draggable
              data-testid="article-item"
              data-article-id={article.id}
              className={[
                'article-item',
                article.id === selectedId && 'selected',
                article.id === dragId && 'dragging',
                dropIndex === index && dragId !== null && 'drop-before',
              ]
                .filter(Boolean)
                .join(' ')}
              onClick={() => onSelect(article.id)}
              onKeyDown={(e) => onKeyDown(e, article, index)}
              onDragStart={(e) => {
                setDragId(article.id)
                e.dataTransfer.effectAllowed = 'move'
                e.dataTransfer.setData('text/plain', String(article.id))
              }}
              onDragOver={(e) => {
                e.preventDefault()
                const rect = e.currentTarget.getBoundingClientRect()
                setDropIndex(e.clientY < rect.top + rect.height / 2 ? index : index + 1)
              }}
              onDrop={(e) => {
                e.preventDefault()
                if (dragId !== null && dropIndex !== null) {
                  const from = articles.findIndex((a) => a.id === dragId)
                  onMove(dragId, dropIndex > from ? dropIndex - 1 : dropIndex)
                }
                setDragId(null)
                setDropIndex(null)
              }}
              onDragEnd={() => {
                setDragId(null)
                setDropIndex(null)
              }}
            >
              <span className="article-no">{index + 1}</span>
              <div className="article-main">
                {article.kicker && <div className="article-kicker">{article.kicker}</div>}
                <div className="article-headline">{article.headline || t('articles.untitled')}</div>
                <div className="article-meta">
                  <span>{t('articles.chars', { count: article.charCount })}</span>
                  <span className={`badge b-${article.stage}`}>
                    {(lang === 'zh' ? STAGE_ZH : STAGE_EN)[article.stage]}
                  </span>
                </div>
              </div>
              <button
                type="button"
                className="icon-btn"
                title={t('articles.delete')}
                aria-label={t('articles.delete')}
                data-testid="delete-article"
                onClick={(e) => {
                  e.stopPropagation()
                  onDelete(article)
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
