/**
 * The one API contract: every method the UI, the CLI and the web transport may call,
 * with its zod input schema and result type. Implemented once in src/main/api.ts.
 */
import { z } from 'zod'
import type {
  Article,
  ArticleSaved,
  ArticleSummary,
  BackupInfo,
  Issue,
  LibraryInfo,
  LibraryStatus,
  RestoreOutcome,
  Revision,
  RevisionSummary,
  SearchHit,
  TrashContents,
} from './types'
import { ISSUE_STATUSES } from './types'
import type { ImportArticle, ImportImage } from '../import/model'
import type { GazetteerData } from '../tagging/gazetteer'
import { layoutSchema, templateSchema, type IssueLayout, type PageTemplate } from '../layout/model'
import type { ExportJobStatus, LayoutOutcome } from '../layout/outcome'
import type { FigureConflict, FigurePage, TagRejection, ZoneDetail, ZoneSummary } from './tagging-types'
import { FIGURE_PAGE_MAX } from './tagging-types'
import type { ProofReport, ProofSettings, ReportArticle } from './proof-types'
// --- 三审三校 (issue 11): people, review, history diff, desk, issue sign-off ---
import { ROLES, REVIEWS } from './review-types'
import type { ArticleReview, Desk, DiffPart, IssueSignoff, Person, ReviewPolicy, ReviewStep } from './review-types'
// --- end 三审三校 ---

// Field limits (and labels) are defined once per entity in fields.ts.
import { ARTICLE_FIELDS as AF, ISSUE_FIELDS as IF, MAX_BODY, MAX_FIELD, maxOf } from './fields'
export { MAX_BODY, MAX_FIELD }

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const hash = z.string().regex(/^[0-9a-f]{64}$/)
const line = (max = MAX_FIELD) => z.string().max(max)

const issueFields = {
  title: line(maxOf(IF, 'title')).trim().min(1),
  edition: line(maxOf(IF, 'edition')),
  number: line(maxOf(IF, 'number')),
  publicationDate: z.union([z.literal(''), z.iso.date()]),
  guidance: line(maxOf(IF, 'guidance')),
  publisher: line(maxOf(IF, 'publisher')),
  postalCode: line(maxOf(IF, 'postalCode')),
  email: z.union([z.literal(''), z.email().max(maxOf(IF, 'email'))]),
  slogan: line(maxOf(IF, 'slogan')),
  creditStyle: line(maxOf(IF, 'creditStyle')).refine((v) => v.includes('{name}'), {
    message: 'must contain {name}',
    params: { zh: '须包含 {name}（摄影者姓名的位置）' },
  }),
  status: z.enum(ISSUE_STATUSES),
}

const articleFields = {
  kicker: line(maxOf(AF, 'kicker')),
  headline: line(maxOf(AF, 'headline')),
  subtitle: line(maxOf(AF, 'subtitle')),
  dateline: line(maxOf(AF, 'dateline')),
  byline: line(maxOf(AF, 'byline')),
  body: z.string().max(maxOf(AF, 'body')),
}

// --- 三审三校 (issue 11): an article's stage moves only through review.* (never article.update) ---
const personName = z.string().trim().min(1).max(40)
const roles = z.array(z.enum(ROLES)).max(ROLES.length)
const reviewComment = z.string().trim().max(2000)
const policyRoles = z.array(z.enum(ROLES)).max(ROLES.length)
const reviewPolicy = z
  .object({
    ...(Object.fromEntries(REVIEWS.map((review) => [review, policyRoles])) as Record<
      (typeof REVIEWS)[number],
      typeof policyRoles
    >),
    issue: policyRoles,
  })
  .strict()
// --- end 三审三校 ---

