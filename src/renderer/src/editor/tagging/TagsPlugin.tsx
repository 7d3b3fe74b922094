/**
 * Live suggestions: detection runs a moment after the text changes (never on the keystroke),
 * only for the blocks that changed, and suggested spans are drawn as dashed underlines with the
 * CSS Custom Highlight API, so the document itself is untouched until the editor accepts one.
 * The highlights are kept and only the ranges of changed blocks are redrawn, and only blocks near
 * the editor's view have ranges at all (HighlightPainter, as 校对 draws its findings): Chromium
 * revalidates and repaints every registered range whenever the document changes, so hundreds of
 * them made each keystroke's paint cost grow with the article.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useEffect, useRef } from 'react'
import type { Gazetteer } from '@shared/tagging'
import { DirtyBlocks } from '../blocks'
import { QUIET_MS } from '../../app/idle'
import { Trailing } from '../../app/trailing'
import { HighlightPainter, registerTypingRest } from '../proof/painter'
import { BlockSuggestions, ignoredOccurrences, type Suggestion } from './suggestions'

/** Suggestions are detected once the text has rested, with the other catch-ups (app/idle.ts). */
const DELAY_MS = QUIET_MS
const HIGHLIGHTS = { zone: 'folio-suggest-zone', figure: 'folio-suggest-figure' } as const
/**
 * How far above and below the visible part of the editor blocks keep their highlights (px): none,
 * as for 校对. Every registered range costs paint and compositing work on each keystroke; 600 px
 * around the view kept about 2.4 times as many as the view itself (measured as bench/typing does, 50k tagged
 * article, key → paint against bare Lexical, variants side by side: p50 1.67× with 600 px, 1.56× with 0, 1.49× with no
 * highlights at all). A block scrolled into view gets its underlines in the next frame.
 */
const NEAR_MARGIN = 0

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
    const painter = new HighlightPainter<Suggestion>(
      editor,
      [HIGHLIGHTS.zone, HIGHLIGHTS.figure],
      (s) => HIGHLIGHTS[s.kind],
      NEAR_MARGIN,
    )
    let shown: Suggestion[] = []
    let first = true
    const run = (): void => {
      const { suggestions, touched, blocks } = editor
        .getEditorState()
        .read(() => detector.$update(dirty.take(), rejected, ignored.get()))
      if (first || !sameList(shown, suggestions)) {
        first = false
        shown = suggestions
        onSuggestions(suggestions)
      }
      painter.show(shown, blocks, touched)
    }
    const timer = new Trailing(run)
    const schedule = (): void => timer.after(DELAY_MS)
    schedule()
    // While the text is typed the marks rest until the run after the pause.
    const unregister = registerTypingRest(editor, painter, dirty, () => timer.pending, schedule)
    // 仅此一处: filtered again at once, nothing detected again.
    const unsubscribe = ignored.subscribe(() => {
      timer.cancel()
      run()
    })
    return () => {
      unregister()
      unsubscribe()
      painter.dispose()
      timer.cancel()
    }
  }, [editor, gazetteer, rejected, onSuggestions])
  return null
}
