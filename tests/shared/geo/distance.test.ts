import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { distanceToBoundaryMetres, EARTH_RADIUS_M, haversineMetres } from '@shared/geo/distance'
import { wgs84ToGcj02 } from '@shared/geo/gcj02'
import type { Position } from '@shared/geo/lat-lng'
import { harbinDistrictCenters, harbinDistricts } from '@shared/seed/districts'

const point = fc.record({
  lat: fc.double({ min: 44, max: 47, noNaN: true }),
  lng: fc.double({ min: 125, max: 131, noNaN: true }),
})

describe('haversineMetres', () => {
  it('measures one degree of latitude as R·π/180', () => {
    expect(haversineMetres({ lat: 45, lng: 126 }, { lat: 46, lng: 126 })).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 3)
  })

  it('puts the GCJ-02 shift of Central Street at about 0.51 km, as the SOURCE note says', () => {
    const w = { lat: 45.7733, lng: 126.6178 }
    expect(haversineMetres(w, wgs84ToGcj02(w))).toBeGreaterThan(500)
    expect(haversineMetres(w, wgs84ToGcj02(w))).toBeLessThan(520)
  })

  it('is zero for the same point, symmetric and obeys the triangle inequality (property)', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        const ab = haversineMetres(a, b)
        return (
          haversineMetres(a, a) === 0 &&
          Math.abs(ab - haversineMetres(b, a)) < 1e-6 &&
          haversineMetres(a, c) <= ab + haversineMetres(b, c) + 1e-6
        )
      }),
    )
  })
})

describe('distanceToBoundaryMetres', () => {
  // A square of 0.02° of latitude by the same ground width, centred on (45.75, 126.6).
  const lat0 = 45.75, lng0 = 126.6
  const half = 0.01, halfLng = half / Math.cos((lat0 * Math.PI) / 180)
  const ring: Position[] = [
    [lng0 - halfLng, lat0 - half], [lng0 + halfLng, lat0 - half], [lng0 + halfLng, lat0 + half],
    [lng0 - halfLng, lat0 + half], [lng0 - halfLng, lat0 - half],
  ]
  const halfMetres = (EARTH_RADIUS_M * Math.PI * half) / 180

  it('is half the side from the centre of a square', () => {
    expect(distanceToBoundaryMetres({ lat: lat0, lng: lng0 }, [[ring]])).toBeCloseTo(halfMetres, 0)
  })

  it('measures to a vertex from outside a corner', () => {
    const corner = { lat: lat0 + half, lng: lng0 + halfLng }
    const outside = { lat: corner.lat + 0.001, lng: corner.lng + 0.001 }
    expect(Math.abs(distanceToBoundaryMetres(outside, [[ring]]) - haversineMetres(outside, corner))).toBeLessThan(0.5)
  })

  it('never exceeds the distance to any vertex within 20 km (property)', () => {
    const districts = harbinDistricts()
    const offset = fc.double({ min: -0.15, max: 0.15, noNaN: true })
    fc.assert(
      fc.property(fc.integer({ min: 0, max: districts.length - 1 }), fc.nat(), fc.nat(), offset, offset, (i, k, m, dLat, dLng) => {
        const r = districts[i].boundary[0][0]
        const [lng0, lat0] = r[m % r.length]
        const p = { lat: lat0 + dLat, lng: lng0 + dLng }
        const [lng, lat] = r[k % r.length]
        const toVertex = haversineMetres(p, { lat, lng })
        fc.pre(toVertex < 20_000)
        return distanceToBoundaryMetres(p, districts[i].boundary) <= toVertex * 1.001 + 0.01
      }),
      { numRuns: 300 },
    )
  })

  it('puts every district center well away from its border', () => {
    const centers = harbinDistrictCenters()
    for (const d of harbinDistricts()) expect(distanceToBoundaryMetres(centers[d.code], d.boundary)).toBeGreaterThan(500)
  })
})
