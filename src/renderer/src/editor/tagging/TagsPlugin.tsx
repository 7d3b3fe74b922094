/**
 * Live suggestions: detection runs a moment after the text changes (never on the keystroke),
 * only for the blocks that changed, and suggested spans are drawn as dashed underlines with the
 * CSS Custom Highlight API, so the document itself is untouched until the editor accepts one.
 * The highlights are kept and only the ranges of changed blocks are redrawn.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useEffect, useRef } from 'react'
import type { Gazetteer } from '@shared/tagging'
import { DirtyBlocks } from '../blocks'
import { domRange } from './segments'
import { BlockSuggestions, type Suggestion } from './suggestions'

const DELAY_MS = 250
const HIGHLIGHTS = { zone: 'folio-suggest-zone', figure: 'folio-suggest-figure' } as const

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
    const dirty = new DirtyBlocks()
    const drawing = typeof CSS !== 'undefined' && 'highlights' in CSS
    const highlights = drawing ? { zone: new Highlight(), figure: new Highlight() } : null
    if (highlights) {
      CSS.highlights.set(HIGHLIGHTS.zone, highlights.zone)
      CSS.highlights.set(HIGHLIGHTS.figure, highlights.figure)
    }
    const drawn = new Map<Suggestion, Range>()
    let shown: Suggestion[] | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    const run = (): void => {
      timer = null
      const { suggestions, touched, blocks } = editor
        .getEditorState()
        .read(() => detector.$update(dirty.take(), rejected))
      if (!shown || !sameList(shown, suggestions)) {
        shown = suggestions
        onSuggestions(suggestions)
      }
      if (!highlights) return
      const live = new Set(suggestions)
      for (const [s, range] of drawn) {
        if (live.has(s) && !touched.has(s.blockKey)) continue
        highlights[s.kind].delete(range)
        drawn.delete(s)
      }
      for (const s of suggestions) {
        if (drawn.has(s)) continue
        const block = blocks.get(s.blockKey)
        const range = block ? domRange(editor, block, s.start, s.end) : null
        if (!range) continue
        drawn.set(s, range)
        highlights[s.kind].add(range)
      }
    }
    const schedule = (): void => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(run, DELAY_MS)
    }
    schedule()
    const unregister = editor.registerUpdateListener((update) => {
      if (dirty.note(update)) schedule()
    })
    return () => {
      unregister()
      if (timer !== null) clearTimeout(timer)
      if (highlights) {
        CSS.highlights.delete(HIGHLIGHTS.zone)
        CSS.highlights.delete(HIGHLIGHTS.figure)
      }
    }
  }, [editor, gazetteer, rejected, onSuggestions])
  return null
}
