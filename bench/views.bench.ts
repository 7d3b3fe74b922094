/**
 * Views and search at library scale (issue 9, item 3): each view API at 20 000 articles against
 * the same call at 1 000 (both 500 issues), and search at 20 000 against the plain SQL a
 * developer would write for it on better-sqlite3 (same match, order and limit). Interleaved,
 * median of RUNS, through bench/report.ts into bench/results/<date>.json.
 *
 * The libraries are the sample issue's four articles with the tags an editor would accept (the
 * shared detectors' zones and figures, figures labelled with a metric and 2023年), each copy
 * made unique by a 编号 line, written an issue per transaction through prepared statements and the
 * services' own derivation (plain text, counts, reindexArticle → tags, tag counts, search
 * index). They are cached in $TMPDIR/folio-views-bench-<version>/ between runs.
 *
 *   npx tsx bench/views.bench.ts            # API and search
 *   npx tsx bench/views.bench.ts --paint    # also the 数据核对 tab in Chromium (needs `npx electron-vite build`)
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findResources, openFolio, type Library } from '../src/main/library'
import type { ServiceContext } from '../src/main/services/context'
import { reindexArticle } from '../src/main/services/tags'
import { docToPlainText, parseDoc, type SerializedNode } from '../src/shared/doc/lexical'
import { detectTags, loadGazetteer } from '../src/shared/tagging'
import { countChars } from '../src/shared/text/count'
import { interleaved, record, row, type Row } from './report'

const RUNS = 7
const ISSUES = 500
const SIZES = [1_000, 20_000] as const
// A library cached by an older schema is migrated when opened; bump v1 when the generator changes.
const CACHE = join(tmpdir(), 'folio-views-bench-v1')

const TEXT = { detail: 0, format: 0, mode: 'normal', style: '', version: 1 }
const METRIC: Record<string, string> = { 元: '产值', '%': '增速', 家: '企业数', 个: '项目数', 亩: '面积' }

const resources = findResources(__dirname)
const gazetteer = loadGazetteer(JSON.parse(readFileSync(join(resources, 'zones.json'), 'utf8')))

/** A paragraph's text nodes with the detected zones and figures as tag nodes between them. */
function tagBlock(block: SerializedNode): void {
  const children = block.children ?? []
  if (children.length === 0 || children.some((c) => c.type !== 'text')) return
  const text = children.map((c) => String(c.text ?? '')).join('')
  const out: SerializedNode[] = []
  let at = 0
  let zoneSeen = false
  for (const tag of detectTags(text, gazetteer)) {
    if (tag.start < at) continue
    if (tag.start > at) out.push({ ...TEXT, type: 'text', text: text.slice(at, tag.start) })
    if (tag.kind === 'zone') {
      zoneSeen = true
      out.push({ ...TEXT, type: 'zone-tag', text: tag.text, zoneId: tag.zone.id ?? '', zoneName: tag.zone.name })
    } else {
      const metric = zoneSeen ? (METRIC[tag.unit] ?? '') : ''
      out.push({
        ...TEXT,
        type: 'figure-tag',
        text: tag.text,
        value: tag.value,
        unit: tag.unit,
        qualifier: tag.qualifier,
        metric,
        period: metric ? '2023年' : '',
      })
    }
    at = tag.end
  }
  if (at < text.length) out.push({ ...TEXT, type: 'text', text: text.slice(at) })
  block.children = out
}

