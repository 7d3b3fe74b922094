/**
 * Live suggestions: detection runs a moment after the text changes (never on the keystroke),
 * only for the blocks that changed, and suggested spans are drawn as dashed underlines with the
 * CSS Custom Highlight API, so the document itself is untouched until the editor accepts one.
 * The highlights are kept and only the ranges of changed blocks are redrawn, and only blocks near
 * the editor's view have ranges at all: Chromium revalidates and repaints every registered range
 * whenever the document changes, so hundreds of them made each keystroke's paint cost grow with
 * the article.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useEffect, useRef } from 'react'
import type { Gazetteer } from '@shared/tagging'
import { DirtyBlocks } from '../blocks'
import { domRange, type BlockText } from './segments'
import { BlockSuggestions, ignoredOccurrences, type Suggestion } from './suggestions'

const DELAY_MS = 250
const HIGHLIGHTS = { zone: 'folio-suggest-zone', figure: 'folio-suggest-figure' } as const
/** How far beyond the visible part of the editor blocks keep their highlights. */
const NEAR_MARGIN = '600px 0px'

const sameList = (a: readonly Suggestion[], b: readonly Suggestion[]): boolean =>
  a.length === b.length && a.every((s, i) => s === b[i])

export function TagsPlugin({
  gazetteer,
  rejected,
  onSuggestions,
}: {
  gazetteer: Gazetteer | null
  rejected: ReadonlySet<string>
  onSuggestions(suggestions: Suggestion[]): void
}): null {
  const [editor] = useLexicalComposerContext()
  // Kept across a change of rejections: detection is not redone for them, only the filter.
  const cache = useRef<BlockSuggestions | null>(null)
  useEffect(() => {
    if (!gazetteer) return
    if (cache.current?.gazetteer !== gazetteer) cache.current = new BlockSuggestions(gazetteer)
    const detector = cache.current
    const ignored = ignoredOccurrences(editor)
    const dirty = new DirtyBlocks()
    const drawing = typeof CSS !== 'undefined' && 'highlights' in CSS
    const highlights = drawing ? { zone: new Highlight(), figure: new Highlight() } : null
    if (highlights) {
      CSS.highlights.set(HIGHLIGHTS.zone, highlights.zone)
      CSS.highlights.set(HIGHLIGHTS.figure, highlights.figure)
    }
    const drawn = new Map<Suggestion, Range>()
    let shown: Suggestion[] = []
    let texts = new Map<string, BlockText>()
    // Blocks with suggestions are watched; those near the view are drawn.
    const near = new Set<string>()
    const watched = new Map<string, HTMLElement>()
    const keyOf = new WeakMap<Element, string>()
    const scroller = editor.getRootElement()?.closest('.editor-scroll') ?? null
    const observer =
      highlights && typeof IntersectionObserver !== 'undefined'
        ? new IntersectionObserver(
            (entries) => {
              for (const entry of entries) {
                const key = keyOf.get(entry.target)
                if (key === undefined) continue
                if (entry.isIntersecting) near.add(key)
                else near.delete(key)
              }
              draw(new Set())
            },
            { root: scroller, rootMargin: NEAR_MARGIN },
          )
        : null
    const watch = (): void => {
      if (!observer) return
      const keys = new Set(shown.filter((s) => !s.inCaption).map((s) => s.blockKey))
      for (const [key, element] of watched) {
        if (keys.has(key) && editor.getElementByKey(key) === element) continue
        observer.unobserve(element)
        watched.delete(key)
        near.delete(key)
      }
      for (const key of keys) {
        const element = editor.getElementByKey(key)
        if (!element || watched.get(key) === element) continue
        keyOf.set(element, key)
        watched.set(key, element)
        observer.observe(element)
      }
    }
    const draw = (touched: ReadonlySet<string>): void => {
      if (!highlights) return
      const wanted = (s: Suggestion): boolean => !observer || near.has(s.blockKey)
      const live = new Set(shown)
      for (const [s, range] of drawn) {
        if (live.has(s) && wanted(s) && !touched.has(s.blockKey)) continue
        highlights[s.kind].delete(range)
        drawn.delete(s)
      }
      for (const s of shown) {
        if (drawn.has(s) || !wanted(s)) continue
        const block = texts.get(s.blockKey)
        const range = block ? domRange(editor, block, s.start, s.end) : null
        if (!range) continue
        drawn.set(s, range)
        highlights[s.kind].add(range)
      }
    }
    let timer: ReturnType<typeof setTimeout> | null = null
    let first = true
    const run = (): void => {
      timer = null
      const { suggestions, touched, blocks } = editor
        .getEditorState()
        .read(() => detector.$update(dirty.take(), rejected, ignored.get()))
      texts = blocks
      if (first || !sameList(shown, suggestions)) {
        first = false
        shown = suggestions
        onSuggestions(suggestions)
      }
      watch()
      draw(touched)
    }
    const schedule = (): void => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(run, DELAY_MS)
    }
    schedule()
    const unregister = editor.registerUpdateListener((update) => {
      if (dirty.note(update)) schedule()
    })
    // 仅此一处: filtered again at once, nothing detected again.
    const unsubscribe = ignored.subscribe(() => {
      if (timer !== null) clearTimeout(timer)
      run()
    })
    return () => {
      unregister()
      unsubscribe()
      observer?.disconnect()
      if (timer !== null) clearTimeout(timer)
      if (highlights) {
        CSS.highlights.delete(HIGHLIGHTS.zone)
        CSS.highlights.delete(HIGHLIGHTS.figure)
      }
    }
  }, [editor, gazetteer, rejected, onSuggestions])
  return null
}
