import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFolio } from '../src/main/library'
import { EDITOR_SOURCE } from '../src/main/services/zones'
import type { ErrorCode } from '../src/shared/api/errors'
import type { SerializedFigureTag, SerializedZoneTag } from '../src/shared/api/tagging-types'
import { docFromBlocks, photoNode, type SerializedNode } from '../src/shared/doc/lexical'
import { detectTags, loadGazetteer } from '../src/shared/tagging'
import { dump, tempLibrary, type TempLibrary } from './helpers'

/** Zones in the starter gazetteer every new library is seeded with. */
const STARTER_ZONES = (
  JSON.parse(readFileSync(join(__dirname, '../resources/zones.json'), 'utf8')) as { zones: unknown[] }
).zones.length
const HUAIREN = 'sx-huairen-etdz'
const TAIGU = 'sx-taigu-etdz'
const JINZHONG_AGRI = 'sx-jinzhong-agri'

const TEXT_FIELDS = { detail: 0, format: 0, mode: 'normal', style: '', version: 1 }

const zoneTag = (text: string, zoneId: string, zoneName: string): SerializedZoneTag & SerializedNode => ({
  ...TEXT_FIELDS,
  type: 'zone-tag',
  text,
  zoneId,
  zoneName,
})

const figureTag = (
  text: string,
  value: number,
  unit: string,
  extra: Partial<Pick<SerializedFigureTag, 'qualifier' | 'metric' | 'period'>> = {},
): SerializedFigureTag & SerializedNode => ({
  ...TEXT_FIELDS,
  type: 'figure-tag',
  text,
  value,
  unit,
  qualifier: extra.qualifier ?? null,
  metric: extra.metric ?? '',
  period: extra.period ?? '',
})

type Piece = string | SerializedNode
type Block = Piece[] | { subhead: Piece[] }

/** A body built with docFromBlocks, with tag nodes put into its blocks by hand. */
function body(...blocks: Block[]): string {
  const doc = docFromBlocks(
    blocks.map((block) => (Array.isArray(block) ? { type: 'paragraph', text: 'x' } : { type: 'subhead', text: 'x' })),
  )
  doc.root.children.forEach((node, index) => {
    const block = blocks[index] as Block
    const pieces = Array.isArray(block) ? block : block.subhead
    node.children = pieces.map((piece) =>
      typeof piece === 'string' ? { ...TEXT_FIELDS, type: 'text', text: piece } : piece,
    )
  })
  return JSON.stringify(doc)
}

/** 怀仁经开区 进出口额 2023年 as reported in the seed issue. */
const HUAIREN_TRADE = (value: number, text: string) =>
  body([
    '今年以来，',
    zoneTag('怀仁经开区', HUAIREN, '怀仁经济技术开发区'),
    '2023年实现进出口额',
    figureTag(text, value, '元', { metric: '进出口额', period: '2023年' }),
    '。',
  ])

let lib: TempLibrary
let issueId: number

beforeEach(() => {
  lib = tempLibrary()
  issueId = lib.api.call('issue.create', { title: '开发区建设', edition: '专刊', number: '2024年第25期' }).id
})
afterEach(() => lib.dispose())

function failure(method: string, input: unknown): { code: ErrorCode; field?: string; message_zh: string } {
  const answer = lib.api.dispatch(method, input)
  if (answer.ok) throw new Error(`${method} succeeded where it should fail`)
  expect(answer.error.message_zh).toMatch(/[\u4e00-\u9fff]/)
  return answer.error
}

function tagRows(articleId: number) {
  return lib.db
    .prepare(
      'SELECT kind, ordinal, text, zone_id, value, unit, metric, period FROM tags WHERE article_id = ? ORDER BY ordinal',
    )
    .all(articleId) as {
    kind: string
    ordinal: number
    text: string
    zone_id: string | null
    value: number | null
    unit: string | null
    metric: string | null
    period: string | null
  }[]
}

const zone = (id: string) => lib.api.call('zone.get', { id })
const zoneByName = (name: string) => lib.api.call('zone.list', {}).find((z) => z.name === name)

