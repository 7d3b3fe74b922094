/**
 * Live suggestions: detection runs a moment after the text changes (never on the keystroke),
 * and suggested spans are drawn as dashed underlines with the CSS Custom Highlight API, so
 * the document itself is untouched until the editor accepts one.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useEffect } from 'react'
import type { Gazetteer } from '@shared/tagging'
import { domRange } from './segments'
import { $suggest, type Suggestion } from './suggestions'

const DELAY_MS = 250
const HIGHLIGHTS = { zone: 'folio-suggest-zone', figure: 'folio-suggest-figure' } as const

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
  useEffect(() => {
    if (!gazetteer) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const run = (): void => {
      timer = null
      const { suggestions, blocks } = editor.getEditorState().read(() => $suggest(gazetteer, rejected))
      onSuggestions(suggestions)
      if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
      for (const kind of ['zone', 'figure'] as const) {
        const ranges = suggestions
          .filter((s) => s.kind === kind)
          .map((s) => {
            const block = blocks.find((b) => b.blockKey === s.blockKey)
            return block ? domRange(editor, block, s.start, s.end) : null
          })
          .filter((r): r is Range => r !== null)
        CSS.highlights.set(HIGHLIGHTS[kind], new Highlight(...ranges))
      }
    }
    const schedule = (): void => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(run, DELAY_MS)
    }
    schedule()
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size > 0 || dirtyLeaves.size > 0) schedule()
    })
    return () => {
      unregister()
      if (timer !== null) clearTimeout(timer)
      if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
        CSS.highlights.delete(HIGHLIGHTS.zone)
        CSS.highlights.delete(HIGHLIGHTS.figure)
      }
    }
  }, [editor, gazetteer, rejected, onSuggestions])
  return null
}
