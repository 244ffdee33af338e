// Scales and paths for the small SVG charts: round tick values for an axis, a linear map from values to pixels,
// and a polyline that breaks where a value is missing instead of drawing through the gap.

export interface Ticks {
  min: number
  max: number
  step: number
  values: number[]
}

/** 1, 2, 2.5 or 5 × 10ⁿ: the smallest such step that covers `span` in at most `count` intervals. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1
  const raw = span / count
  const base = 10 ** Math.floor(Math.log10(raw))
  for (const k of [1, 2, 2.5, 5, 10]) if (k * base >= raw - 1e-12) return k * base
  return 10 * base
}

/**
 * Axis ticks around the values: the bounds widened to multiples of a round step. A flat series (or a single value)
 * still gets a span, so its line sits inside the plot rather than on its edge. `clamp` keeps the axis within a
 * known range, e.g. scores never leave 0…100.
 */
export function niceTicks(values: readonly number[], count = 4, clamp?: [number, number]): Ticks {
  const finite = values.filter(Number.isFinite)
  let lo = finite.length ? Math.min(...finite) : 0
  let hi = finite.length ? Math.max(...finite) : 1
  if (hi - lo < 1e-9) {
    lo -= 1
    hi += 1
  }
  const step = niceStep(hi - lo, count)
  let min = Math.floor(lo / step + 1e-9) * step
  let max = Math.ceil(hi / step - 1e-9) * step
  if (clamp) {
    min = Math.max(clamp[0], min)
    max = Math.min(clamp[1], max)
  }
  // Counted, not accumulated, and trimmed of binary noise below the step's own digits: 0.1 + 0.2 prints as 0.3.
  const n = Math.round((max - min) / step)
  const digits = Math.min(20, Math.max(0, Math.ceil(-Math.log10(step)) + 2))
  const ticks = Array.from({ length: n + 1 }, (_, i) => Number((min + i * step).toFixed(digits)))
  return { min, max, step, values: ticks }
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linear(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain
  const [r0, r1] = range
  if (d1 === d0) return () => (r0 + r1) / 2
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)
}

/** `M x y L x y …`, starting again with M after each missing point; '' when nothing is drawn. */
export function linePath(points: readonly ({ x: number; y: number } | null)[]): string {
  let out = ''
  let open = false
  for (const p of points) {
    if (!p) {
      open = false
      continue
    }
    out += `${out ? ' ' : ''}${open ? 'L' : 'M'}${round(p.x)} ${round(p.y)}`
    open = true
  }
  return out
}

export const round = (v: number) => Math.round(v * 10) / 10

export interface Segment<K> {
  key: K
  value: number
  /** Where the segment starts and how long it is, in pixels. */
  x: number
  width: number
}

/** Segments of a stacked bar laid end to end from `x0`, each `value × scale` pixels long; zero values are dropped. */
export function stack<K>(parts: readonly { key: K; value: number }[], scale: number, x0 = 0): Segment<K>[] {
  const out: Segment<K>[] = []
  let x = x0
  for (const p of parts) {
    if (!(p.value > 0)) continue
    const width = p.value * scale
    out.push({ key: p.key, value: p.value, x, width })
    x += width
  }
  return out
}
