import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib'
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { METHODS, type Method } from '../src/shared/api/contract'
import { isFolioError } from '../src/shared/api/errors'
import { docFromBlocks, parseDoc, docToPlainText } from '../src/shared/doc/lexical'
import { dump, PNG_1PX, sha256, tempLibrary, type TempLibrary } from './helpers'

const TEN_MB = '开'.repeat(10 * 1024 * 1024)
const SQL = "'); DROP TABLE articles; --"
const body = (...paragraphs: string[]) =>
  JSON.stringify(docFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))))

let DOCX = ''
let PDF = ''
beforeAll(async () => {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: '年产1GWh锂离子电池项目落地', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('近日,项目签约仪式举行。'),
        ],
      },
    ],
  })
  DOCX = (await Packer.toBuffer(doc)).toString('base64')
  // A one-line PDF for import.pdf.
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  pdf.addPage([300, 200]).drawText('Folio reads PDF', { x: 20, y: 150, size: 14, font })
  PDF = Buffer.from(await pdf.save()).toString('base64')
})

let lib: TempLibrary
const SIKAI = JSON.parse(readFileSync(join(__dirname, '../resources/templates/sikai.json'), 'utf8')) as {
  margins: Record<string, number>
}
let jobId = '00000000-0000-4000-8000-000000000000'
let bundleData = ''
let backupFile = 'none.sqlite'

// Placeholder ids until beforeEach creates real ones (lets the case table be built at collection time).
let issueId = 1
let articleId = 1
let revisionId = 1

beforeEach(() => {
  lib = tempLibrary()
  issueId = lib.api.call('issue.create', { title: '开发区建设', edition: '专刊', number: '2024年第25期' }).id
  articleId = lib.api.call('article.create', { issueId, headline: '向“新”而行 以“质”致远' }).id
  lib.api.call('article.update', {
    id: articleId,
    baseVersion: lib.api.call('article.get', { id: articleId }).version,
    patch: { body: body('在时代发展的浪潮中,全省开发区正以崭新的姿态阔步前行。') },
    explicit: true,
  })
  revisionId = lib.api.call('revision.list', { articleId })[0]!.id
})
afterEach(() => lib.dispose())

