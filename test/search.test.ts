import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openFolio } from '../src/main/library'
import { openLibrary } from '../src/main/store/db'
import { SEARCH_TUNING } from '../src/main/services/search'
import { docFromBlocks } from '../src/shared/doc/lexical'
import { tempLibrary, runFolio, type TempLibrary } from './helpers'

let lib: TempLibrary
let sample: { issueId: number; ids: number[] }

beforeEach(() => {
  lib = tempLibrary()
  const opened = lib.api.call('sample.open', {})
  sample = { issueId: opened.issue.id, ids: opened.articles.map((a) => a.id) }
})
afterEach(() => lib.dispose())

const search = (query: string, extra: { issueId?: number; limit?: number } = {}) =>
  lib.api.call('search.articles', { query, ...extra })

describe('search across articles', () => {
  it('finds a Chinese substring anywhere in the body, with the words in context', () => {
    const hits = search('锂离子电池')
    expect(hits.map((h) => h.headline)).toEqual(['年产1GWh锂离子电池项目落地'])
    // A headline match comes with the headline as the field.
    expect(hits[0]).toMatchObject({ field: 'headline', issueNumber: '2024年第25期', issueId: sample.issueId })
    expect(hits[0]?.count).toBeGreaterThanOrEqual(3)
    const body = search('装饰一体化园区')
    expect(body).toHaveLength(1)
    expect(body[0]?.field).toBe('body')
    expect(body[0]?.snippet.match).toBe('装饰一体化园区')
    expect(body[0]?.snippet.before.length).toBeGreaterThan(0)
  })

  it('searches photo captions as body text', () => {
    // The sample's photo caption is the only place this phrase occurs.
    const hits = search('建筑节能玻璃智造中心')
    expect(hits).toHaveLength(1)
    expect(hits[0]?.headline).toBe('向“新”而行 以“质”致远')
  })

  it('matches one- and two-character queries too, and every title part', () => {
    expect(search('农高').length).toBeGreaterThanOrEqual(1)
    const withJin = sample.ids.filter((id) => {
      const a = lib.api.call('article.get', { id })
      return [a.headline, a.kicker, a.subtitle, a.dateline, a.byline, a.bodyText].join('\n').includes('晋')
    })
    expect(
      search('晋')
        .map((h) => h.articleId)
        .sort(),
    ).toEqual(withJin.sort())
    expect(search('袁兆辉')[0]).toMatchObject({ field: 'byline', headline: '年产1GWh锂离子电池项目落地' })
  })

  it('follows edits, deletion and restore at once', () => {
    const [first] = sample.ids
    if (first === undefined) throw new Error('no article')
    expect(search('月球基地示范区')).toEqual([])
    const article = lib.api.call('article.get', { id: first })
    lib.api.call('article.update', {
      id: first,
      baseVersion: article.version,
      patch: { body: JSON.stringify(docFromBlocks([{ type: 'paragraph', text: '规划建设月球基地示范区。' }])) },
    })
    expect(search('月球基地示范区').map((h) => h.articleId)).toEqual([first])
    expect(search('装饰一体化园区')).toEqual([])
    lib.api.call('article.delete', { id: first })
    expect(search('月球基地示范区')).toEqual([])
    lib.api.call('article.restore', { id: first })
    expect(search('月球基地示范区')).toHaveLength(1)
  })

  it('narrows to one issue, puts title matches first, then the newest issue, and limits', () => {
    const other = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第26期' })
    lib.api.call('article.create', {
      issueId: other.id,
      headline: '园区新闻',
      body: JSON.stringify(
        docFromBlocks([{ type: 'paragraph', text: '应县经济技术开发区又有新项目,鑫程新材料追加投资。' }]),
      ),
    })
    // The sample has the zone as a kicker, the new issue only in the body.
    expect(search('应县经济技术开发区').map((h) => [h.issueNumber, h.field])).toEqual([
      ['2024年第25期', 'kicker'],
      ['2024年第26期', 'body'],
    ])
    expect(search('鑫程新材料').map((h) => h.issueNumber)).toEqual(['2024年第26期', '2024年第25期'])
    expect(search('鑫程新材料', { issueId: sample.issueId }).map((h) => h.issueNumber)).toEqual(['2024年第25期'])
    const fields = search('开发区').map((h) => h.field)
    expect(fields.indexOf('body')).toBeGreaterThan(fields.lastIndexOf('headline'))
    expect(search('开发区', { limit: 2 })).toHaveLength(2)
  })

  it('finds one and two characters through the indexes exactly where LIKE finds them', () => {
    // Field ends, one- and two-character fields, a line break inside the body, ASCII case.
    const edge = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第27期' })
    lib.api.call('article.create', {
      issueId: edge.id,
      headline: '园区',
      kicker: '晋',
      subtitle: '年产1GWh',
      byline: '记者 王波',
      body: JSON.stringify(
        docFromBlocks([
          { type: 'paragraph', text: '园区建设提速\n鲸' },
          { type: 'paragraph', text: '末尾是鱼' },
        ]),
      ),
    })
    const texts = lib.db
      .prepare(
        `SELECT a.id, a.headline || char(0) || a.kicker || char(0) || a.subtitle || char(0) || a.dateline
                || char(0) || a.byline || char(0) || a.body_text AS text
         FROM articles a JOIN issues i ON i.id = a.issue_id WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL`,
      )
      .all() as { id: number; text: string }[]
    const queries = new Set<string>([
      'gwh',
      'GW',
      'h',
      'W',
      '鱼',
      '是鱼',
      '鲸',
      '提速',
      '速',
      '波',
      '王波',
      '区',
      '园区',
    ])
    for (const { text } of texts) {
      const chars = [...text]
      chars.forEach((c, i) => {
        if (i % 7 === 0) queries.add(c)
        if (i % 5 === 0 && i + 1 < chars.length) queries.add(c + chars[i + 1])
      })
    }
    for (const query of queries) {
      const q = query.trim()
      if (q === '' || q.includes('\u0000')) continue
      const folded = q.toLowerCase()
      const expected = texts
        .filter(({ text }) => text.split('\u0000').some((field) => field.toLowerCase().includes(folded)))
        .map(({ id }) => id)
        .sort((a, b) => a - b)
      const found = search(q, { limit: 500 })
        .map((h) => h.articleId)
        .sort((a, b) => a - b)
      expect(found, q).toEqual(expected)
    }
  })

  it('answers the same when common words are read by walking the articles in order', () => {
    const other = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第26期' })
    for (const headline of ['开发区新闻', '园区', '开发区又一年']) {
      lib.api.call('article.create', {
        issueId: other.id,
        headline,
        kicker: headline === '园区' ? '开发区动态' : '',
        body: JSON.stringify(docFromBlocks([{ type: 'paragraph', text: '开发区建设提速，锂离子电池投产。' }])),
      })
    }
    const queries = ['开发区', '锂离子电池', '经济技术开发区', '建设提速', '没有的词语', 'gwh锂离子', 'GWH', '年产1GWh']
    const plan = (common: number) => {
      SEARCH_TUNING.common = common
      try {
        return queries.flatMap((q) => [search(q), search(q, { limit: 2 }), search(q, { issueId: other.id })])
      } finally {
        SEARCH_TUNING.common = 1000
      }
    }
    const walked = plan(1)
    expect(walked).toEqual(plan(1000))
    expect(walked[0]?.slice(0, 2).map((h) => h.headline)).toEqual(['开发区新闻', '开发区又一年'])
    // Latin letters in any case find the headline's 1GWh (the trigram index and LIKE fold ASCII alike).
    expect(walked[queries.indexOf('GWH') * 3]?.[0]?.field).toBe('headline')
  })

  it('answers one and two characters the same, in the same order, whether the body is walked or looked up', () => {
    const other = lib.api.call('issue.create', { title: '开发区建设', number: '2024年第27期' })
    const articles: [headline: string, kicker: string, text: string][] = [
      ['园区快讯', '', '园区新开工项目。'],
      ['一年', '园区动态', '新开工项目十二个。'],
      ['综述', '', '今年全省园区建设提速，末尾是园区'],
    ]
    for (const [headline, kicker, text] of articles) {
      lib.api.call('article.create', {
        issueId: other.id,
        headline,
        kicker,
        body: JSON.stringify(docFromBlocks([{ type: 'paragraph', text }])),
      })
    }
    const queries = ['园区', '园', '区', '开工', '速', '鲸鱼', 'gw']
    const plan = (common: number) => {
      SEARCH_TUNING.common = common
      try {
        return queries.flatMap((q) => [search(q), search(q, { limit: 2 }), search(q, { issueId: other.id })])
      } finally {
        SEARCH_TUNING.common = 1000
      }
    }
    const walked = plan(1)
    expect(walked).toEqual(plan(1000))
    // Headline matches first, then the other title parts, then the body; newest issue first.
    const ordered = walked[queries.indexOf('园区') * 3 + 2]?.map((h) => [h.headline, h.field])
    expect(ordered).toEqual([
      ['园区快讯', 'headline'],
      ['一年', 'kicker'],
      ['综述', 'body'],
    ])
  })

  it('puts the few headline and title-part matches of a query common in the bodies first, in order, however it is tuned', () => {
    // 园区 in every body, in few headlines (one at a field end), in some kickers and a byline's end;
    // a deleted article's headline holds it too. Each tuning sends the tiers through other paths:
    // looked up in the title indexes (few), walked in running order (many), or all by LIKE (rare).
    const issues = [1, 2, 3].map((n) => lib.api.call('issue.create', { title: '开发区建设', number: `2025年第${n}期` }))
    const titles: [issue: number, headline: string, kicker: string, byline: string][] = [
      [0, '园区快讯', '', ''],
      [0, '一年', '园区动态', ''],
      [0, '综述', '', '记者 王园区'],
      [1, '走进园区', '', ''],
      [1, '区园', 'gw园', ''],
      [2, '园区新闻', '', ''],
      [2, '年终', '开发园区', ''],
      [2, '要闻', '', ''],
    ]
    for (const [issue, headline, kicker, byline] of titles)
      lib.api.call('article.create', {
        issueId: issues[issue]!.id,
        headline,
        kicker,
        byline,
        body: JSON.stringify(docFromBlocks([{ type: 'paragraph', text: `${headline}：园区建设提速，GW级园区。` }])),
      })
    const gone = lib.api.call('article.create', {
      issueId: issues[2]!.id,
      headline: '园区撤稿',
      body: JSON.stringify(docFromBlocks([{ type: 'paragraph', text: '园区。' }])),
    })
    lib.api.call('article.delete', { id: gone.id })
    // What search must answer, worked out here: headline, then other title parts, then body; newest issue first, running order.
    const expected = (query: string, issueId?: number) => {
      const rows = lib.db
        .prepare(
          `SELECT a.id, a.issue_id, a.position, a.headline, a.kicker || char(0) || a.subtitle || char(0) || a.dateline
                  || char(0) || a.byline AS titles, a.body_text FROM articles a JOIN issues i ON i.id = a.issue_id
           WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL`,
        )
        .all() as {
        id: number
        issue_id: number
        position: number
        headline: string
        titles: string
        body_text: string
      }[]
      const q = query.toLowerCase()
      const tier = (r: (typeof rows)[number]) =>
        r.headline.toLowerCase().includes(q)
          ? 0
          : r.titles.toLowerCase().includes(q)
            ? 1
            : r.body_text.toLowerCase().includes(q)
              ? 2
              : 3
      return rows
        .filter((r) => tier(r) < 3 && (issueId === undefined || r.issue_id === issueId))
        .sort((a, b) => tier(a) - tier(b) || b.issue_id - a.issue_id || a.position - b.position || a.id - b.id)
        .map((r) => r.id)
    }
    const queries = ['园区', '园', '区', 'gw', 'G', '快讯', '鲸鱼']
    for (const common of [1, 2, 3, 4, 6, 10, 1000]) {
      SEARCH_TUNING.common = common
      try {
        for (const query of queries) {
          const all = expected(query)
          expect(
            search(query, { limit: 500 }).map((h) => h.articleId),
            `${query} at ${common}`,
          ).toEqual(all)
          for (const limit of [1, 2, 3, 5])
            expect(
              search(query, { limit }).map((h) => h.articleId),
              `${query} ×${limit} at ${common}`,
            ).toEqual(all.slice(0, limit))
          expect(
            search(query, { issueId: issues[1]!.id }).map((h) => h.articleId),
            `${query} in an issue at ${common}`,
          ).toEqual(expected(query, issues[1]!.id))
        }
      } finally {
        SEARCH_TUNING.common = 1000
      }
    }
    // The order spelled out once: the three headlines newest issue first, then the kickers and the byline.
    SEARCH_TUNING.common = 4
    try {
      expect(search('园区', { limit: 6 }).map((h) => [h.headline, h.field])).toEqual([
        ['园区新闻', 'headline'],
        ['走进园区', 'headline'],
        ['园区快讯', 'headline'],
        ['年终', 'kicker'],
        ['一年', 'kicker'],
        ['综述', 'byline'],
      ])
      // The title indexes follow edits: a headline that gains the query moves up, one that loses it moves down.
      const [first] = expected('园区').filter((id) => lib.api.call('article.get', { id }).headline === '要闻')
      const edited = lib.api.call('article.get', { id: first! })
      lib.api.call('article.update', { id: first!, baseVersion: edited.version, patch: { headline: '要闻 园区' } })
      const renamed = search('园区', { limit: 500 }).find((h) => h.field === 'headline' && h.headline === '园区新闻')!
      const before = lib.api.call('article.get', { id: renamed.articleId })
      lib.api.call('article.update', {
        id: renamed.articleId,
        baseVersion: before.version,
        patch: { headline: '新闻' },
      })
      expect(search('园区', { limit: 500 }).map((h) => h.articleId)).toEqual(expected('园区'))
      expect(search('园区', { limit: 1 })[0]?.headline).toBe('要闻 园区')
    } finally {
      SEARCH_TUNING.common = 1000
    }
  })

  it('takes every query literally: quotes, FTS syntax and SQL are just characters', () => {
    for (const query of [
      '"',
      '""',
      'a" OR "b',
      '开发区*',
      'NEAR(开发 区)',
      "'; DROP TABLE articles; --",
      '%',
      '_',
      '\\',
      '   ',
    ])
      expect(() => search(query), query).not.toThrow()
    // The sample writes 42.3%: a literal percent sign, not a LIKE wildcard.
    expect(search('%').every((h) => h.snippet.match === '%')).toBe(true)
    expect(search('_')).toEqual([])
    expect(search("'; DROP TABLE articles; --")).toEqual([])
    expect(search('   ')).toEqual([])
    expect(search('以“质”致远').map((h) => h.headline)).toEqual(['向“新”而行 以“质”致远'])
  })

  it('compiles its statements once per library, not on every search', () => {
    // Each kind of query once: a phrase (trigram tiers), one rare and one common short query.
    const queries = ['装饰一体化园区', '锂离子电池', '鲸', '园区', '开发区']
    const first = queries.map((q) => search(q))
    const prepare = vi.spyOn(lib.db, 'prepare')
    try {
      const again = queries.map((q) => search(q))
      expect(again).toEqual(first)
      expect(prepare).not.toHaveBeenCalled()
    } finally {
      prepare.mockRestore()
    }
  })

  it('refuses an unknown issue with a typed error and an overlong query', () => {
    const unknown = lib.api.dispatch('search.articles', { query: '开发区', issueId: 999 })
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found')
    const long = lib.api.dispatch('search.articles', { query: '开'.repeat(201) })
    expect(long.ok ? null : long.error.code).toBe('too_large')
  })

  it('indexes libraries made before search existed when they are opened', async () => {
    // A library at schema 5 (before search), made by the migrations of then: every later one runs on open.
    const path = `${lib.dir}/old.sqlite`
    const raw = openLibrary(path, { targetVersion: 5, backupsDir: null })
    raw.exec(
      "INSERT INTO issues (id, title, created_at, updated_at) VALUES (1, '开发区建设', '2024-07-01', '2024-07-01')",
    )
    raw
      .prepare(
        `INSERT INTO articles (issue_id, position, headline, body_json, body_text, created_at, updated_at)
         VALUES (1, 0, '年产1GWh锂离子电池项目落地', ?, '', '2024-07-01', '2024-07-01')`,
      )
      .run(JSON.stringify(docFromBlocks([{ type: 'paragraph', text: '项目签约。' }])))
    raw.close()
    const reopened = openFolio(path, { backupsDir: null })
    try {
      expect(reopened.api.call('search.articles', { query: '锂离子电池' })).toHaveLength(1)
    } finally {
      await reopened.api.close()
      reopened.close()
    }
  })

  it('is a CLI command', async () => {
    const { code, out } = await runFolio(lib.path, 'search', '锂离子电池', '--json')
    expect(code).toBe(0)
    expect((JSON.parse(out) as { headline: string }[]).map((h) => h.headline)).toEqual(['年产1GWh锂离子电池项目落地'])
  })
})
