/**
 * Live 字数: recounted shortly after the text changes, never on the keystroke itself, and only
 * for the blocks that changed — each top-level block's count is kept until the block changes, so
 * the work per recount does not grow with the article.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot } from 'lexical'
import { useEffect } from 'react'
import { countChars, type CharCount } from '@shared/text/count'
import { DirtyBlocks, isDirty, type Dirty } from '../blocks'

/** Per-block counts; the article's 字数 is their sum (the breaks between blocks never count). */
export class BlockCounter {
  private counts = new Map<string, CharCount>()

  $count(dirty: Dirty): CharCount {
    const next = new Map<string, CharCount>()
    let chars = 0
    let punct = 0
    for (const block of $getRoot().getChildren()) {
      const key = block.getKey()
      const count = (!isDirty(dirty, key) && this.counts.get(key)) || countChars(block.getTextContent())
      next.set(key, count)
      chars += count.chars
      punct += count.punct
    }
    this.counts = next
    return { chars, punct }
  }
}

export function CountPlugin({ onCount }: { onCount: (count: CharCount) => void }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    const counter = new BlockCounter()
    const dirty = new DirtyBlocks()
    let timer: ReturnType<typeof setTimeout> | null = null
    const recount = (): void => {
      timer = null
      onCount(editor.getEditorState().read(() => counter.$count(dirty.take())))
    }
    recount()
    const unregister = editor.registerUpdateListener((update) => {
      if (dirty.note(update) && timer === null) timer = setTimeout(recount, 150)
    })
    return () => {
      unregister()
      if (timer !== null) clearTimeout(timer)
    }
  }, [editor, onCount])
  return null
}
