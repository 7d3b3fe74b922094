/**
 * Search every article of every issue from the top bar: results appear as the editor types
 * (debounced), with the words in context; Enter or a click opens the article, and the words
 * stay highlighted in it until the search is cleared.
 */
import { useEffect, useRef, useState } from 'react'
import type { SearchHit } from '@shared/api/types'
import { call, errorMessage } from '../../api'
import { useI18n } from '../../app/i18n'
import { Popup } from '../../app/Popup'

const DELAY_MS = 200

export function SearchBox({ onOpen, onClear }: { onOpen(hit: SearchHit, query: string): void; onClear(): void }) {
  const { t, lang } = useI18n()
  const [query, setQuery] = useState('')
  const [result, setResult] = useState<{ query: string; hits: SearchHit[] } | null>(null)
  const [active, setActive] = useState(0)
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const asked = useRef(0)

  useEffect(() => {
    const words = query.trim()
    if (words === '') return
    const ticket = ++asked.current
    const timer = setTimeout(() => {
      call('search.articles', { query: words, limit: 30 })
        .then((found) => {
          if (ticket !== asked.current) return
          setResult({ query: words, hits: found })
          setActive(0)
          setError(null)
        })
        .catch((e: unknown) => ticket === asked.current && setError(errorMessage(e, lang)))
    }, DELAY_MS)
    return () => clearTimeout(timer)
  }, [query, lang])

  // Only the answer to what the box says now (an older answer never shows under newer words).
  const hits = result?.query === query.trim() ? result.hits : null

  const choose = (hit: SearchHit | undefined): void => {
    if (!hit) return
    setOpen(false)
    onOpen(hit, query.trim())
  }

  return (
    <div className="search-box" role="search">
      <input
        type="search"
        value={query}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        data-testid="search"
        onChange={(e) => {
          setQuery(e.target.value)
          setOpen(true)
          if (e.target.value.trim() === '') onClear()
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          // Never act in the middle of an input-method composition (pinyin candidates use Enter and arrows).
          if (e.nativeEvent.isComposing) return
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, (hits?.length ?? 1) - 1))
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
          else if (e.key === 'Enter') choose(hits?.[active])
          else if (e.key === 'Escape') setOpen(false)
          else return
          e.preventDefault()
        }}
      />
      {open && query.trim() !== '' && (hits !== null || error) && (
        <Popup className="search-results" data-testid="search-results">
          {error && <p className="form-error">{error}</p>}
          {hits?.length === 0 && <p className="muted">{t('search.none')}</p>}
          {hits !== null && hits.length > 0 && (
            <ul role="listbox" aria-label={t('search.label')}>
              {hits.map((hit, i) => (
                <li
                  key={hit.articleId}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : ''}
                  data-testid="search-hit"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(hit)}
                >
                  <div className="hit-head">
                    <span className="hit-title">{hit.headline || t('articles.untitled')}</span>
                    <span className="muted">
                      {hit.issueNumber || hit.issueTitle}
                      {hit.count > 1 && ` · ${t('search.count', { count: hit.count })}`}
                    </span>
                  </div>
                  <div className="hit-snippet">
                    <span className="badge">{t(`search.field.${hit.field}`)}</span> {hit.snippet.before}
                    <mark>{hit.snippet.match}</mark>
                    {hit.snippet.after}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Popup>
      )}
    </div>
  )
}
