/**
 * Live 字数, recounted for the blocks that changed only — each top-level block's count is kept
 * until the block changes, so the work per recount does not grow with the article. While typing
 * goes on the count is taken in a keystroke's own update, at most every COUNT_EVERY_MS, and once
 * more when typing stops. The status bar shows it when the browser is idle after that keystroke's
 * frame (useStore(…, idle) in ArticleEditor): written in the keystroke's update, the bar was laid
 * out a second time in that frame, after Lexical had measured the caret (bench/typing.bench.ts,
 * TYPING_TRACE: performLayout ×1.33 per key against bare Lexical's ×1.00; 5k article p50 1.36× →
 * 1.23× bare, same rounds).
 * Pinyin being composed is not text yet: the count waits for the composition to end.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot } from 'lexical'
import { useEffect } from 'react'
import { countChars, type CharCount } from '@shared/text/count'
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

/** While typing goes on, 字数 is taken at most this often (in a keystroke's update). */
const COUNT_EVERY_MS = 300

export function CountPlugin({ onCount }: { onCount: (count: CharCount) => void }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    const counter = new BlockCounter()
    const dirty = new DirtyBlocks()
    let counted = -Infinity
    const recount = (): void => {
      if (editor.isComposing()) return // the composition's end counts
      counted = performance.now()
      onCount(editor.getEditorState().read(() => counter.$count(dirty.take())))
    }
    recount()
    const trailing = new Trailing(recount)
    const unregister = editor.registerUpdateListener((update) => {
      if (!dirty.note(update)) return
      // While typing runs on, at most every COUNT_EVERY_MS, and once when it stops.
      if (performance.now() - counted >= COUNT_EVERY_MS) {
        trailing.cancel()
        recount()
      } else trailing.after(COUNT_EVERY_MS)
    })
    return () => {
      unregister()
      trailing.cancel()
    }
  }, [editor, onCount])
  return null
}
