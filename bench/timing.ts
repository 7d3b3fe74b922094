/** Timing for the benches: the fastest of `runs` runs after `warmups` (least disturbed by other load), and the median. */
export interface Timing {
  best: number
  median: number
}

export function time(run: () => unknown, runs: number, warmups = 5): Timing {
  for (let i = 0; i < warmups; i++) run()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    run()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { best: times[0] ?? NaN, median: times[Math.floor(times.length / 2)] ?? NaN }
}
