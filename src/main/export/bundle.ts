/**
 * The .folio bundle: how an issue moves between machines. A zip of
 *   folio-bundle.json   the issue's fields, its articles (body JSON exactly as stored) and layout
 *   images/<sha256>.<ext>  every image the articles show, byte for byte
 * Importing into another library reproduces the article JSON and the images exactly; images are
 * checked against their hash, and the whole import is one transaction.
 *
 * Version 2 (三审三校, issue 11) also carries the review record: the newsroom members the record
 * names (by uid, so the same person is the same member in every library), each article's stage and
 * review steps with the revisions they refer to (the text each step saw, so hashes still check),
 * and the issue's sign-off. On import a member already known by uid is reused; one not known is
 * added inactive (a colleague of another library is named in the record, but does not act here
 * until activated), renamed 「name（另一资料库）」 if the name is taken by someone else. Version 1
 * bundles still import: their free status becomes a stage as the library migration does it
 * (review → 待初审, approved → 待终审, nothing signed off).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { strFromU8, strToU8, Unzip, UnzipInflate, zipSync, type Zippable } from 'fflate'
import { z } from 'zod'
import { fail, FolioFailure, folioError } from '../../shared/api/errors'
import { MAX_BUNDLE_BYTES, MAX_IMAGE_BYTES } from '../../shared/api/limits'
import type { Article, Issue } from '../../shared/api/types'
import { ISSUE_STATUSES } from '../../shared/api/types'
import { REVIEW_STAGES, REVIEWS, ROLES, type ReviewStage } from '../../shared/api/review-types'
import { docToPlainText, parseDoc, type SerializedNode } from '../../shared/doc/lexical'
import { countChars } from '../../shared/text/count'
import { pageSchema, templateSchema, type IssueLayout } from '../../shared/layout/model'
import { imageStored, missingImageWarnings, type ExportEnv, type Warning } from './index'
import { getLayout, saveLayout } from './store'

export const BUNDLE_FORMAT = 'folio-bundle'
export const BUNDLE_VERSION = 2
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

const articleText = {
  kicker: z.string(),
  headline: z.string(),
  subtitle: z.string(),
  dateline: z.string(),
  byline: z.string(),
  body: z.string(),
}
/** A revision a review step refers to: the text it saw, who kept it, when, why, at which stage. */
const bundledRevision = z
  .object({
    ...articleText,
    key: z.number().int().nonnegative(),
    reason: z.string().max(20),
    at: z.string(),
    by: z.string().nullable(),
    byName: z.string().nullable(),
    stage: z.enum(REVIEW_STAGES),
  })
  .strict()
const bundledStep = z
  .object({
    stage: z.enum(REVIEWS),
    decision: z.enum(['submit', 'pass', 'return', 'reopen']),
    /** The member's uid (null: no one was chosen), and the name as the record has it. */
    by: z.string().nullable(),
    byName: z.string(),
    at: z.string(),
    comment: z.string(),
    revision: z.number().int().nonnegative(),
    textHash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict()
const bundledPerson = z
  .object({
    uid: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(40),
    roles: z.array(z.enum(ROLES)),
    active: z.boolean(),
  })
  .strict()
/** Version 1's free status, read as a stage the way migration 13 reads it. */
const OLD_STATUS_STAGE: Record<string, ReviewStage> = {
  draft: 'draft',
  editing: 'draft',
  review: 'first',
  approved: 'final',
}

const manifestBase = z
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
          ...articleText,
          stage: z.enum(REVIEW_STAGES),
          steps: z.array(bundledStep),
          revisions: z.array(bundledRevision),
        })
        .strict(),
    ),
    people: z.array(bundledPerson),
    signoff: z.object({ by: z.string().nullable(), byName: z.string(), at: z.string() }).strict().nullable(),
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

export type BundleManifest = z.infer<typeof manifestBase>

/** Version 1: no people, no review record; each article had a free status. */
const manifestV1 = manifestBase
  .extend({
    version: z.literal(1),
    articles: z.array(
      z.object({ ...articleText, status: z.enum(['draft', 'editing', 'review', 'approved']) }).strict(),
    ),
  })
  .omit({ people: true, signoff: true })
  .strict()

/** Any bundle version this Folio reads, as the current version's manifest. */
const manifestSchema = z.union([manifestBase, manifestV1]).transform(
  (m): BundleManifest =>
    m.version === BUNDLE_VERSION
      ? m
      : {
          ...m,
          version: BUNDLE_VERSION,
          articles: m.articles.map(({ status, ...text }) => ({
            ...text,
            stage: OLD_STATUS_STAGE[status] ?? 'draft',
            steps: [],
            revisions: [],
          })),
          people: [],
          signoff: null,
        },
)

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

type BundledArticle = BundleManifest['articles'][number]

/**
 * The review record of an issue as a bundle carries it: per article its steps and the revisions
 * they refer to (numbered within the article), the members named (by uid) and the sign-off.
 */
