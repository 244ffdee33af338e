import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from '@shared/geo/gcj02'
import { haversineMetres } from '@shared/geo/distance'

// Harbin's overall bbox from the boundary file's SOURCE note, a little widened.
const harbinPoint = fc.record({
  lat: fc.double({ min: 44.0, max: 46.7, noNaN: true }),
  lng: fc.double({ min: 125.6, max: 130.3, noNaN: true }),
})

describe('wgs84ToGcj02', () => {
  it('matches the SOURCE note check on Central Street (中央大街)', () => {
    const g = wgs84ToGcj02({ lat: 45.7733, lng: 126.6178 })
    expect(Math.abs(g.lat - 45.775216)).toBeLessThan(1e-6)
    expect(Math.abs(g.lng - 126.623727)).toBeLessThan(1e-6)
  })

  it('shifts points in Harbin by a few hundred metres', () => {
    fc.assert(
      fc.property(harbinPoint, (p) => {
        const d = haversineMetres(p, wgs84ToGcj02(p))
        return d > 200 && d < 900
      }),
    )
  })
})

describe('gcj02ToWgs84', () => {
  it('inverts the forward formula to under a centimetre over Harbin', () => {
    fc.assert(
      fc.property(harbinPoint, (w) => haversineMetres(w, gcj02ToWgs84(wgs84ToGcj02(w))) < 0.01),
      { numRuns: 2000 },
    )
  })

  it('is a true inverse from the GCJ-02 side as well', () => {
    fc.assert(fc.property(harbinPoint, (g) => haversineMetres(g, wgs84ToGcj02(gcj02ToWgs84(g))) < 0.01))
  })

  it('does better than the one-step approximation', () => {
    const w = { lat: 45.7733, lng: 126.6178 }
    const g = wgs84ToGcj02(w)
    const shifted = wgs84ToGcj02(g)
    const oneStep = { lat: 2 * g.lat - shifted.lat, lng: 2 * g.lng - shifted.lng }
    expect(haversineMetres(w, gcj02ToWgs84(g))).toBeLessThan(haversineMetres(w, oneStep))
  })
})

describe('outOfChina', () => {
  const outside = [
    { lat: 52.52, lng: 13.405 }, // Berlin
    { lat: 35.6762, lng: 139.6503 }, // Tokyo
    { lat: -33.8688, lng: 151.2093 }, // Sydney
    { lat: 60.0, lng: 120.0 }, // north of the box
  ]

  it.each(outside)('passes %o through unchanged both ways', (p) => {
    expect(outOfChina(p)).toBe(true)
    expect(wgs84ToGcj02(p)).toEqual(p)
    expect(gcj02ToWgs84(p)).toEqual(p)
  })

  it('treats Harbin as inside China', () => {
    expect(outOfChina({ lat: 45.7733, lng: 126.6178 })).toBe(false)
  })

  it('returns a copy, not the argument', () => {
    const p = { lat: 52.52, lng: 13.405 }
    expect(wgs84ToGcj02(p)).not.toBe(p)
  })
})
