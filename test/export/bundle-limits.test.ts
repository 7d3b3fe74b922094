/**
 * A .folio bundle is limited by the bytes it really inflates to, never by the sizes its zip
 * declares: zip bombs with lying headers are refused with a typed too_large error, early, and
 * leave the library unchanged.
 */
import { closeSync, ftruncateSync, openSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { BUNDLE_LIMITS, exportBundle, importBundle, readBundle } from '../../src/main/export/bundle'
import type { ExportEnv } from '../../src/main/export/index'
import { FolioFailure, type FolioError } from '../../src/shared/api/errors'
import { MAX_BUNDLE_BYTES, MAX_IMAGE_BYTES } from '../../src/shared/api/limits'
import { dump, PNG_1PX, sha256, tempLibrary, type TempLibrary } from '../helpers'

const resourcesDir = resolve(__dirname, '../../resources')
const libs: TempLibrary[] = []
afterEach(async () => {
  for (const lib of libs.splice(0)) await lib.dispose()
})

function library(): { lib: TempLibrary; env: ExportEnv } {
  const lib = tempLibrary()
  libs.push(lib)
  return { lib, env: { api: lib.api, db: lib.db, resourcesDir } }
}

/** The entries of a real bundle of the sample issue (manifest + one image). */
function realBundleFiles(): Record<string, Uint8Array> {
  const { lib, env } = library()
  const { issue, articles } = lib.api.call('sample.open', {})
  const { hash } = lib.api.call('image.put', { data: PNG_1PX })
  const first = articles[0]
  if (!first) throw new Error('sample has no articles')
  const doc = JSON.parse(first.body) as { root: { children: Record<string, unknown>[] } }
  doc.root.children.push({ type: 'photo', version: 1, image: hash, caption: '图', credit: null })
  lib.api.call('article.update', { id: first.id, baseVersion: first.version, patch: { body: JSON.stringify(doc) } })
  const file = join(lib.dir, 'real.folio')
  exportBundle(env, issue.id, file)
  return unzipSync(readFileSync(file))
}

/**
 * A zip made by fflate: `files` stored as they are, then `bombName` holding `bombBytes` zero bytes
 * deflated, its declared uncompressed size then patched to 1 KB in the central directory and in its
 * data descriptor — the lie a zip bomb tells to pass a check on declared sizes.
 */
function zipBomb(files: Record<string, Uint8Array>, bombs: { name: string; bytes: number }[]): Uint8Array {
  const parts: Uint8Array[] = []
  const zip = new Zip((error, data) => {
    if (error) throw error
    parts.push(data)
  })
  for (const [name, data] of Object.entries(files)) {
    const entry = new ZipPassThrough(name)
    zip.add(entry)
    entry.push(data, true)
  }
  const zero = new Uint8Array(1 << 20)
  for (const bomb of bombs) {
    const entry = new ZipDeflate(bomb.name, { level: 1 })
    zip.add(entry)
    for (let left = bomb.bytes; left > 0; left -= zero.length) entry.push(zero.subarray(0, Math.min(left, zero.length)))
    entry.push(new Uint8Array(0), true)
  }
  zip.end()
  const out = Buffer.concat(parts)
  const names = new Set(bombs.map((b) => b.name))
  const DECLARED = 1024
  // Central directory entries: signature, …, uncompressed size at +24, name length at +28, name at +46.
  for (let i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; ) {
    const nameLength = out.readUInt16LE(i + 28)
    const name = out.subarray(i + 46, i + 46 + nameLength).toString('utf8')
    if (names.has(name)) {
      const compressed = out.readUInt32LE(i + 20)
      const local = out.readUInt32LE(i + 42)
      out.writeUInt32LE(DECLARED, i + 24)
      // Its data descriptor (signature, crc, compressed, uncompressed) follows its data.
      const localHeader = 30 + out.readUInt16LE(local + 26) + out.readUInt16LE(local + 28)
      const descriptor = local + localHeader + compressed
      if (out.readUInt32LE(descriptor) === 0x08074b50) out.writeUInt32LE(DECLARED, descriptor + 12)
    }
    i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 46 + nameLength)
  }
  // The lie took: a reader trusting declared sizes sees a 1 KB entry.
  const declared = new Map<string, number>()
  unzipSync(out, {
    filter: (f) => {
      declared.set(f.name, f.originalSize)
      return false
    },
  })
  for (const name of names) expect(declared.get(name)).toBe(DECLARED)
  return new Uint8Array(out)
}

async function importThroughApi(lib: TempLibrary, bytes: Uint8Array): Promise<FolioError> {
  const answer = await lib.api.dispatchAsync('import.bundle', { data: Buffer.from(bytes).toString('base64') })
  if (answer.ok) throw new Error('the bundle was imported')
  return answer.error
}