function reviewRecord(env: ExportEnv, issueId: number) {
  const people = new Map(env.api.call('person.list', {}).map((p) => [p.id, p]))
  const named = new Set<number>()
  const uidOf = (id: number | null | undefined): string | null => {
    const person = id ? people.get(id) : undefined
    if (!person) return null
    named.add(person.id)
    return person.uid
  }
  return {
    ofArticle(articleId: number): Pick<BundledArticle, 'steps' | 'revisions'> {
      const steps = env.api.call('review.log', { articleId })
      const keys = new Map<number, number>()
      const revisions: BundledArticle['revisions'] = []
      for (const step of steps) {
        if (keys.has(step.revisionId)) continue
        keys.set(step.revisionId, revisions.length)
        const r = env.api.call('revision.get', { id: step.revisionId })
        revisions.push({
          key: revisions.length,
          ...articleContent(r),
          reason: r.reason,
          at: r.createdAt,
          by: uidOf(r.by?.id),
          byName: r.by?.name ?? null,
          stage: r.stage,
        })
      }
      return {
        revisions,
        steps: steps.map((step) => ({
          stage: step.stage,
          decision: step.decision,
          by: uidOf(step.by.id),
          byName: step.by.name,
          at: step.at,
          comment: step.comment,
          revision: keys.get(step.revisionId) ?? 0,
          textHash: step.textHash,
        })),
      }
    },
    signoff(): BundleManifest['signoff'] {
      const signoff = env.api.call('issue.signoff.get', { issueId })
      return signoff && { by: uidOf(signoff.by.id), byName: signoff.by.name, at: signoff.at }
    },
    /** Called last: the members the record named. */
    people(): BundleManifest['people'] {
      return [...named].map((id) => {
        const { uid, name, roles, active } = people.get(id)!
        return { uid, name, roles, active }
      })
    },
  }
}

/**
 * Writes an imported article's review record: its stage, the revisions its steps refer to and the
 * steps, with members found by uid (or added, inactive). The stage is written as the bundle says:
 * the record came with it.
 */
function importRecord(
  env: ExportEnv,
  articleId: number,
  bundled: BundledArticle,
  person: (uid: string | null) => number | null,
): void {
  env.db.prepare('UPDATE articles SET review_stage = ? WHERE id = ?').run(bundled.stage, articleId)
  const revisionIds = bundled.revisions.map((r) => {
    const text = r.body ? parseDoc(r.body) : null
    const bodyText = text ? docToPlainText(text) : ''
    return Number(
      env.db
        .prepare(
          `INSERT INTO revisions (article_id, reason, kicker, headline, subtitle, dateline, byline, body_json, body_text,
             char_count, status, created_at, person_id, person_name, stage)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
        )
        .run(
          articleId,
          r.reason,
          r.kicker,
          r.headline,
          r.subtitle,
          r.dateline,
          r.byline,
          r.body,
          bodyText,
          countChars(bodyText).chars,
          r.at,
          person(r.by),
          r.byName,
          r.stage,
        ).lastInsertRowid,
    )
  })
  for (const step of bundled.steps) {
    const revisionId = revisionIds[step.revision]
    if (revisionId === undefined)
      badBundle('审稿记录引用了不存在的版本。', 'a review step refers to a missing revision.')
    env.db
      .prepare(
        `INSERT INTO review_steps (article_id, stage, decision, person_id, person_name, at, comment, revision_id, text_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        articleId,
        step.stage,
        step.decision,
        person(step.by),
        step.byName,
        step.at,
        step.comment,
        revisionId,
        step.textHash,
      )
  }
}

/** The member of this library for a bundle's uid: found, or added inactive (see the header). */
function peopleImporter(env: ExportEnv, bundled: BundleManifest['people']): (uid: string | null) => number | null {
  const byUid = new Map(bundled.map((p) => [p.uid, p]))
  const known = new Map<string, number>()
  return (uid) => {
    if (uid === null) return null
    const cached = known.get(uid)
    if (cached !== undefined) return cached
    const found = env.db.prepare('SELECT id FROM people WHERE uid = ?').pluck().get(uid) as number | undefined
    let id = found
    if (id === undefined) {
      const p = byUid.get(uid) ?? { name: `成员 ${uid.slice(0, 8)}`, roles: [], active: false }
      const taken = (name: string) => env.db.prepare('SELECT 1 FROM people WHERE name = ?').get(name) !== undefined
      let name = p.name
      for (let n = 1; taken(name); n++) name = `${p.name}（另一资料库${n > 1 ? n : ''}）`
      id = Number(
        env.db
          .prepare('INSERT INTO people (uid, name, roles, active, created_at) VALUES (?, ?, ?, 0, ?)')
          .run(uid, name, JSON.stringify(p.roles), (env.now?.() ?? new Date()).toISOString()).lastInsertRowid,
      )
    }
    known.set(uid, id)
    return id
  }
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
  const record = reviewRecord(env, issueId)
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
    articles: articles.map((a) => ({ ...articleContent(a), stage: a.stage, ...record.ofArticle(a.id) })),
    people: record.people(),
    signoff: record.signoff(),
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
    const person = peopleImporter(env, manifest.people)
    const articleIds = manifest.articles.map((a) => {
      const id = env.api.call('article.create', { issueId: issue.id, ...articleContent(a) }).id
      importRecord(env, id, a, person)
      return id
    })
    if (manifest.signoff) {
      env.db
        .prepare('INSERT INTO issue_signoffs (issue_id, person_id, person_name, at) VALUES (?, ?, ?, ?)')
        .run(issue.id, person(manifest.signoff.by), manifest.signoff.byName, manifest.signoff.at)
    }
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
