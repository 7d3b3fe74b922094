/**
 * Highlights the searched words in the open article's body (CSS Custom Highlight API: the
 * document is not touched) and brings the first one into view once per opened article. Kept up
 * to date while the editor types, so the editor can work through the matches.
 */
import { useEffect } from 'react'
import { showHighlight } from '../../editor/proof/painter'

const NAME = 'folio-search'
const REFRESH_MS = 120

function matchRanges(root: Element, query: string): Range[] {
  const needle = query.toLowerCase()
  const ranges: Range[] = []
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').toLowerCase()
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + needle.length)
      ranges.push(range)
    }
  }
  return ranges
}

export function useSearchHighlight(query: string, articleId: number | null): void {
  useEffect(() => {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
    const words = query.trim()
    if (words === '' || articleId === null) {
      CSS.highlights.delete(NAME)
      return
    }
    let scrolled = false
    let timer: ReturnType<typeof setTimeout> | null = null
    const refresh = (): void => {
      timer = null
      const root = document.querySelector('[data-testid=body]')
      if (!root) return
      const ranges = matchRanges(root, words)
      // None found: nothing registered (an empty highlight still costs every frame).
      showHighlight(NAME, new Highlight(...ranges))
      const first = ranges[0]
      if (!scrolled && first) {
        scrolled = true
        first.startContainer.parentElement?.scrollIntoView({ block: 'center' })
      }
    }
    const observer = new MutationObserver(() => {
      if (timer === null) timer = setTimeout(refresh, REFRESH_MS)
    })
    observer.observe(document.body, { subtree: true, childList: true, characterData: true })
    refresh()
    return () => {
      observer.disconnect()
      if (timer !== null) clearTimeout(timer)
      CSS.highlights.delete(NAME)
    }
  }, [query, articleId])
}
