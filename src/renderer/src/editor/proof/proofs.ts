/**
 * 校对 in the editor: findings kept per block (keyed by block key, re-proofed only when the
 * block's text or its tagged spans changed), and fixes applied through Lexical so that history
 * and autosave see them. A fix never edits inside a zone or figure tag: a finding that touches a
 * tag is shown but only flagged.
 */
import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $isTextNode,
  $setSelection,
  type ElementNode,
} from 'lexical'
import { $isListNode } from '@lexical/list'
import { getRule, IGNORE_CONTEXT, ignoreKey, proofText, type Category, type Finding } from '@shared/proof'
import { $isPhotoNode, type PhotoNode } from '../nodes/PhotoNode'
import { isDirty, type Dirty } from '../blocks'
import { $blockText, type BlockText } from '../tagging/segments'

export interface ProofItem {
  /** Unique in the list: block, span and rule. */
  id: string
  blockKey: string
  rule: string
  category: Category
  start: number
  end: number
  text: string
  fix: string | null
  message_zh: string
  message_en: string
  /** How the rule corrects (getRule(id).fix): 'safe' goes into 全部修改, 'review' one by one. */
  fixKind: 'safe' | 'review' | null
  /** The span touches a zone or figure tag: shown, never edited by a fix. */
  inTag: boolean
  /** A fix can be applied: it has one, it changes something and it stays out of tags. */
  canFix: boolean
  /** Found in a photo caption (blockKey is then the photo node's key). */
  inCaption?: boolean
  /** A few characters either side, for the panel and for 忽略 to recognise the finding after edits. */
  before: string
  after: string
}

/** What 忽略 remembers (shared with the 校对报告, which honours the same ignores). */
export { ignoreKey }

const CONTEXT = IGNORE_CONTEXT

interface Source {
  blockKey: string
  text: string
  /** Tagged spans as a string: a change there changes what may be fixed. */
  tagged: string
  inCaption: boolean
  overlapsTag(start: number, end: number): boolean
  /** The span lies in plain text nodes with no gap between them (always true for a caption). */
  contiguous(start: number, end: number): boolean
}

interface Entry {
  text: string
  tagged: string
  items: ProofItem[]
  block: BlockText | null
}

function textSource(block: BlockText): Source {
  return {
    blockKey: block.blockKey,
    text: block.text,
    tagged: block.segments
      .filter((s) => s.tagged)
      .map((s) => `${s.start}-${s.end}`)
      .join(),
    inCaption: false,
    overlapsTag: (start, end) =>
      block.segments.some(
        (s) => s.tagged && (start === end ? s.start < start && start < s.end : s.start < end && start < s.end),
      ),
    contiguous: (start, end) => plainRun(block, start, end) !== null,
  }
}

/**
 * The plain (untagged) segments covering [start, end) without gaps; for an insertion (start ===
 * end), the one plain segment it can go into. Null when the span touches a tag or a non-text
 * child (a line break) or lies outside the text nodes.
 */
function plainRun(block: BlockText, start: number, end: number): BlockText['segments'] | null {
  if (start === end) {
    const host = block.segments.find((s) => !s.tagged && s.start <= start && start <= s.end)
    return host ? [host] : null
  }
  const run = block.segments.filter((s) => s.start < end && start < s.end)
  if (run.length === 0 || run.some((s) => s.tagged)) return null
  const first = run[0]
  const last = run[run.length - 1]
  if (!first || !last || first.start > start || last.end < end) return null
  for (let i = 1; i < run.length; i++) if (run[i]?.start !== run[i - 1]?.end) return null
  return run
}

function itemsOf(source: Source): ProofItem[] {
  if (source.text.trim() === '') return []
  return proofText(source.text).map((f: Finding) => {
    const inTag = source.overlapsTag(f.start, f.end)
    const fixKind = getRule(f.rule)?.fix ?? null
    return {
      id: `${source.blockKey}:${f.start}:${f.end}:${f.rule}`,
      blockKey: source.blockKey,
      rule: f.rule,
      category: f.category,
      start: f.start,
      end: f.end,
      text: f.text,
      fix: f.fix,
      message_zh: f.message_zh,
      message_en: f.message_en,
      fixKind,
      inTag,
      canFix: f.fix !== null && f.fix !== f.text && !inTag && source.contiguous(f.start, f.end),
      ...(source.inCaption && { inCaption: true }),
      before: source.text.slice(Math.max(0, f.start - CONTEXT), f.start),
      after: source.text.slice(f.end, f.end + CONTEXT),
    }
  })
}

