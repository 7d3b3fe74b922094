/**
 * Blocks far from the editor's view are left out of layout and paint: each top-level block out of
 * FAR_PX of the view gets `data-far`, which styles.css turns into `content-visibility: auto`. A
 * keystroke's layout, pre-paint and compositing-inputs work then stay with the blocks around the
 * view, whatever the article's length (bench/typing.bench.ts, 50k tagged article, same rounds:
 * pinyin steps p50 1.59× → 1.06–1.11× bare Lexical; `contain: content` alone gave nothing).
 *
 * Why not `content-visibility: auto` on every block: Chromium moves the caret over skipped
 * content wrongly — Ctrl+End lands at the start of the last paragraph, PageDown stops at the
 * first skipped block, ArrowUp from the end jumps to the top (e2e/far-blocks.spec.ts). Here the
 * blocks the caret can reach by a line or a page are always laid out: the margin is wider than
 * a page, it is worked out again before each PageUp/PageDown, and the keys that jump to the
 * start or the end (Ctrl/⌘+Home/End, ⌘+↑/↓) lay out every block before the browser moves.
 *
 * Every block is laid out in a frame before it is first skipped, and keeps that size while skipped
 * (contain-intrinsic-block-size: auto), so the scrollbar does not move as blocks are skipped; when
 * the measure changes (the window, a panel), every block is laid out at the new one first.
 * Where blocks are is worked out when the view moves, by editor/near.ts (no IntersectionObserver:
 * that costs per keystroke); blocks added or removed are seen by a MutationObserver on the root's
 * children, which typing inside a block never wakes.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useEffect } from 'react'
import { NearView } from '../near'

/** How far above and below the view blocks stay laid out (CSS px): more than two pages. */
const FAR_PX = 2400

export function FarBlocksPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => editor.registerRootListener((root) => (root ? skipFarBlocks(root) : undefined)), [editor])
  return null
}

/** Marks the blocks of `root` far from its scroller's view, until the returned function is called. */
export function skipFarBlocks(root: HTMLElement, margin = FAR_PX): () => void {
  const ids = new WeakMap<Element, string>()
  let next = 0
  let blocks = new Map<string, HTMLElement>()
  const mark = (): void => {
    for (const [id, block] of blocks) block.toggleAttribute('data-far', !near.has(id))
  }
  const near = new NearView(root.closest('.editor-scroll'), margin, mark)
  const watch = (): void => {
    near.watch(blocks)
    mark()
  }
  const collect = (): void => {
    blocks = new Map()
    for (const child of root.children) {
      if (!(child instanceof HTMLElement)) continue
      let id = ids.get(child)
      if (id === undefined) ids.set(child, (id = String(next++)))
      blocks.set(id, child)
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
  const layOutAll = (): void => {
    for (const block of blocks.values()) block.removeAttribute('data-far')
  }
  // Before the browser's own move (the default action follows the listeners).
  const onKeyDown = (event: KeyboardEvent): void => {
    const jump =
      ((event.ctrlKey || event.metaKey) && (event.key === 'Home' || event.key === 'End')) ||
      (event.metaKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown'))
    if (jump) layOutAll()
    else if (event.key === 'PageUp' || event.key === 'PageDown') watch()
  }
  const observer = new MutationObserver(collectAfterFrame)
  observer.observe(root, { childList: true })
  // A new measure changes every block's height: all are laid out at it before they are skipped again.
  let width: number | null = null
  const resize = new ResizeObserver(([entry]) => {
    const now = entry?.contentRect.width ?? 0
    if (width !== null && now !== width) {
      layOutAll()
      collectAfterFrame()
    }
    width = now
  })
  resize.observe(root)
  root.addEventListener('keydown', onKeyDown)
  collectAfterFrame()
  return () => {
    disposed = true
    observer.disconnect()
    resize.disconnect()
    root.removeEventListener('keydown', onKeyDown)
    near.dispose()
    layOutAll()
  }
}