describe('registry seeding', () => {
  it('fills a new library from resources/zones.json, with every kind of alias', () => {
    const zones = lib.api.call('zone.list', {})
    expect(zones.length).toBe(STARTER_ZONES)
    const huairen = zone(HUAIREN)
    expect(huairen).toMatchObject({
      name: '怀仁经济技术开发区',
      type: '经济技术开发区',
      province: '山西省',
      city: '朔州市',
      aliases: [{ alias: '怀仁经开区', kind: 'short' }],
      mentionCount: 0,
      articleCount: 0,
    })
    expect(huairen.source).toContain('seed')
    expect(zone(JINZHONG_AGRI).aliases.map((a) => a.kind)).toEqual(['short', 'alias', 'alias', 'alias'])
    expect(
      zone('sx-reform')
        .aliases.filter((a) => a.kind === 'context')
        .map((a) => a.alias),
    ).toEqual(['综改区', '综改示范区'])
    // The starter file lists one zone's own name as its alias: an alias never equals a name.
    expect(zone('sh-ftz').aliases.map((a) => a.alias)).not.toContain('中国(上海)自由贸易试验区')
  })

  it('happens once per library: renamed and merged zones stay so after reopening', () => {
    lib.api.call('zone.update', { id: HUAIREN, patch: { name: '山西怀仁经济技术开发区' } })
    lib.api.call('zone.merge', { sourceId: TAIGU, targetId: JINZHONG_AGRI })
    lib.close()
    const again = openFolio(lib.path)
    try {
      const zones = again.api.call('zone.list', {})
      expect(zones.length).toBe(STARTER_ZONES - 1)
      expect(zones.map((z) => z.name)).not.toContain('怀仁经济技术开发区')
      expect(zones.map((z) => z.name)).not.toContain('太谷经济技术开发区')
      expect(again.api.call('zone.get', { id: HUAIREN }).name).toBe('山西怀仁经济技术开发区')
    } finally {
      again.close()
    }
  })

  it('waits for the registry when the resources folder has none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-noresources-'))
    const path = join(dir, 'lib.sqlite')
    const bare = openFolio(path, { resourcesDir: dir })
    expect(bare.api.call('zone.list', {})).toEqual([])
    expect(bare.api.call('zone.gazetteer', {})).toEqual({ zones: [], places: [] })
    bare.close()
    const full = openFolio(path)
    expect(full.api.call('zone.list', {}).length).toBe(STARTER_ZONES)
    full.close()
  })
})