describe('.folio bundle inflate limits', () => {
  it('derives its limits from the contract', () => {
    expect(BUNDLE_LIMITS.image).toBe(MAX_IMAGE_BYTES)
    expect(MAX_IMAGE_BYTES).toBe(21_000_000)
    expect(MAX_BUNDLE_BYTES).toBe(210_000_000)
    expect(BUNDLE_LIMITS.total).toBe(BUNDLE_LIMITS.manifest + MAX_BUNDLE_BYTES)
  })

  it('refuses an image entry that declares 1 KB and inflates past the image limit; the library is unchanged', async () => {
    const files = realBundleFiles()
    const bombName = `images/${'b'.repeat(64)}.png`
    const bomb = zipBomb(files, [{ name: bombName, bytes: MAX_IMAGE_BYTES + (2 << 20) }])
    expect(bomb.length).toBeLessThan(100_000)

    const { lib } = library()
    const before = dump(lib.db)
    const error = await importThroughApi(lib, bomb)
    expect(error).toMatchObject({ code: 'too_large' })
    expect(error.message_zh).toMatch(/^不是有效的 Folio 文件：图片 images\/b{64}\.png 解压后超过 21 MB/)
    expect(error.message_en).toMatch(/image images\/b{64}\.png inflates to more than 21 MB/)
    expect(dump(lib.db)).toBe(before)

    // The same entries without the bomb import fine: it is the bomb that is refused.
    const good = await lib.api.dispatchAsync('import.bundle', { data: Buffer.from(zipSync(files)).toString('base64') })
    expect(good).toMatchObject({ ok: true, result: { images: 1 } })
    expect(lib.api.call('image.get', { hash: sha256(PNG_1PX) }).data).toBe(PNG_1PX)
  })

  it('refuses a manifest that inflates past the manifest limit', async () => {
    const bomb = zipBomb({}, [{ name: 'folio-bundle.json', bytes: BUNDLE_LIMITS.manifest + (1 << 20) }])
    expect(bomb.length).toBeLessThan(500_000)
    const { lib } = library()
    const before = dump(lib.db)
    const error = await importThroughApi(lib, bomb)
    expect(error.code).toBe('too_large')
    expect(error.message_zh).toContain('清单解压后超过 134 MB')
    expect(dump(lib.db)).toBe(before)
  })

  it('refuses many images that together pass the total limit, each one under its own', () => {
    const files = realBundleFiles()
    const limits = { manifest: 1 << 20, image: 3 << 20, total: 8 << 20 }
    const bombs = [1, 2, 3, 4].map((n) => ({ name: `images/${String(n).repeat(64)}.png`, bytes: 5 << 20 }))
    // Two of them fit the total; the third passes it.
    expect(() => readBundle(zipBomb(files, bombs.slice(0, 1)), { ...limits, image: 6 << 20 })).not.toThrow()
    let caught: unknown
    try {
      readBundle(zipBomb(files, bombs), { ...limits, image: 6 << 20 })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(FolioFailure)
    expect((caught as FolioFailure).error).toMatchObject({ code: 'too_large' })
    expect((caught as FolioFailure).error.message_en).toContain('it inflates to more than 8 MB')
  })

  it('still reads entries that fflate streams with a data descriptor (sizes unknown in the local header)', () => {
    const files = realBundleFiles()
    const parts: Uint8Array[] = []
    const zip = new Zip((error, data) => {
      if (error) throw error
      parts.push(data)
    })
    for (const [name, data] of Object.entries(files)) {
      const entry = new ZipDeflate(name, { level: 6 })
      zip.add(entry)
      entry.push(data, true)
    }
    zip.end()
    const read = readBundle(new Uint8Array(Buffer.concat(parts)))
    expect(read.manifest.articles.length).toBe(4)
    expect(Object.keys(read.files).sort()).toEqual(Object.keys(files).sort())
    for (const [name, data] of Object.entries(files))
      expect(Buffer.from(read.files[name] ?? []).equals(data)).toBe(true)
  })

  it('never inflates entries that are not the manifest or an image', () => {
    const files = realBundleFiles()
    // 20 MB elsewhere in the zip would pass an 8 MB total if it were inflated: it is skipped, compressed.
    const bomb = zipBomb({ ...files, 'notes.txt': strToU8('x') }, [{ name: 'other/huge.bin', bytes: 20 << 20 }])
    const read = readBundle(bomb, { manifest: 1 << 20, image: 1 << 20, total: 8 << 20 })
    expect(Object.keys(read.files).sort()).toEqual(Object.keys(files).sort())
    expect(read.manifest.articles.length).toBe(4)
  })

  it('refuses a bundle file larger than import.bundle accepts before reading it', () => {
    const { lib, env } = library()
    const file = join(lib.dir, 'huge.folio')
    // Sparse: MAX_BUNDLE_BYTES + 1 bytes on paper, nothing on disk.
    const fd = openSync(file, 'w')
    ftruncateSync(fd, MAX_BUNDLE_BYTES + 1)
    closeSync(fd)
    let caught: unknown
    try {
      importBundle(env, file)
    } catch (error) {
      caught = error
    }
    expect((caught as FolioFailure).error).toMatchObject({
      code: 'too_large',
      message_zh: '文件超过 210 MB，不是有效的 Folio 文件。',
    })
  })
})
