/**
 * The API implemented once: method name → service call. Every transport (Electron IPC,
 * browser-mode HTTP, CLI) goes through `dispatch`, which validates input with the
 * contract's zod schema and turns every failure into a typed FolioError.
 */
import Database from 'better-sqlite3'
import { z } from 'zod'
import { isMethod, schemas, type Method, type ParsedInput, type Result } from '../shared/api/contract'
import type { RestoreOutcome } from '../shared/api/types'
import type { CallMeta } from '../shared/api/review-types'
import { fail, FolioFailure, folioError, type ApiResult, type FolioError } from '../shared/api/errors'
import { SCHEMA_VERSION } from './store/migrations'
import { libraryId } from './store/db'
import type { ServiceContext } from './services/context'
import * as articles from './services/articles'
import * as images from './services/images'
import * as importer from './services/import'
import * as issues from './services/issues'
import * as proof from './services/proof'
import * as proofSettings from './services/proof-settings'
import * as revisions from './services/revisions'
import * as search from './services/search'
import * as tags from './services/tags'
import * as trash from './services/trash'
import * as zones from './services/zones'
// 三审三校 (issue 11): people, review, desk
import * as desk from './services/desk'
import * as people from './services/people'
import * as review from './services/review'
import { parseDocx } from './import/docx'
import { parsePdf } from './import/pdf'
import { launchPrintBrowser, type PrintEngine } from './export/browser'
import { reportPdf } from './export/report-pdf'
import { loadSheet, sheetFileName, sheetPdf, type Read } from './export/review-sheet'
import { reportFileName } from '../shared/api/proof-types'
import { ExportJobs } from './export/jobs'
import * as layoutStore from './export/store'
import { isoNow } from './services/context'
import { KeepThenFail } from './services/keep-then-fail'
import { resolveActor } from './services/people'
// push channel (h2): what each committed call changed, for subscribers
import { ChangeFeed, dbLookup, describeChange, type ChangeListener } from './changes'
import { fieldLabel } from '../shared/api/fields'
import { listBackups, takeBackup, type BackupFile } from './store/backup'

function backupNow(ctx: ServiceContext): Promise<BackupFile> {
  const dir = ctx.backupsDir
  if (!dir) {
    fail('storage', '这个资料库没有备份位置（内存中的资料库）。', 'This library has no place for backups (in memory).')
  }
  return Promise.resolve(takeBackup(ctx.db, dir, ctx.now(), 'manual'))
}

/** Methods that read and write the library: synchronous, each in one transaction. */
type SyncMethod = Exclude<Method, AsyncMethod>
/**
 * Methods that may await: parsing a file for a preview, and the print engine (layout, copyfit,
 * export jobs). They run outside a transaction; whatever they write goes through its own.
 */
type AsyncMethod =
  | 'import.docx'
  | 'import.pdf'
  | 'layout.auto'
  | 'layout.copyfit'
  | 'import.bundle'
  | 'export.start'
  | 'export.status'
  | 'export.cancel'
  | 'export.result'
  | 'library.backup'
  | 'library.restore'
  | 'trash.empty'
  | 'proof.pdf'
  | 'review.sheet'

type Handlers = { [M in SyncMethod]: (ctx: ServiceContext, input: ParsedInput<M>) => Result<M> }
type AsyncHandlers = {
  [M in AsyncMethod]: (
    jobs: () => ExportJobs,
    input: ParsedInput<M>,
    ctx: ServiceContext,
    print: () => Promise<PrintEngine>,
  ) => Promise<Result<M>>
}