const optionalText = z.string().max(MAX_FIELD).nullable()
const zoneId = z.string().min(1).max(100)
const zoneName = z.string().trim().min(2).max(100)
const zoneFields = {
  type: z.string().max(50).optional(),
  level: z.enum(['国家级', '省级']).nullable().optional(),
  province: z.string().max(50).nullable().optional(),
  city: z.string().max(50).nullable().optional(),
  source: z.string().max(500).optional(),
}
const importBlock = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('paragraph'),
      text: z.string().max(200_000),
      runs: z
        .array(
          z
            .object({ text: z.string().max(200_000), bold: z.boolean().optional(), italic: z.boolean().optional() })
            .strict(),
        )
        .max(10_000)
        .optional(),
    })
    .strict(),
  z.object({ type: z.literal('subhead'), text: z.string().max(MAX_FIELD) }).strict(),
  z
    .object({
      type: z.literal('photo'),
      caption: z.string().max(MAX_FIELD),
      credit: z.string().max(200).nullable(),
      image: hash.nullable().optional(),
    })
    .strict(),
])
const importArticle = z
  .object({
    kicker: optionalText,
    headline: optionalText,
    subtitle: optionalText,
    dateline: optionalText,
    byline: optionalText,
    blocks: z.array(importBlock).max(20_000),
  })
  .strict()

