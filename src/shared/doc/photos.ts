/**
 * The images photo nodes refer to, and which of them are not stored images. Pure: the caller says
 * what is stored (`isStored`), so main, the CLI and tests share one walk of the body.
 *
 * A photo node (src/renderer/src/editor/nodes/PhotoNode.tsx) is `{ type: 'photo', image, caption,
 * credit }`; `image` is null (an empty frame, waiting for its picture) or the SHA-256 of a stored
 * image. Anything else — a string that is not a hash, a hash the library does not have, a number —
 * is not a stored image.
 */
import { fail } from '../api/errors'

/** The shape of lexical.ts's SerializedNode / SerializedDoc that this walk needs (structural). */
interface SerializedNode {
  type: string
  children?: SerializedNode[]
  [key: string]: unknown
}
interface SerializedDoc {
  root: SerializedNode
}

export const IMAGE_HASH = /^[0-9a-f]{64}$/

export function isImageHash(value: unknown): value is string {
  return typeof value === 'string' && IMAGE_HASH.test(value)
}

export interface PhotoRef {
  /** As stored in the node: null / absent means an empty frame. */
  image: unknown
  caption: string
}

/** Every photo node of the document, nested ones included, in document order. */
export function photoRefs(doc: SerializedDoc): PhotoRef[] {
  const out: PhotoRef[] = []
  const visit = (node: SerializedNode): void => {
    if (node.type === 'photo') {
      out.push({ image: node.image ?? null, caption: typeof node.caption === 'string' ? node.caption : '' })
    }
    for (const child of node.children ?? []) visit(child)
  }
  visit(doc.root)
  return out
}

/** The photos whose image is set but is not a stored image (malformed, or a hash not stored). */
export function unstoredPhotos(doc: SerializedDoc, isStored: (hash: string) => boolean): PhotoRef[] {
  return photoRefs(doc).filter((p) => p.image !== null && !(isImageHash(p.image) && isStored(p.image)))
}

/** How an article is named in messages: 《主题》 (第 N 号稿件), or 未命名稿件 without a headline. */
export function articleName(article: { id?: number; headline?: string }): { zh: string; en: string } {
  const headline = article.headline?.trim() ?? ''
  const zh = headline ? `《${headline}》` : '未命名稿件'
  const en = headline ? `"${headline}"` : 'an untitled article'
  return article.id === undefined
    ? { zh, en }
    : { zh: `${zh}（第 ${article.id} 号稿件）`, en: `${en} (article ${article.id})` }
}

function photoLabel(p: PhotoRef): string {
  const image = typeof p.image === 'string' ? p.image.slice(0, 16) + (p.image.length > 16 ? '…' : '') : String(p.image)
  return p.caption.trim() ? `「${p.caption.trim().slice(0, 30)}」(${image})` : image
}

/**
 * Refuses a body with a photo whose image is not a stored image: a typed invalid_input error that
 * names the article and the photo (Chinese first, English beside it).
 */
export function requireStoredPhotos(
  doc: SerializedDoc,
  isStored: (hash: string) => boolean,
  article: { id?: number; headline?: string },
): void {
  const bad = unstoredPhotos(doc, isStored)
  if (bad.length === 0) return
  const name = articleName(article)
  const list = bad.map(photoLabel).join('、')
  fail(
    'invalid_input',
    `${name.zh}中有 ${bad.length} 张图片不在资料库中：${list}。请重新插入图片，或删除这些图片框。`,
    `${name.en} has ${bad.length} photo(s) whose image is not in the library: ${list}. Insert the image again or remove the photo.`,
    'body',
  )
}