const asyncHandlers: AsyncHandlers = {
  'import.docx': (_jobs, input) => parseDocx(Buffer.from(input.data, 'base64'), { split: input.split ?? 'file' }),
  'import.pdf': (_jobs, input) => parsePdf(Buffer.from(input.data, 'base64')),
  // What was measured is remembered for the desk's copyfit column (services/desk.ts).
  'layout.auto': async (jobs, input, ctx) =>
    desk.rememberCopyfit(
      ctx,
      input.issueId,
      await jobs().autoLayout(input.issueId, input.template, input.keepManual ?? false),
    ),
  'layout.copyfit': async (jobs, input, ctx) =>
    desk.rememberCopyfit(ctx, input.issueId, await jobs().copyfit(input.issueId)),
  'import.bundle': async (jobs, input) => jobs().importBundle(input.data),
  'export.start': async (jobs, { kind, issueId, ...options }) => jobs().start(kind, issueId, options),
  'export.status': async (jobs, input) => jobs().status(input.jobId),
  'export.cancel': async (jobs, input) => jobs().cancel(input.jobId),
  'export.result': async (jobs, input) => jobs().result(input.jobId),
  // VACUUM INTO cannot run inside the transaction every synchronous method gets.
  'library.backup': async (_jobs, _input, ctx) => backupNow(ctx),
  // The safety backup (VACUUM INTO) runs outside a transaction; the erasing inside one.
  'trash.empty': async (_jobs, _input, ctx) => {
    const backup = ctx.backupsDir ? takeBackup(ctx.db, ctx.backupsDir, ctx.now(), 'safety') : null
    return { ...ctx.db.transaction(() => trash.emptyTrash(ctx))(), backup }
  },
  'library.restore': () => {
    throw new Error('library.restore is answered by createApi (it needs the library owner)')
  },
  // The report is read in one transaction, then printed outside it by the session's print engine.
  'proof.pdf': async (_jobs, input, ctx, print) => {
    const report = ctx.db.transaction(() => proof.proofIssue(ctx, input.issueId))()
    const bytes = await reportPdf(await print(), report, { lang: input.lang ?? 'zh', now: ctx.now() })
    return { fileName: reportFileName(report.issue, 'pdf'), mime: 'application/pdf', data: bytes.toString('base64') }
  },
  // 审签单: the record read in one transaction (one moment's state), printed outside it.
  'review.sheet': async (_jobs, input, ctx, print) => {
    const read: Read = (method, args) =>
      (handlers[method] as (c: ServiceContext, i: unknown) => never)(ctx, schemas[method].parse(args))
    const target = 'articleId' in input ? { articleId: input.articleId } : { issueId: input.issueId }
    const sheet = ctx.db.transaction(() => loadSheet(read, target))()
    const bytes = await sheetPdf(await print(), sheet, { lang: input.lang ?? 'zh', now: ctx.now() })
    return { fileName: sheetFileName(sheet), mime: 'application/pdf', data: bytes.toString('base64') }
  },
}

function isAsync(method: Method): method is AsyncMethod {
  return Object.prototype.hasOwnProperty.call(asyncHandlers, method)
}

