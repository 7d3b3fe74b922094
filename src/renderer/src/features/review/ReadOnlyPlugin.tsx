import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useEffect } from 'react'

/** A signed-off article's body takes no typing until 修改 is pressed. */
export function ReadOnlyPlugin({ readOnly }: { readOnly: boolean }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    editor.setEditable(!readOnly)
  }, [editor, readOnly])
  return null
}
