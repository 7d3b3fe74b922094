/**
 * Exports started from the UI run as jobs: the editor sees the stage, can cancel, and fetches the
 * file when it is done. One print browser is launched on first use and kept for the session.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fail, FolioFailure, folioError, type FolioError } from '../../shared/api/errors'
import type { ExportJobStatus, ExportKind } from '../../shared/layout/outcome'
import { launchPrintBrowser, type PrintEngine } from './browser'
import { exportBundle, importBundleBytes } from './bundle'
import { exportHtml, exportPdf, layoutIssue, measureLayout, type ExportEnv } from './index'

interface Job extends ExportJobStatus {
  controller: AbortController
  file: string
  fileName: string
  mime: string
}

const MIME: Record<ExportKind, string> = {
  pdf: 'application/pdf',
  html: 'text/html;charset=utf-8',
  bundle: 'application/zip',
}

export class ExportJobs {
  private browser: Promise<PrintEngine> | null = null
  private readonly jobs = new Map<string, Job>()
  private dir: string | null = null

  constructor(
    private readonly env: ExportEnv,
    /** Electron prints with its own Chromium; elsewhere playwright-core drives Debian's. */
    private readonly launch: () => Promise<PrintEngine> = launchPrintBrowser,
  ) {}

  private printBrowser(): Promise<PrintEngine> {
    this.browser ??= this.launch().catch((error: unknown) => {
      this.browser = null
      throw new FolioFailure(
        folioError(
          'internal',
          `无法启动排版用的 Chromium：${String(error)}`,
          `Cannot start Chromium for printing: ${String(error)}`,
        ),
      )
    })
    return this.browser
  }

  private workDir(): string {
    this.dir ??= mkdtempSync(join(tmpdir(), 'folio-export-'))
    return this.dir
  }

  /** 自动排版 (modular, src/shared/layout/modular.ts); `keepManual` keeps the blocks placed by hand where they are. */
  async autoLayout(issueId: number, template?: string, keepManual = false) {
    return layoutIssue(this.env, issueId, {
      ...(template && { template }),
      keepManual,
      browser: await this.printBrowser(),
    })
  }

  /** A .folio bundle as a new issue; needs no browser, but the same environment as exports. */
  importBundle(data: string) {
    return importBundleBytes(this.env, Buffer.from(data, 'base64'))
  }

  async copyfit(issueId: number) {
    return measureLayout(this.env, issueId, { browser: await this.printBrowser() })
  }

  start(
    kind: ExportKind,
    issueId: number,
    options: { template?: string; bleed?: number; marks?: boolean },
  ): ExportJobStatus {
    const issue = this.env.api.call('issue.get', { id: issueId })
    const id = randomUUID()
    const ext = kind === 'bundle' ? 'folio' : kind
    const fileName = `${[issue.title, issue.edition, issue.number].filter(Boolean).join('-') || 'folio'}.${ext}`
    const job: Job = {
      id,
      kind,
      issueId,
      stage: 'load',
      done: false,
      cancelled: false,
      error: null,
      warnings: [],
      controller: new AbortController(),
      file: join(this.workDir(), `${id}.${ext}`),
      fileName,
      mime: MIME[kind],
    }
    this.jobs.set(id, job)
    void this.run(job, options)
    return this.status(id)
  }

  private async run(job: Job, options: { template?: string; bleed?: number; marks?: boolean }): Promise<void> {
    const control = {
      signal: job.controller.signal,
      onProgress: (stage: ExportJobStatus['stage']) => {
        job.stage = stage
      },
    }
    try {
      if (job.kind === 'bundle') {
        job.warnings = exportBundle(this.env, job.issueId, job.file).warnings
      } else {
        const browser = await this.printBrowser()
        const common = { ...control, browser, out: job.file, ...(options.template && { template: options.template }) }
        const report =
          job.kind === 'pdf'
            ? await exportPdf(this.env, job.issueId, {
                ...common,
                bleed: options.bleed ?? 0,
                marks: options.marks ?? false,
              })
            : await exportHtml(this.env, job.issueId, common)
        job.warnings = report.warnings
      }
      job.stage = 'done'
    } catch (error) {
      job.cancelled = job.controller.signal.aborted
      job.error = job.cancelled
        ? folioError('conflict', '导出已取消。', 'Export cancelled.')
        : error instanceof FolioFailure
          ? error.error
          : folioError('internal', `导出失败：${String(error)}`, `Export failed: ${String(error)}`)
    } finally {
      job.done = true
    }
  }

  private job(id: string): Job {
    const job = this.jobs.get(id)
    if (!job) fail('not_found', '没有这个导出任务。', 'No such export job.', 'jobId')
    return job
  }

  status(id: string): ExportJobStatus {
    const { controller: _c, file: _f, fileName: _n, mime: _m, ...status } = this.job(id)
    return { ...status, warnings: [...status.warnings], error: status.error ? { ...status.error } : null }
  }

  cancel(id: string): ExportJobStatus {
    this.job(id).controller.abort()
    return this.status(id)
  }

  /** The finished file (base64), handed over once and then removed. */
  result(id: string): { fileName: string; mime: string; data: string } {
    const job = this.job(id)
    if (!job.done) fail('conflict', '导出尚未完成。', 'The export is not finished yet.', 'jobId')
    if (job.error) throw new FolioFailure(job.error as FolioError)
    const data = readFileSync(job.file).toString('base64')
    rmSync(job.file, { force: true })
    this.jobs.delete(id)
    return { fileName: job.fileName, mime: job.mime, data }
  }

  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort()
    const browser = this.browser
    this.browser = null
    if (browser) await (await browser.catch(() => null))?.close()
    if (this.dir) rmSync(this.dir, { recursive: true, force: true })
  }
}
