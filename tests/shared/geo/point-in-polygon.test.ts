import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bboxOf, districtAt, inBBox, pointInMultiPolygon, pointInPolygon, pointInRing } from '@shared/geo/point-in-polygon'
import { gcj02ToWgs84 } from '@shared/geo/gcj02'
import type { MultiPolygonCoords, Position } from '@shared/geo/lat-lng'
import { harbinDistrictCenters, harbinDistricts } from '@shared/seed/districts'
import source from '@shared/seed/harbin-districts.gcj02.json'

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0],
]
const reversed = (mp: MultiPolygonCoords): MultiPolygonCoords => mp.map((poly) => poly.map((ring) => [...ring].reverse()))

// A 10 × 10 square with a 4 × 4 hole, and a second, separate square.
const withHole: MultiPolygonCoords = [
  [square(0, 0, 10, 10), square(3, 3, 7, 7)],
  [square(20, 0, 25, 5)],
]

describe('pointInPolygon and pointInMultiPolygon', () => {
  it('finds points in the ring, not in the hole, and in the second polygon', () => {
    expect(pointInMultiPolygon({ lng: 1, lat: 1 }, withHole)).toBe(true)
    expect(pointInMultiPolygon({ lng: 5, lat: 5 }, withHole)).toBe(false) // in the hole
    expect(pointInMultiPolygon({ lng: 8, lat: 5 }, withHole)).toBe(true)
    expect(pointInMultiPolygon({ lng: 22, lat: 2 }, withHole)).toBe(true)
    expect(pointInMultiPolygon({ lng: 15, lat: 2 }, withHole)).toBe(false) // between the polygons
    expect(pointInMultiPolygon({ lng: -1, lat: 5 }, withHole)).toBe(false)
  })

  it('counts a ray through a vertex once', () => {
    const diamond: Position[] = [[0, -1], [1, 0], [0, 1], [-1, 0], [0, -1]]
    expect(pointInRing(-0.5, 0, diamond)).toBe(true)
    expect(pointInRing(-2, 0, diamond)).toBe(false)
  })

  it('accepts rings that are not explicitly closed', () => {
    expect(pointInPolygon({ lng: 1, lat: 1 }, [[[0, 0], [2, 0], [2, 2], [0, 2]]])).toBe(true)
  })

  it('is a hole exactly where the hole ring says, whatever the orientation (property)', () => {
    const pt = fc.record({ lng: fc.double({ min: -2, max: 27, noNaN: true }), lat: fc.double({ min: -2, max: 12, noNaN: true }) })
    fc.assert(
      fc.property(pt, (p) => {
        const expected =
          (p.lng > 0 && p.lng < 10 && p.lat > 0 && p.lat < 10 && !(p.lng >= 3 && p.lng <= 7 && p.lat >= 3 && p.lat <= 7)) ||
          (p.lng > 20 && p.lng < 25 && p.lat > 0 && p.lat < 5)
        const onEdge = [0, 3, 7, 10, 20, 25].includes(p.lng) || [0, 3, 5, 7, 10].includes(p.lat)
        return onEdge || (pointInMultiPolygon(p, withHole) === expected && pointInMultiPolygon(p, reversed(withHole)) === expected)
      }),
    )
  })

  it('contains the centroid of any non-degenerate triangle (property)', () => {
    const coord = fc.double({ min: -50, max: 50, noNaN: true })
    fc.assert(
      fc.property(coord, coord, coord, coord, coord, coord, (ax, ay, bx, by, cx, cy) => {
        const area2 = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay)
        fc.pre(Math.abs(area2) > 1e-3)
        const ring: Position[] = [[ax, ay], [bx, by], [cx, cy], [ax, ay]]
        return pointInRing((ax + bx + cx) / 3, (ay + by + cy) / 3, ring)
      }),
    )
  })
})

describe('bboxOf', () => {
  it('bounds the outer rings', () => {
    expect(bboxOf(withHole)).toEqual([0, 0, 25, 10])
  })

  it('never reports a point outside the bbox as inside (property)', () => {
    const districts = harbinDistricts()
    const pt = fc.record({ lat: fc.double({ min: 44, max: 47, noNaN: true }), lng: fc.double({ min: 125, max: 131, noNaN: true }) })
    fc.assert(
      fc.property(pt, fc.integer({ min: 0, max: districts.length - 1 }), (p, i) => {
        const b = districts[i].boundary
        return inBBox(p, bboxOf(b)) || !pointInMultiPolygon(p, b)
      }),
    )
  })
})

describe('districtAt over Harbin', () => {
  const districts = harbinDistricts()
  const centers = harbinDistrictCenters()

  it.each(districts.map((d) => [d.code, d.name.zh] as const))('puts the center of %s %s in its own district and no other', (code) => {
    const c = centers[code]
    expect(districtAt(c, districts)).toBe(code)
    const containing = districts.filter((d) => pointInMultiPolygon(c, d.boundary)).map((d) => d.code)
    expect(containing).toEqual([code])
  })

  it('converts the source centers from GCJ-02 before testing them', () => {
    type F = { properties: { adcode: string; center: number[] } }
    const f = (source as { features: F[] }).features.find((x) => x.properties.adcode === '230102')!
    const [lng, lat] = f.properties.center
    expect(centers['230102']).toEqual(gcj02ToWgs84({ lat, lng }))
  })

  it('returns null far outside, and in the counties that are not assessed', () => {
    expect(districtAt({ lat: 39.9042, lng: 116.4074 }, districts)).toBeNull() // Beijing
    expect(districtAt({ lat: 45.2, lng: 127.0 }, districts)).toBeNull() // 五常市
    expect(districtAt({ lat: 46.3, lng: 129.5 }, districts)).toBeNull() // 依兰县
    expect(districtAt({ lat: 45.7733, lng: 126.6178 }, [])).toBeNull()
  })

  it('finds Central Street (WGS-84) in 道里区', () => {
    expect(districtAt({ lat: 45.7733, lng: 126.6178 }, districts)).toBe('230102')
  })

  it('puts no point in two districts, and answers the same with reversed rings (property)', () => {
    const flipped = districts.map((d) => ({ code: d.code, boundary: reversed(d.boundary) }))
    const pt = fc.record({ lat: fc.double({ min: 45.1, max: 46.5, noNaN: true }), lng: fc.double({ min: 125.6, max: 127.7, noNaN: true }) })
    fc.assert(
      fc.property(pt, (p) => {
        const n = districts.filter((d) => pointInMultiPolygon(p, d.boundary)).length
        return n <= 1 && districtAt(p, flipped) === districtAt(p, districts)
      }),
      { numRuns: 500 },
    )
  })
})
