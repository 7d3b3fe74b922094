/**
 * Tagging speed on long articles built from the sample issue: 100 KB of UTF-8 (about 34 000
 * Chinese characters) and 100 000 characters. Times are reported as ratios to plain scans of
 * the same text, so that they mean the same on any machine:
 * - indexOf: counting every 开发区 with String.prototype.indexOf;
 * - regex: one pass of a simple figure regex (digits + optional 万/亿 + a few units).
 * Each time is the fastest of RUNS runs after a warm-up (the least disturbed by other load on
 * the machine), with the median beside it; milliseconds are for reference against a 16 ms frame.
 *
 *   npx tsx bench/tagging.bench.ts
 */

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { detectFigures, detectTags, detectZones, loadGazetteer } from '../src/shared/tagging'
import { time as measure, type Timing } from './timing'

const RUNS = 30

const root = resolve(__dirname, '..')
const sample = readFileSync(resolve(root, 'resources/samples/kaifaqu-2024-25.txt'), 'utf8')
const gazetteer = loadGazetteer(JSON.parse(readFileSync(resolve(root, 'resources/zones.json'), 'utf8')))

const time = (run: () => unknown): Timing => measure(run, RUNS)

/** The sample repeated and cut to `length` characters. */
function article(length: number): string {
  return sample.repeat(Math.ceil(length / sample.length)).slice(0, length)
}

function bench(label: string, text: string): void {
  const indexOf = time(() => {
    let count = 0
    for (let at = text.indexOf('开发区'); at >= 0; at = text.indexOf('开发区', at + 1)) count++
    return count
  })
  const regex = time(() => text.match(/\d+(?:\.\d+)?[万亿]?(?:元|吨|%|家|个)/g)?.length ?? 0)
  const rows: Array<[string, Timing]> = [
    ['indexOf scan (baseline)', indexOf],
    ['regex pass (baseline)', regex],
    ['detectZones', time(() => detectZones(text, gazetteer))],
    ['detectFigures', time(() => detectFigures(text))],
    ['detectTags', time(() => detectTags(text, gazetteer))],
  ]
  const bytes = new TextEncoder().encode(text).length
  console.log(`\n${label}: ${text.length} characters, ${(bytes / 1000).toFixed(0)} KB UTF-8, ${RUNS} runs`)
  for (const [name, t] of rows) {
    const ms = `${t.best.toFixed(2).padStart(6)} ms (median ${t.median.toFixed(2)})`
    const ratios = `${(t.best / indexOf.best).toFixed(0)}× indexOf, ${(t.best / regex.best).toFixed(1)}× regex`
    console.log(`${name.padEnd(24)} ${ms}   ${ratios}`)
  }
  console.log(`tags found: ${detectTags(text, gazetteer).length}`)
}

const CHARS_IN_100_KB = Math.round(100_000 / (new TextEncoder().encode(sample).length / sample.length))
bench('100 KB article', article(CHARS_IN_100_KB))
bench('100 000-character article', article(100_000))
