/**
 * Views at library scale (issue 9, item 3): the live tag counts kept by triggers (migration 8)
 * always equal a count over the tags, whatever the write; figure.list pages with a total; a
 * zone's detail and the consistency groups are bounded but still show every value.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONFLICT_FIGURES_LIMIT, FIGURE_PAGE, ZONE_DETAIL_LIMIT, type FigureRow } from '../src/shared/api/tagging-types'
import { docFromBlocks, type SerializedNode } from '../src/shared/doc/lexical'
import { runFolio, tempLibrary, type TempLibrary } from './helpers'

const HUAIREN = 'sx-huairen-etdz'
const TAIGU = 'sx-taigu-etdz'
const TEXT = { detail: 0, format: 0, mode: 'normal', style: '', version: 1 }

const zoneTag = (zoneId: string, text: string): SerializedNode => ({
  ...TEXT,
  type: 'zone-tag',
  text,
  zoneId,
  zoneName: '',
})
const figureTag = (text: string, value: number, unit: string, metric = '', period = ''): SerializedNode => ({
  ...TEXT,
  type: 'figure-tag',
  text,
  value,
  unit,
  qualifier: null,
  metric,
  period,
})

/** One paragraph per entry, each made of the given pieces. */
function body(...paragraphs: (string | SerializedNode)[][]): string {
  const doc = docFromBlocks(paragraphs.map(() => ({ type: 'paragraph', text: 'x' })))
  doc.root.children.forEach((node, i) => {
    node.children = (paragraphs[i] ?? []).map((p) => (typeof p === 'string' ? { ...TEXT, type: 'text', text: p } : p))
  })
  return JSON.stringify(doc)
}

let lib: TempLibrary
let issueId: number
beforeEach(() => {
  lib = tempLibrary()
  issueId = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第25期' }).id
})
afterEach(() => lib.dispose())

/** tag_counts without its zero rows, and the same counts computed from the tags. */
function counts(): { kept: unknown[]; counted: unknown[] } {
  const kept = lib.db
    .prepare('SELECT * FROM tag_counts WHERE tags <> 0 OR articles <> 0 ORDER BY kind, zone_id, unit')
    .all()
  const counted = lib.db
    .prepare(
      `SELECT t.kind, COALESCE(t.zone_id, '') AS zone_id,
              CASE WHEN t.kind = 'figure' THEN COALESCE(t.unit, '') ELSE '' END AS unit,
              COUNT(*) AS tags, CASE WHEN t.kind = 'zone' THEN COUNT(DISTINCT t.article_id) ELSE 0 END AS articles
       FROM tags t JOIN articles a ON a.id = t.article_id AND a.deleted_at IS NULL
       JOIN issues i ON i.id = a.issue_id AND i.deleted_at IS NULL
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all()
  return { kept, counted }
}

/** figure_values without its zero rows, and the same counts computed from the tags. */
function values(): { kept: unknown[]; counted: unknown[] } {
  const kept = lib.db.prepare('SELECT * FROM figure_values WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5').all()
  const counted = lib.db
    .prepare(
      `SELECT t.zone_id, t.metric, COALESCE(t.period, '') AS period, COALESCE(t.unit, '') AS unit, t.value, COUNT(*) AS n
       FROM tags t JOIN articles a ON a.id = t.article_id AND a.deleted_at IS NULL
       JOIN issues i ON i.id = a.issue_id AND i.deleted_at IS NULL
       WHERE t.kind = 'figure' AND t.zone_id IS NOT NULL AND COALESCE(t.metric, '') <> ''
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    )
    .all()
  return { kept, counted }
}

function expectCountsTrue(): void {
  const { kept, counted } = counts()
  expect(kept).toEqual(counted)
  const figures = values()
  expect(figures.kept).toEqual(figures.counted)
}

const trade = (value: number, text: string, zone = HUAIREN) =>
  body([
    zoneTag(zone, '怀仁经开区'),
    '进出口额',
    figureTag(text, value, '元', '进出口额', '2023年'),
    zoneTag(zone, '怀仁经开区'),
  ])

