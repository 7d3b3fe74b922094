import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docFromBlocks } from '../src/shared/doc/lexical'
import { ignoreKey } from '../src/shared/proof'
import { tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
beforeEach(() => {
  lib = tempLibrary()
})
afterEach(() => lib.dispose())

const body = (...paragraphs: string[]) =>
  JSON.stringify(docFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))))

function twoArticles() {
  const issue = lib.api.call('issue.create', { title: '开发区建设' })
  const text = '园区依托龙头企业,组建了产业联盟;今年新签项目12个,总投资30亿元。'
  const a = lib.api.call('article.create', { issueId: issue.id, headline: '甲稿', body: body(text) })
  const b = lib.api.call('article.create', { issueId: issue.id, headline: '乙稿', body: body(text) })
  return { issue, a, b }
}

const rulesIn = (issueId: number, articleId: number): string[] =>
  lib.api
    .call('proof.issue', { issueId })
    .articles.find((x) => x.articleId === articleId)
    ?.findings.map((f) => f.rule) ?? []

describe('校对 settings kept in the library', () => {
  it('a rule off for one article leaves it out of that article only; off for the library, out of all', () => {
    const { issue, a, b } = twoArticles()
    expect(rulesIn(issue.id, a.id)).toContain('halfwidth-comma')
    expect(rulesIn(issue.id, b.id)).toContain('halfwidth-comma')

    const settings = lib.api.call('proof.rule', {
      articleId: a.id,
      rule: 'halfwidth-comma',
      on: false,
      scope: 'article',
    })
    expect(settings).toMatchObject({ articleId: a.id, offArticle: ['halfwidth-comma'], offLibrary: [] })
    expect(rulesIn(issue.id, a.id)).not.toContain('halfwidth-comma')
    expect(rulesIn(issue.id, a.id)).toContain('halfwidth-semicolon')
    expect(rulesIn(issue.id, b.id)).toContain('halfwidth-comma')
    expect(lib.api.call('proof.article', { id: a.id }).findings.map((f) => f.rule)).not.toContain('halfwidth-comma')

    lib.api.call('proof.rule', { articleId: b.id, rule: 'halfwidth-semicolon', on: false, scope: 'library' })
    expect(rulesIn(issue.id, a.id)).not.toContain('halfwidth-semicolon')
    expect(rulesIn(issue.id, b.id)).not.toContain('halfwidth-semicolon')
    expect(lib.api.call('proof.settings', { articleId: a.id }).offLibrary).toEqual(['halfwidth-semicolon'])

    // Back on: found again; switching off twice or on twice changes nothing more.
    lib.api.call('proof.rule', { articleId: a.id, rule: 'halfwidth-comma', on: false, scope: 'article' })
    lib.api.call('proof.rule', { articleId: a.id, rule: 'halfwidth-comma', on: true, scope: 'article' })
    lib.api.call('proof.rule', { articleId: a.id, rule: 'halfwidth-comma', on: true, scope: 'article' })
    expect(rulesIn(issue.id, a.id)).toContain('halfwidth-comma')
  })

  it('an ignored finding stays out of the report, by its words, after an edit elsewhere', () => {
    const { issue, a, b } = twoArticles()
    const comma = lib.api.call('proof.article', { id: a.id }).findings.find((f) => f.rule === 'halfwidth-comma')
    expect(comma).toBeTruthy()
    if (!comma) return
    const commas = (articleId: number) => rulesIn(issue.id, articleId).filter((r) => r === 'halfwidth-comma').length
    expect(commas(a.id)).toBe(2)
    lib.api.call('proof.ignore', { articleId: a.id, key: ignoreKey(comma), ignored: true })
    expect(commas(a.id)).toBe(1)
    expect(commas(b.id)).toBe(2)
    // The text changes before and after it: the ignore still recognises the comma.
    const article = lib.api.call('article.get', { id: a.id })
    lib.api.call('article.update', {
      id: a.id,
      baseVersion: article.version,
      patch: { body: body('据悉，园区依托龙头企业,组建了产业联盟;今年新签项目12个,总投资30亿元。另有两个项目在谈。') },
    })
    expect(commas(a.id)).toBe(1) // 12个, is not the ignored one
    lib.api.call('proof.ignore', { articleId: a.id, key: ignoreKey(comma), ignored: false })
    expect(commas(a.id)).toBe(2)
  })

  it('records who switched a rule off, refuses an unknown rule clearly, and goes with a deleted article', async () => {
    const { a } = twoArticles()
    const person = lib.api.call('person.create', { name: '校对员', roles: ['校对'] })
    lib.api.dispatch(
      'proof.rule',
      { articleId: a.id, rule: 'halfwidth-comma', on: false, scope: 'article' },
      { personId: person.id },
    )
    const row = lib.db.prepare('SELECT person_id, person_name FROM proof_rules_off').get()
    expect(row).toEqual({ person_id: person.id, person_name: '校对员' })

    const refused = lib.api.dispatch('proof.rule', {
      articleId: a.id,
      rule: 'no-such-rule',
      on: false,
      scope: 'library',
    })
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.error.message_zh).toContain('没有这条校对规则')
      expect(refused.error.field).toBe('rule')
    }
    lib.api.call('proof.ignore', { articleId: a.id, key: 'halfwidth-comma|企业[,]组建', ignored: true })
    lib.api.call('article.delete', { id: a.id })
    expect((await lib.api.dispatchAsync('trash.empty', {})).ok).toBe(true)
    expect(lib.db.prepare('SELECT count(*) FROM proof_rules_off').pluck().get()).toBe(0)
    expect(lib.db.prepare('SELECT count(*) FROM proof_ignores').pluck().get()).toBe(0)
  })
})
