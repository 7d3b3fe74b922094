/**
 * 校对 where editors write: a moment after typing stops, the blocks that changed are proofed again
 * (BlockProofs), in slices of a few milliseconds so a long article opening never blocks the
 * keyboard; findings are drawn with the CSS Custom Highlight API near the view (HighlightPainter).
 * A keystroke only notes which blocks it touched.
 *
 * Keys (anywhere in the article editor): F7 proofs now and opens the 校对 panel; F8 / Shift+F8
 * select the next / previous finding in the text (Alt+F7, Word's “next error”, also steps on).
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import {
  $createRangeSelectionFromDom,
  $getNodeByKey,
  $getSelection,
  $isRangeSelection,
  HISTORY_PUSH_TAG,
  type LexicalEditor,
} from 'lexical'
import { useEffect } from 'react'
import { DirtyBlocks } from '../blocks'
import { domRange, type BlockText } from '../tagging/segments'
import { QUIET_MS } from '../../app/idle'
import { Trailing } from '../../app/trailing'
import { HighlightPainter, registerTypingRest, showHighlight } from './painter'
import {
  $applyFix,
  $fixAllSafe,
  $fixRule,
  $selectItem,
  BlockProofs,
  ignoreKey,
  type ProofItem,
  type ProofRun,
} from './proofs'
import type { ProofSession } from './session'
import './proof.css'

/** 校对 runs once the text has rested, with the other catch-ups (app/idle.ts). */
const DELAY_MS = QUIET_MS
/** A slice of proofing: long enough to do a screenful of paragraphs, short enough not to be felt. */
const SLICE_MS = 12
/**
 * Findings are dense (a comma every line in imported copy), and Chromium revalidates every
 * registered range and repaints its text on each keystroke: only blocks in view get them (the
 * painter draws a block as it scrolls in, editor/near.ts). TYPING_TRACE, 50k article, paint per key: 600 px
 * around the view 8.7 ms, 150 px 7.5 ms (without proofing 5.0 ms).
 */
const NEAR_MARGIN = 0
const HIGHLIGHTS = { fix: 'folio-proof', flag: 'folio-proof-flag', current: 'folio-proof-current' } as const

const sameList = (a: readonly ProofItem[], b: readonly ProofItem[]): boolean =>
  a.length === b.length && a.every((s, i) => s === b[i])

