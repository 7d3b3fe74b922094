/**
 * What each method changes, for the push channel (GUIDE §5.1): after a committed call, `dispatch`
 * asks this table which kinds of data changed for which issues and articles and tells every
 * subscriber (Electron windows over webContents.send, browser tabs over Server-Sent Events).
 *
 * Every method of the contract has an entry — null for a read — so a new method cannot be added
 * without deciding what it changes (the typecheck refuses a missing one).
 */
import type { Db } from './store/db'
import type { Method, ParsedInput, Result } from '../shared/api/contract'
import { CHANGE_TOPICS, type ChangeEvent, type ChangeTopic, type PersonRef } from '../shared/api/review-types'

export interface Change {
  topics: ChangeTopic[]
  /** The issues concerned; empty when the change is not bound to issues (zones, templates) or is everywhere. */
  issueIds: number[]
  articleIds: number[]
}

/** What a description may look up after the commit (an article's issue when the call named only the article). */
export interface ChangeLookup {
  issueOfArticle(articleId: number): number | null
}

type Describe<M extends Method> = ((input: ParsedInput<M>, result: Result<M>, look: ChangeLookup) => Change) | null

const change = (topics: ChangeTopic[], issueIds: number[] = [], articleIds: number[] = []): Change => ({
  topics,
  issueIds,
  articleIds,
})

/** A change to one article (its issue looked up, deleted articles included). */
const ofArticle = (topics: ChangeTopic[], articleId: number, look: ChangeLookup): Change => {
  const issueId = look.issueOfArticle(articleId)
  return change(topics, issueId === null ? [] : [issueId], [articleId])
}

/** Everything: the library file itself was replaced. */
const everything = (): Change => change([...CHANGE_TOPICS])

export const CHANGES: { [M in Method]: Describe<M> } = {
  'library.info': null,
  'library.backups': null,
  'library.backup': () => change(['library']),
  'library.status': null,
  'library.restore': everything,
  'issue.list': null,
  'issue.get': null,
  'issue.create': (_input, issue) => change(['issues'], [issue.id]),
  'issue.update': (input) => change(['issues'], [input.id]),
  'issue.delete': (input) => change(['issues', 'articles', 'library'], [input.id]),
  'issue.restore': (_input, issue) => change(['issues', 'articles', 'library'], [issue.id]),
  'article.list': null,
  'article.get': null,
  'article.create': (_input, article) => change(['articles', 'issues'], [article.issueId], [article.id]),
  // Autosave: the text and the running order's line (headline, 字数) of the article.
  'article.update': (_input, saved) => change(['body', 'articles'], [saved.issueId], [saved.id]),
  'article.move': (input, _list, look) => ofArticle(['articles'], input.id, look),
  'article.delete': (input, _result, look) => ofArticle(['articles', 'issues', 'library'], input.id, look),
  'article.restore': (_input, article) =>
    change(['articles', 'issues', 'body', 'library'], [article.issueId], [article.id]),
  'trash.list': null,
  'trash.empty': () => change(['library']),
  'revision.list': null,
  'revision.get': null,
  'revision.restore': (_input, article) => change(['body', 'articles', 'revisions'], [article.issueId], [article.id]),
  'image.get': null,
  // Images are stored by content hash: nothing shown changes until an article refers to one.
  'image.put': null,
  'import.commit': (_input, { issue, articles }) =>
    change(
      ['issues', 'articles', 'tags'],
      [issue.id],
      articles.map((a) => a.id),
    ),
  'import.docx': null,
  'import.pdf': null,
  'import.bundle': (_input, { issue, articleIds }) => change(['issues', 'articles', 'tags'], [issue.id], articleIds),
  'sample.open': (_input, { issue, articles }) =>
    change(
      ['issues', 'articles', 'tags', 'zones'],
      [issue.id],
      articles.map((a) => a.id),
    ),
  'zone.list': null,
  'zone.get': null,
  'zone.create': () => change(['zones']),
  'zone.update': () => change(['zones']),
  'zone.merge': () => change(['zones', 'tags']),
  'zone.alias.add': () => change(['zones']),
  'zone.alias.remove': () => change(['zones']),
  'zone.gazetteer': null,
  'figure.list': null,
  'figure.consistency': null,
  'tag.rejections': null,
  'tag.reject': (input, _list, look) => ofArticle(['tags'], input.articleId, look),
  'tag.unreject': (input, _list, look) => ofArticle(['tags'], input.articleId, look),
  'template.list': null,
  'template.save': () => change(['templates']),
  'layout.get': null,
  'layout.save': (input) => change(['layout'], [input.issueId]),
  'layout.auto': (input) => change(['layout'], [input.issueId]),
  'layout.copyfit': null,
  'export.start': null,
  'export.status': null,
  'export.cancel': null,
  'export.result': null,
  'search.articles': null,
  'proof.issue': null,
  'proof.article': null,
  'proof.pdf': null,
  'proof.settings': null,
  // A rule off for the library concerns every article; for one article, that article.
  'proof.rule': (input, _settings, look) =>
    input.scope === 'library' ? change(['proof']) : ofArticle(['proof'], input.articleId, look),
  'proof.ignore': (input, _settings, look) => ofArticle(['proof'], input.articleId, look),
  'review.sheet': null,
  // 三审三校 (issue 11)
  'person.list': null,
  'person.create': () => change(['people']),
  'person.update': () => change(['people']),
  'review.policy.get': null,
  'review.policy.set': () => change(['review']),
  'review.get': null,
  // A step moves the article's stage (running order, desk) and may freeze its text as a revision.
  'review.submit': (input, _review, look) => ofArticle(['review', 'articles', 'revisions'], input.articleId, look),
  'review.pass': (input, _review, look) => ofArticle(['review', 'articles', 'revisions'], input.articleId, look),
  'review.return': (input, _review, look) => ofArticle(['review', 'articles', 'revisions'], input.articleId, look),
  'review.log': null,
  'review.redline': null,
  'revision.diff': null,
  'issue.signoff': (input) => change(['issues', 'review'], [input.issueId]),
  'issue.signoff.get': null,
  'desk.get': null,
}

/** What a committed call changed, or null when it changed nothing anyone is shown. */
export function describeChange(method: Method, input: unknown, result: unknown, look: ChangeLookup): Change | null {
  const describe = CHANGES[method] as
    | ((input: unknown, result: unknown, look: ChangeLookup) => Change)
    | null
    | undefined
  if (!describe) return null
  const described = describe(input, result, look)
  return described.topics.length === 0 ? null : described
}

export function dbLookup(db: Db): ChangeLookup {
  const issueOf = db.prepare<[number], { issue_id: number }>('SELECT issue_id FROM articles WHERE id = ?')
  return { issueOfArticle: (id) => issueOf.get(id)?.issue_id ?? null }
}

export type ChangeListener = (event: ChangeEvent) => void

/** The subscribers of one library's changes, and the sequence number of its events. */
export class ChangeFeed {
  private seq = 0
  private readonly listeners = new Set<ChangeListener>()

  constructor(private readonly log: (message: string) => void = console.error) {}

  /** Registers a listener; answers how to unregister it. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  get size(): number {
    return this.listeners.size
  }

  /** Tells every listener; one that throws is logged and never fails the call that was committed. */
  emit(changed: Change, by: PersonRef | null, origin: string | null): ChangeEvent {
    const event: ChangeEvent = {
      seq: ++this.seq,
      topics: [...new Set(changed.topics)],
      issueIds: [...new Set(changed.issueIds)],
      articleIds: [...new Set(changed.articleIds)],
      by,
      origin,
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.log(`change listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      }
    }
    return event
  }
}
