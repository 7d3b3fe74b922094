/**
 * Keeps the body to the house elements whatever arrives by paste: paragraphs, one 小标题 style,
 * quotes, lists, bold and italic. Colours, fonts, sizes, underline, code and other heading
 * levels are normalised away as they enter the document.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createHeadingNode, HeadingNode } from '@lexical/rich-text'
import { mergeRegister } from '@lexical/utils'
import { TextNode, type TextFormatType } from 'lexical'
import { useEffect } from 'react'

export const SUBHEAD_TAG = 'h3'
const ALLOWED_FORMATS: TextFormatType[] = ['bold', 'italic']
const ALL_FORMATS: TextFormatType[] = [
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'code',
  'subscript',
  'superscript',
  'highlight',
]

export function CleanContentPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      mergeRegister(
        editor.registerNodeTransform(TextNode, (node) => {
          if (node.getStyle() !== '') node.setStyle('')
          for (const format of ALL_FORMATS) {
            if (!ALLOWED_FORMATS.includes(format) && node.hasFormat(format)) node.toggleFormat(format)
          }
        }),
        editor.registerNodeTransform(HeadingNode, (node) => {
          if (node.getTag() !== SUBHEAD_TAG) node.replace($createHeadingNode(SUBHEAD_TAG), true)
        }),
      ),
    [editor],
  )
  return null
}
