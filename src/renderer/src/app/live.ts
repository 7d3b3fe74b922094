/**
 * Renderer data that follows the library (GUIDE §5.1): `useLive(filter, reload)` calls `reload`
 * when a change event of the push channel (api.ts `subscribe`) matches the filter — debounced
 * (~100 ms), so a burst of changes (an import, a run of autosaves) costs one reload.
 */
import { useEffect, useRef } from 'react'
import type { ChangeEvent, ChangeTopic } from '@shared/api/review-types'
import { subscribe, windowOrigin } from '../api'

export interface LiveFilter {
  /** Any of these kinds of data. */
  topics: readonly ChangeTopic[]
  /** Only changes of this issue (or not bound to one); null or absent: of any issue. */
  issueId?: number | null
  /** Only changes of this article (or not bound to one); null or absent: of any article. */
  articleId?: number | null
}

export interface LiveOptions {
  /** Ignore what this window itself did (it has shown it already). */
  skipOwn?: boolean
  /** Also ignore events that do not name the article (or issue) outright — a resync after a lost stream. */
  named?: boolean
  /** Debounce in ms (default 100). */
  delayMs?: number
}

export function isOwn(change: ChangeEvent): boolean {
  return change.origin !== null && change.origin === windowOrigin
}

/**
 * Whether a change concerns what a filter shows. A change that names no issue and no article (the
 * zone registry, a template, a restored library, a resync) concerns every issue and article.
 */
export function matches(change: ChangeEvent, filter: LiveFilter, options: LiveOptions = {}): boolean {
  if (options.skipOwn && isOwn(change)) return false
  if (!change.topics.some((topic) => filter.topics.includes(topic))) return false
  const unscoped = change.issueIds.length === 0 && change.articleIds.length === 0
  if (unscoped) return !options.named
  if (filter.issueId != null && !change.issueIds.includes(filter.issueId)) return false
  if (filter.articleId != null && !change.articleIds.includes(filter.articleId)) return false
  return true
}

/**
 * Calls `reload` (the latest one passed) when a matching change arrives: at most once per
 * `delayMs`, however many changes came in the meantime. Stops when the component goes or the
 * filter changes; a reload scheduled for the old filter is dropped.
 */
export function useLive(filter: LiveFilter, reload: () => void, options: LiveOptions = {}): void {
  const latest = useRef(reload)
  latest.current = reload
  const { skipOwn = false, named = false, delayMs = 100 } = options
  const topics = [...filter.topics].sort().join(',')
  const issueId = filter.issueId ?? null
  const articleId = filter.articleId ?? null
  useEffect(() => {
    const wanted: LiveFilter = { topics: topics.split(',') as ChangeTopic[], issueId, articleId }
    let timer: ReturnType<typeof setTimeout> | null = null
    const unsubscribe = subscribe((change) => {
      if (!matches(change, wanted, { skipOwn, named })) return
      timer ??= setTimeout(() => {
        timer = null
        latest.current()
      }, delayMs)
    })
    return () => {
      unsubscribe()
      if (timer) clearTimeout(timer)
    }
  }, [topics, issueId, articleId, skipOwn, named, delayMs])
}
