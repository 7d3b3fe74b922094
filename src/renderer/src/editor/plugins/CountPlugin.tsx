/**
 * Live 字数, recounted for the blocks that changed only — each top-level block's count is kept
 * until the block changes, so the work per recount does not grow with the article. It is taken
 * once the text has rested COUNT_AFTER_MS, in a task of its own, never in a keystroke's update:
 * what shows it (the status bar, the running order) waits for typing to pause anyway
 * (useStore(…, 'quiet') in ArticleEditor), so a count taken while keys still come would only be
 * work on their way. Written in the keystroke's update, the bar was also laid out a second time in
 * that frame, after Lexical had measured the caret (bench/typing.bench.ts, TYPING_TRACE:
 * performLayout ×1.33 per key against bare Lexical's ×1.00; 5k article p50 1.36× → 1.23× bare).
 * Pinyin being composed is not text yet: the count waits for the composition to end.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot, type LexicalEditor } from 'lexical'
import { useEffect } from 'react'
import { countChars, type CharCount } from '@shared/text/count'
import { QUIET_MS } from '../../app/idle'
import { Trailing } from '../../app/trailing'
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

/** 字数 is taken once the text has not changed for this long (with the other catch-ups: app/idle.ts). */
const COUNT_AFTER_MS = QUIET_MS

export function CountPlugin({ onCount }: { onCount: (count: CharCount) => void }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => registerCount(editor, onCount), [editor, onCount])
  return null
}

/** Tells `onCount` the article's 字数 now and each time the text has rested after a change. */
export function registerCount(editor: LexicalEditor, onCount: (count: CharCount) => void): () => void {
  const counter = new BlockCounter()
  const dirty = new DirtyBlocks()
  const recount = (): void => {
    if (editor.isComposing()) return // the composition's end counts
    onCount(editor.getEditorState().read(() => counter.$count(dirty.take())))
  }
  recount()
  const trailing = new Trailing(recount)
  const unregister = editor.registerUpdateListener((update) => {
    if (dirty.note(update)) trailing.after(COUNT_AFTER_MS)
  })
  return () => {
    unregister()
    trailing.cancel()
  }
}