/** The text blocks (as $textBlocks finds them) and photo captions, in document order. */
function $proofedNodes(): (ElementNode | PhotoNode)[] {
  const out: (ElementNode | PhotoNode)[] = []
  const visit = (node: ElementNode): void => {
    for (const child of node.getChildren()) {
      if ($isPhotoNode(child)) out.push(child)
      else if (!$isElementNode(child)) continue
      else if ($isListNode(child) || child.getChildren().some((c) => $isListNode(c))) visit(child)
      else out.push(child)
    }
  }
  visit($getRoot())
  return out
}

function $captionSource(key: string, caption: string, tags: readonly { start: number; end: number }[]): Source {
  return {
    blockKey: key,
    text: caption,
    tagged: tags.map((t) => `${t.start}-${t.end}`).join(),
    inCaption: true,
    overlapsTag: (start, end) =>
      tags.some((t) => (start === end ? t.start < start && start < t.end : t.start < end && start < t.end)),
    contiguous: () => true,
  }
}

export interface ProofRun {
  /** Every finding in document order (ignored ones included: the plugin filters). */
  items: ProofItem[]
  /** Blocks read again: their DOM may have changed, so their highlights are redrawn. */
  touched: Set<string>
  /** Each block's text map, for drawing and selecting. */
  blocks: Map<string, BlockText>
  /** Blocks whose text changed but which were left for the next slice (time ran out). */
  pending: number
  /** Every block and caption proofed, in document order. */
  keys: string[]
}

/**
 * Findings kept per block. `$update` proofs only blocks that changed and, once `deadline`
 * (performance.now()) has passed, leaves further changed blocks for the next call, so opening a
 * long article proofs it in slices between which the editor stays responsive.
 */
export class BlockProofs {
  private entries = new Map<string, Entry>()
  private pending = new Set<string>()

  $update(dirty: Dirty, deadline = Infinity): ProofRun {
    const next = new Map<string, Entry>()
    const touched = new Set<string>()
    const blocks = new Map<string, BlockText>()
    const items: ProofItem[] = []
    const pending = new Set<string>()
    const keys: string[] = []
    const take = (key: string, read: () => { source: Source; block: BlockText | null }): void => {
      let entry = this.entries.get(key)
      if (!entry || isDirty(dirty, key) || this.pending.has(key)) {
        touched.add(key)
        const { source, block } = read()
        if (entry && entry.text === source.text && entry.tagged === source.tagged && !this.pending.has(key)) {
          entry = { ...entry, block }
        } else if (performance.now() < deadline) {
          entry = { text: source.text, tagged: source.tagged, items: itemsOf(source), block }
        } else {
          // Out of time: no findings for it until the next slice (old offsets may be wrong now).
          pending.add(key)
          entry = { text: source.text, tagged: source.tagged, items: [], block }
        }
      }
      next.set(key, entry)
      keys.push(key)
      if (entry.block) blocks.set(key, entry.block)
      for (const item of entry.items) items.push(item)
    }
    for (const node of $proofedNodes()) {
      if ($isPhotoNode(node)) {
        take(node.getKey(), () => ({
          block: null,
          source: $captionSource(node.getKey(), node.getCaption(), node.getCaptionTags()),
        }))
      } else {
        take(node.getKey(), () => {
          const block = $blockText(node)
          return { source: textSource(block), block }
        })
      }
    }
    this.entries = next
    this.pending = pending
    return { items, touched, blocks, pending: pending.size, keys }
  }
}

/** Replaces [start, end) of a block's plain text nodes with `replacement`; false when it may not. */
function $replaceSpan(block: BlockText, start: number, end: number, replacement: string): boolean {
  const run = plainRun(block, start, end)
  if (!run) return false
  // Later nodes first: the first node's offsets stay right.
  for (let i = run.length - 1; i >= 0; i--) {
    const segment = run[i]
    if (!segment) continue
    const node = $getNodeByKey(segment.key)
    if (!$isTextNode(node)) return false
    const from = Math.max(start, segment.start) - segment.start
    const to = Math.min(end, segment.end) - segment.start
    node.spliceText(from, to - from, i === 0 ? replacement : '', false)
  }
  return true
}

type Fix = Pick<ProofItem, 'blockKey' | 'start' | 'end' | 'text' | 'fix'>