/** Valid input for every method, so each is exercised at least once. */
function validInputs(): Record<Method, unknown> {
  return {
    'library.info': {},
    'library.backups': {},
    'library.backup': {},
    'library.status': {},
    'library.restore': { file: backupFile },
    'issue.list': {},
    'issue.get': { id: issueId },
    'issue.create': { title: '开发区建设', number: '2024年第26期', postalCode: '21-465', email: 'kfjzsk@163.com' },
    'issue.update': { id: issueId, patch: { guidance: '山西省商务厅', publicationDate: '2024-07-05' } },
    'issue.delete': { id: issueId },
    'article.list': { issueId },
    'article.get': { id: articleId },
    'article.create': { issueId, headline: '年产1GWh锂离子电池项目落地', kicker: '应县经济技术开发区' },
    'article.update': { id: articleId, patch: { dateline: '科学导报 记者王波 7月2日' }, baseVersion: 2 },
    'article.move': { id: articleId, toIndex: 0 },
    'article.delete': { id: articleId },
    'article.restore': { id: articleId },
    'issue.restore': { id: issueId },
    'trash.list': {},
    'trash.empty': {},
    'revision.list': { articleId },
    'revision.get': { id: revisionId },
    'revision.restore': { id: revisionId },
    'image.get': { hash: sha256(PNG_1PX) },
    'image.put': { data: PNG_1PX },
    'import.commit': {
      issueId,
      articles: [
        {
          kicker: null,
          headline: '年产1GWh锂离子电池项目落地',
          subtitle: null,
          dateline: '科学导报',
          byline: '袁兆辉',
          blocks: [
            { type: 'paragraph', text: '近日,项目签约仪式在应县经济技术开发区举行。' },
            { type: 'photo', caption: '签约现场。', credit: '王超', image: sha256(PNG_1PX) },
          ],
        },
      ],
      images: [{ hash: sha256(PNG_1PX), mime: 'image/png', data: PNG_1PX }],
    },
    'sample.open': {},
    'search.articles': { query: '锂离子电池', issueId, limit: 10 },
    'proof.issue': { issueId },
    'proof.article': { id: articleId },
    'proof.settings': { articleId },
    'proof.rule': { articleId, rule: 'halfwidth-comma', on: false, scope: 'article' },
    'proof.ignore': { articleId, key: 'halfwidth-comma|甲[,]乙', ignored: true },
    'proof.pdf': { issueId, lang: 'en' },
    'review.sheet': { articleId },
    'import.docx': { data: DOCX },
    'import.pdf': { data: PDF },
    'template.list': {},
    'template.save': {
      template: { ...SIKAI, id: 'sikai-wide', name: '四开（宽边）', margins: { ...SIKAI.margins, left: 20 } },
    },
    'layout.get': { issueId },
    'layout.save': {
      issueId,
      layout: {
        template: SIKAI,
        pages: [
          { number: 1, name: '要闻', editor: '李若男', blocks: [{ articleId, col: 0, span: 6, line: 20, lines: 30 }] },
        ],
      },
    },
    'layout.auto': { issueId },
    'layout.copyfit': { issueId },
    'export.start': { kind: 'bundle', issueId },
    'import.bundle': { data: bundleData },
    'export.status': { jobId },
    'export.cancel': { jobId },
    'export.result': { jobId },
    'zone.list': {},
    'zone.get': { id: 'sx-huairen-etdz' },
    'zone.create': {
      name: '平遥经济开发区',
      type: '经济开发区',
      province: '山西省',
      city: '晋中市',
      source: '编辑添加',
    },
    'zone.update': { id: 'sx-huairen-etdz', patch: { name: '山西怀仁经济技术开发区', level: null } },
    'zone.merge': { sourceId: 'sx-taigu-etdz', targetId: 'sx-jinzhong-agri' },
    'zone.alias.add': { id: 'sx-huairen-etdz', alias: '怀仁开发区' },
    'zone.alias.remove': { alias: '怀仁经开区' },
    'zone.gazetteer': {},
    'figure.list': { zoneId: 'sx-huairen-etdz', unit: '元', issueId },
    'figure.consistency': {},
    'tag.rejections': { articleId },
    'tag.reject': { articleId, kind: 'zone', text: '全省开发区' },
    'tag.unreject': { articleId, kind: 'figure', text: '717亿元' },
    // 三审三校 (issue 11): who acts comes with the call (reviewMeta below)
    'person.list': {},
    'person.create': { name: '王编辑', roles: ['责任编辑'] },
    'person.update': { id: 1, patch: { roles: ['责任编辑', '校对'] } },
    'review.policy.get': {},
    'review.policy.set': {
      policy: { 初审: ['责任编辑'], 复审: ['编辑室主任'], 终审: ['总编辑'], issue: ['值班总编'] },
    },
    'review.get': { articleId },
    'review.submit': { articleId, comment: '请审' },
    'review.pass': { articleId, comment: '同意' },
    'review.return': { articleId, comment: '第二段数字请核实' },
    'review.log': { articleId },
    'review.redline': { articleId },
    'revision.diff': { from: revisionId, to: 'current', articleId },
    'issue.signoff': { issueId },
    'issue.signoff.get': { issueId },
    'desk.get': { issueId },
  }
}

