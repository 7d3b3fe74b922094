/**
 * 数据核对 without hand entry (issue 13 item 6): figures detected in untagged copy count in the
 * consistency check with the metric, period and zone read from their sentences (marked detected);
 * tagged figures keep what was read (their own zone, a relative period read against the issue's year).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SerializedFigureTag } from '../src/shared/api/tagging-types'
import { docFromBlocks, type SerializedNode } from '../src/shared/doc/lexical'
import { tempLibrary, type TempLibrary } from './helpers'

const HUAIREN = 'sx-huairen-etdz'
const TEXT_FIELDS = { detail: 0, format: 0, mode: 'normal', style: '', version: 1 }

/** One paragraph per string: untagged copy. */
const plain = (...paragraphs: string[]): string =>
  JSON.stringify(docFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))))

/** A paragraph with a figure tag in the middle. */
function tagged(before: string, figure: SerializedFigureTag, after: string): string {
  const doc = docFromBlocks([{ type: 'paragraph', text: 'x' }])
  doc.root.children[0]!.children = [
    { ...TEXT_FIELDS, type: 'text', text: before },
    { ...TEXT_FIELDS, ...figure } as SerializedNode,
    { ...TEXT_FIELDS, type: 'text', text: after },
  ]
  return JSON.stringify(doc)
}

let lib: TempLibrary
let issueId: number
let otherIssue: number

beforeEach(() => {
  lib = tempLibrary()
  issueId = lib.api.call('issue.create', {
    title: '开发区建设',
    edition: '专刊',
    number: '2024年第25期',
    publicationDate: '2024-08-20',
  }).id
  otherIssue = lib.api.call('issue.create', { title: '开发区建设', edition: '专刊', number: '2024年第26期' }).id
})
afterEach(() => lib.dispose())

const conflicts = () =>
  lib.api
    .call('figure.consistency', {})
    .map((c) => [c.zoneName, c.metric, c.period, c.figures.map((f) => [f.text, f.detected ?? false])])

describe('figures detected but not tagged', () => {
  it('are compared across issues by the zone, metric and period of their sentences', () => {
    lib.api.call('article.create', {
      issueId,
      body: plain('2023年，怀仁经济技术开发区进出口额达717亿元，同比增长5.7%。'),
    })
    const other = lib.api.call('article.create', {
      issueId: otherIssue,
      body: plain('怀仁经开区2023年实现进出口总额700亿元。全省进出口额2023年达1800亿元。'),
    })
    expect(conflicts()).toEqual([
      [
        '怀仁经济技术开发区',
        '进出口额',
        '2023年',
        [
          ['717亿元', true],
          ['700亿元', true],
        ],
      ],
    ])
    // the same value reported again is no contradiction
    lib.api.call('article.update', {
      id: other.id,
      baseVersion: lib.api.call('article.get', { id: other.id }).version,
      patch: { body: plain('怀仁经开区2023年实现进出口总额717亿元。') },
    })
    expect(conflicts()).toEqual([])
  })

  it('do not count in deleted articles or issues, and count again when restored', () => {
    lib.api.call('article.create', { issueId, body: plain('去年，怀仁经济技术开发区营业收入120亿元。') })
    const other = lib.api.call('article.create', {
      issueId,
      body: plain('2023年，怀仁经济技术开发区实现营收150亿元。'),
    })
    expect(conflicts()).toHaveLength(1)
    expect(conflicts()[0]?.slice(1, 3)).toEqual(['营业收入', '2023年'])
    lib.api.call('article.delete', { id: other.id })
    expect(conflicts()).toEqual([])
    lib.api.call('article.restore', { id: other.id })
    expect(conflicts()).toHaveLength(1)
    lib.api.call('issue.delete', { id: issueId })
    expect(conflicts()).toEqual([])
    const guesses = lib.db.prepare('SELECT COUNT(*) FROM guess_values WHERE n <> 0').pluck().get()
    expect(guesses).toBe(0)
  })

  it('are not guessed where the sentence names no zone or no metric', () => {
    const a = lib.api.call('article.create', {
      issueId,
      body: plain('2023年，全省进出口额达717亿元。怀仁经济技术开发区2023年完成销售额30亿元。'),
    })
    expect(lib.db.prepare('SELECT COUNT(*) FROM figure_guesses WHERE article_id = ?').pluck().get(a.id)).toBe(0)
  })

  it('count beside tagged figures, each marked; a tagged figure is not guessed again', () => {
    const figure: SerializedFigureTag = {
      type: 'figure-tag',
      text: '717亿元',
      value: 71_700_000_000,
      unit: '元',
      qualifier: null,
      metric: '进出口额',
      period: '去年',
      zone: '怀仁经济技术开发区',
    }
    const first = lib.api.call('article.create', { issueId, body: tagged('对外贸易方面，', figure, '。') })
    // the tag's own zone (no zone tag in the article) and its period read against the issue (2024)
    expect(
      lib.db.prepare("SELECT zone_id, metric, period FROM tags WHERE article_id = ? AND kind = 'figure'").get(first.id),
    ).toEqual({ zone_id: HUAIREN, metric: '进出口额', period: '2023年' })
    expect(lib.db.prepare('SELECT COUNT(*) FROM figure_guesses WHERE article_id = ?').pluck().get(first.id)).toBe(0)
    lib.api.call('article.create', {
      issueId: otherIssue,
      body: plain('2023年，怀仁经济技术开发区进出口额达到710亿元。'),
    })
    expect(conflicts()).toEqual([
      [
        '怀仁经济技术开发区',
        '进出口额',
        '2023年',
        [
          ['717亿元', false],
          ['710亿元', true],
        ],
      ],
    ])
  })
})
