// What every benchmark returns, and the timing helper they share (median of several runs after warm-up).

export interface BenchResult {
  name: string
  value: number
  unit: string
  /** Name of what the value is compared with: the physical limit or the alternative measured in the same run. */
  limit: string
  limitValue: number
  /** value ÷ limitValue. */
  ratio: number
  /** Most the ratio may be; or, with targetUnit, the most the value itself may be in that unit. */
  target: number
  /** Set when the target is absolute (e.g. "ms"): the line then reads `target <= 50 ms`. */
  targetUnit?: string
}

export interface MeasureOptions {
  warmup?: number
  runs?: number
}

/** Median wall time of `fn` in ms over `runs` timed runs, after `warmup` untimed ones. */
export async function measure(fn: () => unknown, { warmup = 3, runs = 9 }: MeasureOptions = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return median(times)
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** A small seeded PRNG (mulberry32), so every run of a bench scores the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
