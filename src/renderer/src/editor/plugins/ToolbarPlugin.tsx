import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode } from '@lexical/list'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text'
import { $setBlocksType } from '@lexical/selection'
import { $getNearestNodeOfType, $insertNodeToNearestRoot, mergeRegister } from '@lexical/utils'
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  COMMAND_PRIORITY_NORMAL,
  FORMAT_TEXT_COMMAND,
  KEY_DOWN_COMMAND,
  type LexicalEditor,
  type LexicalNode,
  REDO_COMMAND,
  UNDO_COMMAND,
} from 'lexical'
import { useEffect, useState } from 'react'
import { useI18n } from '../../app/i18n'
import { $createPhotoNode } from '../nodes/PhotoNode'
import { SUBHEAD_TAG } from './CleanContentPlugin'

type Block = 'paragraph' | 'subhead' | 'quote' | 'bullet' | 'number'
type Style = 'paragraph' | 'subhead' | 'quote'

/**
 * Paragraph styles from the keyboard, as Word, WPS and Google Docs place heading styles:
 * Ctrl+Alt+0 正文, Ctrl+Alt+1 小标题, Ctrl+Alt+2 引文 (⌘⌥ on a Mac). Ctrl+digit alone is taken by
 * the browser (tabs, zoom) and Ctrl+Shift by input-method switching; Ctrl+Alt+digit is neither.
 * Matched by the key's position (event.code), since Alt changes the character a key gives.
 */
const STYLE_KEYS: Record<string, Style> = {
  Digit0: 'paragraph',
  Numpad0: 'paragraph',
  Digit1: 'subhead',
  Numpad1: 'subhead',
  Digit2: 'quote',
  Numpad2: 'quote',
}
const STYLE_KEY_LABEL: Record<Style, string> = { paragraph: 'Ctrl+Alt+0', subhead: 'Ctrl+Alt+1', quote: 'Ctrl+Alt+2' }

/** The block style the toolbar shows for a caret in `anchor`. */
function $blockAt(anchor: LexicalNode): Block {
  const list = $getNearestNodeOfType(anchor, ListNode)
  if (list && $isListNode(list)) return list.getListType() === 'number' ? 'number' : 'bullet'
  const top = anchor.getKey() === 'root' ? anchor : anchor.getTopLevelElementOrThrow()
  if ($isHeadingNode(top)) return 'subhead'
  if ($isQuoteNode(top)) return 'quote'
  return 'paragraph'
}

function applyStyle(editor: LexicalEditor, next: Style): void {
  editor.update(() => {
    const selection = $getSelection()
    if (next === 'subhead') $setBlocksType(selection, () => $createHeadingNode(SUBHEAD_TAG))
    else if (next === 'quote') $setBlocksType(selection, () => $createQuoteNode())
    else $setBlocksType(selection, () => $createParagraphNode())
  })
}

export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext()
  const { t } = useI18n()
  const [block, setBlock] = useState<Block>('paragraph')
  const [bold, setBold] = useState(false)
  const [italic, setItalic] = useState(false)
  const [canUndo, setCanUndo] = useState(false)
  const [canRedo, setCanRedo] = useState(false)

  useEffect(() => {
    // What the buttons show, as last set: an update (every keystroke, every composition step) that
    // leaves it as it was sets no state. A setState with an unchanged value can still cost React a
    // render pass and a commit (its eager bail-out needs a fiber with no pending work), and that
    // pass ran on every key (bench/typing.bench.ts, TYPING_PROFILE).
    let shown = ''
    let undo: boolean | null = null
    let redo: boolean | null = null
    return mergeRegister(
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection()
          if (!$isRangeSelection(selection)) return
          const next = $blockAt(selection.anchor.getNode())
          const b = selection.hasFormat('bold')
          const i = selection.hasFormat('italic')
          const key = `${next} ${b} ${i}`
          if (key === shown) return
          shown = key
          setBold(b)
          setItalic(i)
          setBlock(next)
        })
      }),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const mod = event.ctrlKey || event.metaKey
          const style =
            mod && event.altKey && !event.shiftKey && !event.isComposing ? STYLE_KEYS[event.code] : undefined
          if (!style) return false
          event.preventDefault()
          applyStyle(editor, style)
          return true
        },
        COMMAND_PRIORITY_NORMAL,
      ),
      editor.registerCommand(
        CAN_UNDO_COMMAND,
        (v) => (v !== undo && ((undo = v), setCanUndo(v)), false),
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        CAN_REDO_COMMAND,
        (v) => (v !== redo && ((redo = v), setCanRedo(v)), false),
        COMMAND_PRIORITY_LOW,
      ),
    )
  }, [editor])

  const setBlockType = (next: Block): void => {
    if (next === 'bullet' || next === 'number') {
      if (block === next) {
        editor.update(() => $setBlocksType($getSelection(), () => $createParagraphNode()))
      } else {
        editor.dispatchCommand(
          next === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
          undefined,
        )
      }
      return
    }
    applyStyle(editor, next)
  }

  const button = (key: Block, label: string) => (
    <button
      type="button"
      className={`tb-btn${block === key ? ' active' : ''}`}
      aria-pressed={block === key}
      title={
        key in STYLE_KEY_LABEL ? t('editor.styleKey', { name: label, key: STYLE_KEY_LABEL[key as Style] }) : undefined
      }
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => setBlockType(key)}
    >
      {label}
    </button>
  )

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.body')}>
      {button('paragraph', t('editor.paragraph'))}
      {button('subhead', t('editor.subhead'))}
      {button('quote', t('editor.quote'))}
      <span className="tb-sep" />
      <button
        type="button"
        className={`tb-btn tb-bold${bold ? ' active' : ''}`}
        aria-pressed={bold}
        title={`${t('editor.bold')} (Ctrl+B)`}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')}
      >
        B
      </button>
      <button
        type="button"
        className={`tb-btn tb-italic${italic ? ' active' : ''}`}
        aria-pressed={italic}
        title={`${t('editor.italic')} (Ctrl+I)`}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')}
      >
        I
      </button>
      <span className="tb-sep" />
      {button('bullet', t('editor.bullet'))}
      {button('number', t('editor.numbered'))}
      <button
        type="button"
        className="tb-btn"
        data-testid="insert-photo"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() =>
          editor.update(() => {
            $insertNodeToNearestRoot($createPhotoNode({ image: null, caption: '', credit: '' }))
          })
        }
      >
        {t('editor.photo')}
      </button>
      <span className="tb-sep" />
      <button
        type="button"
        className="tb-btn"
        disabled={!canUndo}
        title={`${t('editor.undo')} (Ctrl+Z)`}
        aria-label={t('editor.undo')}
        onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}
      >
        ↶
      </button>
      <button
        type="button"
        className="tb-btn"
        disabled={!canRedo}
        title={`${t('editor.redo')} (Ctrl+Shift+Z)`}
        aria-label={t('editor.redo')}
        onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}
      >
        ↷
      </button>
    </div>
  )
}
