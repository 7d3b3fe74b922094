/**
 * Search speed on a library the size of years of a weekly 专刊: 200 issues × 10 articles (2 000
 * articles, about 6 million characters), built from the sample issue with each article made
 * unique. Reported as a ratio to the plain way of asking the same question in SQLite — a LIKE
 * scan over the same six columns of the same rows — run side by side on the same library:
 * - search.articles (FTS5 trigram + snippets), for a rare phrase, a common one and a 2-character word;
 * - the LIKE scan returning the same article ids.
 * Each time is the fastest of RUNS runs after a warm-up, with the median beside it.
 *
 *   npx tsx bench/search.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openFolio } from '../src/main/library'
import { time as measure, type Timing } from './timing'

const RUNS = 15
const ISSUES = 200

const dir = mkdtempSync(join(tmpdir(), 'folio-search-bench-'))
const library = openFolio(join(dir, 'library.sqlite'), { backupsDir: null })
const { api, db } = library

const sample = api.call('sample.open', {})
const articles = sample.articles.map((a) => api.call('article.get', { id: a.id }))
db.transaction(() => {
  const insert = db.prepare(
    `INSERT INTO articles (issue_id, position, kicker, headline, subtitle, dateline, byline, body_json, body_text,
       char_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const issue = db.prepare("INSERT INTO issues (title, number, created_at, updated_at) VALUES (?, ?, '', '')")
  for (let n = 1; n < ISSUES; n++) {
    const issueId = Number(issue.run('开发区建设', `第${n}期`).lastInsertRowid)
    for (let k = 0; k < 10; k++) {
      const a = articles[k % articles.length]!
      // A marker per article keeps rare phrases rare, as real copy is.
      const body = `${a.bodyText}\n编号${n}-${k}号园区备案。`
      insert.run(
        issueId,
        k,
        a.kicker,
        `${a.headline}（${n}-${k}）`,
        a.subtitle,
        a.dateline,
        a.byline,
        a.body,
        body,
        body.length,
        '',
        '',
      )
    }
  }
})()
const total = db.prepare('SELECT count(*) FROM articles').pluck().get() as number

const time = (run: () => unknown): Timing => measure(run, RUNS, 3)

const FIELDS = ['headline', 'kicker', 'subtitle', 'dateline', 'byline', 'body_text']
const like = db.prepare(
  `SELECT id FROM articles WHERE deleted_at IS NULL AND (${FIELDS.map((f) => `${f} LIKE ?`).join(' OR ')})`,
)

console.log(`search: ${total} articles in ${ISSUES} issues`)
for (const [label, query] of [
  ['rare phrase', '编号137-4号园区'],
  ['common phrase', '锂离子电池'],
  ['2 characters', '农高'],
] as const) {
  const hits = api.call('search.articles', { query, limit: 500 }).length
  const ids = (like.all(...FIELDS.map(() => `%${query}%`)) as { id: number }[]).length
  const folio = time(() => api.call('search.articles', { query, limit: 500 }))
  const scan = time(() => like.all(...FIELDS.map(() => `%${query}%`)))
  const fmt = (t: Timing): string => `${t.best.toFixed(2)} ms (median ${t.median.toFixed(2)})`
  console.log(
    `  ${label} 「${query}」: ${hits} hits (LIKE finds ${ids}) — search.articles ${fmt(folio)}, LIKE scan ${fmt(scan)}, ` +
      `ratio ${(folio.best / scan.best).toFixed(2)}×`,
  )
}

void api.close().then(() => {
  library.close()
  rmSync(dir, { recursive: true, force: true })
})