describe('zone methods', () => {
  it('creates a zone with a new stable id, its type read from the name', () => {
    const created = lib.api.call('zone.create', { name: '平遥经开区', province: '山西省', city: '晋中市' })
    expect(created.id).toMatch(/^z-[0-9a-f-]{36}$/)
    expect(created).toMatchObject({
      name: '平遥经开区',
      type: '经济技术开发区',
      level: null,
      source: EDITOR_SOURCE,
      aliases: [],
      mentionCount: 0,
    })
    const second = lib.api.call('zone.create', {
      name: '  祁县经济开发区 ',
      type: '经济开发区',
      level: '省级',
      source: '县志',
    })
    expect(second).toMatchObject({ name: '祁县经济开发区', level: '省级', source: '县志' })
    expect(second.id).not.toBe(created.id)
    expect(zone(created.id).name).toBe('平遥经开区')
  })

  it('refuses a name that is already a zone name or an alias', () => {
    const before = dump(lib.db)
    expect(failure('zone.create', { name: '怀仁经济技术开发区' })).toMatchObject({ code: 'conflict', field: 'name' })
    expect(failure('zone.create', { name: '怀仁经开区' })).toMatchObject({ code: 'conflict', field: 'name' })
    expect(failure('zone.create', { name: '综改区' }).message_zh).toContain('山西转型综合改革示范区')
    expect(dump(lib.db)).toBe(before)
  })

  it('renames, keeping the old name as an alias; a taken name is a conflict', () => {
    const renamed = lib.api.call('zone.update', {
      id: HUAIREN,
      patch: { name: '山西怀仁经济技术开发区', level: '省级', source: '山西省商务厅' },
    })
    expect(renamed).toMatchObject({
      id: HUAIREN,
      name: '山西怀仁经济技术开发区',
      level: '省级',
      source: '山西省商务厅',
    })
    expect(renamed.aliases).toEqual([
      { alias: '怀仁经开区', kind: 'short' },
      { alias: '怀仁经济技术开发区', kind: 'alias' },
    ])
    // its own alias may become its name; the alias then goes
    const back = lib.api.call('zone.update', { id: HUAIREN, patch: { name: '怀仁经济技术开发区' } })
    expect(back.name).toBe('怀仁经济技术开发区')
    expect(back.aliases.map((a) => a.alias)).toEqual(['怀仁经开区', '山西怀仁经济技术开发区'])
    // the same name again changes nothing
    expect(lib.api.call('zone.update', { id: HUAIREN, patch: { name: '怀仁经济技术开发区' } }).aliases).toHaveLength(2)
    // level can be cleared
    expect(lib.api.call('zone.update', { id: HUAIREN, patch: { level: null } }).level).toBeNull()

    const before = dump(lib.db)
    expect(failure('zone.update', { id: HUAIREN, patch: { name: '太谷经济技术开发区' } })).toMatchObject({
      code: 'conflict',
      field: 'patch.name',
    })
    expect(failure('zone.update', { id: HUAIREN, patch: { name: '太谷经开区' } })).toMatchObject({ code: 'conflict' })
    expect(failure('zone.update', { id: 'z-nowhere', patch: { city: '朔州市' } })).toMatchObject({
      code: 'not_found',
      field: 'id',
    })
    expect(failure('zone.get', { id: 'z-nowhere' })).toMatchObject({ code: 'not_found' })
    expect(dump(lib.db)).toBe(before)
  })

  it('merges: aliases and tags move, the source name becomes an alias, the source goes', () => {
    const article = lib.api.call('article.create', {
      issueId,
      body: body([
        '在',
        zoneTag('太谷经开区', TAIGU, '太谷经济技术开发区'),
        '，年产',
        figureTag('10万吨', 100000, '吨'),
      ]),
    })
    const created = lib.api.call('zone.create', { name: '某某工业园区' })
    const merged = lib.api.call('zone.merge', { sourceId: TAIGU, targetId: created.id })
    expect(merged).toMatchObject({ id: created.id, name: '某某工业园区', mentionCount: 1, articleCount: 1 })
    // facts the target lacked come from the source
    expect(merged).toMatchObject({ province: '山西省', city: '晋中市' })
    expect(merged.aliases).toEqual([
      { alias: '太谷经开区', kind: 'short' },
      { alias: '太谷经济技术开发区', kind: 'alias' },
    ])
    expect(tagRows(article.id).map((t) => t.zone_id)).toEqual([created.id, created.id])
    expect(failure('zone.get', { id: TAIGU })).toMatchObject({ code: 'not_found' })
    // saving the article again resolves the stale zoneId in its body by name (now an alias)
    lib.api.call('article.update', {
      id: article.id,
      baseVersion: lib.api.call('article.get', { id: article.id }).version,
      patch: { kicker: '引题' },
      explicit: true,
    })
    lib.api.call('article.update', {
      id: article.id,
      baseVersion: lib.api.call('article.get', { id: article.id }).version,
      patch: { body: lib.api.call('article.get', { id: article.id }).body },
      explicit: true,
    })
    expect(tagRows(article.id).map((t) => t.zone_id)).toEqual([created.id, created.id])
    expect(lib.api.call('zone.list', {}).length).toBe(STARTER_ZONES)

    const before = dump(lib.db)
    expect(failure('zone.merge', { sourceId: HUAIREN, targetId: HUAIREN })).toMatchObject({ code: 'invalid_input' })
    expect(failure('zone.merge', { sourceId: 'z-nowhere', targetId: HUAIREN })).toMatchObject({
      code: 'not_found',
      field: 'sourceId',
    })
    expect(failure('zone.merge', { sourceId: HUAIREN, targetId: 'z-nowhere' })).toMatchObject({
      code: 'not_found',
      field: 'targetId',
    })
    expect(dump(lib.db)).toBe(before)
  })

  it('adds and removes aliases; an alias belongs to one zone and is never a zone name', () => {
    const added = lib.api.call('zone.alias.add', { id: HUAIREN, alias: '怀仁开发区' })
    expect(added.aliases).toContainEqual({ alias: '怀仁开发区', kind: 'alias' })
    // adding it again is harmless
    expect(lib.api.call('zone.alias.add', { id: HUAIREN, alias: '怀仁开发区' }).aliases).toHaveLength(2)

    const before = dump(lib.db)
    expect(failure('zone.alias.add', { id: TAIGU, alias: '怀仁开发区' })).toMatchObject({
      code: 'conflict',
      field: 'alias',
    })
    expect(failure('zone.alias.add', { id: TAIGU, alias: '怀仁经济技术开发区' })).toMatchObject({ code: 'conflict' })
    expect(failure('zone.alias.add', { id: HUAIREN, alias: '怀仁经济技术开发区' })).toMatchObject({ code: 'conflict' })
    expect(failure('zone.alias.add', { id: 'z-nowhere', alias: '某地开发区' })).toMatchObject({ code: 'not_found' })
    expect(failure('zone.alias.remove', { alias: '某地开发区' })).toMatchObject({ code: 'not_found', field: 'alias' })
    expect(dump(lib.db)).toBe(before)

    expect(lib.api.call('zone.alias.remove', { alias: '怀仁开发区' })).toEqual({ alias: '怀仁开发区' })
    expect(zone(HUAIREN).aliases).toEqual([{ alias: '怀仁经开区', kind: 'short' }])
    // a removed alias is free for another zone
    expect(lib.api.call('zone.alias.add', { id: TAIGU, alias: '怀仁开发区' }).aliases).toContainEqual({
      alias: '怀仁开发区',
      kind: 'alias',
    })
  })

  it('answers the registry as detector data the shared detector loads', () => {
    lib.api.call('zone.update', { id: HUAIREN, patch: { name: '山西怀仁经济技术开发区' } })
    const created = lib.api.call('zone.create', { name: '山阴经济开发区' })
    lib.api.call('zone.alias.add', { id: created.id, alias: '山阴园区' })
    const data = lib.api.call('zone.gazetteer', {})
    expect(data.zones).toHaveLength(STARTER_ZONES + 1)
    expect(data.places?.length).toBeGreaterThan(5)
    expect(data.zones.find((z) => z.id === 'sx-reform')).toMatchObject({
      short: expect.arrayContaining(['山西综改区']) as unknown,
      contextAliases: ['综改区', '综改示范区'],
    })
    expect(data.zones.find((z) => z.id === created.id)).toMatchObject({
      type: '经济开发区',
      source: EDITOR_SOURCE,
      aliases: ['山阴园区'],
    })
    const gazetteer = loadGazetteer(data)
    const tags = detectTags('怀仁经济技术开发区和山阴园区签约，怀仁经开区进出口额717亿元。', gazetteer)
    const zones = tags.flatMap((t) => (t.kind === 'zone' ? [[t.text, t.zone.id, t.zone.name]] : []))
    expect(zones).toEqual([
      ['怀仁经济技术开发区', HUAIREN, '山西怀仁经济技术开发区'],
      ['山阴园区', created.id, '山阴经济开发区'],
      ['怀仁经开区', HUAIREN, '山西怀仁经济技术开发区'],
    ])
  })
})

