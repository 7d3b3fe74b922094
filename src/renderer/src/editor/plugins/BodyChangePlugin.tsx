/**
 * Tells the autosave that the body changed, with a way to read it that serializes only the
 * top-level blocks changed since the last read (editor/serialize.ts). Like Lexical's
 * OnChangePlugin with ignoreSelectionChange: selection moves, history-merge updates and the
 * first state are not changes; every update is still noted, so no block's JSON goes stale.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { HISTORY_MERGE_TAG } from 'lexical'
import { useEffect } from 'react'
import type { SerializedBody } from '@shared/doc/splice'
import { DirtyBlocks } from '../blocks'
import { BodySerializer } from '../serialize'

export function BodyChangePlugin({ onChange }: { onChange(read: () => SerializedBody): void }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    const serializer = new BodySerializer()
    const dirty = new DirtyBlocks()
    return editor.registerUpdateListener((update) => {
      const changed = dirty.note(update)
      if (!changed || update.tags.has(HISTORY_MERGE_TAG) || update.prevEditorState.isEmpty()) return
      const state = update.editorState
      onChange(() => serializer.serialize(state, dirty.take()))
    })
  }, [editor, onChange])
  return null
}
