/**
 * The .folio bundle: how an issue moves between machines. A zip of
 *   folio-bundle.json   the issue's fields, its articles (body JSON exactly as stored) and layout
 *   images/<sha256>.<ext>  every image the articles show, byte for byte
 * Importing into another library reproduces the article JSON and the images exactly; images are
 * checked against their hash, and the whole import is one transaction.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { strFromU8, strToU8, Unzip, UnzipInflate, zipSync, type Zippable } from 'fflate'
import { z } from 'zod'
import { fail, FolioFailure, folioError } from '../../shared/api/errors'
import { MAX_BUNDLE_BYTES, MAX_IMAGE_BYTES } from '../../shared/api/limits'
import type { Article, Issue } from '../../shared/api/types'
import { ISSUE_STATUSES } from '../../shared/api/types'
import { parseDoc, type SerializedNode } from '../../shared/doc/lexical'
import { pageSchema, templateSchema, type IssueLayout } from '../../shared/layout/model'
import { imageStored, missingImageWarnings, type ExportEnv, type Warning } from './index'
import { getLayout, saveLayout } from './store'

export const BUNDLE_FORMAT = 'folio-bundle'
export const BUNDLE_VERSION = 1
const MANIFEST = 'folio-bundle.json'
const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }
/**
 * What a bundle may legitimately unpack to, counted in bytes actually inflated (never the sizes a
 * zip declares, which a zip bomb fakes):
 * - the manifest: 128 MiB, room for dozens of articles at MAX_BODY and thousands of real ones (a
 *   4-page 专刊 of 20 articles is about 1 MB);
 * - one image: what image.put accepts (21 MB);
 * - everything together: the manifest plus the largest bundle import.bundle accepts (210 MB),
 *   since Folio stores images in a bundle uncompressed, so all images together are never larger
 *   than the bundle file itself.
 * Entries other than the manifest and images/ are never inflated at all.
 */
export interface BundleLimits {
  manifest: number
  image: number
  total: number
}
export const BUNDLE_LIMITS: Readonly<BundleLimits> = Object.freeze({
  manifest: 128 * 1024 * 1024,
  image: MAX_IMAGE_BYTES,
  total: 128 * 1024 * 1024 + MAX_BUNDLE_BYTES,
})
/**
 * The zip is fed to the inflater in pieces of this size, so that one step inflates at most about
 * 1032 × this (deflate's largest ratio, ~17 MB) before the byte count is checked.
 */
const FEED_CHUNK = 16 * 1024

const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    exportedAt: z.string(),
    issue: z
      .object({
        title: z.string().min(1),
        edition: z.string(),
        number: z.string(),
        publicationDate: z.string(),
        guidance: z.string(),
        publisher: z.string(),
        postalCode: z.string(),
        email: z.string(),
        slogan: z.string(),
        creditStyle: z.string(),
        status: z.enum(ISSUE_STATUSES),
      })
      .strict(),
    articles: z.array(
      z
        .object({
          kicker: z.string(),
          headline: z.string(),
          subtitle: z.string(),
          dateline: z.string(),
          byline: z.string(),
          status: z.enum(['draft', 'editing', 'review', 'approved']),
          body: z.string(),
        })
        .strict(),
    ),
    images: z.array(
      z
        .object({
          hash: z.string().regex(/^[0-9a-f]{64}$/),
          mime: z.string(),
          path: z.string(),
        })
        .strict(),
    ),
    /** Blocks refer to articles by their index in `articles`. */
    layout: z
      .object({
        template: templateSchema,
        pages: z.array(pageSchema),
      })
      .strict()
      .nullable(),
  })
  .strict()

export type BundleManifest = z.infer<typeof manifestSchema>

/**
 * The stored images an article's body shows, and its body as the bundle carries it: exactly as
 * stored, except that a photo whose image is not a stored image (a library from before images were
 * checked) becomes an empty frame, so the bundle still exports and imports; `missing` counts them.
 */
function bundledBody(env: ExportEnv, body: string): { body: string; images: string[]; missing: number } {
  const doc = parseDoc(body)
  const images: string[] = []
  let missing = 0
  const visit = (node: SerializedNode): void => {
    if (node.type === 'photo' && (node.image ?? null) !== null) {
      if (imageStored(env, node.image as string)) images.push(node.image as string)
      else {
        node.image = null
        missing++
      }
    }
    for (const child of node.children ?? []) visit(child)
  }
  visit(doc.root)
  return { body: missing > 0 ? JSON.stringify(doc) : body, images, missing }
}

