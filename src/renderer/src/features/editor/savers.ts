/** Every open saver, so the app can flush them all on switch, blur, page hide and window close. */
import { ApiError, beacon, call } from '../../api'
import { ArticleSaver } from './saver'

const open = new Set<ArticleSaver>()

export function createSaver(articleId: number, version: number): ArticleSaver {
  const saver = new ArticleSaver(articleId, version, {
    update: (input) => call('article.update', input),
    get: (id) => call('article.get', { id }),
    beacon: (input) => beacon('article.update', input),
    errorOf: (error) => (error instanceof ApiError ? error.error : null),
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
