/**
 * CLI commands for layout and export; spread into COMMANDS (src/main/cli/commands.ts):
 *   export pdf --issue ID --out FILE [--template NAME] [--bleed MM] [--marks]
 *   export html --issue ID --out FILE [--template NAME]
 *   export bundle --issue ID --out FILE
 *   import-bundle FILE
 *   layout auto --issue ID [--template NAME] [--json]: pages with emptyFraction, blocks with fit
 * They run over the CLI's own library connection (db + api) for the layout tables.
 */
import { resolve } from 'node:path'
import { fail } from '../../shared/api/errors'
import { requireId } from './args'
import { exportBundle, importBundle, type BundleReport, type ImportBundleReport } from '../export/bundle'
import {
  exportHtml,
  exportPdf,
  layoutIssue,
  type ExportEnv,
  type HtmlReport,
  type LayoutOutcome,
  type PdfReport,
} from '../export/index'
import { layoutReport, type LayoutReport, type ReportBlock, type ReportPage } from '../../shared/layout/report'
import type { Library } from '../library'
import type { Command } from './commands'

type Values = Record<string, string | boolean | undefined>

const issueId = (raw: string | boolean | undefined): number => requireId(raw, '期次', '--issue')

function outFile(v: Values): string {
  if (typeof v.out !== 'string' || v.out === '') fail('invalid_input', '请用 --out 给出输出文件。', 'Give --out FILE.')
  return resolve(v.out)
}

/** Runs with the export environment over the CLI's own library connection (no second connection). */
function withEnv<T>(library: Library, run: (env: ExportEnv) => T): T {
  return run({ api: library.api, db: library.db, resourcesDir: library.resourcesDir })
}

function fitLines(r: LayoutOutcome): string[] {
  const lines = r.warnings.map((w) => `  ⚠ ${w.message_zh}  (${w.message_en})`)
  for (const s of r.short) lines.push(`  · 第${s.page}版《${s.headline}》余 ${s.shortLines} 行`)
  return lines
}

/** What an export report prints as JSON: the layout's pages without repeating the template in full. */
function lean<T extends LayoutOutcome>(r: T): Omit<T, 'layout'> & { layout: unknown } {
  return { ...r, layout: { template: r.layout.template.id, pages: r.layout.pages } }
}

function reportPageLine(p: ReportPage): string {
  const blocks = p.blocks.map((b) => `#${b.articleId}${b.part ? `(续${b.part})` : ''}(${b.columns}栏×${b.lines}行)`)
  return (
    `  第${p.number}版${p.name ? ` ${p.name}` : ''}（空 ${Math.round(p.emptyFraction * 100)}% empty）: ` +
    (blocks.join(' ') || '（空）')
  )
}

function fitLine(page: number, b: ReportBlock): string {
  const fit = b.fit as NonNullable<ReportBlock['fit']>
  return fit.overset > 0
    ? `  · 第${page}版 #${b.articleId} 超 ${fit.overset} 字 overset by ${fit.overset} characters`
    : `  · 第${page}版 #${b.articleId} 余 ${fit.shortLines} 行 ${fit.shortLines} lines short`
}

