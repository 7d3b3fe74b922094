/** Every open saver, so the app can flush them all on switch, blur, page hide and window close. */
import type { Article } from '@shared/api/types'
import { ApiError, beacon, call } from '../../api'
import { ArticleSaver, type Patch } from './saver'

export interface Stashed {
  patch: Patch
  /** The article version the patch was written against. */
  version: number
  /** The library the article belongs to (library.info libraryId); absent in stashes of older Folio. */
  libraryId?: string
  savedAt?: string
}

/**
 * What the tab kept for an article on open: edits based on exactly the version the library holds
 * are put back (the server went away before they were saved); anything else — based on an older
 * version, or kept before stashes knew their library — is only offered, never applied.
 */
export type StashOutcome =
  | { kind: 'apply'; stashed: Stashed }
  | { kind: 'offer'; stashed: Stashed; why: 'version' | 'library' }
  | null

/** A library's identity (a random id stored in the library file), asked once per tab. */
let identity: Promise<string> | null = null
export function libraryIdentity(): Promise<string> {
  identity ??= call('library.info', {}).then((info) => info.libraryId)
  identity.catch(() => (identity = null))
  return identity
}

const stashKey = (libraryId: string, articleId: number): string => `folio.unsaved.${libraryId}.${articleId}`
/** Where stashes of Folio before library identities were kept: they may belong to any library. */
const legacyKey = (articleId: number): string => `folio.unsaved.${articleId}`

function writeStash(libraryId: string, articleId: number, stashed: Stashed | null): void {
  try {
    const key = stashKey(libraryId, articleId)
    if (stashed) localStorage.setItem(key, JSON.stringify({ ...stashed, libraryId, savedAt: new Date().toISOString() }))
    else localStorage.removeItem(key)
  } catch {
    // Storage full or unavailable: the saver keeps retrying and shows 保存失败.
  }
}

function read(key: string): Stashed | null {
  try {
    const raw = localStorage.getItem(key)
    if (!raw) return null
    const stashed = JSON.parse(raw) as Stashed
    return typeof stashed === 'object' && stashed && typeof stashed.patch === 'object' ? stashed : null
  } catch {
    return null
  }
}

/** Whether the library already holds everything the stash has (its save landed after all). */
function landed(stashed: Stashed, article: Article): boolean {
  return (Object.keys(stashed.patch) as (keyof Patch)[]).every((key) =>
    key === 'body' ? sameBody(stashed.patch.body ?? '', article.body) : stashed.patch[key] === article[key],
  )
}

function sameBody(a: string, b: string): boolean {
  if (a === b) return true
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b))
  } catch {
    return false
  }
}

/** Edits this tab kept for the article of this library (see StashOutcome); consumed by discardStash. */
export function takeStash(libraryId: string, article: Article): StashOutcome {
  for (const [key, legacy] of [
    [stashKey(libraryId, article.id), false],
    [legacyKey(article.id), true],
  ] as const) {
    const stashed = read(key)
    if (!stashed) continue
    if (landed(stashed, article)) {
      localStorage.removeItem(key)
      continue
    }
    if (!legacy && stashed.version === article.version) return { kind: 'apply', stashed }
    return { kind: 'offer', stashed, why: legacy ? 'library' : 'version' }
  }
  return null
}

/** The editor took or dismissed what was offered. */
export function discardStash(libraryId: string, articleId: number): void {
  try {
    localStorage.removeItem(stashKey(libraryId, articleId))
    localStorage.removeItem(legacyKey(articleId))
  } catch {
    // nothing to do
  }
}

const open = new Set<ArticleSaver>()

export function createSaver(libraryId: string, articleId: number, version: number, body: string): ArticleSaver {
  const saver = new ArticleSaver(articleId, version, {
    update: (input) => call('article.update', input),
    get: (id) => call('article.get', { id }),
    beacon: (input) => beacon('article.update', input),
    errorOf: (error) => (error instanceof ApiError ? error.error : null),
    stash: (id, stashed) => writeStash(libraryId, id, stashed),
  })
  saver.setBase(body)
  open.add(saver)
  return saver
}

export async function closeSaver(saver: ArticleSaver): Promise<void> {
  await saver.flush()
  open.delete(saver)
  saver.dispose()
}

export async function flushAll(): Promise<void> {
  await Promise.all([...open].map((saver) => saver.flush()))
}

export function flushAllOnUnload(): void {
  for (const saver of open) saver.flushOnUnload()
}

// --- push channel (h2): a live reload of an open article waits while it has edits not yet saved ---
export function hasUnsavedEdits(articleId: number): boolean {
  return [...open].some((saver) => saver.articleId === articleId && (saver.state !== 'saved' || saver.hasPending))
}
// --- end push channel ---