describe('the tag index', () => {
  it('is rebuilt from the body on create and on every save, in reading order', () => {
    const article = lib.api.call('article.create', { issueId, body: HUAIREN_TRADE(71_700_000_000, '717亿元') })
    expect(tagRows(article.id)).toEqual([
      {
        kind: 'zone',
        ordinal: 0,
        text: '怀仁经开区',
        zone_id: HUAIREN,
        value: null,
        unit: null,
        metric: null,
        period: null,
      },
      {
        kind: 'figure',
        ordinal: 1,
        text: '717亿元',
        zone_id: HUAIREN,
        value: 71_700_000_000,
        unit: '元',
        metric: '进出口额',
        period: '2023年',
      },
    ])
    lib.api.call('article.update', {
      id: article.id,
      baseVersion: lib.api.call('article.get', { id: article.id }).version,
      patch: {
        body: body(
          [figureTag('42.3%', 42.3, '%', { qualifier: '约' })],
          ['位于', zoneTag('太谷经济技术开发区', TAIGU, '太谷经济技术开发区')],
        ),
      },
    })
    expect(tagRows(article.id).map((t) => [t.kind, t.ordinal, t.text])).toEqual([
      ['figure', 0, '42.3%'],
      ['zone', 1, '太谷经济技术开发区'],
    ])
    expect(lib.api.call('figure.list', {}).rows[0]).toMatchObject({ qualifier: '约', metric: '', period: '' })
    // a body without tags leaves no rows; other fields alone do not touch the index
    lib.api.call('article.update', {
      id: article.id,
      baseVersion: lib.api.call('article.get', { id: article.id }).version,
      patch: { body: body(['没有标注。']) },
    })
    expect(tagRows(article.id)).toEqual([])
  })

  it('follows revision restores and import', () => {
    const article = lib.api.call('article.create', { issueId })
    lib.api.call('article.update', {
      id: article.id,
      baseVersion: lib.api.call('article.get', { id: article.id }).version,
      patch: { body: HUAIREN_TRADE(71_700_000_000, '717亿元') },
      explicit: true,
    })
    const revision = lib.api.call('revision.list', { articleId: article.id })[0]!
    lib.api.call('article.update', {
      id: article.id,
      baseVersion: lib.api.call('article.get', { id: article.id }).version,
      patch: { body: body(['删掉了。']) },
      explicit: true,
    })
    expect(tagRows(article.id)).toHaveLength(0)
    lib.api.call('revision.restore', { id: revision.id })
    expect(tagRows(article.id)).toHaveLength(2)

    const imported = lib.api.call('import.commit', {
      issueId,
      images: [],
      articles: [
        {
          kicker: null,
          headline: '导入',
          subtitle: null,
          dateline: null,
          byline: null,
          blocks: [{ type: 'paragraph', text: '怀仁经开区' }],
        },
      ],
    })
    expect(tagRows(imported.articles[0]!.id)).toEqual([]) // plain text: suggestions, not tags, until accepted
  })

  it('resolves a zone tag the registry does not know by its name or alias, else adds the zone', () => {
    lib.api.call('zone.update', { id: HUAIREN, patch: { name: '山西怀仁经济技术开发区' } })
    const article = lib.api.call('article.create', {
      issueId,
      body: body([
        zoneTag('怀仁经开区', 'other-library-id', '怀仁经济技术开发区'), // old name, now an alias
        zoneTag('晋中农高区', 'z-pasted', '晋中国家农高区'), // by name
        zoneTag('灵石经开区', 'z-from-elsewhere', '灵石经济技术开发区'), // unknown: added
        zoneTag('灵石经济技术开发区', 'z-from-elsewhere', '灵石经济技术开发区'), // the same, once
        zoneTag('山西农谷', '', ''), // no id, no name: by its text
      ]),
    })
    const rows = tagRows(article.id)
    const added = zoneByName('灵石经济技术开发区')!
    expect(rows.map((r) => r.zone_id)).toEqual([HUAIREN, JINZHONG_AGRI, added.id, added.id, JINZHONG_AGRI])
    expect(added).toMatchObject({
      type: '经济技术开发区',
      source: EDITOR_SOURCE,
      mentionCount: 2,
      articleCount: 1,
      aliases: [{ alias: '灵石经开区', kind: 'learned' }],
    })
    expect(added.id).toMatch(/^z-/)
    expect(lib.api.call('zone.list', {}).length).toBe(STARTER_ZONES + 1)
  })

  it('learns how accepted tags write a zone, once, never over a name or another alias', () => {
    const article = lib.api.call('article.create', {
      issueId,
      body: body([
        zoneTag('怀仁开发区', HUAIREN, '怀仁经济技术开发区'), // new: learned
        zoneTag('怀仁经开区', HUAIREN, '怀仁经济技术开发区'), // already a short form
        zoneTag('怀仁经济技术开发区', HUAIREN, '怀仁经济技术开发区'), // the name itself
        zoneTag('太谷经开区', HUAIREN, '怀仁经济技术开发区'), // another zone's alias: not taken
        zoneTag('区', HUAIREN, '怀仁经济技术开发区'), // too short to be a name
      ]),
    })
    const aliases = () => zone(HUAIREN).aliases
    expect(aliases()).toEqual([
      { alias: '怀仁经开区', kind: 'short' },
      { alias: '怀仁开发区', kind: 'learned' },
    ])
    expect(zone(TAIGU).aliases).toEqual([{ alias: '太谷经开区', kind: 'short' }])
    lib.api.call('article.update', {
      id: article.id,
      baseVersion: lib.api.call('article.get', { id: article.id }).version,
      patch: { body: body([zoneTag('怀仁开发区', HUAIREN, '怀仁经济技术开发区')]) },
    })
    expect(aliases()).toHaveLength(2)
    // an editor confirming a learned alias makes it an ordinary alias
    lib.api.call('zone.alias.add', { id: HUAIREN, alias: '怀仁开发区' })
    expect(aliases()).toContainEqual({ alias: '怀仁开发区', kind: 'alias' })
    // learned aliases reach the detector
    const learned = lib.api.call('zone.gazetteer', {}).zones.find((z) => z.id === HUAIREN)
    expect(learned?.aliases).toContain('怀仁开发区')
  })

  it('gives a figure the zone tagged before it in its block, else the article’s only zone, else none', () => {
    const twoZones = lib.api.call('article.create', {
      issueId,
      body: body(
        ['总投资', figureTag('20亿元', 2_000_000_000, '元')], // before any zone, two zones in the article: none
        [
          zoneTag('怀仁经开区', HUAIREN, '怀仁经济技术开发区'),
          '进出口额',
          figureTag('717亿元', 71_700_000_000, '元'),
          '，',
          zoneTag('太谷经开区', TAIGU, '太谷经济技术开发区'),
          '产值',
          figureTag('30亿元', 3_000_000_000, '元'),
        ],
        ['增长', figureTag('15%', 15, '%')], // new paragraph: the zone does not carry over
        { subhead: [zoneTag('怀仁经开区', HUAIREN, '怀仁经济技术开发区'), figureTag('3家', 3, '家')] },
      ),
    })
    expect(tagRows(twoZones.id).flatMap((t) => (t.kind === 'figure' ? [[t.text, t.zone_id]] : []))).toEqual([
      ['20亿元', null],
      ['717亿元', HUAIREN],
      ['30亿元', TAIGU],
      ['15%', null],
      ['3家', HUAIREN],
    ])
    const oneZone = lib.api.call('article.create', {
      issueId,
      body: body(
        ['总投资', figureTag('20亿元', 2_000_000_000, '元')],
        [
          zoneTag('怀仁经开区', HUAIREN, '怀仁经济技术开发区'),
          '和',
          zoneTag('怀仁经济技术开发区', HUAIREN, '怀仁经济技术开发区'),
        ],
        [
          {
            type: 'link',
            url: 'https://example.com',
            children: [zoneTag('太谷经开区', HUAIREN, '怀仁经济技术开发区')],
          },
          figureTag('5项', 5, '项'),
        ],
      ),
    })
    expect(tagRows(oneZone.id).flatMap((t) => (t.kind === 'figure' ? [[t.text, t.zone_id]] : []))).toEqual([
      ['20亿元', HUAIREN],
      ['5项', HUAIREN],
    ])
  })

  it('indexes the tags of photo captions like the body’s, and drops caption tags that no longer match', () => {
    const caption = '怀仁经开区内,工人正在作业。项目投资3亿元。'
    const photo = photoNode({ caption, credit: '王超' })
    photo.tags = [
      { type: 'zone-tag', start: 0, end: 5, text: '怀仁经开区', zoneId: HUAIREN, zoneName: '怀仁经济技术开发区' },
      {
        type: 'figure-tag',
        start: 18,
        end: 21,
        text: '3亿元',
        value: 300_000_000,
        unit: '元',
        qualifier: null,
        metric: '项目投资',
        period: '',
      },
      { type: 'zone-tag', start: 5, end: 9, text: '别的文字', zoneId: TAIGU, zoneName: '太谷经济技术开发区' },
    ]
    const doc = JSON.parse(body(['正文没有标注。'])) as { root: { children: SerializedNode[] } }
    doc.root.children.push(photo)
    const article = lib.api.call('article.create', { issueId, body: JSON.stringify(doc) })
    expect(tagRows(article.id).map((t) => [t.kind, t.text, t.zone_id, t.metric])).toEqual([
      ['zone', '怀仁经开区', HUAIREN, null],
      ['figure', '3亿元', HUAIREN, '项目投资'],
    ])
    expect(zone(HUAIREN).mentionCount).toBe(1)
  })

  it('skips figure tags without a usable value and tags an empty zone as nothing', () => {
    const article = lib.api.call('article.create', {
      issueId,
      body: body([
        { ...figureTag('很多', 0, '元'), value: 'many' },
        { ...zoneTag('x', '', ''), text: 'x' },
        figureTag('3家', 3, '家'),
      ]),
    })
    expect(tagRows(article.id).map((t) => [t.kind, t.text, t.zone_id])).toEqual([
      ['zone', 'x', null],
      ['figure', '3家', null],
    ])
    expect(lib.api.call('zone.list', {}).length).toBe(STARTER_ZONES)
  })
})