const handlers: Handlers = {
  'library.info': (ctx) => ({
    libraryId: libraryId(ctx.db),
    path: ctx.db.name,
    schemaVersion: SCHEMA_VERSION,
    sqliteVersion: (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    backupFailure: ctx.backupFailure,
  }),
  'library.backups': (ctx) => (ctx.backupsDir ? listBackups(ctx.backupsDir) : []),
  'library.status': () => ({ state: 'ok' }),
  'issue.list': (ctx) => issues.listIssues(ctx),
  'issue.get': (ctx, input) => issues.getIssue(ctx, input.id),
  'issue.create': (ctx, input) => issues.createIssue(ctx, input),
  'issue.update': (ctx, input) => issues.updateIssue(ctx, input),
  'issue.delete': (ctx, input) => issues.deleteIssue(ctx, input.id),
  'article.list': (ctx, input) => articles.listArticles(ctx, input.issueId),
  'article.get': (ctx, input) => articles.getArticle(ctx, input.id),
  'article.create': (ctx, input) => articles.createArticle(ctx, input),
  'article.update': (ctx, input) => articles.updateArticle(ctx, input),
  'article.move': (ctx, input) => articles.moveArticle(ctx, input.id, input.toIndex),
  'article.delete': (ctx, input) => articles.deleteArticle(ctx, input.id),
  'article.restore': (ctx, input) => articles.restoreArticle(ctx, input.id),
  'issue.restore': (ctx, input) => trash.restoreIssue(ctx, input.id),
  'trash.list': (ctx) => trash.listTrash(ctx),
  'revision.list': (ctx, input) => revisions.listRevisions(ctx, input.articleId),
  'revision.get': (ctx, input) => revisions.getRevision(ctx, input.id),
  'revision.restore': (ctx, input) => revisions.restoreRevision(ctx, input.id),
  'image.get': (ctx, input) => images.getImage(ctx, input.hash),
  'image.put': (ctx, input) => ({ hash: images.storeImage(ctx, input.data) }),
  'import.commit': (ctx, input) => importer.importIntoLibrary(ctx, input),
  'sample.open': (ctx) => importer.openSample(ctx),
  'template.list': (ctx) => layoutStore.listTemplates(ctx.db, ctx.resourcesDir),
  'template.save': (ctx, input) => {
    layoutStore.saveTemplate(ctx.db, input.template, isoNow(ctx))
    return layoutStore.listTemplates(ctx.db, ctx.resourcesDir)
  },
  'layout.get': (ctx, input) => {
    issues.requireIssue(ctx, input.issueId)
    return layoutStore.getLayout(ctx.db, input.issueId)
  },
  'layout.save': (ctx, input) => {
    issues.requireIssue(ctx, input.issueId)
    layoutStore.saveLayout(ctx.db, input.issueId, input.layout, isoNow(ctx))
    return layoutStore.getLayout(ctx.db, input.issueId) as NonNullable<ReturnType<typeof layoutStore.getLayout>>
  },
  'zone.list': (ctx) => zones.listZones(ctx),
  'zone.get': (ctx, input) => tags.getZoneDetail(ctx, input.id),
  'zone.create': (ctx, input) => zones.createZone(ctx, input),
  'zone.update': (ctx, input) => zones.updateZone(ctx, input),
  'zone.merge': (ctx, input) => zones.mergeZones(ctx, input),
  'zone.alias.add': (ctx, input) => zones.addAlias(ctx, input),
  'zone.alias.remove': (ctx, input) => zones.removeAlias(ctx, input.alias),
  'zone.gazetteer': (ctx) => zones.registryGazetteer(ctx),
  'figure.list': (ctx, input) => tags.listFigures(ctx, input),
  'search.articles': (ctx, input) => search.searchArticles(ctx, input),
  'proof.issue': (ctx, input) => proof.proofIssue(ctx, input.issueId),
  'proof.article': (ctx, input) => proof.proofArticle(ctx, input.id),
  'proof.settings': (ctx, input) => proofSettings.proofSettings(ctx, input.articleId),
  'proof.rule': (ctx, input) => proofSettings.setRule(ctx, input),
  'proof.ignore': (ctx, input) => proofSettings.setIgnored(ctx, input),
  'figure.consistency': (ctx) => tags.figureConsistency(ctx),
  'tag.rejections': (ctx, input) => tags.listRejections(ctx, input.articleId),
  'tag.reject': (ctx, input) => tags.rejectSuggestion(ctx, input),
  'tag.unreject': (ctx, input) => tags.unrejectSuggestion(ctx, input),
  // --- 三审三校 (issue 11): who acts is ctx.actor (the call's CallMeta), never the input ---
  'person.list': (ctx) => people.listPeople(ctx),
  'person.create': (ctx, input) => people.createPerson(ctx, input),
  'person.update': (ctx, input) => people.updatePerson(ctx, input),
  'review.policy.get': (ctx) => review.getPolicy(ctx),
  'review.policy.set': (ctx, input) => review.setPolicy(ctx, input.policy),
  'review.get': (ctx, input) => review.getReview(ctx, input.articleId),
  'review.submit': (ctx, input) => review.submit(ctx, input.articleId, input.comment),
  'review.pass': (ctx, input) => review.pass(ctx, input.articleId, input.comment),
  'review.return': (ctx, input) => review.returnForChanges(ctx, input.articleId, input.comment),
  'review.log': (ctx, input) => review.reviewLog(ctx, input.articleId),
  'review.redline': (ctx, input) => review.redline(ctx, input.articleId),
  'revision.diff': (ctx, input) => revisions.diffRevisions(ctx, input),
  'issue.signoff': (ctx, input) => review.signoffIssue(ctx, input.issueId),
  'issue.signoff.get': (ctx, input) => issues.getIssueSignoff(ctx, input.issueId),
  'desk.get': (ctx, input) => desk.getDesk(ctx, input.issueId),
  // --- end 三审三校 ---
}

export interface Api {
  /** Releases what async methods hold (the print browser, export files). */
  close(): Promise<void>
  /**
   * Library methods, answered synchronously (tests, CLI). Async methods answer unknown_method here.
   * `meta` is what the transport knows of the call: who acts (personId → ServiceContext.actor,
   * refused when not an active member) and from which window.
   */
  dispatch(method: string, input: unknown, meta?: CallMeta): ApiResult<unknown>
  /** Every method; what the transports (IPC, HTTP) use. */
  dispatchAsync(method: string, input: unknown, meta?: CallMeta): Promise<ApiResult<unknown>>
  /** Typed in-process call of a library method for the CLI and tests; throws FolioFailure on error. */
  call<M extends SyncMethod>(method: M, input: z.input<(typeof schemas)[M]>, meta?: CallMeta): Result<M>
  /**
   * The push channel: after each committed call that changed something, a ChangeEvent (what
   * changed, for which issues and articles, by whom, from which window). Answers how to unsubscribe.
   */
  onChange(listener: ChangeListener): () => void
}

export interface ApiOptions {
  /** How to start the print engine (Electron's own Chromium in the desktop app). */
  launchPrint?: () => Promise<PrintEngine>
  /** Replaces the library file with a backup (library.ts owns the file and its connection). */
  restore?: (file: string) => Promise<RestoreOutcome>
  log?: (message: string) => void
}

export function createApi(ctx: ServiceContext, options: ApiOptions = {}): Api {
  const log = options.log ?? console.error
  function validate(
    method: string,
    input: unknown,
  ): { ok: false; error: FolioError } | { ok: true; method: Method; data: unknown } {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: folioError(
          'unknown_method',
          `没有名为 ${method.slice(0, 80)} 的操作。`,
          `Unknown method ${method.slice(0, 80)}.`,
        ),
      }
    }
    const parsed = schemas[method].safeParse(input ?? {})
    if (!parsed.success) return { ok: false, error: inputError(parsed.error, method) }
    return { ok: true, method, data: parsed.data }
  }

  /** The context of one call: the library's, with the acting person the transport named. */
  function callContext(meta: CallMeta | undefined): ServiceContext {
    return { ...ctx, actor: resolveActor(ctx, meta?.personId) }
  }

  // push channel (h2): one feed per library; calls made inside other calls (bundle import,
  // export reading the library) are not announced on their own, only the outer call is.
  const feed = new ChangeFeed(log)
  let lookup: { db: ServiceContext['db']; look: ReturnType<typeof dbLookup> } | null = null
  function announce(method: Method, data: unknown, result: unknown, callCtx: ServiceContext, meta?: CallMeta): void {
    if (feed.size === 0) return
    try {
      // A restore replaces the connection: look up through the one open now.
      if (lookup?.db !== ctx.db) lookup = { db: ctx.db, look: dbLookup(ctx.db) }
      const changed = describeChange(method, data, result, lookup.look)
      if (changed) feed.emit(changed, callCtx.actor ?? null, meta?.origin ?? null)
    } catch (error) {
      log(`change not announced: ${String(error)}`)
    }
  }

  function dispatch(name: string, input: unknown, meta?: CallMeta): ApiResult<unknown> {
    return dispatchCall(name, input, meta, true)
  }

  function dispatchCall(
    name: string,
    input: unknown,
    meta: CallMeta | undefined,
    announced: boolean,
  ): ApiResult<unknown> {
    const valid = validate(name, input)
    if (!valid.ok) return valid
    const { method, data } = valid
    if (isAsync(method))
      return {
        ok: false,
        error: folioError('unknown_method', `${method} 需异步调用。`, `${method} must be called asynchronously.`),
      }
    const parsed = { data }
    let callCtx: ServiceContext
    try {
      callCtx = callContext(meta)
    } catch (error) {
      return { ok: false, error: toFolioError(error, log) }
    }
    try {
      // Each call is one transaction: a failure leaves the library exactly as it was.
      const run = ctx.db.transaction(() =>
        (handlers[method] as (c: ServiceContext, i: unknown) => unknown)(callCtx, parsed.data),
      )
      const result = run()
      if (announced) announce(method, parsed.data, result, callCtx, meta)
      return { ok: true, result }
    } catch (error) {
      if (error instanceof KeepThenFail) {
        try {
          ctx.db.transaction(error.keep)()
        } catch (keepError) {
          return { ok: false, error: toFolioError(keepError, log) }
        }
      }
      return { ok: false, error: toFolioError(error, log) }
    }
  }
  // One print engine for the session, launched on first use, shared by export jobs and the report PDF.
  let engine: Promise<PrintEngine> | null = null
  const printEngine = (): Promise<PrintEngine> => {
    engine ??= sharedEngine(options.launchPrint ?? launchPrintBrowser).catch((error: unknown) => {
      engine = null
      throw new FolioFailure(
        folioError(
          'internal',
          `无法启动排版用的 Chromium：${String(error)}`,
          `Cannot start Chromium for printing: ${String(error)}`,
        ),
      )
    })
    return engine
  }
  let jobs: ExportJobs | null = null
  const exportJobs = (): ExportJobs => {
    jobs ??= new ExportJobs({ api: quiet, db: ctx.db, resourcesDir: ctx.resourcesDir, now: ctx.now }, printEngine)
    return jobs
  }

  async function dispatchAsync(name: string, input: unknown, meta?: CallMeta): Promise<ApiResult<unknown>> {
    const valid = validate(name, input)
    if (!valid.ok || !isAsync(valid.method)) return dispatch(name, input, meta)
    try {
      const callCtx = callContext(meta)
      if (valid.method === 'library.restore') {
        if (!options.restore) {
          fail(
            'storage',
            '这个资料库不能从备份恢复（内存中的资料库）。',
            'This library cannot be restored (in memory).',
          )
        }
        const outcome = await options.restore((valid.data as ParsedInput<'library.restore'>).file)
        announce(valid.method, valid.data, outcome, callCtx, meta)
        return { ok: true, result: outcome }
      }
      const handler = asyncHandlers[valid.method] as (
        j: () => ExportJobs,
        i: unknown,
        c: ServiceContext,
        p: () => Promise<PrintEngine>,
      ) => Promise<unknown>
      const result = await handler(exportJobs, valid.data, callCtx, printEngine)
      announce(valid.method, valid.data, result, callCtx, meta)
      return { ok: true, result }
    } catch (error) {
      return { ok: false, error: toFolioError(error, log) }
    }
  }

  const api: Api = {
    close: async () => {
      await jobs?.close()
      jobs = null
      const launched = engine
      engine = null
      if (launched) await (await launched.catch(() => null))?.close()
    },
    dispatch,
    dispatchAsync,
    call(method, input, meta) {
      const answer = dispatch(method, input, meta)
      if (!answer.ok) throw new FolioFailure(answer.error)
      return answer.result as never
    },
    onChange: (listener) => feed.subscribe(listener),
  }
  // What export jobs and bundle import call the library through: the same, unannounced.
  const quiet: Api = {
    ...api,
    dispatch: (method, input, meta) => dispatchCall(method, input, meta, false),
    call(method, input, meta) {
      const answer = dispatchCall(method, input, meta, false)
      if (!answer.ok) throw new FolioFailure(answer.error)
      return answer.result as never
    },
  }
  return api
}

