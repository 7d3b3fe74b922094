/** Images stored once in the library under the SHA-256 of their bytes. */
import { createHash } from 'node:crypto'
import { fail } from '../../shared/api/errors'
import type { ImportImage } from '../../shared/import/model'
import { isoNow, type ServiceContext } from './context'

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024

type ImageMime = ImportImage['mime']

/** The type the bytes really are (never trust a file name or a declared type). */
export function sniffImage(bytes: Uint8Array): ImageMime | null {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b)
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp'
  return null
}

export function hashImage(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Stores an image (a no-op when the library already has it) and returns its hash. */
export function storeImage(ctx: ServiceContext, data: string, declaredHash?: string): string {
  const bytes = Buffer.from(data, 'base64')
  if (bytes.length === 0) fail('invalid_input', '图片是空的。', 'The image is empty.', 'images')
  if (bytes.length > MAX_IMAGE_BYTES) {
    fail('too_large', '图片超过 20 MB。', 'The image is larger than 20 MB.', 'images')
  }
  const mime = sniffImage(bytes)
  if (!mime)
    fail('invalid_input', '只支持 JPG、PNG、WebP 图片。', 'Only JPG, PNG and WebP images are supported.', 'images')
  const hash = hashImage(bytes)
  if (declaredHash !== undefined && declaredHash !== hash) {
    fail(
      'invalid_input',
      '图片内容与其标识不符，可能已损坏。',
      'The image does not match its hash; it may be damaged.',
      'images',
    )
  }
  ctx.db
    .prepare('INSERT OR IGNORE INTO images (hash, mime, size, bytes, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(hash, mime, bytes.length, bytes, isoNow(ctx))
  return hash
}

export function getImage(ctx: ServiceContext, hash: string): { hash: string; mime: string; data: string } {
  const row = ctx.db.prepare('SELECT mime, bytes FROM images WHERE hash = ?').get(hash) as
    | { mime: string; bytes: Buffer }
    | undefined
  if (!row) fail('not_found', '资料库里没有这张图片。', 'The library has no such image.', 'hash')
  return { hash, mime: row.mime, data: row.bytes.toString('base64') }
}

export function hasImage(ctx: ServiceContext, hash: string): boolean {
  return ctx.db.prepare('SELECT 1 FROM images WHERE hash = ?').get(hash) !== undefined
}