describe('views across issues', () => {
  let second: number
  let first: { id: number }
  let other: { id: number }
  beforeEach(() => {
    first = lib.api.call('article.create', {
      issueId,
      headline: '怀仁经开区外贸',
      body: HUAIREN_TRADE(71_700_000_000, '717亿元'),
    })
    second = lib.api.call('issue.create', { title: '开发区建设', edition: '专刊', number: '2024年第26期' }).id
    other = lib.api.call('article.create', {
      issueId: second,
      headline: '回顾',
      body: HUAIREN_TRADE(7_170_000_000, '71.7亿元'),
    })
  })

  it('lists zones with mentions and articles, and a zone with its mentions and figures', () => {
    expect(zoneByName('怀仁经济技术开发区')).toMatchObject({ mentionCount: 2, articleCount: 2 })
    const detail = zone(HUAIREN)
    expect(detail.mentions).toEqual([
      {
        articleId: first.id,
        headline: '怀仁经开区外贸',
        issueId,
        issueTitle: '开发区建设',
        issueNumber: '2024年第25期',
        text: '怀仁经开区',
        context: { before: '今年以来，', after: '2023年实现进出口额717亿元。' },
      },
      {
        articleId: other.id,
        headline: '回顾',
        issueId: second,
        issueTitle: '开发区建设',
        issueNumber: '2024年第26期',
        text: '怀仁经开区',
        context: { before: '今年以来，', after: '2023年实现进出口额71.7亿元。' },
      },
    ])
    expect(detail.figures.map((f) => [f.text, f.value, f.zoneName])).toEqual([
      ['717亿元', 71_700_000_000, '怀仁经济技术开发区'],
      ['71.7亿元', 7_170_000_000, '怀仁经济技术开发区'],
    ])
  })

  it('gives each mention the sentence it stands in, found by its place among the article’s tags', () => {
    const photo = {
      ...photoNode({ caption: '怀仁经开区的物流园', credit: null }),
      tags: [
        { type: 'zone-tag', start: 0, end: 5, text: '怀仁经开区', zoneId: HUAIREN, zoneName: '怀仁经济技术开发区' },
      ],
    }
    const doc = JSON.parse(
      body(
        [
          { ...figureTag('很多', 0, '元'), value: 'many' },
          '企业落户，',
          zoneTag('怀仁经开区', HUAIREN, '怀仁经济技术开发区'),
          '新增岗位。',
        ],
        ['同样写到', zoneTag('怀仁经开区', HUAIREN, '怀仁经济技术开发区'), '的另一句话。'],
      ),
    ) as { root: { children: unknown[] } }
    doc.root.children.push(photo)
    const article = lib.api.call('article.create', { issueId, headline: '三处', body: JSON.stringify(doc) })
    const mine = zone(HUAIREN).mentions.filter((m) => m.articleId === article.id)
    expect(mine.map((m) => m.context)).toEqual([
      { before: '很多企业落户，', after: '新增岗位。' },
      { before: '同样写到', after: '的另一句话。' },
      { before: '', after: '的物流园' },
    ])
  })

  it('filters figures by zone, unit and issue, in issue and running order', () => {
    const third = lib.api.call('article.create', {
      issueId,
      body: body([zoneTag('太谷经开区', TAIGU, '太谷经济技术开发区'), figureTag('12家', 12, '家')]),
    })
    lib.api.call('article.move', { id: third.id, toIndex: 0 })
    expect(lib.api.call('figure.list', {}).rows.map((f) => [f.articleId, f.text])).toEqual([
      [third.id, '12家'],
      [first.id, '717亿元'],
      [other.id, '71.7亿元'],
    ])
    expect(lib.api.call('figure.list', { zoneId: TAIGU })).toMatchObject({ rows: [{ text: '12家' }], total: 1 })
    expect(lib.api.call('figure.list', { unit: '元' }).rows.map((f) => f.text)).toEqual(['717亿元', '71.7亿元'])
    expect(lib.api.call('figure.list', { issueId: second, unit: '元' }).rows).toMatchObject([
      {
        articleId: other.id,
        headline: '回顾',
        issueNumber: '2024年第26期',
        metric: '进出口额',
        period: '2023年',
        zoneId: HUAIREN,
      },
    ])
    expect(lib.api.call('figure.list', { issueId: second, unit: '家' })).toMatchObject({ rows: [], total: 0 })
    expect(failure('figure.list', { issueId: 987654 })).toMatchObject({ code: 'not_found' })
    expect(failure('figure.list', { zoneId: 'z-nowhere' })).toMatchObject({ code: 'not_found', field: 'zoneId' })
  })

  it('flags the same zone, metric and period reported with different values, once per group', () => {
    // agreeing figures, other periods and figures without a metric are not conflicts
    lib.api.call('article.create', { issueId: second, body: HUAIREN_TRADE(71_700_000_000, '717亿元') })
    lib.api.call('article.create', {
      issueId,
      body: body([
        zoneTag('怀仁经开区', HUAIREN, '怀仁经济技术开发区'),
        figureTag('800亿元', 80_000_000_000, '元', { metric: '进出口额', period: '2024年' }),
        figureTag('5亿元', 500_000_000, '元'),
        figureTag('6亿元', 600_000_000, '元'),
      ]),
    })
    lib.api.call('article.create', {
      issueId,
      body: body([
        zoneTag('太谷经开区', TAIGU, '太谷经济技术开发区'),
        figureTag('10%', 10, '%', { metric: '增速' }),
        figureTag('10个百分点', 10, '个百分点', { metric: '增速' }), // same number, other unit
      ]),
    })
    const conflicts = lib.api.call('figure.consistency', {})
    expect(conflicts.map((c) => [c.zoneName, c.metric, c.period, c.figures.map((f) => f.text)])).toEqual([
      ['太谷经济技术开发区', '增速', '', ['10%', '10个百分点']],
      ['怀仁经济技术开发区', '进出口额', '2023年', ['717亿元', '71.7亿元', '717亿元']],
    ])
    expect(conflicts[1]?.zoneId).toBe(HUAIREN)

    // fixing the wrong figure clears the flag for the zone
    lib.api.call('article.update', {
      id: other.id,
      baseVersion: lib.api.call('article.get', { id: other.id }).version,
      patch: { body: HUAIREN_TRADE(71_700_000_000, '717亿元') },
    })
    expect(lib.api.call('figure.consistency', {}).map((c) => c.zoneName)).toEqual(['太谷经济技术开发区'])
  })

  it('does not count tags of deleted articles or issues; a restored article counts again', () => {
    lib.api.call('article.delete', { id: other.id })
    expect(zoneByName('怀仁经济技术开发区')).toMatchObject({ mentionCount: 1, articleCount: 1 })
    expect(zone(HUAIREN).mentions.map((m) => m.articleId)).toEqual([first.id])
    expect(lib.api.call('figure.list', {}).rows.map((f) => f.articleId)).toEqual([first.id])
    expect(lib.api.call('figure.consistency', {})).toEqual([])

    lib.api.call('article.restore', { id: other.id })
    expect(zoneByName('怀仁经济技术开发区')).toMatchObject({ mentionCount: 2, articleCount: 2 })
    expect(lib.api.call('figure.consistency', {})).toHaveLength(1)

    lib.api.call('issue.delete', { id: second })
    expect(zoneByName('怀仁经济技术开发区')).toMatchObject({ mentionCount: 1, articleCount: 1 })
    expect(lib.api.call('figure.consistency', {})).toEqual([])
  })
})