/** Applies one finding's fix, in an editor update; false when the text moved on or the span may not change. */
export function $applyFix(item: Fix): boolean {
  if (item.fix === null) return false
  const node = $getNodeByKey(item.blockKey)
  if ($isPhotoNode(node)) {
    const caption = node.getCaption()
    if (caption.slice(item.start, item.end) !== item.text) return false
    const source = $captionSource(item.blockKey, caption, node.getCaptionTags())
    if (source.overlapsTag(item.start, item.end)) return false
    node.setCaption(caption.slice(0, item.start) + item.fix + caption.slice(item.end))
    return true
  }
  if (!$isElementNode(node)) return false
  const block = $blockText(node)
  if (block.text.slice(item.start, item.end) !== item.text) return false
  return $replaceSpan(block, item.start, item.end, item.fix)
}

/** Non-overlapping fixes of one block, right to left, so earlier offsets stay valid (as applyFixes does). */
function $applyBlockFixes(fixes: readonly Fix[]): number {
  const chosen: Fix[] = []
  let reached = -1
  for (const f of [...fixes].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (f.start < reached || (f.start === reached && f.start === f.end)) continue
    chosen.push(f)
    reached = f.end
  }
  let applied = 0
  for (let i = chosen.length - 1; i >= 0; i--) if ($applyFix(chosen[i] as Fix)) applied++
  return applied
}

const PASSES = 4

/**
 * 全部修改, in one editor update: every safe fix of the article that is not ignored and not in a
 * tag; the blocks it changed are proofed again (a fix may reveal another, as in fixAll) up to a
 * few rounds. Returns how many fixes were applied.
 */
export function $fixAllSafe(items: readonly ProofItem[], ignored: ReadonlySet<string>): number {
  return $fixAllOf(items, ignored, (item) => item.fixKind === 'safe')
}

/** 全部修改此类: every fix of one rule the editor has looked at, safe or for review; one update. */
export function $fixRule(items: readonly ProofItem[], ignored: ReadonlySet<string>, rule: string): number {
  return $fixAllOf(items, ignored, (item) => item.rule === rule)
}

function $fixAllOf(
  items: readonly ProofItem[],
  ignored: ReadonlySet<string>,
  chosen: (item: ProofItem) => boolean,
): number {
  const wanted = (item: ProofItem): boolean => chosen(item) && item.canFix && !ignored.has(ignoreKey(item))
  let round = new Map<string, ProofItem[]>()
  for (const item of items) {
    if (!wanted(item)) continue
    const list = round.get(item.blockKey) ?? []
    list.push(item)
    round.set(item.blockKey, list)
  }
  let applied = 0
  for (let pass = 0; pass < PASSES && round.size > 0; pass++) {
    const changed: string[] = []
    for (const [key, fixes] of round) {
      const n = $applyBlockFixes(fixes)
      if (n > 0) changed.push(key)
      applied += n
    }
    round = new Map()
    for (const key of changed) {
      const fresh = $itemsOfBlock(key).filter(wanted)
      if (fresh.length > 0) round.set(key, fresh)
    }
  }
  return applied
}

/** Findings of one block (or caption) as it is now. */
function $itemsOfBlock(key: string): ProofItem[] {
  const node = $getNodeByKey(key)
  if ($isPhotoNode(node)) return itemsOf($captionSource(key, node.getCaption(), node.getCaptionTags()))
  if (!$isElementNode(node)) return []
  return itemsOf(textSource($blockText(node)))
}

/** Selects the finding's span in the body (a caption is not selectable: false). */
export function $selectItem(item: Pick<ProofItem, 'blockKey' | 'start' | 'end' | 'text'>): boolean {
  const node = $getNodeByKey(item.blockKey)
  if (!$isElementNode(node)) return false
  const block = $blockText(node)
  if (block.text.slice(item.start, item.end) !== item.text) return false
  const point = (offset: number, preferEnd: boolean): { key: string; offset: number } | null => {
    const segment =
      block.segments.find((s) =>
        preferEnd ? s.start < offset && offset <= s.end : s.start <= offset && offset < s.end,
      ) ?? block.segments.find((s) => s.start <= offset && offset <= s.end)
    return segment ? { key: segment.key, offset: offset - segment.start } : null
  }
  const from = point(item.start, false)
  const to = item.start === item.end ? from : point(item.end, true)
  if (!from || !to) return false
  const selection = $createRangeSelection()
  selection.anchor.set(from.key, from.offset, 'text')
  selection.focus.set(to.key, to.offset, 'text')
  $setSelection(selection)
  return true
}
