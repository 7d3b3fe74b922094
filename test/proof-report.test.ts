import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HEADLINE_FIELDS, type ProofField } from '../src/shared/api/proof-types'
import { docFromBlocks } from '../src/shared/doc/lexical'
import { CATEGORIES, DEFAULT_RATE_WEIGHTS, errorRate, proofText, zoneMentions } from '../src/shared/proof'
import { detectZones, loadGazetteer } from '../src/shared/tagging'
import { countChars } from '../src/shared/text/count'
import type { ServiceContext } from '../src/main/services/context'
import { proofIssue } from '../src/main/services/proof'
import { dump, tempLibrary, type TempLibrary } from './helpers'

let lib: TempLibrary
beforeEach(() => {
  lib = tempLibrary()
})
afterEach(() => lib.dispose())

const body = (...paragraphs: string[]) =>
  JSON.stringify(docFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))))

const FIELDS: [ProofField, 'kicker' | 'headline' | 'subtitle' | 'dateline' | 'bodyText' | 'byline'][] = [
  ['kicker', 'kicker'],
  ['headline', 'headline'],
  ['subtitle', 'subtitle'],
  ['dateline', 'dateline'],
  ['body', 'bodyText'],
  ['byline', 'byline'],
]

describe('proof.issue', () => {
  it('the sample issue: its rate is errorRate over the same texts, proofed here on their own', () => {
    const { issue, articles } = lib.api.call('sample.open', {})
    const before = dump(lib.db)
    const report = lib.api.call('proof.issue', { issueId: issue.id })
    expect(dump(lib.db)).toBe(before)

    // The documented reading: each article's fields in order, joined by line breaks, proofed as one
    // text with the registry's zones; a finding is in a headline when it starts in kicker, headline or subtitle.
    const gazetteer = loadGazetteer(lib.api.call('zone.gazetteer', {}))
    const zones = (t: string) => zoneMentions(detectZones(t, gazetteer))
    const expected: {
      chars: number
      findings: { rule: string; category: never; text: string; fix: string | null; inHeadline: boolean }[]
    } = {
      chars: 0,
      findings: [],
    }
    const masthead = [`${issue.title} ${issue.edition}`.trim(), ...issue.slogan.split('\n')]
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n')
    expected.chars += countChars(masthead).chars
    for (const f of proofText(masthead, { zones }))
      expected.findings.push({ ...f, category: f.category as never, inHeadline: true })
    for (const stored of articles) {
      const article = lib.api.call('article.get', { id: stored.id })
      const parts = FIELDS.map(([field, key]) => [field, article[key]] as const).filter(([, t]) => t !== '')
      const text = parts.map(([, t]) => t).join('\n')
      expected.chars += parts.reduce((n, [, t]) => n + countChars(t).chars, 0)
      let at = 0
      const ranges = parts.map(([field, t]) => {
        const range = { field, start: at, end: at + t.length }
        at += t.length + 1
        return range
      })
      for (const f of proofText(text, { zones })) {
        const field = ranges.findLast((r) => r.start <= f.start)!.field
        expected.findings.push({ ...f, category: f.category as never, inHeadline: HEADLINE_FIELDS.has(field) })
      }
    }
    const rate = errorRate(expected)
    expect(report.rate).toEqual({
      chars: rate.chars,
      errors: rate.errors,
      per10k: rate.per10k,
      threshold: 3,
      pass: rate.pass,
    })
    expect(report.byCategory).toEqual(rate.byCategory)
    // the seed came from print with half-width punctuation: it is flagged, and the issue fails the line
    expect(report.byCategory['标点'].findings).toBeGreaterThan(200)
    expect(report.rate.pass).toBe(report.rate.per10k <= 3)
    expect(report.rate.chars).toBeGreaterThan(4000)

    // every finding points into its field's text; per-category totals are the articles' findings
    for (const a of report.articles) {
      const article = lib.api.call('article.get', { id: a.articleId })
      for (const f of a.findings) {
        const key = FIELDS.find(([field]) => field === f.field)![1]
        expect(article[key].slice(f.start, f.end)).toBe(f.text)
        expect(article[key].slice(f.start - f.before.length, f.start)).toBe(f.before)
        expect(article[key].slice(f.end, f.end + f.after.length)).toBe(f.after)
        expect(`${f.before}${f.after}`).not.toContain('\n')
        expect(f.inHeadline).toBe(HEADLINE_FIELDS.has(f.field))
      }
      expect(a.headline).toBe(article.headline)
    }
    for (const c of CATEGORIES) {
      expect(report.byCategory[c].findings).toBe(
        report.masthead.findings.filter((f) => f.category === c).length +
          report.articles.reduce((n, a) => n + a.byCategory[c].findings, 0),
      )
    }
    expect(report.articles.map((a) => a.articleId)).toEqual(articles.map((a) => a.id))
  })

  it('counts a headline error double, a repeated error at most 3 times, and skips deleted articles', () => {
    const issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
    const create = (fields: { headline?: string; kicker?: string; body?: string }) =>
      lib.api.call('article.create', { issueId, ...fields }).id
    // 10,000 characters of clean text carry the errors, so errors = per10k
    const clean = '开发区建设稳步推进企业投资持续增长'
    const filler = clean.repeat(Math.ceil(10_000 / clean.length)).slice(0, 10_000 - '开发区建设'.length)
    const a = create({ headline: '山西:开放', body: body(`${filler}。`) })
    create({ body: body('项目建设,产业升级,企业投产,园区扩容,招商引资。') })
    const deleted = create({ headline: '已删除:稿件', body: body('删,除,删,除。') })
    lib.api.call('article.delete', { id: deleted })

    const report = lib.api.call('proof.issue', { issueId })
    expect(report.articles).toHaveLength(2)
    const [first, second] = report.articles
    expect(first!.findings.map((f) => [f.field, f.rule, f.text, f.inHeadline])).toEqual([
      ['headline', 'halfwidth-colon', ':', true],
    ])
    expect(first!.errors).toBe(0.2) // a punctuation error (0.1) in a headline: double
    expect(second!.findings.filter((f) => f.rule === 'halfwidth-comma')).toHaveLength(4)
    expect(second!.errors).toBe(0.3) // the same error four times counts three times
    expect(first!.articleId).toBe(a)
    expect(report.byCategory['标点']).toEqual({ findings: 5, errors: 0.5 })
    const chars = report.masthead.chars + first!.chars + second!.chars
    expect(report.rate).toEqual({
      chars,
      errors: 0.5,
      per10k: Math.round((0.5 / chars) * 10_000 * 1000) / 1000,
      threshold: 3,
      pass: true,
    })
  })

  it('takes the weights as data: a house that counts punctuation as a whole error fails the issue', () => {
    const issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
    lib.api.call('article.create', { issueId, headline: '项目落地', body: body('项目建设,产业升级。') })
    const strict = { ...DEFAULT_RATE_WEIGHTS, perFinding: { ...DEFAULT_RATE_WEIGHTS.perFinding, 标点: 1 } }
    const report = lib.db.transaction(() => proofIssue(ctxOf(lib), issueId, strict))()
    expect(report.rate.errors).toBe(1)
    expect(report.weights.perFinding['标点']).toBe(1)
    expect(lib.api.call('proof.issue', { issueId }).rate.errors).toBe(0.1)
  })

  it('proofs the masthead as a headline, and an empty issue is a rate of 0 that passes', () => {
    const empty = lib.api.call('issue.create', { title: '开发区建设', edition: '专刊' }).id
    expect(lib.api.call('proof.issue', { issueId: empty })).toMatchObject({
      articles: [],
      masthead: { chars: 7, findings: [] },
      rate: { errors: 0, per10k: 0, pass: true },
    })
    const issueId = lib.api.call('issue.create', { title: '开发区建设', slogan: '开放,创新' }).id
    const report = lib.api.call('proof.issue', { issueId })
    expect(report.masthead.findings.map((f) => [f.field, f.text, f.inHeadline])).toEqual([['masthead', ',', true]])
    expect(report.masthead.errors).toBe(0.2)
  })

  it('refuses an unknown or deleted issue and article with not_found', () => {
    const issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
    lib.api.call('issue.delete', { id: issueId })
    for (const [method, input] of [
      ['proof.issue', { issueId: 987654 }],
      ['proof.issue', { issueId }],
      ['proof.article', { id: 987654 }],
    ] as const) {
      expect(lib.api.dispatch(method, input)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    }
  })
})

describe('proof.article', () => {
  it('is the article’s row of the issue report', () => {
    const { issue, articles } = lib.api.call('sample.open', {})
    const report = lib.api.call('proof.issue', { issueId: issue.id })
    for (const a of articles) {
      expect(lib.api.call('proof.article', { id: a.id })).toEqual(report.articles.find((r) => r.articleId === a.id))
    }
  })
})

function ctxOf(library: TempLibrary): ServiceContext {
  return {
    db: library.db,
    now: () => new Date(library.clock.now),
    revisionIntervalMs: 0,
    resourcesDir: library.resourcesDir,
    backupsDir: null,
    backupFailure: null,
  }
}