describe('rejected suggestions', () => {
  it('are kept per article; reject and unreject answer the whole list', () => {
    const article = lib.api.call('article.create', { issueId })
    const otherArticle = lib.api.call('article.create', { issueId })
    expect(lib.api.call('tag.rejections', { articleId: article.id })).toEqual([])
    lib.api.call('tag.reject', { articleId: article.id, kind: 'zone', text: '全省开发区' })
    expect(lib.api.call('tag.reject', { articleId: article.id, kind: 'figure', text: '5个10' })).toEqual([
      { kind: 'figure', text: '5个10' },
      { kind: 'zone', text: '全省开发区' },
    ])
    // twice is once
    expect(lib.api.call('tag.reject', { articleId: article.id, kind: 'zone', text: '全省开发区' })).toHaveLength(2)
    expect(lib.api.call('tag.rejections', { articleId: otherArticle.id })).toEqual([])
    expect(lib.api.call('tag.unreject', { articleId: article.id, kind: 'zone', text: '全省开发区' })).toEqual([
      { kind: 'figure', text: '5个10' },
    ])
    expect(lib.api.call('tag.unreject', { articleId: article.id, kind: 'zone', text: '没有' })).toHaveLength(1)

    lib.api.call('article.delete', { id: otherArticle.id })
    const before = dump(lib.db)
    expect(failure('tag.rejections', { articleId: 987654 })).toMatchObject({ code: 'not_found', field: 'articleId' })
    expect(failure('tag.reject', { articleId: 987654, kind: 'zone', text: '全省开发区' })).toMatchObject({
      code: 'not_found',
    })
    expect(failure('tag.unreject', { articleId: otherArticle.id, kind: 'zone', text: 'x' })).toMatchObject({
      code: 'not_found',
    })
    expect(dump(lib.db)).toBe(before)
  })
})
