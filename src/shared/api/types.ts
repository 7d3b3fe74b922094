import type { FolioError } from './errors'
import type { PersonRef, ReviewStage } from './review-types'

export const ISSUE_STATUSES = ['planning', 'editing', 'proofing', 'signed', 'published'] as const
export type IssueStatus = (typeof ISSUE_STATUSES)[number]

export interface Issue {
  id: number
  title: string
  edition: string
  number: string
  publicationDate: string
  guidance: string
  publisher: string
  postalCode: string
  email: string
  /** Masthead slogan lines, one per line. */
  slogan: string
  /** How photo credits print, e.g. '■ {name}摄'. */
  creditStyle: string
  status: IssueStatus
  createdAt: string
  updatedAt: string
  articleCount: number
}

export interface ArticleSummary {
  id: number
  issueId: number
  position: number
  kicker: string
  headline: string
  /** Where it stands in 三审 (草稿 → 待初审 → 待复审 → 待终审 → 已签发): moved only by review.* calls. */
  stage: ReviewStage
  charCount: number
  updatedAt: string
}

export interface Article {
  id: number
  issueId: number
  position: number
  kicker: string
  headline: string
  subtitle: string
  dateline: string
  byline: string
  /** Serialized Lexical editor state (JSON string). */
  body: string
  bodyText: string
  charCount: number
  punctCount: number
  /** Where it stands in 三审: moved only by review.* calls (and reopened by an edit after sign-off). */
  stage: ReviewStage
  version: number
  createdAt: string
  updatedAt: string
}

/** 'conflict': a write refused because it was based on an older version, kept as 冲突副本. */
/** What a save answers: the article as saved, without its body (the client has it). */
export type ArticleSaved = Omit<Article, 'body' | 'bodyText'>

/**
 * Why a revision was kept. 'status' only in libraries from before 三审 (a status change);
 * 'review': the text a review step saw, when no revision held it yet; 'signoff': the text frozen
 * by a sign-off (终审 passed).
 */
export type RevisionReason = 'autosave' | 'save' | 'status' | 'restore' | 'create' | 'conflict' | 'review' | 'signoff'

export interface RevisionSummary {
  id: number
  articleId: number
  reason: RevisionReason
  headline: string
  charCount: number
  createdAt: string
  /** For a conflict copy: the version its text was based on. */
  baseVersion: number | null
  /** Who made the change it keeps (null: before 三审, or no one was chosen). */
  by: PersonRef | null
  /** The article's review stage when it was kept. */
  stage: ReviewStage
}

export interface Revision extends RevisionSummary {
  kicker: string
  subtitle: string
  dateline: string
  byline: string
  body: string
  bodyText: string
}

export interface LibraryInfo {
  /** A random id stored in the library file: what the tab keys its unsaved-edit copies by. */
  libraryId: string
  path: string
  schemaVersion: number
  sqliteVersion: string
  /** The last daily backup that failed at start (it is tried again at the next start). */
  backupFailure: (FolioError & { at: string }) | null
}

/** A verified backup copy of the library file (see src/main/store/backup.ts). */
export interface BackupInfo {
  file: string
  path: string
  takenAt: string
  /** daily on open, before a schema migration, on request, or before a restore or emptying the trash (safety). */
  reason: 'daily' | 'migration' | 'manual' | 'safety'
  bytes: number
  /** Issues and their articles in the copy (what is in its trash not counted). */
  articles: number
  issues: number
}

/** 回收站: deleted issues (with the articles that come back with them) and deleted articles. */
export interface TrashContents {
  issues: { id: number; title: string; edition: string; number: string; deletedAt: string; articleCount: number }[]
  articles: {
    id: number
    issueId: number
    issueTitle: string
    issueNumber: string
    headline: string
    kicker: string
    charCount: number
    deletedAt: string
  }[]
}

export interface RestoreOutcome {
  restored: BackupInfo
  /** The copy of what the restore replaced (null when the library could not be opened at all). */
  safety: BackupInfo | null
  /** Where a damaged library was moved, when it was replaced at start. */
  setAside?: string
}

/**
 * Whether the library is open. `unavailable`: it could not be opened for writing (damaged,
 * read-only, disk full) and was not written; the newest verified backups are offered.
 */
export type LibraryStatus =
  | { state: 'ok' }
  | { state: 'unavailable'; path: string; error: FolioError; backups: BackupInfo[] }

/** An article that contains the searched words, with the first place they occur. */
export interface SearchHit {
  articleId: number
  issueId: number
  issueTitle: string
  issueNumber: string
  headline: string
  /** Where the first match is: a title part or the body (captions are body text). */
  field: 'headline' | 'kicker' | 'subtitle' | 'dateline' | 'byline' | 'body'
  /** How often the words occur in the article. */
  count: number
  snippet: { before: string; match: string; after: string }
}