/** The article fields a bundle carries: everything an editor wrote, nothing the library derives. */
function articleContent(a: Pick<Article, 'kicker' | 'headline' | 'subtitle' | 'dateline' | 'byline' | 'body'>) {
  const { kicker, headline, subtitle, dateline, byline, body } = a
  return { kicker, headline, subtitle, dateline, byline, body }
}

export interface BundleReport {
  file: string
  articles: number
  images: number
  bytes: number
  /** Articles whose photos had no stored image (bundled as empty frames). */
  warnings: Warning[]
}

export function exportBundle(env: ExportEnv, issueId: number, out: string): BundleReport {
  const issue: Issue = env.api.call('issue.get', { id: issueId })
  const articles = env.api.call('article.list', { issueId }).map((s) => env.api.call('article.get', { id: s.id }))
  const files: Zippable = {}
  const images: BundleManifest['images'] = []
  const seen = new Set<string>()
  const missing: { articleId: number; headline: string; count: number }[] = []
  for (const a of articles) {
    const bundled = bundledBody(env, a.body)
    if (bundled.missing > 0) {
      missing.push({ articleId: a.id, headline: a.headline, count: bundled.missing })
      a.body = bundled.body
    }
    for (const hash of bundled.images) {
      if (seen.has(hash)) continue
      seen.add(hash)
      const image = env.api.call('image.get', { hash })
      const path = `images/${hash}.${EXT[image.mime] ?? 'bin'}`
      // Images are already compressed: store them as they are.
      files[path] = [new Uint8Array(Buffer.from(image.data, 'base64')), { level: 0 }]
      images.push({ hash, mime: image.mime, path })
    }
  }
  const index = new Map(articles.map((a, i) => [a.id, i]))
  const layout: IssueLayout | null = getLayout(env.db, issueId)
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: (env.now?.() ?? new Date()).toISOString(),
    issue: {
      title: issue.title,
      edition: issue.edition,
      number: issue.number,
      publicationDate: issue.publicationDate,
      guidance: issue.guidance,
      publisher: issue.publisher,
      postalCode: issue.postalCode,
      email: issue.email,
      slogan: issue.slogan,
      creditStyle: issue.creditStyle,
      status: issue.status,
    },
    articles: articles.map((a) => ({ ...articleContent(a), status: 'draft' as const })),
    images,
    layout: layout && {
      template: layout.template,
      pages: layout.pages.map((p) => ({
        ...p,
        blocks: p.blocks.map((b) => ({ ...b, articleId: (index.get(b.articleId) ?? 0) + 1 })),
      })),
    },
  }
  files[MANIFEST] = strToU8(JSON.stringify(manifest, null, 1))
  const zip = zipSync(files, { level: 6 })
  writeFileSync(out, zip)
  return {
    file: out,
    articles: articles.length,
    images: images.length,
    bytes: zip.length,
    warnings: missingImageWarnings(missing, 'bundle'),
  }
}

function badBundle(zh: string, en: string): never {
  fail('invalid_input', `不是有效的 Folio 文件：${zh}`, `Not a valid .folio bundle: ${en}`)
}

function tooLarge(what: { zh: string; en: string }, limit: number): FolioFailure {
  const mb = Math.floor(limit / 1_000_000)
  return new FolioFailure(
    folioError(
      'too_large',
      `不是有效的 Folio 文件：${what.zh}解压后超过 ${mb} MB（可能是压缩炸弹），未导入任何内容。`,
      `Not a valid .folio bundle: ${what.en} inflates to more than ${mb} MB (perhaps a zip bomb); nothing was imported.`,
    ),
  )
}

/**
 * Unzips the manifest and the images of a bundle, streaming, counting the bytes really inflated
 * and stopping as soon as one entry or the whole passes its limit (BUNDLE_LIMITS): a 1.5 MB zip
 * bomb costs at most the limit, never its 1.6 GB.
 */