export function ProofPlugin({ session }: { session: ProofSession }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    const proofs = new BlockProofs()
    const dirty = new DirtyBlocks()
    const painter = new HighlightPainter<ProofItem>(
      editor,
      [HIGHLIGHTS.fix, HIGHLIGHTS.flag],
      (item) => (item.canFix ? HIGHLIGHTS.fix : HIGHLIGHTS.flag),
      NEAR_MARGIN,
    )
    // The finding in hand: registered only while it has a range, and resting while text is typed.
    const current = typeof CSS !== 'undefined' && 'highlights' in CSS ? new Highlight() : null
    let last: ProofRun = { items: [], touched: new Set(), blocks: new Map(), pending: 0, keys: [] }
    let first = true

    /** Null when no rule is switched off, else whether a finding's rule is on. */
    const switchedOn = (): ((item: ProofItem) => boolean) | null => {
      const lib = session.offLibrary.get()
      const own = session.offArticle.get()
      return lib.size === 0 && own.size === 0 ? null : (item) => !lib.has(item.rule) && !own.has(item.rule)
    }
    const onRules = (): ProofItem[] => {
      const wanted = switchedOn()
      return wanted === null ? last.items : last.items.filter(wanted)
    }

    const publish = (touched: ReadonlySet<string>): void => {
      const ignored = session.ignored.get()
      const wanted = switchedOn()
      const items =
        ignored.size === 0 && wanted === null
          ? last.items
          : last.items.filter((i) => !ignored.has(ignoreKey(i)) && (wanted === null || wanted(i)))
      if (first || !sameList(session.items.get(), items)) {
        first = false
        session.items.set(items)
      }
      painter.show(items, last.blocks, touched)
      drawCurrent()
    }

    const drawCurrent = (): void => {
      if (!current) return
      current.clear()
      const item = activeItem()
      const block = item && !item.inCaption ? last.blocks.get(item.blockKey) : undefined
      const range = item && block ? domRange(editor, block, item.start, Math.max(item.end, item.start + 1)) : null
      if (range) current.add(range)
      showHighlight(HIGHLIGHTS.current, current)
    }
    const activeItem = (): ProofItem | undefined => {
      const id = session.active.get()
      return id === null ? undefined : session.items.get().find((i) => i.id === id)
    }

    const run = (deadline: number): void => {
      last = editor.getEditorState().read(() => proofs.$update(dirty.take(), deadline))
      publish(last.touched)
      if (last.pending === 0 && !session.proofed.get()) session.proofed.set(true)
      // Blocks left over: go on in the next task, after whatever input is waiting.
      if (last.pending > 0) timer.after(0)
    }
    const timer = new Trailing(() => run(performance.now() + SLICE_MS))
    const schedule = (): void => timer.after(DELAY_MS)
    const runNow = (): void => {
      timer.cancel()
      run(Infinity)
    }

    const select = (item: ProofItem, focus: boolean): void => {
      session.active.set(item.id)
      if (!item.inCaption) {
        editor.update(() => void $selectItem(item), { tag: 'skip-scroll-into-view' })
        if (focus) editor.focus()
      }
      reveal(editor, item, last.blocks.get(item.blockKey))
    }
    const step = (direction: 1 | -1): void => {
      if (timer.pending) runNow()
      const items = session.items.get()
      if (items.length === 0) return
      const order = new Map(last.keys.map((key, i) => [key, i]))
      const at = (item: ProofItem): [number, number] => [order.get(item.blockKey) ?? order.size, item.start]
      const caret = editor.read(() => $caret(editor, last.blocks, order))
      const active = activeItem()
      let index: number
      if (active && (!caret || (caret[0] === at(active)[0] && caret[1] === active.start))) {
        index = items.indexOf(active) + direction
      } else if (caret) {
        const after = (i: ProofItem): boolean => compare(at(i), caret) > 0
        const before = (i: ProofItem): boolean => compare(at(i), caret) < 0
        index = direction === 1 ? items.findIndex(after) : findLastIndex(items, before)
        if (index === -1) index = direction === 1 ? 0 : items.length - 1
      } else {
        index = direction === 1 ? 0 : items.length - 1
      }
      const next = items[(index + items.length) % items.length]
      if (next) select(next, true)
    }
    const fix = (item: ProofItem): boolean => {
      let done = false
      editor.update(() => void (done = $applyFix(item)), { tag: HISTORY_PUSH_TAG, discrete: true })
      if (done) runNow()
      return done
    }
    const fixMany = (rule: string | null): number => {
      if (timer.pending) runNow()
      let applied = 0
      const ignored = session.ignored.get()
      editor.update(
        () => void (applied = rule === null ? $fixAllSafe(onRules(), ignored) : $fixRule(onRules(), ignored, rule)),
        { tag: HISTORY_PUSH_TAG, discrete: true },
      )
      if (applied > 0) runNow()
      return applied
    }
    session.provide({ runNow, select, step, fix, fixAll: () => fixMany(null), fixRule: fixMany })

    const onKey = (event: KeyboardEvent): void => {
      if (event.isComposing || event.ctrlKey || event.metaKey) return
      const root = editor.getRootElement()
      if (!root?.isConnected) return
      if (event.key === 'F7' && !event.shiftKey && !event.altKey) {
        event.preventDefault()
        runNow()
        session.open()
      } else if (event.key === 'F8' && !event.altKey) {
        event.preventDefault()
        step(event.shiftKey ? -1 : 1)
      } else if (event.key === 'F7' && event.altKey) {
        event.preventDefault()
        step(event.shiftKey ? -1 : 1)
      }
    }
    window.addEventListener('keydown', onKey)

    schedule()
    const republish = () => publish(new Set())
    const unsubscribeIgnored = session.ignored.subscribe(republish)
    const unsubscribeOffLibrary = session.offLibrary.subscribe(republish)
    const unsubscribeOffArticle = session.offArticle.subscribe(republish)
    const unsubscribeActive = session.active.subscribe(drawCurrent)
    // While the text is typed the marks rest until the run after the pause.
    const resting = {
      quiet: () => {
        painter.quiet()
        if (current) CSS.highlights.delete(HIGHLIGHTS.current)
      },
    }
    const unregister = registerTypingRest(editor, resting, dirty, () => timer.pending, schedule)
    return () => {
      unregister()
      unsubscribeIgnored()
      unsubscribeOffLibrary()
      unsubscribeOffArticle()
      unsubscribeActive()
      window.removeEventListener('keydown', onKey)
      timer.cancel()
      painter.dispose()
      if (current) CSS.highlights.delete(HIGHLIGHTS.current)
    }
  }, [editor, session])
  return null
}

const compare = (a: readonly [number, number], b: readonly [number, number]): number => a[0] - b[0] || a[1] - b[1]

function findLastIndex<T>(list: readonly T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i] as T)) return i
  return -1
}

/** The selection's start as (block index, offset in the block's text), or null. */
function $caret(
  editor: LexicalEditor,
  blocks: Map<string, BlockText>,
  order: Map<string, number>,
): [number, number] | null {
  // The DOM's selection when it is in the text: Lexical takes it over only at the next
  // selectionchange, which may not have come yet when F8 follows a click or Ctrl+Home at once.
  const dom = window.getSelection()
  const inText = dom?.anchorNode ? editor.getRootElement()?.contains(dom.anchorNode) : false
  const selection = (inText ? $createRangeSelectionFromDom(dom, editor) : null) ?? $getSelection()
  if (!$isRangeSelection(selection)) return null
  const point = selection.isBackward() ? selection.focus : selection.anchor
  let node = $getNodeByKey(point.key)
  while (node && !order.has(node.getKey())) node = node.getParent()
  if (!node) return null
  const key = node.getKey()
  const segment = blocks.get(key)?.segments.find((s) => s.key === point.key)
  return [order.get(key) ?? 0, point.type === 'text' && segment ? segment.start + point.offset : 0]
}

/** Scrolls the finding into the middle of the editor's view when it is out of it. */
function reveal(editor: LexicalEditor, item: ProofItem, block: BlockText | undefined): void {
  requestAnimationFrame(() => {
    const element = editor.getElementByKey(item.blockKey)
    const scroller = element?.closest<HTMLElement>('.editor-scroll')
    if (!element || !scroller) return
    const range =
      block && !item.inCaption ? domRange(editor, block, item.start, Math.max(item.end, item.start + 1)) : null
    const rect = (range ?? element).getBoundingClientRect()
    const view = scroller.getBoundingClientRect()
    if (rect.top >= view.top + 40 && rect.bottom <= view.bottom - 40) return
    scroller.scrollTop += rect.top - view.top - scroller.clientHeight / 3
  })
}
