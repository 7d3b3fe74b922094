/** Live 字数: recounted shortly after the text changes, never on the keystroke itself. */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot } from 'lexical'
import { useEffect } from 'react'
import { countChars, type CharCount } from '@shared/text/count'

export function CountPlugin({ onCount }: { onCount: (count: CharCount) => void }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    const recount = (): void => {
      timer = null
      onCount(countChars(editor.getEditorState().read(() => $getRoot().getTextContent())))
    }
    recount()
    const unregister = editor.registerTextContentListener(() => {
      if (timer === null) timer = setTimeout(recount, 150)
    })
    return () => {
      unregister()
      if (timer !== null) clearTimeout(timer)
    }
  }, [editor, onCount])
  return null
}