export const EXPORT_COMMANDS: Command[] = [
  {
    name: 'export pdf',
    summary: '导出付印 PDF / export a print PDF',
    usage: 'export pdf --issue ID --out FILE [--template NAME] [--bleed MM] [--marks]',
    options: {
      issue: { type: 'string' },
      out: { type: 'string' },
      template: { type: 'string' },
      bleed: { type: 'string' },
      marks: { type: 'boolean' },
    },
    run: (_api, v, _p, library) => {
      const bleed = v.bleed === undefined ? 0 : Number(v.bleed)
      if (!Number.isFinite(bleed) || bleed < 0 || bleed > 20) {
        fail('invalid_input', '--bleed 应为 0 到 20 之间的毫米数。', '--bleed must be 0 to 20 (mm).')
      }
      return withEnv(library, async (env) =>
        lean(
          await exportPdf(env, issueId(v.issue), {
            out: outFile(v),
            ...(typeof v.template === 'string' && { template: v.template }),
            bleed,
            marks: v.marks === true,
          }),
        ),
      )
    },
    human: (data) => {
      const r = data as PdfReport
      return [
        `已导出 exported ${r.file}`,
        `  ${r.pages} 版 pages · ${r.pageSize.width}×${r.pageSize.height} mm · ${r.template} · ${r.bytes} bytes`,
        ...fitLines(r),
      ].join('\n')
    },
  },
  {
    name: 'export html',
    summary: '导出单文件网页 / export one self-contained HTML file',
    usage: 'export html --issue ID --out FILE [--template NAME]',
    options: { issue: { type: 'string' }, out: { type: 'string' }, template: { type: 'string' } },
    run: (_api, v, _p, library) =>
      withEnv(library, async (env) =>
        lean(
          await exportHtml(env, issueId(v.issue), {
            out: outFile(v),
            ...(typeof v.template === 'string' && { template: v.template }),
          }),
        ),
      ),
    human: (data) => {
      const r = data as HtmlReport
      return [`已导出 exported ${r.file} (${r.bytes} bytes)`, ...fitLines(r)].join('\n')
    },
  },
  {
    name: 'export bundle',
    summary: '导出 .folio 文件（稿件、图片、版面）/ export a .folio bundle',
    usage: 'export bundle --issue ID --out FILE',
    options: { issue: { type: 'string' }, out: { type: 'string' } },
    run: (_api, v, _p, library) => withEnv(library, (env) => exportBundle(env, issueId(v.issue), outFile(v))),
    human: (data) => {
      const r = data as BundleReport
      return [
        `已导出 exported ${r.file}: ${r.articles} 篇稿件 articles, ${r.images} 张图片 images, ${r.bytes} bytes`,
        ...r.warnings.map((w) => `  ⚠ ${w.message_zh}  (${w.message_en})`),
      ].join('\n')
    },
  },
  {
    name: 'import-bundle',
    summary: '导入 .folio 文件为新的一期 / import a .folio bundle as a new issue',
    usage: 'import-bundle FILE',
    options: {},
    run: (_api, _v, positionals, library) => {
      const file = positionals[0]
      if (!file) fail('invalid_input', '请给出 .folio 文件。', 'Give the .folio file.')
      return withEnv(library, (env) => importBundle(env, resolve(file)))
    },
    human: (data) => {
      const r = data as ImportBundleReport
      return `已导入 imported → #${r.issue.id} ${r.issue.title} ${r.issue.number}: ${r.articleIds.length} 篇稿件 articles, ${r.images} 张图片 images`
    },
  },
  {
    name: 'layout auto',
    summary: '自动排版（按稿件顺序上版）/ auto-layout an issue onto pages',
    usage: 'layout auto --issue ID [--template NAME] [--json]',
    options: { issue: { type: 'string' }, template: { type: 'string' } },
    run: (_api, v, _p, library) =>
      withEnv(library, async (env) =>
        layoutReport(
          await layoutIssue(env, issueId(v.issue), {
            ...(typeof v.template === 'string' && { template: v.template }),
          }),
        ),
      ),
    human: (data) => {
      const r = data as LayoutReport
      return [
        `已排版 laid out on ${r.pages.length} 版 pages (${r.template.name}, ${r.template.columns} 栏 columns)`,
        ...r.pages.map(reportPageLine),
        ...r.pages.flatMap((p) =>
          p.blocks.filter((b) => b.fit && (b.fit.overset > 0 || b.fit.shortLines > 0)).map((b) => fitLine(p.number, b)),
        ),
        ...r.unplaced.map((u) => `  ⚠ 未上版 not placed: #${u.articleId}《${u.headline}》`),
        ...r.warnings.map((w) => `  ⚠ ${w.message_zh}  (${w.message_en})`),
      ].join('\n')
    },
  },
]