describe('every API method', () => {
  it.each(METHODS)('%s succeeds on valid input', async (method) => {
    if (method === 'article.restore') lib.api.call('article.delete', { id: articleId })
    if (method === 'issue.restore') lib.api.call('issue.delete', { id: issueId })
    if (method === 'image.get') lib.api.call('import.commit', validInputs()['import.commit'] as never)
    if (method === 'library.restore') {
      const taken = await lib.api.dispatchAsync('library.backup', {})
      if (!taken.ok) throw new Error(taken.error.message_en)
      backupFile = (taken.result as { file: string }).file
    }
    if (method === 'import.bundle') {
      const started = await lib.api.dispatchAsync('export.start', { kind: 'bundle', issueId })
      if (!started.ok) throw new Error(started.error.message_en)
      const id = (started.result as { id: string }).id
      while (
        !((await lib.api.dispatchAsync('export.status', { jobId: id })) as { result: { done: boolean } }).result.done
      );
      bundleData = ((await lib.api.dispatchAsync('export.result', { jobId: id })) as { result: { data: string } })
        .result.data
    }
    if (method.startsWith('export.') && method !== 'export.start') {
      const started = await lib.api.dispatchAsync('export.start', { kind: 'bundle', issueId })
      if (!started.ok) throw new Error(started.error.message_en)
      jobId = (started.result as { id: string }).id
      for (let done = false; !done; ) {
        const status = await lib.api.dispatchAsync('export.status', { jobId })
        done = status.ok && (status.result as { done: boolean }).done
      }
    }
    const answer = await lib.api.dispatchAsync(method, validInputs()[method], reviewMeta(method))
    expect(answer).toMatchObject({ ok: true })
  })

  const badInputs: [string, (m: Method) => unknown][] = [
    ['a string instead of an object', () => '1'],
    ['an array', () => [1]],
    ['an unknown field', (m) => ({ ...(validInputs()[m] as object), extra: 1 })],
    ['ids of the wrong type', (m) => withIds(validInputs()[m], '1')],
    ['negative ids', (m) => withIds(validInputs()[m], -1)],
    ['fractional ids', (m) => withIds(validInputs()[m], 1.5)],
    ['unknown ids', (m) => withIds(validInputs()[m], 987654)],
    ['10 MB strings', (m) => withStrings(validInputs()[m], TEN_MB)],
  ]

  for (const [label, make] of badInputs) {
    // Only methods whose input this corruption actually changes (library.info has no ids to break).
    const methods = METHODS.filter((m) => JSON.stringify(make(m)) !== JSON.stringify(validInputs()[m]))
    it.each(methods)(`%s: ${label} → typed error, library unchanged`, async (method) => {
      const before = dump(lib.db)
      const answer = await lib.api.dispatchAsync(method, make(method))
      expect(answer.ok).toBe(false)
      if (!answer.ok) {
        expect(isFolioError(answer.error)).toBe(true)
        expect(answer.error.message_zh).toMatch(/[\u4e00-\u9fff]/)
        expect(answer.error.message_en.length).toBeGreaterThan(0)
        expect(JSON.stringify(answer.error)).not.toMatch(/at .*\.ts:\d+/)
      }
      expect(dump(lib.db)).toBe(before)
    })
  }

  it('10 MB strings are reported as too large', () => {
    const answer = lib.api.dispatch('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: { headline: TEN_MB },
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'too_large', field: 'patch.headline' } })
  })

  it('a .docx is read for the preview without writing anything', async () => {
    const before = dump(lib.db)
    const answer = await lib.api.dispatchAsync('import.docx', { data: DOCX })
    expect(answer).toMatchObject({ ok: true, result: { articles: [{ headline: '年产1GWh锂离子电池项目落地' }] } })
    const broken = await lib.api.dispatchAsync('import.docx', { data: Buffer.from('PK nonsense').toString('base64') })
    expect(broken).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(dump(lib.db)).toBe(before)
  })

  it('an unknown method is a typed error', () => {
    expect(lib.api.dispatch('article.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
  })

  it('SQL-looking strings are stored literally and change nothing else', () => {
    const issue = lib.api.call('issue.create', { title: SQL, number: SQL })
    lib.api.call('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: { headline: SQL, byline: SQL, body: body(SQL) },
    })
    expect(lib.api.call('issue.get', { id: issue.id }).title).toBe(SQL)
    const article = lib.api.call('article.get', { id: articleId })
    expect([article.headline, article.byline, article.bodyText]).toEqual([SQL, SQL, SQL])
    expect(lib.api.call('article.list', { issueId })).toHaveLength(1)
  })

  it('a body that is not a Lexical document is refused', () => {
    const before = dump(lib.db)
    for (const bad of ['not json', '{"root":1}', '{"root":{"type":"paragraph","children":[]}}', '[]']) {
      expect(
        lib.api.dispatch('article.update', {
          id: articleId,
          baseVersion: lib.api.call('article.get', { id: articleId }).version,
          patch: { body: bad },
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field: 'body' },
      })
    }
    expect(dump(lib.db)).toBe(before)
  })

  it('invalid metadata gets a field-specific message', () => {
    expect(lib.api.dispatch('issue.create', { title: '  ' })).toMatchObject({ ok: false, error: { field: 'title' } })
    expect(lib.api.dispatch('issue.update', { id: issueId, patch: { email: 'not-an-email' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'patch.email' },
    })
    expect(lib.api.dispatch('issue.update', { id: issueId, patch: { publicationDate: '2024-13-45' } })).toMatchObject({
      ok: false,
      error: { field: 'patch.publicationDate' },
    })
  })
})