describe('live tag counts', () => {
  it('follow every write: add, edit, trash, restore, move between zones, erase', async () => {
    const a = lib.api.call('article.create', { issueId, body: trade(71_700_000_000, '717亿元') })
    const b = lib.api.call('article.create', {
      issueId,
      body: body([zoneTag(TAIGU, '太谷经开区'), figureTag('12家', 12, '家'), figureTag('3%', 3, '%')]),
    })
    expectCountsTrue()
    const zone = () => lib.api.call('zone.list', {}).find((z) => z.id === HUAIREN)
    expect(zone()).toMatchObject({ mentionCount: 2, articleCount: 1 })

    lib.api.call('article.update', {
      id: b.id,
      baseVersion: b.version,
      patch: { body: body([zoneTag(HUAIREN, '怀仁经开区'), figureTag('12家', 12, '家')]) },
    })
    expectCountsTrue()
    expect(zone()).toMatchObject({ mentionCount: 3, articleCount: 2 })

    lib.api.call('article.delete', { id: a.id })
    expectCountsTrue()
    expect(zone()).toMatchObject({ mentionCount: 1, articleCount: 1 })
    lib.api.call('article.restore', { id: a.id })
    expectCountsTrue()

    const second = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第26期' }).id
    const c = lib.api.call('article.create', { issueId: second, body: trade(7_170_000_000, '71.7亿元') })
    lib.api.call('issue.delete', { id: second })
    expectCountsTrue()
    lib.api.call('issue.restore', { id: second })
    expectCountsTrue()
    expect(zone()).toMatchObject({ mentionCount: 5, articleCount: 3 })

    // a merge moves tags to another zone row by row; the source's counts go with them
    lib.api.call('zone.merge', { sourceId: HUAIREN, targetId: TAIGU })
    expectCountsTrue()
    expect(lib.api.call('zone.get', { id: TAIGU })).toMatchObject({ mentionCount: 5, articleCount: 3 })

    // erased for good: an article in the trash, then a whole issue in the trash
    lib.api.call('article.delete', { id: c.id })
    lib.api.call('issue.delete', { id: issueId })
    expect((await lib.api.dispatchAsync('trash.empty', {})).ok).toBe(true)
    expectCountsTrue()
    expect(counts().kept).toEqual([])
    expect(values().kept).toEqual([])
  })

  it('count a live issue erased directly once, not twice', () => {
    lib.api.call('article.create', { issueId, body: trade(71_700_000_000, '717亿元') })
    const other = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第26期' }).id
    lib.api.call('article.create', { issueId: other, body: trade(71_700_000_000, '717亿元') })
    lib.db.prepare('DELETE FROM issues WHERE id = ?').run(issueId)
    expectCountsTrue()
    expect(lib.api.call('zone.get', { id: HUAIREN })).toMatchObject({ mentionCount: 2, articleCount: 1 })
  })
})

