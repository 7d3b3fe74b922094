/** What laying out and measuring an issue reports (copyfit), shared by main, CLI and renderer. */
import type { IssueLayout } from './model'

export interface BlockFit {
  page: number
  articleId: number
  headline: string
  /** 转版: which part of the article the block holds (absent or 0: its start). */
  part?: number
  /** 超 N 字: characters that do not fit (0 when it fits). */
  overChars: number
  /** 余 N 行: empty column lines at the foot of the block's columns. */
  shortLines: number
}

export interface Warning {
  message_zh: string
  message_en: string
}

export interface LayoutOutcome {
  layout: IssueLayout
  source: 'stored' | 'auto'
  fits: BlockFit[]
  overset: BlockFit[]
  short: BlockFit[]
  unplaced: { articleId: number; headline: string }[]
  warnings: Warning[]
  /**
   * Why auto-layout placed each block where it did (「头条：通栏 8 栏」, 「3 栏并排」, 「转版：下转第2版」);
   * present right after 自动排版, absent for a stored layout.
   */
  reasons?: { page: number; articleId: number; part: number; message_zh: string; message_en: string }[]
}

export type ExportKind = 'pdf' | 'html' | 'bundle'

export interface ExportJobStatus {
  id: string
  kind: ExportKind
  issueId: number
  stage: 'load' | 'measure' | 'layout' | 'render' | 'pdf' | 'done'
  done: boolean
  cancelled: boolean
  error: { code: string; message_zh: string; message_en: string } | null
  warnings: Warning[]
}
