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
  /** 忽略: keys (ignoreKey) hidden in this article, as kept in the library (proof/settings.ts). */
  ignored: Store<ReadonlySet<string>>
  /** Rules switched off in the library and in this article, as kept in the library. */
  offLibrary: Store<ReadonlySet<string>>
  offArticle: Store<ReadonlySet<string>>
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

export function createProofSession(articleId: number, open: () => void): ProofSession {
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
    ignored: createStore<ReadonlySet<string>>(new Set()),
    offLibrary: createStore<ReadonlySet<string>>(new Set()),
    offArticle: createStore<ReadonlySet<string>>(new Set()),
    active: createStore<string | null>(null),
    proofed: createStore(false),
    actions,
    provide: (next) => void Object.assign(actions, next),
    open,
  }
}