export const schemas = {
  'library.info': z.object({}).strict(),
  /** The library's rotating backups, newest first (a daily one, before migrations, and on request). */
  'library.backups': z.object({}).strict(),
  /** A complete copy of the library now, beside it in <name>.backups/. */
  'library.backup': z.object({}).strict(),
  /** Whether the library is open, or why not and which backups could replace it. */
  'library.status': z.object({}).strict(),
  /**
   * Replaces the library with one of its listed backups (by file name, never a path): what it
   * replaces is backed up first. At start, on a library that could not be opened, the damaged
   * file is moved aside instead.
   */
  'library.restore': z.object({ file: z.string().min(1).max(200) }).strict(),
  'issue.list': z.object({}).strict(),
  'issue.get': z.object({ id }).strict(),
  'issue.create': z
    .object({ title: issueFields.title })
    .extend(z.object(issueFields).omit({ title: true }).partial().shape)
    .strict(),
  'issue.update': z.object({ id, patch: z.object(issueFields).partial().strict() }).strict(),
  'issue.delete': z.object({ id }).strict(),
  'article.list': z.object({ issueId: id }).strict(),
  'article.get': z.object({ id }).strict(),
  'article.create': z
    .object({ issueId: id, afterId: id.optional() })
    .extend(z.object(articleFields).partial().shape)
    .strict(),
  'article.update': z
    .object({
      id,
      patch: z.object(articleFields).partial().strict(),
      /**
       * The version the client edited, on every write (the page-close flush too): a mismatch is
       * refused as a conflict and the refused text kept as a 冲突副本 revision, never applied.
       */
      baseVersion: z.number().int().nonnegative(),
      /** An explicit save (Ctrl+S) always keeps a revision. */
      explicit: z.boolean().optional(),
      /**
       * Instead of `patch.body`: only the blocks that changed. The stored body's top-level blocks
       * `start … start+remove` are replaced by `insert` (a JSON array of blocks); `baseBlocks` is
       * how many blocks the body had at baseVersion. Refused (conflict, field bodySplice) when it
       * does not fit, and then the client sends the whole body.
       */
      bodySplice: z
        .object({
          start: z.number().int().nonnegative().max(1_000_000),
          remove: z.number().int().nonnegative().max(1_000_000),
          insert: z.string().max(MAX_BODY),
          baseBlocks: z.number().int().nonnegative().max(1_000_000),
        })
        .strict()
        .optional(),
    })
    .strict(),
  'article.move': z.object({ id, toIndex: z.number().int().nonnegative().max(100000) }).strict(),
  'article.delete': z.object({ id }).strict(),
  'article.restore': z.object({ id }).strict(),
  /** Puts a deleted issue back, with its articles. */
  'issue.restore': z.object({ id }).strict(),
  /** What is in the trash (回收站): deleted issues and articles, when and what. */
  'trash.list': z.object({}).strict(),
  /** Erases the trash for good, after a safety backup of the library. */
  'trash.empty': z.object({}).strict(),
  'revision.list': z.object({ articleId: id }).strict(),
  'revision.get': z.object({ id }).strict(),
  'revision.restore': z.object({ id }).strict(),
  'image.get': z.object({ hash }).strict(),
  /** Stores an image (jpg/png/webp, ≤ 20 MB) once; answers its hash. */
  'image.put': z.object({ data: z.base64().max(28_000_000) }).strict(),
  /** Writes imported articles (and their images) into an existing issue or a new one, all or nothing. */
  'import.commit': z
    .object({
      issueId: id.optional(),
      issue: z
        .object({ title: issueFields.title })
        .extend(z.object(issueFields).omit({ title: true }).partial().shape)
        .strict()
        .optional(),
      articles: z.array(importArticle).min(1).max(1000),
      images: z
        .array(
          z
            .object({ hash, mime: z.enum(['image/jpeg', 'image/png', 'image/webp']), data: z.base64().max(28_000_000) })
            .strict(),
        )
        .max(500),
    })
    .strict(),
  /** Reads a Word .docx into articles for the import preview; writes nothing. */
  'import.docx': z
    .object({ data: z.base64().max(70_000_000), split: z.enum(['file', 'headings']).optional() })
    .strict(),
  // --- PDF import (issue 13 item 3) ---
  /** Reads a PDF (an issue exported by Folio or another tool) into articles for the import preview; writes nothing. */
  'import.pdf': z.object({ data: z.base64().max(70_000_000) }).strict(),
  // --- end PDF import ---
  'zone.list': z.object({}).strict(),
  'zone.get': z.object({ id: zoneId }).strict(),
  'zone.create': z.object({ name: zoneName }).extend(zoneFields).strict(),
  /** Renaming keeps the old name as an alias, so earlier mentions still resolve. */
  'zone.update': z
    .object({ id: zoneId, patch: z.object({ name: zoneName.optional() }).extend(zoneFields).strict() })
    .strict(),
  /** Moves every alias and tag of `sourceId` to `targetId`; the source's name becomes an alias. */
  'zone.merge': z.object({ sourceId: zoneId, targetId: zoneId }).strict(),
  'zone.alias.add': z.object({ id: zoneId, alias: zoneName }).strict(),
  'zone.alias.remove': z.object({ alias: zoneName }).strict(),
  /** The registry as detector data (src/shared/tagging loadGazetteer input), for live suggestions. */
  'zone.gazetteer': z.object({}).strict(),
  /** One page of the figures (reading order), filtered, with how many match in all. */
  'figure.list': z
    .object({
      zoneId: zoneId.optional(),
      unit: z.string().max(20).optional(),
      issueId: id.optional(),
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      /** Rows per page: FIGURE_PAGE when not given, at most FIGURE_PAGE_MAX. */
      limit: z.number().int().min(1).max(FIGURE_PAGE_MAX).optional(),
    })
    .strict(),
  'figure.consistency': z.object({}).strict(),
  'tag.rejections': z.object({ articleId: id }).strict(),
  'tag.reject': z
    .object({ articleId: id, kind: z.enum(['zone', 'figure']), text: z.string().min(1).max(200) })
    .strict(),
  'tag.unreject': z
    .object({ articleId: id, kind: z.enum(['zone', 'figure']), text: z.string().min(1).max(200) })
    .strict(),
  'template.list': z.object({}).strict(),
  /** Saves a page template (版式) in the library; a default of the same id is overridden. */
  'template.save': z.object({ template: templateSchema }).strict(),
  'layout.get': z.object({ issueId: id }).strict(),
  /** Replaces the issue's layout; blocks off the grid, overlapping or of other issues are refused. */
  'layout.save': z.object({ issueId: id, layout: layoutSchema }).strict(),
  /** Lays the issue out automatically (measured in the print engine) and saves it. */
  // keepManual (h6): blocks placed by hand stay where they are, the rest is laid out around them.
  'layout.auto': z
    .object({ issueId: id, template: z.string().max(40).optional(), keepManual: z.boolean().optional() })
    .strict(),
  /** Copyfit of the current layout, measured by the same Chromium layout that prints. */
  'layout.copyfit': z.object({ issueId: id }).strict(),
  /** Imports a .folio bundle (base64) as a new issue, lossless, all or nothing. */
  'import.bundle': z.object({ data: z.base64().max(280_000_000) }).strict(),
  'export.start': z
    .object({
      kind: z.enum(['pdf', 'html', 'bundle']),
      issueId: id,
      template: z.string().max(40).optional(),
      bleed: z.number().min(0).max(20).optional(),
      marks: z.boolean().optional(),
    })
    .strict(),
  'export.status': z.object({ jobId: z.uuid() }).strict(),
  'export.cancel': z.object({ jobId: z.uuid() }).strict(),
  'export.result': z.object({ jobId: z.uuid() }).strict(),
  /** Opens the bundled sample issue (开发区建设 专刊 2024年第25期) as a new issue. */
  'sample.open': z.object({}).strict(),
  /** Articles of all issues (or one) containing the words, taken literally; captions count as body. */
  'search.articles': z
    .object({
      query: z.string().max(200),
      issueId: id.optional(),
      limit: z.number().int().min(1).max(500).optional(),
    })
    .strict(),
  /**
   * 校对报告: every article of the issue (and its masthead) proofed, findings per article, field and
   * category, and the issue's 差错率 against 万分之三. Reads only.
   */
  'proof.issue': z.object({ issueId: id }).strict(),
  /** One article's findings by field (title fields and body, captions included) and its own rate. */
  'proof.article': z.object({ id }).strict(),
  /** An article's 校对 settings: rules off (library, article) and ignored findings. */
  'proof.settings': z.object({ articleId: id }).strict(),
  /**
   * Switches a rule off (on: false) or back on, for the article or (scope library) for every
   * article of the library; answers the article's settings.
   */
  'proof.rule': z
    .object({
      articleId: id,
      rule: z.string().min(1).max(60),
      on: z.boolean(),
      scope: z.enum(['article', 'library']),
    })
    .strict(),
  /** 忽略 kept in the library: a finding's ignoreKey ignored in the article, or brought back. */
  'proof.ignore': z.object({ articleId: id, key: z.string().min(1).max(400), ignored: z.boolean() }).strict(),
  /** The 校对报告 of an issue as a PDF (printed by the print engine, bundled fonts), in Chinese or English. */
  'proof.pdf': z.object({ issueId: id, lang: z.enum(['zh', 'en']).optional() }).strict(),
  // --- 审签单 (issue 11 item 6) ---
  /**
   * 审签单 as a PDF: of an article (its 初审/复审/终审 steps, the signed revision's hash and 字数) or
   * of an issue (every article's reviews and the issue's sign-off). Reads only.
   */
  'review.sheet': z.union([
    z.object({ articleId: id, lang: z.enum(['zh', 'en']).optional() }).strict(),
    z.object({ issueId: id, lang: z.enum(['zh', 'en']).optional() }).strict(),
  ]),
  // --- end 审签单 ---
  // --- 三审三校 (issue 11). Who acts is never in the input: it is the call's CallMeta.personId. ---
  /** 编辑部成员, active and not, in the order they were added. */
  'person.list': z.object({}).strict(),
  /** A new member: the name (1–40 characters, trimmed) unique in the library. */
  'person.create': z.object({ name: personName, roles }).strict(),
  /** Renames, changes roles, or deactivates (active: false) a member; their records keep their name. */
  'person.update': z
    .object({
      id,
      patch: z
        .object({ name: personName.optional(), roles: roles.optional(), active: z.boolean().optional() })
        .strict(),
    })
    .strict(),
  /** Which roles may pass 初审, 复审, 终审 and sign an issue (DEFAULT_POLICY until set). */
  'review.policy.get': z.object({}).strict(),
  'review.policy.set': z.object({ policy: reviewPolicy }).strict(),
  'review.get': z.object({ articleId: id }).strict(),
  /** 送审: 草稿 → 待初审, by any active member. */
  'review.submit': z.object({ articleId: id, comment: reviewComment.optional() }).strict(),
  /** Passes the review the article waits for (初审/复审/终审); passing 终审 signs it off (已签发). */
  'review.pass': z.object({ articleId: id, comment: reviewComment.optional() }).strict(),
  /** 退改: back to 草稿 with a required comment; the chain of reviews starts again. */
  'review.return': z.object({ articleId: id, comment: reviewComment.min(1) }).strict(),
  /** The article's review steps, oldest first. */
  'review.log': z.object({ articleId: id }).strict(),
  /** 核红: what changed between the text the last return saw and the current text. */
  'review.redline': z.object({ articleId: id }).strict(),
  /**
   * The diff of two revisions (or of a revision and the article's current text: to 'current', with
   * articleId), over the plain text: title fields that are not empty, one a line, then the body.
   */
  'revision.diff': z.object({ from: id, to: z.union([id, z.literal('current')]), articleId: id.optional() }).strict(),
  /** 签发本期: only when every article of the issue is 已签发, by a role the policy allows. */
  'issue.signoff': z.object({ issueId: id }).strict(),
  'issue.signoff.get': z.object({ issueId: id }).strict(),
  /** 编辑台: every article of the issue with its stage, holder, counts and last change. */
  'desk.get': z.object({ issueId: id }).strict(),
  // --- end 三审三校 ---
} as const

