/**
 * 三审三校: the people of the newsroom, the review chain of an article, the history diff, the desk
 * and the push channel. Shapes shared by the services (src/main/services/people.ts, review.ts),
 * the transports and the renderer. Pure: no DOM, no Node.
 */

/** 编辑部成员 roles, in the order a masthead lists them. */
export const ROLES = ['记者', '责任编辑', '编辑室主任', '总编辑', '值班总编', '校对'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_EN: Record<Role, string> = {
  记者: 'Reporter',
  责任编辑: 'Responsible editor',
  编辑室主任: 'Department head',
  总编辑: 'Editor-in-chief',
  值班总编: 'Duty editor',
  校对: 'Proofreader',
}

export interface Person {
  id: number
  /** Stays unique across libraries (ULID/UUID), so offline copies can merge. */
  uid: string
  name: string
  roles: Role[]
  /** A member who left stays in the record (their steps keep their name) but cannot act. */
  active: boolean
  createdAt: string
}

/** Who did something, as records show it (the name is kept as it was when they did it). */
export interface PersonRef {
  id: number
  name: string
}

/**
 * Where an article stands: 草稿 → 待初审 → 待复审 → 待终审 → 已签发.
 * A return (退改) sends it back to draft; an edit after sign-off reopens it (back to draft).
 */
export const REVIEW_STAGES = ['draft', 'first', 'second', 'final', 'signed'] as const
export type ReviewStage = (typeof REVIEW_STAGES)[number]

export const STAGE_ZH: Record<ReviewStage, string> = {
  draft: '草稿',
  first: '待初审',
  second: '待复审',
  final: '待终审',
  signed: '已签发',
}
export const STAGE_EN: Record<ReviewStage, string> = {
  draft: 'Draft',
  first: 'Awaiting first review',
  second: 'Awaiting second review',
  final: 'Awaiting final review',
  signed: 'Signed off',
}

/** The three reviews (三审), as steps name them. */
export const REVIEWS = ['初审', '复审', '终审'] as const
export type Review = (typeof REVIEWS)[number]
/** The review an article waiting at a stage is waiting for. */
export const REVIEW_OF_STAGE: Partial<Record<ReviewStage, Review>> = { first: '初审', second: '复审', final: '终审' }

export type ReviewDecision = 'submit' | 'pass' | 'return' | 'reopen'

/** One stored step of an article's review record. */
export interface ReviewStep {
  id: number
  articleId: number
  /**
   * The review the step concerns: submit → the review it is sent to (初审); pass/return → the
   * review passed or returned at; reopen → 终审 (the sign-off it undoes).
   */
  stage: Review
  decision: ReviewDecision
  by: PersonRef
  at: string
  comment: string
  /** The revision holding the text as it was reviewed (a signed-off text is frozen as one). */
  revisionId: number
  /** SHA-256 of the reviewed plain text. */
  textHash: string
}

/** Which roles may pass which review, and who may sign an issue. Configurable per library. */
export interface ReviewPolicy {
  初审: Role[]
  复审: Role[]
  终审: Role[]
  /** Who may sign off a whole issue (签发本期). */
  issue: Role[]
}

export const DEFAULT_POLICY: ReviewPolicy = {
  初审: ['责任编辑', '编辑室主任', '总编辑'],
  复审: ['编辑室主任', '总编辑'],
  终审: ['总编辑', '值班总编'],
  issue: ['值班总编', '总编辑'],
}

/** An article's review state, as the editor and the desk show it. */
export interface ArticleReview {
  articleId: number
  stage: ReviewStage
  steps: ReviewStep[]
  /** The last return (退改) since which the text changed, for 核红; null when none is open. */
  openReturn: ReviewStep | null
}

/** An issue's sign-off (签发本期): only when every article is 已签发. */
export interface IssueSignoff {
  issueId: number
  by: PersonRef
  at: string
}

/** One part of a revision diff, over Intl.Segmenter word tokens. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

/** One row of the 编辑台 (the desk) of an issue. */
export interface DeskRow {
  articleId: number
  position: number
  kicker: string
  headline: string
  stage: ReviewStage
  /** Who holds it now: the last person to act on it (submitter, reviewer, or last editor). */
  holder: PersonRef | null
  charCount: number
  /** Copyfit of its block in the saved layout: lines over (+) or short (−); null when not laid out. */
  copyfitLines: number | null
  /** Zone suggestions in the text left neither tagged nor ignored. */
  untaggedZones: number
  /** Proofing findings (校对) still in the text. */
  proofFindings: number
  lastChange: { at: string; by: PersonRef | null }
}

export interface Desk {
  issueId: number
  rows: DeskRow[]
  signoff: IssueSignoff | null
}

/**
 * What the push channel carries after each committed call: which kinds of data changed, for which
 * issues and articles, and by whom. Renderer data follows it instead of hand-written refreshes.
 */
export const CHANGE_TOPICS = [
  'issues',
  'articles',
  'body',
  'revisions',
  'review',
  'people',
  'zones',
  'tags',
  'layout',
  'templates',
  /** 校对 settings: rules switched off, findings ignored. */
  'proof',
  'library',
] as const
export type ChangeTopic = (typeof CHANGE_TOPICS)[number]

export interface ChangeEvent {
  /** Increases by one per event from this library's server. */
  seq: number
  topics: ChangeTopic[]
  issueIds: number[]
  articleIds: number[]
  by: PersonRef | null
  /** The window/tab that made the call (so it can skip its own echo), when the transport knows it. */
  origin: string | null
}

/** Meta that travels with each call from the transport: who acts, and from which window. */
export interface CallMeta {
  personId?: number | null
  origin?: string | null
}
