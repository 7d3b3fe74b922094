/**
 * What the proofing plugin, the 校对 panel and the editor's keys share for one open article:
 * the findings (without ignored ones), the finding selected, and the actions the plugin provides.
 * Held in stores, so typing re-renders only what shows them.
 */
import { createStore, type Store } from '../store'
import type { ProofItem } from './proofs'

export interface ProofActions {
  /** Proof every changed block now (F7), not a moment later. */
  runNow(): void
  /** Select the finding in the text (and focus the editor). */
  select(item: ProofItem, focus: boolean): void
  /** The next (1) or previous (-1) finding from the selection (F8, Shift+F8). */
  step(direction: 1 | -1): void
  /** 修改: one editor update, one undo step; false when the text moved on. */
  fix(item: ProofItem): boolean
  /** 全部修改: every safe fix in one update; how many were applied. */
  fixAll(): number
  /** 全部修改此类: every fix of one rule (safe or for review), in one update. */
  fixRule(rule: string): number
}

export interface ProofSession {
  articleId: number
  /** Findings in document order, ignored ones left out. */
  items: Store<ProofItem[]>
  /** 忽略: keys (ignoreKey) hidden for this article while the app runs. */
  ignored: Store<ReadonlySet<string>>
  /** The id of the finding selected from the panel or by F8. */
  active: Store<string | null>
  /** Whether the whole article has been proofed once since it opened (before that a count means nothing). */
  proofed: Store<boolean>
  /** What ProofPlugin provides while it is mounted. */
  readonly actions: ProofActions
  provide(actions: ProofActions): void
  /** Set by the article editor: show the 校对 panel. */
  open(): void
}

/** Ignored findings per article for this session of the app (not stored in the library). */
const IGNORED = new Map<number, Store<ReadonlySet<string>>>()

export function createProofSession(articleId: number, open: () => void): ProofSession {
  let ignored = IGNORED.get(articleId)
  if (!ignored) {
    ignored = createStore<ReadonlySet<string>>(new Set())
    IGNORED.set(articleId, ignored)
  }
  const actions: ProofActions = {
    runNow: () => {},
    select: () => {},
    step: () => {},
    fix: () => false,
    fixAll: () => 0,
    fixRule: () => 0,
  }
  return {
    articleId,
    items: createStore<ProofItem[]>([]),
    ignored,
    active: createStore<string | null>(null),
    proofed: createStore(false),
    actions,
    provide: (next) => void Object.assign(actions, next),
    open,
  }
}
