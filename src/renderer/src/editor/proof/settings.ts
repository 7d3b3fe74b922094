/**
 * 校对 settings of the open article, kept in the library: loaded when the article opens (and when
 * another window changes them), written when the editor ignores a finding or switches a rule off.
 * The session's stores change at once; a failed write puts them back and says why.
 */
import type { ProofSettings } from '@shared/api/proof-types'
import { call } from '../../api'
import type { ProofSession } from './session'

function apply(session: ProofSession, settings: ProofSettings): void {
  session.ignored.set(new Set(settings.ignored))
  session.offLibrary.set(new Set(settings.offLibrary))
  session.offArticle.set(new Set(settings.offArticle))
}

export async function loadProofSettings(session: ProofSession): Promise<void> {
  apply(session, await call('proof.settings', { articleId: session.articleId }))
}

/** 忽略 one finding (by its key), or bring back the given keys (ignored: false). */
export async function setIgnored(session: ProofSession, keys: readonly string[], ignored: boolean): Promise<void> {
  const before = session.ignored.get()
  const next = new Set(before)
  for (const key of keys) {
    if (ignored) next.add(key)
    else next.delete(key)
  }
  session.ignored.set(next)
  try {
    let settings: ProofSettings | null = null
    for (const key of keys) {
      settings = await call('proof.ignore', { articleId: session.articleId, key, ignored })
    }
    if (settings) apply(session, settings)
  } catch (error) {
    session.ignored.set(before)
    throw error
  }
}

/** Switches a rule off (or on) for this article or the whole library. */
export async function switchRule(
  session: ProofSession,
  rule: string,
  scope: 'article' | 'library',
  on: boolean,
): Promise<void> {
  const store = scope === 'library' ? session.offLibrary : session.offArticle
  const before = store.get()
  const next = new Set(before)
  if (on) next.delete(rule)
  else next.add(rule)
  store.set(next)
  try {
    apply(session, await call('proof.rule', { articleId: session.articleId, rule, on, scope }))
  } catch (error) {
    store.set(before)
    throw error
  }
}
