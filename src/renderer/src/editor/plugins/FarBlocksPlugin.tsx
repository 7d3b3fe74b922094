/**
 * Blocks far from the editor's view are left out of layout and paint: each top-level block out of
 * FAR_PX of the view gets `data-far`, which styles.css turns into `content-visibility: auto`
 * (`hidden` while typing runs on: see `typed` below). A keystroke's layout, pre-paint and
 * compositing-inputs work then stay with the blocks around the view, whatever the article's
 * length (bench/typing.bench.ts, 50k tagged article, same rounds: pinyin steps p50 1.59× →
 * 1.06–1.11× bare Lexical; `contain: content` alone gave nothing).
 *
 * Why not `content-visibility: auto` on every block: Chromium moves the caret over skipped
 * content wrongly — Ctrl+End lands at the start of the last paragraph, PageDown stops at the
 * first skipped block, ArrowUp from the end jumps to the top (e2e/far-blocks.spec.ts). Here the
 * blocks the caret can reach by a line or a page are always laid out: the margin is wider than
 * a page, it is worked out again before each PageUp/PageDown, and the keys that jump to the
 * start or the end (Ctrl/⌘/Shift+Home/End, ⌘+↑/↓) — or any move of a caret the view was
 * scrolled away from — lay out every block before the browser moves.
 *
 * Every block is laid out in a frame before it is first skipped, and keeps that size while skipped
 * (contain-intrinsic-block-size: auto), so the scrollbar does not move as blocks are skipped; when
 * the measure changes (the window, a panel), every block is laid out at the new one first.
 * Where blocks are is worked out when the view moves, by editor/near.ts (no IntersectionObserver:
 * that costs per keystroke); blocks added or removed are seen by a MutationObserver on the root's
 * children, which typing inside a block never wakes.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import {
  $getRoot,
  $getSelection,
  $isRangeSelection,
  BLUR_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  KEY_DOWN_COMMAND,
  SELECTION_CHANGE_COMMAND,
  type LexicalEditor,
} from 'lexical'
import { useEffect } from 'react'
import { Trailing } from '../../app/trailing'
import { NearView } from '../near'

/** How far above and below the view blocks stay laid out (CSS px): more than two pages. */
const FAR_PX = 2400

export function FarBlocksPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => editor.registerRootListener((root) => (root ? skipFarBlocks(editor, root) : undefined)), [editor])
  return null
}

/**
 * How long skipped blocks stay `hidden` after the last change to the text (ms): longer than the
 * pause between two keys of anyone typing, so the switch (a few ms of style and layout over the
 * skipped blocks, each way) comes once a burst, not once a key.
 */
export const TYPING_HOLD_MS = 1000

/** Keys that move the caret (⌃ on a Mac: the Emacs moves, ⌃N ⌃P ⌃V …). */
const MOVES = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End'])