function unzipBundle(bytes: Uint8Array, limits: BundleLimits): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {}
  const pending = new Set<string>()
  let total = 0
  let entries = 0
  const unzip = new Unzip((file) => {
    entries++
    const isManifest = file.name === MANIFEST
    if (!isManifest && !/^images\/[0-9a-f]{64}\.\w+$/.test(file.name)) return // never inflated
    const name = file.name
    const limit = isManifest ? limits.manifest : limits.image
    const what = isManifest ? { zh: '清单', en: 'the manifest' } : { zh: `图片 ${name} `, en: `image ${name}` }
    const chunks: Uint8Array[] = []
    let size = 0
    pending.add(name)
    file.ondata = (error, data, final) => {
      if (error) throw error
      size += data.length
      total += data.length
      if (size > limit) throw tooLarge(what, limit)
      if (total > limits.total) throw tooLarge({ zh: '', en: 'it' }, limits.total)
      chunks.push(data)
      if (final) {
        files[name] = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
        pending.delete(name)
      }
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  for (let at = 0; at < bytes.length; at += FEED_CHUNK) {
    const end = Math.min(at + FEED_CHUNK, bytes.length)
    unzip.push(bytes.subarray(at, end), end === bytes.length)
  }
  if (entries === 0 || pending.size > 0) throw new Error('not a zip, or a truncated one')
  return files
}

export function readBundle(
  bytes: Uint8Array,
  limits: BundleLimits = BUNDLE_LIMITS,
): { manifest: BundleManifest; files: Record<string, Uint8Array> } {
  let files: Record<string, Uint8Array>
  try {
    files = unzipBundle(bytes, limits)
  } catch (error) {
    if (error instanceof FolioFailure) throw error
    badBundle('无法解压。', 'cannot unzip it.')
  }
  const raw = files[MANIFEST]
  if (!raw) badBundle(`缺少 ${MANIFEST}。`, `${MANIFEST} is missing.`)
  let json: unknown
  try {
    json = JSON.parse(strFromU8(raw))
  } catch {
    badBundle('清单不是 JSON。', 'the manifest is not JSON.')
  }
  const parsed = manifestSchema.safeParse(json)
  if (!parsed.success) badBundle('清单格式不对。', `bad manifest (${parsed.error.issues[0]?.message ?? ''}).`)
  return { manifest: parsed.data, files }
}

export interface ImportBundleReport {
  issue: Issue
  articleIds: number[]
  images: number
}

/** Imports a bundle file as a new issue (all or nothing). */
export function importBundle(env: ExportEnv, file: string): ImportBundleReport {
  // The same limit as import.bundle, checked before the file is read at all.
  if (statSync(file).size > MAX_BUNDLE_BYTES) {
    const mb = Math.floor(MAX_BUNDLE_BYTES / 1_000_000)
    fail(
      'too_large',
      `文件超过 ${mb} MB，不是有效的 Folio 文件。`,
      `The file is larger than ${mb} MB: not a .folio bundle.`,
    )
  }
  return importBundleBytes(env, readFileSync(file))
}

/** Imports bundle bytes (a dropped .folio file) as a new issue (all or nothing). */
export function importBundleBytes(env: ExportEnv, bytes: Uint8Array): ImportBundleReport {
  const { manifest, files } = readBundle(bytes)
  return env.db.transaction((): ImportBundleReport => {
    for (const image of manifest.images) {
      const bytes = files[image.path]
      if (!bytes) badBundle(`缺少图片 ${image.path}。`, `image ${image.path} is missing.`)
      const { hash } = env.api.call('image.put', { data: Buffer.from(bytes).toString('base64') })
      if (hash !== image.hash) badBundle(`图片 ${image.path} 已损坏。`, `image ${image.path} is damaged.`)
    }
    const issue = env.api.call('issue.create', manifest.issue)
    const articleIds = manifest.articles.map(
      (a) => env.api.call('article.create', { issueId: issue.id, ...articleContent(a) }).id,
    )
    if (manifest.layout) {
      const layout: IssueLayout = {
        template: manifest.layout.template,
        pages: manifest.layout.pages.map((p) => ({
          ...p,
          blocks: p.blocks.map((b) => {
            const id = articleIds[b.articleId - 1]
            if (id === undefined) badBundle('版面引用了不存在的稿件。', 'the layout refers to a missing article.')
            return { ...b, articleId: id }
          }),
        })),
      }
      saveLayout(env.db, issue.id, layout, (env.now?.() ?? new Date()).toISOString())
    }
    return { issue: env.api.call('issue.get', { id: issue.id }), articleIds, images: manifest.images.length }
  })()
}