describe('figure.list pages', () => {
  beforeEach(() => {
    for (let k = 0; k < 3; k++) {
      const figures = Array.from({ length: 100 }, (_, n) => figureTag(`${k * 100 + n}家`, k * 100 + n, '家'))
      lib.api.call('article.create', {
        issueId,
        headline: `第${k}篇`,
        body: body([zoneTag(HUAIREN, '怀仁'), ...figures]),
      })
    }
    lib.api.call('article.create', { issueId, body: body([figureTag('5%', 5, '%')]) })
  })

  it('answers a page in reading order and the total; the pages together are every figure', () => {
    const first = lib.api.call('figure.list', {})
    expect(first.total).toBe(301)
    expect(first.rows).toHaveLength(FIGURE_PAGE)
    const all: FigureRow[] = []
    for (let offset = 0; offset < first.total; offset += 70) {
      all.push(...lib.api.call('figure.list', { offset, limit: 70 }).rows)
    }
    expect(all.map((f) => f.text)).toEqual([...Array.from({ length: 300 }, (_, n) => `${n}家`), '5%'])
    expect(lib.api.call('figure.list', { offset: 301 })).toMatchObject({ rows: [], total: 301 })
  })

  it('totals each filter and their combinations', () => {
    expect(lib.api.call('figure.list', { unit: '家', limit: 1 }).total).toBe(300)
    expect(lib.api.call('figure.list', { zoneId: HUAIREN, limit: 1 }).total).toBe(300)
    expect(lib.api.call('figure.list', { zoneId: HUAIREN, unit: '%' })).toMatchObject({ rows: [], total: 0 })
    expect(lib.api.call('figure.list', { issueId, unit: '%' })).toMatchObject({ rows: [{ text: '5%' }], total: 1 })
    expect(lib.api.call('figure.list', { issueId, offset: 299, limit: 5 }).rows.map((f) => f.text)).toEqual([
      '299家',
      '5%',
    ])
  })

  it('is a CLI command: figure list, a page at a time', async () => {
    const { code, out } = await runFolio(lib.path, 'figure', 'list', '--offset', '299', '--limit', '5', '--json')
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({ total: 301, rows: [{ text: '299家' }, { text: '5%' }] })
    const bad = await runFolio(lib.path, 'figure', 'list', '--offset', '-1')
    expect(bad.code).not.toBe(0)
    expect(bad.err).toMatch(/--offset/)
  })

  it('refuses a page too long', () => {
    const answer = lib.api.dispatch('figure.list', { limit: 5000 })
    expect(answer.ok).toBe(false)
  })

  it('a zone lists its first mentions and figures and says how many in all', () => {
    const many = Array.from({ length: ZONE_DETAIL_LIMIT + 20 }, () => zoneTag(TAIGU, '太谷经开区'))
    lib.api.call('article.create', { issueId, body: body(many) })
    const taigu = lib.api.call('zone.get', { id: TAIGU })
    expect(taigu.mentions).toHaveLength(ZONE_DETAIL_LIMIT)
    expect(taigu).toMatchObject({ mentionCount: ZONE_DETAIL_LIMIT + 20, articleCount: 1, figureCount: 0 })
    const huairen = lib.api.call('zone.get', { id: HUAIREN })
    expect(huairen.figures).toHaveLength(ZONE_DETAIL_LIMIT)
    expect(huairen.figureCount).toBe(300)
  })
})

describe('figure.consistency at scale', () => {
  it('keeps every value of a large group, and says how many figures the group has', () => {
    const same = Array.from({ length: CONFLICT_FIGURES_LIMIT + 30 }, () =>
      figureTag('717亿元', 71_700_000_000, '元', '进出口额', '2023年'),
    )
    lib.api.call('article.create', { issueId, body: body([zoneTag(HUAIREN, '怀仁经开区'), ...same]) })
    lib.api.call('article.create', {
      issueId,
      body: body([zoneTag(HUAIREN, '怀仁经开区'), figureTag('71.7亿元', 7_170_000_000, '元', '进出口额', '2023年')]),
    })
    const [conflict, ...rest] = lib.api.call('figure.consistency', {})
    expect(rest).toEqual([])
    expect(conflict?.figureCount).toBe(CONFLICT_FIGURES_LIMIT + 31)
    // some of each value, the rare one included, in reading order
    expect(conflict?.figures.length).toBeLessThanOrEqual(CONFLICT_FIGURES_LIMIT)
    expect(conflict?.figures.filter((f) => f.text === '717亿元').length).toBeGreaterThan(1)
    expect(conflict?.figures.at(-1)?.text).toBe('71.7亿元')
  })

  it('a value typed two ways (717亿 and 71,700,000,000) is one value, not a conflict', () => {
    lib.api.call('article.create', {
      issueId,
      body: body([
        zoneTag(HUAIREN, '怀仁经开区'),
        figureTag('717亿元', 71_700_000_000, '元', '进出口额', '2023年'),
        figureTag('717亿元', 71_700_000_000 * (1 + 2 ** -50), '元', '进出口额', '2023年'),
      ]),
    })
    expect(lib.api.call('figure.consistency', {})).toEqual([])
  })
})
