/**
 * Live 字数: recounted with the keystroke that changed the text, for the blocks that changed only —
 * each top-level block's count is kept until the block changes, so the work per recount does not
 * grow with the article. The count lands in the keystroke's own frame: a recount on a timer
 * (150 ms, as before) cost a frame of its own every other key, and a frame's fixed work (the
 * document's paint, compositing inputs, layerization) was more than the count itself
 * (bench/typing.bench.ts, TYPING_TRACE: the status bar hidden took 1.1 ms per key away).
 * Pinyin being composed is not text yet: the count waits for the composition to end.
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
    onCount(editor.getEditorState().read(() => counter.$count(dirty.take())))
    return editor.registerUpdateListener((update) => {
      if (!dirty.note(update) || editor.isComposing()) return
      onCount(update.editorState.read(() => counter.$count(dirty.take())))
    })
  }, [editor, onCount])
  return null
}