/** An engine whose close() may be called by each of its users: the first one closes it. */
async function sharedEngine(launch: () => Promise<PrintEngine>): Promise<PrintEngine> {
  const inner = await launch()
  let closed: Promise<void> | null = null
  return { open: (served) => inner.open(served), close: () => (closed ??= inner.close()) }
}

const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '数字',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  undefined: '空值',
  null: '空值',
}

/** A Chinese reading of a zod issue (zod's own message is the English one). */
function zhReason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPE_ZH[issue.expected] ?? issue.expected}`
    case 'too_small':
      return issue.origin === 'string'
        ? `不能为空或过短（至少 ${String(issue.minimum)} 字）`
        : `不能小于 ${String(issue.minimum)}`
    case 'invalid_format':
      return issue.format === 'email'
        ? '不是有效的电子邮箱'
        : issue.format === 'date'
          ? '不是有效的日期（YYYY-MM-DD）'
          : '格式不对'
    case 'invalid_value':
      return `只能是 ${issue.values.map(String).join(' / ')}`
    case 'invalid_union':
      return '格式不对'
    case 'custom':
      return typeof issue.params?.zh === 'string' ? issue.params.zh : '无效'
    default:
      return '无效'
  }
}

function inputError(error: z.ZodError, method: string): FolioError {
  const issue = error.issues[0]
  if (!issue) return folioError('invalid_input', '输入无效。', 'Invalid input.')
  const field = issue.path.join('.') || undefined
  // A field of an entity is named by its label (fields.ts): 「刊名」 / "Title", not 「title」.
  const label = fieldLabel(method, issue.path)
  const where = label ? `「${label.zh}」` : field ? `「${field}」` : ''
  const whereEn = label ? label.en : (field ?? '')
  if (issue.code === 'too_big') {
    const limit = String(issue.maximum)
    if (label && issue.origin === 'string') {
      return folioError(
        'too_large',
        `${where}过长，最多 ${limit} 字。`,
        `${whereEn} is too long (at most ${limit} characters).`,
        field,
      )
    }
    return folioError(
      'too_large',
      `输入${where}过长，超出上限 ${limit}。`,
      `Input ${whereEn} is too large (limit ${limit}).`,
      field,
    )
  }
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ')
    return folioError('invalid_input', `不认识的字段：${keys}。`, `Unknown field(s): ${keys}.`, field)
  }
  return folioError(
    'invalid_input',
    `输入${where}无效：${zhReason(issue)}。`,
    `Invalid input ${whereEn}: ${issue.message}`,
    field,
  )
}

function toFolioError(error: unknown, log: (message: string) => void): FolioError {
  if (error instanceof FolioFailure) return error.error
  log(error instanceof Error ? (error.stack ?? error.message) : String(error))
  if (error instanceof Database.SqliteError) {
    return folioError(
      'storage',
      `资料库写入失败（${error.code}），数据未改动。`,
      `The library could not be written (${error.code}); nothing was changed.`,
    )
  }
  return folioError(
    'internal',
    'Folio 内部错误，数据未改动。详情已写入日志。',
    'Internal error; nothing was changed. Details are in the log.',
  )
}