export interface Results {
  'library.info': LibraryInfo
  'library.backups': BackupInfo[]
  'library.backup': BackupInfo
  'library.status': LibraryStatus
  'library.restore': RestoreOutcome
  'issue.list': Issue[]
  'issue.get': Issue
  'issue.create': Issue
  'issue.update': Issue
  'issue.delete': { id: number }
  'article.list': ArticleSummary[]
  'article.get': Article
  'article.create': Article
  'article.update': ArticleSaved
  'article.move': ArticleSummary[]
  'article.delete': { id: number }
  'article.restore': Article
  'issue.restore': Issue
  'trash.list': TrashContents
  'trash.empty': { issues: number; articles: number; backup: BackupInfo | null }
  'revision.list': RevisionSummary[]
  'revision.get': Revision
  'revision.restore': Article
  'image.get': { hash: string; mime: string; data: string }
  'image.put': { hash: string }
  'import.commit': { issue: Issue; articles: Article[] }
  'sample.open': { issue: Issue; articles: Article[] }
  'search.articles': SearchHit[]
  'proof.issue': ProofReport
  'proof.article': ReportArticle
  'proof.pdf': { fileName: string; mime: string; data: string }
  'proof.settings': ProofSettings
  'proof.rule': ProofSettings
  'proof.ignore': ProofSettings
  'review.sheet': { fileName: string; mime: string; data: string }
  'zone.list': ZoneSummary[]
  'zone.get': ZoneDetail
  'zone.create': ZoneSummary
  'zone.update': ZoneSummary
  'zone.merge': ZoneSummary
  'zone.alias.add': ZoneSummary
  'zone.alias.remove': { alias: string }
  'zone.gazetteer': GazetteerData
  'figure.list': FigurePage
  'figure.consistency': FigureConflict[]
  'tag.rejections': TagRejection[]
  'tag.reject': TagRejection[]
  'tag.unreject': TagRejection[]
  'template.list': PageTemplate[]
  'template.save': PageTemplate[]
  'layout.get': IssueLayout | null
  'layout.save': IssueLayout
  'layout.auto': LayoutOutcome
  'layout.copyfit': LayoutOutcome
  'import.bundle': { issue: Issue; articleIds: number[]; images: number }
  'export.start': ExportJobStatus
  'export.status': ExportJobStatus
  'export.cancel': ExportJobStatus
  'export.result': { fileName: string; mime: string; data: string }
  // --- 三审三校 (issue 11) ---
  'person.list': Person[]
  'person.create': Person
  'person.update': Person
  'review.policy.get': ReviewPolicy
  'review.policy.set': ReviewPolicy
  'review.get': ArticleReview
  'review.submit': ArticleReview
  'review.pass': ArticleReview
  'review.return': ArticleReview
  'review.log': ReviewStep[]
  'review.redline': { step: ReviewStep | null; parts: DiffPart[] }
  'revision.diff': DiffPart[]
  'issue.signoff': IssueSignoff
  'issue.signoff.get': IssueSignoff | null
  'desk.get': Desk
  // --- end 三审三校 ---
  'import.docx': {
    articles: ImportArticle[]
    images: ImportImage[]
    warnings: { message_zh: string; message_en: string }[]
  }
  // --- PDF import: the same answer as import.docx (no images are taken from a PDF) ---
  'import.pdf': {
    articles: ImportArticle[]
    images: ImportImage[]
    warnings: { message_zh: string; message_en: string }[]
  }
}

export type Method = keyof typeof schemas
export type Input<M extends Method> = z.input<(typeof schemas)[M]>
export type ParsedInput<M extends Method> = z.output<(typeof schemas)[M]>
export type Result<M extends Method> = Results[M]

export const METHODS = Object.keys(schemas) as Method[]

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(schemas, name)
}

/** What the renderer sees as `window.folio` (Electron) or the fetch client (browser mode). */
export interface FolioApi {
  call<M extends Method>(method: M, input: Input<M>): Promise<Result<M>>
}
