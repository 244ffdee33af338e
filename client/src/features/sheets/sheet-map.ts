// The map excerpt on a sheet's screen: the district's boundary and the findings' numbered points (both WGS-84, as
// stored), projected equirectangularly about the middle latitude — at a district's size indistinguishable from a
// map projection — and fitted into a box, either to the whole district or to the area of the points.
import type { MultiPolygon } from '@shared/domain'

export interface MapPoint {
  lat: number
  lng: number
  label: string
}

export interface Drawn {
  boundary: string
  points: { x: number; y: number; label: string }[]
  /** A scale bar: its length in pixels and what it measures. */
  scale: { px: number; metres: number }
}

const M_PER_DEG = 111_320
/** The area of the points is shown at least this wide and tall, metres, so a single point has surroundings. */
export const MIN_SPAN = 1200

const r1 = (v: number) => Math.round(v * 10) / 10

/** 1, 2 or 5 × 10ⁿ metres: the longest such length not above `max`. */
export function niceMetres(max: number): number {
  if (!(max > 0)) return 0
  const base = 10 ** Math.floor(Math.log10(max))
  return [5, 2, 1].map((k) => k * base).find((v) => v <= max) ?? base
}

export function drawMap(boundary: MultiPolygon, points: readonly MapPoint[], box: { width: number; height: number; padding: number }, fitTo: 'district' | 'points'): Drawn {
  const all = [...boundary.flatMap((p) => p.flat()), ...points.map((p): [number, number] => [p.lng, p.lat])]
  if (all.length === 0) return { boundary: '', points: [], scale: { px: 0, metres: 0 } }
  const lats = all.map((c) => c[1])
  const lat0 = (Math.min(...lats) + Math.max(...lats)) / 2
  const kx = Math.cos((lat0 * Math.PI) / 180) * M_PER_DEG
  // x east, y south, in metres.
  const project = (lng: number, lat: number): [number, number] => [lng * kx, -lat * M_PER_DEG]

  const rings = boundary.flatMap((poly) => poly.map((ring) => ring.map(([lng, lat]) => project(lng!, lat!))))
  const marks = points.map((p) => ({ label: p.label, xy: project(p.lng, p.lat) }))
  const source = fitTo === 'points' && marks.length ? marks.map((m) => m.xy) : [...rings.flat(), ...marks.map((m) => m.xy)]
  const xs = source.map((p) => p[0])
  const ys = source.map((p) => p[1])
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2
  const minSpan = fitTo === 'points' ? MIN_SPAN : 500
  // A fifth more round the points keeps the markers clear of the edge.
  const grow = fitTo === 'points' ? 1.4 : 1
  const w = Math.max(Math.max(...xs) - Math.min(...xs), minSpan) * grow
  const h = Math.max(Math.max(...ys) - Math.min(...ys), minSpan) * grow
  const innerW = box.width - 2 * box.padding
  const innerH = box.height - 2 * box.padding
  const scale = Math.min(innerW / w, innerH / h)
  const at = ([x, y]: [number, number]): [number, number] => [box.width / 2 + (x - cx) * scale, box.height / 2 + (y - cy) * scale]

  let d = ''
  for (const ring of rings) {
    ring.forEach((p, i) => {
      const [x, y] = at(p)
      d += `${i === 0 ? 'M' : 'L'}${r1(x)} ${r1(y)}`
    })
    d += 'Z'
  }
  const metres = niceMetres(innerW / 4 / scale)
  return {
    boundary: d,
    points: marks.map((m) => {
      const [x, y] = at(m.xy)
      return { x: r1(x), y: r1(y), label: m.label }
    }),
    scale: { px: r1(metres * scale), metres },
  }
}