describe('articles', () => {
  it('derives plain text and 字数 from the body', () => {
    const article = lib.api.call('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: { body: body('年产10万吨锂电电解液添加剂项目,', '总产值717亿元。') },
    })
    // The save answers without the body (the client has it); the library derived the rest.
    expect(article).not.toHaveProperty('body')
    expect(lib.api.call('article.get', { id: articleId }).bodyText).toBe(
      '年产10万吨锂电电解液添加剂项目,\n总产值717亿元。',
    )
    expect(article.charCount).toBe(16 + 8)
    expect(article.punctCount).toBe(2)
  })

  it('creates after a given article and reorders', () => {
    const second = lib.api.call('article.create', { issueId, headline: '二' })
    const between = lib.api.call('article.create', { issueId, headline: '插', afterId: articleId })
    expect(lib.api.call('article.list', { issueId }).map((a) => a.id)).toEqual([articleId, between.id, second.id])
    const moved = lib.api.call('article.move', { id: second.id, toIndex: 0 })
    expect(moved.map((a) => a.id)).toEqual([second.id, articleId, between.id])
    expect(moved.map((a) => a.position)).toEqual([0, 1, 2])
  })

  it('delete moves to the trash and restore puts it back in place', () => {
    const second = lib.api.call('article.create', { issueId, headline: '二' })
    lib.api.call('article.delete', { id: articleId })
    expect(lib.api.call('article.list', { issueId }).map((a) => a.id)).toEqual([second.id])
    expect(lib.api.dispatch('article.get', { id: articleId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    lib.api.call('article.restore', { id: articleId })
    expect(lib.api.call('article.list', { issueId }).map((a) => a.id)).toEqual([articleId, second.id])
  })

  it('a stale baseVersion is a conflict, not an overwrite', () => {
    const current = lib.api.call('article.get', { id: articleId })
    lib.api.call('article.update', { id: articleId, patch: { headline: 'A' }, baseVersion: current.version })
    const answer = lib.api.dispatch('article.update', {
      id: articleId,
      patch: { headline: 'B' },
      baseVersion: current.version,
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(lib.api.call('article.get', { id: articleId }).headline).toBe('A')
  })

  it('a stale write keeps its text as one 冲突副本 revision, never over the newer text', () => {
    const base = lib.api.call('article.get', { id: articleId }).version
    lib.api.call('article.update', { id: articleId, patch: { body: body('甲的定稿。') }, baseVersion: base })
    const stale = (text: string) =>
      lib.api.dispatch('article.update', { id: articleId, patch: { body: body(text) }, baseVersion: base })
    expect(stale('乙的旧稿,')).toMatchObject({ ok: false, error: { code: 'conflict' } })
    // The same stale tab typing on: its one copy follows, no pile of copies.
    expect(stale('乙的旧稿,又加了一句。')).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(lib.api.call('article.get', { id: articleId }).bodyText).toBe('甲的定稿。')
    const conflicts = lib.api.call('revision.list', { articleId }).filter((r) => r.reason === 'conflict')
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]!.baseVersion).toBe(base)
    expect(lib.api.call('revision.get', { id: conflicts[0]!.id }).bodyText).toBe('乙的旧稿,又加了一句。')
    // Restoring the copy is a deliberate choice, and itself kept in the history.
    expect(lib.api.call('revision.restore', { id: conflicts[0]!.id }).bodyText).toBe('乙的旧稿,又加了一句。')
  })

  it('a stale resend of what the library already holds is done, not a conflict', () => {
    const base = lib.api.call('article.get', { id: articleId }).version
    const saved = lib.api.call('article.update', { id: articleId, patch: { headline: '同' }, baseVersion: base })
    const again = lib.api.call('article.update', { id: articleId, patch: { headline: '同' }, baseVersion: base })
    expect(again.version).toBe(saved.version)
    expect(lib.api.call('revision.list', { articleId }).some((r) => r.reason === 'conflict')).toBe(false)
  })

  it('a block splice saves only what changed; one that does not fit is refused and changes nothing', () => {
    const texts = ['一段', '二段', '三段', '四段']
    lib.api.call('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: { body: body(...texts) },
    })
    const before = lib.api.call('article.get', { id: articleId })
    const block = JSON.parse(body('二段改了')).root.children[0] as unknown
    const saved = lib.api.call('article.update', {
      id: articleId,
      baseVersion: before.version,
      patch: {},
      bodySplice: { start: 1, remove: 1, insert: JSON.stringify([block]), baseBlocks: 4 },
    })
    expect(saved.version).toBe(before.version + 1)
    expect(lib.api.call('article.get', { id: articleId }).bodyText).toBe('一段\n二段改了\n三段\n四段')
    const snapshot = dump(lib.db)
    for (const bad of [
      { start: 0, remove: 1, insert: JSON.stringify([block]), baseBlocks: 3 },
      { start: 3, remove: 2, insert: '[]', baseBlocks: 4 },
    ]) {
      expect(
        lib.api.dispatch('article.update', { id: articleId, baseVersion: saved.version, patch: {}, bodySplice: bad }),
      ).toMatchObject({ ok: false, error: { code: 'conflict', field: 'bodySplice' } })
    }
    expect(
      lib.api.dispatch('article.update', {
        id: articleId,
        baseVersion: saved.version,
        patch: {},
        bodySplice: { start: 0, remove: 0, insert: '{"not":"blocks"}', baseBlocks: 4 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'bodySplice' } })
    // A stale splice is refused without a copy (the client then sends its whole body, which is kept).
    expect(
      lib.api.dispatch('article.update', {
        id: articleId,
        baseVersion: before.version,
        patch: {},
        bodySplice: { start: 0, remove: 1, insert: JSON.stringify([block]), baseBlocks: 4 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', field: 'bodySplice' } })
    expect(dump(lib.db)).toBe(snapshot)
  })

  it('every write says which version it is based on', () => {
    expect(lib.api.dispatch('article.update', { id: articleId, patch: { headline: '无版本' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'baseVersion' },
    })
  })

  it('deleting an issue hides it and its articles but keeps them in the library', () => {
    lib.api.call('issue.delete', { id: issueId })
    expect(lib.api.call('issue.list', {})).toHaveLength(0)
    expect(lib.api.dispatch('article.list', { issueId })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(lib.db.prepare('SELECT COUNT(*) AS n FROM articles').get()).toEqual({ n: 1 })
  })
})

describe('import', () => {
  const importInput = () => validInputs()['import.commit'] as { articles: unknown[]; images: unknown[] }

  it('imports into a new issue with its masthead, photos and their images', () => {
    const { articles, images } = importInput()
    const result = lib.api.call('import.commit', {
      articles: articles as never,
      images: images as never,
      issue: {
        title: '开发区建设',
        edition: '专刊',
        number: '2024年第25期',
        slogan: '打造开发区建设升级版\n决胜高质量发展新战场',
      },
    })
    expect(result.issue).toMatchObject({ title: '开发区建设', number: '2024年第25期', articleCount: 1 })
    const article = lib.api.call('article.get', { id: result.articles[0]!.id })
    expect(article.bodyText).toBe('近日,项目签约仪式在应县经济技术开发区举行。\n签约现场。')
    expect(JSON.parse(article.body).root.children[1]).toMatchObject({
      type: 'photo',
      credit: '王超',
      image: sha256(PNG_1PX),
    })
    expect(lib.api.call('image.get', { hash: sha256(PNG_1PX) }).data).toBe(PNG_1PX)
  })

  it('leaves nothing half-imported when one part is bad', () => {
    const before = dump(lib.db)
    const good = importInput().articles[0] as object
    const cases = [
      { articles: [good, { ...good, blocks: [{ type: 'photo', caption: '', credit: null, image: 'f'.repeat(64) }] }] },
      { images: [{ hash: sha256(PNG_1PX), mime: 'image/png', data: Buffer.from('not an image').toString('base64') }] },
      { images: [{ hash: 'a'.repeat(64), mime: 'image/png', data: PNG_1PX }] },
      { issueId: 424242 },
      { issueId: undefined },
    ]
    for (const patch of cases) {
      const answer = lib.api.dispatch('import.commit', { ...importInput(), ...patch })
      expect(answer.ok, JSON.stringify(patch).slice(0, 80)).toBe(false)
      if (!answer.ok) expect(answer.error.message_zh).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(dump(lib.db)).toBe(before)
  })

  it('a .docx goes through preview and commit with its emphasis and photo intact', async () => {
    const png = Buffer.from(PNG_1PX, 'base64')
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: '年产1GWh锂离子电池项目落地', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [
                new TextRun('项目'),
                new TextRun({ text: '总投资3亿元', bold: true }),
                new TextRun({ text: '，预计', italics: true }),
              ],
            }),
            new Paragraph({ text: '项目进展', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({
              children: [new ImageRun({ type: 'png', data: png, transformation: { width: 10, height: 10 } })],
            }),
            new Paragraph('签约现场。 ■ 王超摄'),
          ],
        },
      ],
    })
    const data = (await Packer.toBuffer(doc)).toString('base64')
    const preview = await lib.api.dispatchAsync('import.docx', { data })
    if (!preview.ok) throw new Error(preview.error.message_en)
    const { articles, images } = preview.result as { articles: never[]; images: never[] }
    const result = lib.api.call('import.commit', { issueId, articles, images })
    const article = lib.api.call('article.get', { id: result.articles[0]!.id })
    const children = JSON.parse(article.body).root.children as {
      type: string
      children?: { text: string; format: number }[]
      image?: string
      credit?: string
    }[]
    expect(article.headline).toBe('年产1GWh锂离子电池项目落地')
    expect(children[0]?.children?.map((c) => [c.text, c.format])).toEqual([
      ['项目', 0],
      ['总投资3亿元', 1],
      ['，预计', 2],
    ])
    expect(children[1]).toMatchObject({ type: 'heading' })
    expect(children[2]).toMatchObject({ type: 'photo', credit: '王超', image: sha256(PNG_1PX) })
    expect(lib.api.call('image.get', { hash: sha256(PNG_1PX) }).data).toBe(PNG_1PX)
  })

  it('opens the bundled sample issue', () => {
    const sample = lib.api.call('sample.open', {})
    expect(sample.issue).toMatchObject({
      title: '开发区建设',
      edition: '专刊',
      number: '2024年第25期',
      postalCode: '21-465',
    })
    expect(sample.articles.map((a) => a.headline)).toContain('山西:加快打造内陆地区对外开放新高地')
  })
})

describe('revisions', () => {
  it('keeps at most one automatic revision per interval, and every explicit save', () => {
    const count = () => lib.api.call('revision.list', { articleId }).length
    const start = count()
    for (let i = 0; i < 20; i++) {
      lib.clock.now += 5000 // typing: a save every 5 s for 100 s
      lib.api.call('article.update', {
        id: articleId,
        baseVersion: lib.api.call('article.get', { id: articleId }).version,
        patch: { body: body(`第${i}稿`) },
      })
    }
    expect(count()).toBe(start) // within 3 minutes of the explicit save: no autosave revision
    lib.clock.now += 3 * 60 * 1000
    lib.api.call('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: { body: body('三分钟后') },
    })
    expect(count()).toBe(start + 1)
    lib.api.call('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: {},
      explicit: true,
    })
    expect(count()).toBe(start + 2)
  })

  it('restoring a revision brings back its text and keeps what it replaced', () => {
    const original = lib.api.call('article.get', { id: articleId }).bodyText
    lib.api.call('article.update', {
      id: articleId,
      baseVersion: lib.api.call('article.get', { id: articleId }).version,
      patch: { body: body('全部删掉了') },
      explicit: true,
    })
    const restored = lib.api.call('revision.restore', { id: revisionId })
    expect(restored.bodyText).toBe(original)
    const texts = lib.api
      .call('revision.list', { articleId })
      .map((r) => lib.api.call('revision.get', { id: r.id }).bodyText)
    expect(texts).toContain('全部删掉了')
  })
})

describe('document helpers', () => {
  it('round-trips blocks through plain text', () => {
    const doc = docFromBlocks([
      { type: 'paragraph', text: '第一段' },
      { type: 'subhead', text: '传统产业蝶变新生' },
      { type: 'quote', text: '引文' },
    ])
    expect(docToPlainText(parseDoc(JSON.stringify(doc)))).toBe('第一段\n传统产业蝶变新生\n引文')
  })
})

/**
 * 三审三校: the newsroom a review call needs and the steps before it (a pass needs a submitted
 * article, an issue sign-off every article signed); answers who acts for the call.
 */
function reviewMeta(method: Method): { personId: number } | undefined {
  if (!/^(person\.update|review\.(submit|pass|return)|issue\.signoff)$/.test(method)) return undefined
  const person = (name: string, roles: string[]) => lib.api.call('person.create', { name, roles: roles as never }).id
  const reporter = person('记者甲', ['记者'])
  const editor = person('责编乙', ['责任编辑'])
  const head = person('主任丙', ['编辑室主任'])
  const chief = person('总编丁', ['总编辑'])
  if (method === 'person.update' || method === 'review.submit') return { personId: reporter }
  lib.api.call('review.submit', { articleId }, { personId: reporter })
  if (method !== 'issue.signoff') return { personId: editor }
  for (const personId of [editor, head, chief]) lib.api.call('review.pass', { articleId }, { personId })
  return { personId: chief }
}

function withIds(input: unknown, value: unknown): unknown {
  // Numeric entity ids only (a template's id is a name, e.g. 'sikai').
  return mapEntries(input, (key, v) =>
    /^(id|issueId|articleId|afterId)$/.test(key) && typeof v === 'number' ? value : v,
  )
}

function withStrings(input: unknown, value: string): unknown {
  return mapEntries(input, (_key, v) => (typeof v === 'string' ? value : v))
}

function mapEntries(input: unknown, f: (key: string, value: unknown) => unknown): unknown {
  if (typeof input !== 'object' || input === null) return input
  return Object.fromEntries(
    Object.entries(input).map(([key, v]) => [key, typeof v === 'object' && v !== null ? mapEntries(v, f) : f(key, v)]),
  )
}
