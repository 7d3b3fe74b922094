/**
 * One report for every bench: each figure is a ratio to a baseline measured side by side,
 * interleaved (a, b, a, b …), as the median (and p95) of at least five runs — these machines are
 * shared and noisy, so only the ratio is read. `record` merges a bench's rows into
 * bench/results/<date>.json and prints them as a table.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'

export interface Stats {
  median: number
  p95: number
  runs: number
}

export interface Row {
  /** What is measured, e.g. "typing, 50k tagged article, p50". */
  name: string
  /** What it is compared with, e.g. "bare Lexical". */
  baseline: string
  unit: string
  value: number
  base: number
  /** value / base: what the row says. */
  ratio: number
  runs: number
  note?: string
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  return { median: at(0.5), p95: at(0.95), runs: sorted.length }
}

/** Runs `a` and `b` alternately `runs` times each (after warm-ups) and times every run. */
export async function interleaved(
  a: () => unknown,
  b: () => unknown,
  runs = 7,
  warmups = 2,
): Promise<{ a: Stats; b: Stats; samplesA: number[]; samplesB: number[] }> {
  if (runs < 5) throw new Error('at least five runs per side')
  for (let i = 0; i < warmups; i++) {
    await a()
    await b()
  }
  const samplesA: number[] = []
  const samplesB: number[] = []
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always runs on a warmer machine.
    const order = i % 2 === 0 ? ([a, samplesA, b, samplesB] as const) : ([b, samplesB, a, samplesA] as const)
    for (const [run, into] of [
      [order[0], order[1]],
      [order[2], order[3]],
    ] as const) {
      const t0 = performance.now()
      await run()
      into.push(performance.now() - t0)
    }
  }
  return { a: stats(samplesA), b: stats(samplesB), samplesA, samplesB }
}

export function row(
  name: string,
  baseline: string,
  value: number,
  base: number,
  runs: number,
  unit = 'ms',
  note?: string,
): Row {
  return { name, baseline, unit, value, base, ratio: value / base, runs, ...(note && { note }) }
}

const RESULTS = join(__dirname, 'results')

/** Merges `rows` under `bench` into today's report and prints them. */
export function record(bench: string, rows: Row[], meta: Record<string, unknown> = {}): string {
  mkdirSync(RESULTS, { recursive: true })
  const file = join(RESULTS, `${new Date().toISOString().slice(0, 10)}.json`)
  const report = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
    : { machine: machine(), benches: {} }
  ;(report.benches as Record<string, unknown>)[bench] = { at: new Date().toISOString(), ...meta, rows }
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  printTable(bench, rows)
  return file
}

function machine(): Record<string, unknown> {
  return {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  }
}

export function printTable(bench: string, rows: Row[]): void {
  const fmt = (v: number, unit: string): string => `${unit === 'ms' ? v.toFixed(1) : Math.round(v)} ${unit}`
  console.log(`\n${bench}`)
  console.log(
    ['what'.padEnd(56), 'value'.padStart(14), 'baseline'.padStart(14), 'ratio'.padStart(8), '  against'].join(''),
  )
  for (const r of rows) {
    console.log(
      [
        r.name.padEnd(56),
        fmt(r.value, r.unit).padStart(14),
        fmt(r.base, r.unit).padStart(14),
        `${r.ratio.toFixed(2)}×`.padStart(8),
        `  ${r.baseline}${r.note ? ` (${r.note})` : ''}`,
      ].join(''),
    )
  }
}
