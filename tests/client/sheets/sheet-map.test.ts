// The sheet's map excerpt: the district and its numbered points fitted into the box, north up, the scale bar true.
import { describe, expect, it } from 'vitest'
import { harbinDistricts } from '@shared/seed'
import { drawMap, niceMetres } from '../../../client/src/features/sheets/sheet-map'

const BOX = { width: 640, height: 380, padding: 24 }
const nangang = harbinDistricts().find((d) => d.code === '230103')!

function bounds(d: string): { minX: number; maxX: number; minY: number; maxY: number } {
  const nums = [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])
  return { minX: Math.min(...nums.map((p) => p[0]!)), maxX: Math.max(...nums.map((p) => p[0]!)), minY: Math.min(...nums.map((p) => p[1]!)), maxY: Math.max(...nums.map((p) => p[1]!)) }
}

describe('the map excerpt', () => {
  const points = [
    { lat: 45.745, lng: 126.64, label: '1' },
    { lat: 45.75, lng: 126.65, label: '2' },
  ]

  it('fits the whole district inside the box, points within it, north up', () => {
    const m = drawMap(nangang.boundary, points, BOX, 'district')
    const b = bounds(m.boundary)
    expect(b.minX).toBeGreaterThanOrEqual(BOX.padding - 0.1)
    expect(b.maxX).toBeLessThanOrEqual(BOX.width - BOX.padding + 0.1)
    expect(b.minY).toBeGreaterThanOrEqual(BOX.padding - 0.1)
    expect(b.maxY).toBeLessThanOrEqual(BOX.height - BOX.padding + 0.1)
    // Filling one dimension of the box.
    expect(Math.max((b.maxX - b.minX) / (BOX.width - 2 * BOX.padding), (b.maxY - b.minY) / (BOX.height - 2 * BOX.padding))).toBeCloseTo(1, 2)
    expect(m.points.map((p) => p.label)).toEqual(['1', '2'])
    // The more northern and eastern point is further up and right.
    expect(m.points[1]!.y).toBeLessThan(m.points[0]!.y)
    expect(m.points[1]!.x).toBeGreaterThan(m.points[0]!.x)
  })

  it('enlarges the area of the points, keeping them clear of the edges', () => {
    const m = drawMap(nangang.boundary, points, BOX, 'points')
    for (const p of m.points) {
      expect(p.x).toBeGreaterThan(BOX.padding)
      expect(p.x).toBeLessThan(BOX.width - BOX.padding)
      expect(p.y).toBeGreaterThan(BOX.padding)
      expect(p.y).toBeLessThan(BOX.height - BOX.padding)
    }
    const whole = drawMap(nangang.boundary, points, BOX, 'district')
    const gap = (d: typeof m) => Math.hypot(d.points[0]!.x - d.points[1]!.x, d.points[0]!.y - d.points[1]!.y)
    expect(gap(m)).toBeGreaterThan(gap(whole))
  })

  it('measures the scale bar: its pixels stand for its metres', () => {
    const one = drawMap([], [{ lat: 45.75, lng: 126.65, label: '1' }], BOX, 'points')
    // A single point shows at least 1200 m of surroundings (1.4 × for the margin) across the narrower side.
    const pxPerMetre = one.scale.px / one.scale.metres
    expect((BOX.height - 2 * BOX.padding) / pxPerMetre).toBeCloseTo(1200 * 1.4, -1)
    expect([100, 200, 500]).toContain(one.scale.metres)
    expect(niceMetres(730)).toBe(500)
    expect(niceMetres(2100)).toBe(2000)
    expect(niceMetres(0)).toBe(0)
  })

  it('draws nothing from nothing', () => {
    expect(drawMap([], [], BOX, 'points')).toEqual({ boundary: '', points: [], scale: { px: 0, metres: 0 } })
  })
})