/** Writes a library of `total` articles in ISSUES issues to `path` (through a temp name). */
function generate(path: string, total: number): void {
  const partial = `${path}.partial`
  rmSync(partial, { force: true })
  const library = openFolio(partial, { backupsDir: null })
  const { db, api } = library
  // A large page cache and statement journals in memory: bulk writes, not a desk's edits.
  db.pragma('cache_size = -1000000')
  db.pragma('temp_store = MEMORY')
  const ctx: ServiceContext = {
    db,
    now: () => new Date(),
    revisionIntervalMs: 0,
    resourcesDir: resources,
    backupsDir: null,
    backupFailure: null,
  }
  const sample = api.call('sample.open', {})
  const templates = sample.articles.map((a) => {
    const doc = parseDoc(api.call('article.get', { id: a.id }).body)
    for (const block of doc.root.children) tagBlock(block)
    return { article: a, doc }
  })
  db.prepare('DELETE FROM issues WHERE id = ?').run(sample.issue.id)
  const t0 = performance.now()
  {
    const issue = db.prepare(
      "INSERT INTO issues (title, edition, number, created_at, updated_at) VALUES ('开发区建设', '专刊', ?, ?, ?)",
    )
    const insert = db.prepare(
      `INSERT INTO articles (issue_id, position, kicker, headline, subtitle, dateline, byline, body_json, body_text,
         char_count, punct_count, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
    )
    const perIssue = total / ISSUES
    const now = new Date().toISOString()
    // One transaction per issue: a few hundred articles' rows, tags and index entries at a time.
    const writeIssue = db.transaction((n: number) => {
      const issueId = Number(issue.run(`${2000 + Math.floor(n / 50)}年第${n}期`, now, now).lastInsertRowid)
      for (let k = 0; k < perIssue; k++) {
        // The same mix of the four articles at every size (by the article's place in the library).
        const { article, doc } = templates[((n - 1) * perIssue + k) % templates.length]!
        // A line per article keeps rare phrases rare, as real copy is.
        const unique = {
          ...doc,
          root: {
            ...doc.root,
            children: [
              ...doc.root.children,
              {
                type: 'paragraph',
                version: 1,
                direction: null,
                format: '',
                indent: 0,
                children: [{ ...TEXT, type: 'text', text: `编号${n}-${k}号园区备案。` }],
              } as SerializedNode,
            ],
          },
        }
        // The services' derivation: the stored body is the normalised doc, its plain text and counts.
        const json = JSON.stringify(parseDoc(JSON.stringify(unique)))
        const text = docToPlainText(parseDoc(json))
        const counts = countChars(text)
        const info = insert.run(
          issueId,
          k,
          article.kicker,
          `${article.headline}（${n}-${k}）`,
          article.subtitle,
          article.dateline,
          article.byline,
          json,
          text,
          counts.chars,
          counts.punct,
          now,
          now,
        )
        reindexArticle(ctx, Number(info.lastInsertRowid), json)
      }
    })
    for (let n = 1; n <= ISSUES; n++) {
      writeIssue(n)
      if (n % 50 === 0) console.log(`  ${n * perIssue} articles, ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    }
  }
  console.log(`  generated ${total} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  db.pragma('wal_checkpoint(TRUNCATE)')
  void api.close()
  library.close()
  renameSync(partial, path)
  rmSync(`${partial}-wal`, { force: true })
  rmSync(`${partial}-shm`, { force: true })
}

function open(total: number): Library {
  mkdirSync(CACHE, { recursive: true })
  const path = join(CACHE, `library-${total}.sqlite`)
  if (!existsSync(path)) generate(path, total)
  return openFolio(path, { backupsDir: null })
}

async function main(): Promise<void> {
  const [small, large] = SIZES.map(open) as [Library, Library]
  const facts = (lib: Library) =>
    lib.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM issues) AS issues,
                (SELECT COUNT(*) FROM tags WHERE kind = 'zone') AS zoneTags,
                (SELECT COUNT(*) FROM tags WHERE kind = 'figure') AS figureTags`,
      )
      .get() as Record<string, number>
  const meta = { small: facts(small), large: facts(large) }
  console.log('views:', JSON.stringify(meta))

  const busiest = (lib: Library): string =>
    lib.db
      .prepare("SELECT zone_id FROM tag_counts WHERE kind = 'zone' AND zone_id <> '' ORDER BY tags DESC LIMIT 1")
      .pluck()
      .get() as string
  const zone = busiest(large)

  const rows: Row[] = []
  const compare = async (name: string, run: (lib: Library) => unknown): Promise<void> => {
    const { a, b } = await interleaved(
      () => run(large),
      () => run(small),
      RUNS,
    )
    rows.push(row(`${name}, 20k`, 'same call at 1k', a.median, b.median, a.runs))
  }

  await compare('zone.list', (lib) => lib.api.call('zone.list', {}))
  await compare(`zone.get (busiest zone)`, (lib) => lib.api.call('zone.get', { id: zone }))
  await compare('figure.list, first page', (lib) => lib.api.call('figure.list', {}))
  await compare('figure.list, zone filter, first page', (lib) => lib.api.call('figure.list', { zoneId: zone }))
  await compare('figure.consistency', (lib) => lib.api.call('figure.consistency', {}))

  const queries = [
    ['common word', '开发区'],
    ['rare phrase', '编号137-1号园区'],
    ['1 character', '晋'],
    ['2 characters', '园区'],
    ['no match, 2 characters', '鲸鱼'],
  ] as const
  for (const [label, query] of queries) {
    await compare(`search ${label} 「${query}」`, (lib) => lib.api.call('search.articles', { query, limit: 50 }))
  }

  // The same question asked plainly of better-sqlite3 at 20k: match, order and limit in SQL.
  const FIELDS = ['headline', 'kicker', 'subtitle', 'dateline', 'byline', 'body_text']
  const plain = (query: string) => {
    const long = [...query].length >= 3
    const sql = `SELECT a.id, a.issue_id, a.position, ${FIELDS.map((f) => `a.${f}`).join(', ')}
      FROM articles a JOIN issues i ON i.id = a.issue_id
      WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL AND ${
        long
          ? 'a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)'
          : `(${FIELDS.map((f) => `a.${f} LIKE ?`).join(' OR ')})`
      }
      ORDER BY a.issue_id DESC, a.position, a.id LIMIT 50`
    const statement = large.db.prepare(sql)
    const params = long ? [`"${query}"`] : FIELDS.map(() => `%${query}%`)
    return () => statement.all(...params)
  }
  for (const [label, query] of queries) {
    const { a, b } = await interleaved(
      () => large.api.call('search.articles', { query, limit: 50 }),
      plain(query),
      RUNS,
    )
    rows.push(row(`search ${label} 「${query}」, 20k`, 'same SQL, same limit', a.median, b.median, a.runs))
  }

  await Promise.all([small.api.close(), large.api.close()])
  small.close()
  large.close()
  if (process.argv.includes('--paint')) {
    // The libraries are closed first: browser mode takes each library's writer lock.
    const { paintRows } = await import('./views-paint')
    rows.push(...(await paintRows(join(CACHE, 'library-20000.sqlite'), join(CACHE, 'library-1000.sqlite'), RUNS)))
  }
  record('views', rows, meta)
}

void main()
