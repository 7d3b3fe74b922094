/**
 * Plain text pasted from elsewhere (reporters' mail, PDF extracts) arrives as lines:
 * each non-empty line becomes its own paragraph instead of line breaks inside one.
 * HTML from Word is reshaped first (wordPaste.ts): headings set by hand in 黑体 or bold become
 * 小标题, a table one paragraph per row.
 */
import { $insertDataTransferForRichText } from '@lexical/clipboard'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_LOW, PASTE_COMMAND } from 'lexical'
import { useEffect } from 'react'
import { reshapePastedHtml } from './wordPaste'

export function PlainTextPastePlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = event instanceof ClipboardEvent ? event.clipboardData : null
          if (!data || data.types.includes('application/x-lexical-editor')) return false
          if (data.types.includes('text/html')) {
            const doc = new DOMParser().parseFromString(data.getData('text/html'), 'text/html')
            if (!reshapePastedHtml(doc)) return false
            event.preventDefault()
            const reshaped = new DataTransfer()
            reshaped.setData('text/html', doc.body.innerHTML)
            reshaped.setData('text/plain', data.getData('text/plain'))
            editor.update(() => {
              const selection = $getSelection()
              if ($isRangeSelection(selection)) $insertDataTransferForRichText(reshaped, selection, editor)
            })
            return true
          }
          const lines = data
            .getData('text/plain')
            .split(/\r\n|\r|\n/)
            .map((line) => line.trim())
            .filter((line) => line !== '')
          if (lines.length < 2) return false
          event.preventDefault()
          editor.update(() => {
            const selection = $getSelection()
            if (!$isRangeSelection(selection)) return
            lines.forEach((line, index) => {
              if (index > 0) selection.insertParagraph()
              selection.insertText(line)
            })
          })
          return true
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  )
  return null
}