/** Marks the blocks of `root` far from its scroller's view, until the returned function is called. */
export function skipFarBlocks(editor: LexicalEditor, root: HTMLElement, margin = FAR_PX): () => void {
  const scroller = root.closest<HTMLElement>('.editor-scroll')
  /** The top-level blocks' elements by node key, as the root's children were last read. */
  let blocks = new Map<string, HTMLElement>()
  // A photo still loading is not skipped: it would keep the height it had without its picture.
  const loading = (block: HTMLElement): boolean =>
    Array.from(block.getElementsByTagName('img')).some((i) => !i.complete)
  // Skipping has a price of its own in every frame while any block is skipped (Chromium's
  // content-visibility bookkeeping): three far blocks in the 5k article cost ~0.1× bare Lexical's
  // time per key (bench/typing.bench.ts variants). It pays only when more blocks are skipped than
  // laid out; in a shorter article none are.
  /** Whether any block is skipped now: while none is, a key has nothing to lay out first. */
  let skipping = false
  const mark = (): void => {
    let far = 0
    for (const id of blocks.keys()) if (!near.has(id)) far++
    const skip = far > blocks.size - far
    skipping = false
    for (const [id, block] of blocks) {
      const skipped = skip && !near.has(id) && !loading(block)
      block.toggleAttribute('data-far', skipped)
      skipping ||= skipped
    }
  }
  const near = new NearView(scroller, margin, mark)
  const watch = (): void => {
    near.watch(blocks)
    mark()
  }
  const collect = (): void => {
    blocks = new Map()
    for (const key of editor.getEditorState().read(() => $getRoot().getChildrenKeys())) {
      const element = editor.getElementByKey(key)
      if (element) blocks.set(key, element)
    }
    watch()
  }
  // A block is first skipped after a frame that laid it out: that frame records the size it keeps
  // (a block marked in the task that added it would be skipped at the estimate of styles.css).
  let scheduled = false
  let disposed = false
  const collectAfterFrame = (): void => {
    if (scheduled) return
    scheduled = true
    requestAnimationFrame(() =>
      setTimeout(() => {
        scheduled = false
        if (!disposed) collect()
      }),
    )
  }
  /** Every block laid out (for one frame at least), then the far ones skipped again. */
  const layOutAll = (): void => {
    for (const block of blocks.values()) block.removeAttribute('data-far')
    skipping = false
    collectAfterFrame()
  }
  /** The top-level block holding the caret (the selection's focus). */
  const caretBlock = (): Element | null => {
    const node = getSelection()?.focusNode ?? null
    let element = node instanceof Element ? node : (node?.parentElement ?? null)
    while (element && element.parentElement !== root) element = element.parentElement
    return element
  }
  const inView = (block: Element): boolean => {
    const rect = block.getBoundingClientRect()
    const view = scroller?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight }
    return rect.bottom >= view.top && rect.top <= view.bottom
  }
  // Before the browser's own move (the default action follows the listeners). A move from a caret
  // out of the view (the view was scrolled away from it) may cross skipped blocks: all are laid out.
  // Through Lexical's own keydown listener (KEY_DOWN_COMMAND), not one of its own: a listener is a
  // script entry of its own on every key, and in an article with no block skipped there is nothing
  // to do at all.
  const onKeyDown = (event: KeyboardEvent): boolean => {
    // A Shift+move makes a selection: every block is shown before the browser moves, since the
    // selection's text can be read at once (a drag, a script) and the selectionchange that
    // SELECTION_CHANGE_COMMAND answers comes a task later. (Select all needs nothing here: Lexical
    // makes that selection itself and tells it inside the same update.)
    if (hiding && event.shiftKey && MOVES.has(event.key)) stopHiding()
    if (!skipping) return false
    const ends = event.key === 'Home' || event.key === 'End'
    const jump =
      (ends && (event.ctrlKey || event.metaKey || event.shiftKey)) ||
      (event.metaKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown'))
    const block = caretBlock()
    const moves = MOVES.has(event.key) || event.ctrlKey
    if (jump || (block && (block.hasAttribute('data-far') || (moves && !inView(block))))) layOutAll()
    else if (event.key === 'PageUp' || event.key === 'PageDown') watch()
    return false
  }
  const unregisterKeys = editor.registerCommand(KEY_DOWN_COMMAND, onKeyDown, COMMAND_PRIORITY_CRITICAL)

  // While text is typed at a caret, skipped blocks are `content-visibility: hidden` (styles.css:
  // the root's data-typing), not `auto`. For `auto` Chromium runs an intersection observer of its
  // own over every skipped block in each frame whose layout changed — every keystroke's frame:
  // 0.37 ms twice a frame in the 50k article, plus pre-paint and layout (bench/typing.bench.ts).
  // `hidden` has no such observer; but hidden content is not rendered even when selected, found by
  // the browser's find or read by a screen reader. So it lasts only while the text changes at a
  // collapsed caret: a selection that is not a caret (a drag of the mouse, Shift+keys, select all:
  // the browser's own drag-and-drop carries the rendered text of a selection), the editor losing
  // focus (the find bar) or TYPING_HOLD_MS without a change bring `auto` back at once.
  let hiding = false
  let caret = false
  const stopHiding = (): void => {
    hold.cancel()
    if (!hiding) return
    hiding = false
    root.removeAttribute('data-typing')
  }
  const hold = new Trailing(stopHiding)
  const typed = (): void => {
    hold.after(TYPING_HOLD_MS)
    if (hiding) return
    hiding = true
    root.setAttribute('data-typing', '')
  }
  // Lexical tells every change of its selection, inside the update, before update listeners run.
  const unregisterSelection = editor.registerCommand(
    SELECTION_CHANGE_COMMAND,
    () => {
      const selection = $getSelection()
      caret = $isRangeSelection(selection) && selection.isCollapsed()
      if (!caret) stopHiding()
      return false
    },
    COMMAND_PRIORITY_CRITICAL,
  )
  const unregisterBlur = editor.registerCommand(
    BLUR_COMMAND,
    () => {
      caret = false
      stopHiding()
      return false
    },
    COMMAND_PRIORITY_CRITICAL,
  )

  // A far block changed by the program (a tag accepted everywhere, a 校对 fix) gets its new height
  // laid out before it is skipped again. Typing changes only the block at the caret, never far.
  const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
    if (skipping && caret && (dirtyLeaves.size > 0 || dirtyElements.size > 0)) typed()
    for (const key of dirtyElements.keys()) {
      const element = blocks.get(key)
      if (!element?.hasAttribute('data-far')) continue
      element.removeAttribute('data-far')
      collectAfterFrame()
    }
  })
  const observer = new MutationObserver(collectAfterFrame)
  observer.observe(root, { childList: true })
  // A new measure changes every block's height: all are laid out at it before they are skipped again.
  let width: number | null = null
  const resize = new ResizeObserver(([entry]) => {
    const now = entry?.contentRect.width ?? 0
    if (width !== null && now !== width) layOutAll()
    width = now
  })
  resize.observe(root)
  // A photo that has loaded can be skipped at its real height (load does not bubble: captured).
  root.addEventListener('load', collectAfterFrame, true)
  collectAfterFrame()
  return () => {
    disposed = true
    stopHiding()
    unregisterSelection()
    unregisterBlur()
    unregister()
    observer.disconnect()
    resize.disconnect()
    unregisterKeys()
    root.removeEventListener('load', collectAfterFrame, true)
    near.dispose()
    for (const block of blocks.values()) block.removeAttribute('data-far')
  }
}
