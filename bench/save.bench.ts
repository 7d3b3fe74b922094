/**
 * Save path: a one-character edit in a 50,000-character article with ~290 tags, saved through the
 * API as the editor's autosave does (a block splice), against the bare UPDATE of the same row with
 * the same triggers (FTS) in a transaction — and the bytes it sends and gets back, against the
 * body. The old way (whole body, whole article echoed) is measured beside it for the record.
 */
import { blockSplice, blockState } from '../src/shared/doc/splice'
import type { Input } from '../src/shared/api/contract'
import { tempLibrary } from '../test/helpers'
import { taggedArticle } from './fixtures/tagged-article'
import { interleaved, record, row } from './report'

async function main(): Promise<void> {
  const lib = tempLibrary()
  const { body } = taggedArticle()
  const issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
  const created = lib.api.call('article.create', { issueId, headline: '长文' })
  let version = lib.api.call('article.update', {
    id: created.id,
    baseVersion: created.version,
    patch: { body },
  }).version
  const id = created.id
  const stored = lib.api.call('article.get', { id })
  const base = blockState(stored.body)!
  // One character typed in the middle paragraph, then taken back: every run is a real change.
  const middle = Math.floor(base.blocks.length / 2)
  const edited = (flip: boolean): string => {
    const doc = JSON.parse(stored.body) as { root: { children: { children: { text: string }[] }[] } }
    const first = doc.root.children[middle]!.children[0]!
    if (flip) first.text += '好'
    return JSON.stringify(doc)
  }
  // Both inputs are made before timing (the editor's saver makes them off the request): the edit,
  // and taking it back, as block splices against the stored body.
  const splices = [true, false].map((on) => blockSplice(base, blockState(edited(on))!)!)
  let runs = 0
  const folio = (): void => {
    const answer = lib.api.dispatch('article.update', {
      id,
      baseVersion: version,
      patch: {},
      bodySplice: splices[runs++ % 2]!,
    })
    if (!answer.ok) throw new Error(answer.error.message_en)
    version = (answer.result as { version: number }).version
  }
  const bareText = stored.bodyText
  let bareFlip = false
  const bare = lib.db.prepare('UPDATE articles SET body_json = ?, body_text = ?, updated_at = updated_at WHERE id = ?')
  const bodies = [edited(false), edited(true)]
  const bareUpdate = (): void => {
    bareFlip = !bareFlip
    lib.db.transaction(() => bare.run(bodies[Number(bareFlip)], bareText + (bareFlip ? '好' : ''), id))()
  }
  const timed = await interleaved(folio, bareUpdate, 15, 3)
  // Put the article back in step with what the API last wrote before measuring the old way.
  let flip = runs % 2 === 1
  const whole = (): void => {
    flip = !flip
    const answer = lib.api.dispatch('article.update', { id, baseVersion: version, patch: { body: edited(flip) } })
    if (!answer.ok) throw new Error(answer.error.message_en)
    version = (answer.result as { version: number }).version
    JSON.stringify(lib.api.call('article.get', { id })) // the old answer echoed the whole article
  }
  const old = await interleaved(whole, bareUpdate, 9, 2)

  const sample: Input<'article.update'> = {
    id,
    baseVersion: version,
    patch: {},
    bodySplice: blockSplice(blockState(lib.api.call('article.get', { id }).body)!, blockState(edited(!flip))!)!,
  }
  const sentBytes = Buffer.byteLength(JSON.stringify(sample))
  const answerBytes = Buffer.byteLength(JSON.stringify(lib.api.dispatch('article.update', sample)))
  const bodyBytes = Buffer.byteLength(stored.body)
  const oldAnswer = Buffer.byteLength(JSON.stringify({ ok: true, result: lib.api.call('article.get', { id }) }))
  const rows = [
    row(
      'save, 1-char edit in 50k tagged article, p50',
      'bare UPDATE, same triggers',
      timed.a.median,
      timed.b.median,
      timed.a.runs,
    ),
    row(
      'save, 1-char edit in 50k tagged article, p95',
      'bare UPDATE, same triggers',
      timed.a.p95,
      timed.b.p95,
      timed.a.runs,
    ),
    row(
      'save the old way (whole body + echo), p50',
      'bare UPDATE, same triggers',
      old.a.median,
      old.b.median,
      old.a.runs,
    ),
    row('bytes sent per autosave', 'the whole body', sentBytes, bodyBytes, 1, 'B'),
    row('bytes answered per autosave', 'the old answer (article echoed)', answerBytes, oldAnswer, 1, 'B'),
  ]
  record('save', rows, { article: { chars: stored.bodyText.length, blocks: base.blocks.length, version } })
  await lib.dispose()
}

void main()
