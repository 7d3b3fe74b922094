/** Every open saver, so the app can flush them all on switch, blur, page hide and window close. */
import { ApiError, beacon, call } from '../../api'
import { ArticleSaver, type Patch } from './saver'

export interface Stashed {
  patch: Patch
  /** The article version the patch was written against. */
  version: number
}

const stashKey = (articleId: number): string => `folio.unsaved.${articleId}`

function writeStash(articleId: number, stashed: Stashed | null): void {
  try {
    if (stashed) localStorage.setItem(stashKey(articleId), JSON.stringify(stashed))
    else localStorage.removeItem(stashKey(articleId))
  } catch {
    // Storage full or unavailable: the saver keeps retrying and shows 保存失败.
  }
}

/**
 * Edits this tab could not save last time (server gone, token changed), if they are still newer
 * than the library's copy; dropped when someone has saved the article more than once since.
 */
export function takeStash(articleId: number, libraryVersion: number): Stashed | null {
  try {
    const raw = localStorage.getItem(stashKey(articleId))
    if (!raw) return null
    const stashed = JSON.parse(raw) as Stashed
    if (libraryVersion > stashed.version + 1) {
      localStorage.removeItem(stashKey(articleId))
      return null
    }
    return stashed
  } catch {
    return null
  }
}

const open = new Set<ArticleSaver>()

export function createSaver(articleId: number, version: number): ArticleSaver {
  const saver = new ArticleSaver(articleId, version, {
    update: (input) => call('article.update', input),
    get: (id) => call('article.get', { id }),
    beacon: (input) => beacon('article.update', input),
    errorOf: (error) => (error instanceof ApiError ? error.error : null),
    stash: (id, stashed) => writeStash(id, stashed),
  })
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
