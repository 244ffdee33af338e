import { describe, expect, it } from 'vitest'
import { haversineMetres, wgs84ToGcj02 } from '@shared/geo'
import { displayDatum, multiPolygonToDisplay } from '../../../client/src/features/map/datum'
import type { TileSettings } from '../../../client/src/features/map/tile-settings'

const CENTRAL_STREET = { lat: 45.7733, lng: 126.6178 }
const settings = (datum: TileSettings['datum']): TileSettings => ({
  url: 'https://{s}.tiles.example/{z}/{x}/{y}.png',
  attribution: '',
  subdomains: ['a', 'b'],
  maxZoom: 18,
  datum,
})

describe('displayDatum', () => {
  it('shifts WGS-84 positions onto a GCJ-02 tile source by a few hundred metres', () => {
    const d = displayDatum(settings('gcj02'))
    const shown = d.toDisplay(CENTRAL_STREET)
    expect(d.datum).toBe('gcj02')
    expect(shown).toEqual(wgs84ToGcj02(CENTRAL_STREET))
    // The SOURCE note's figure for this point: about 0.51 km, north-east (Δlng +0.005927, Δlat +0.001916).
    const metres = haversineMetres(CENTRAL_STREET, shown)
    expect(metres).toBeGreaterThan(450)
    expect(metres).toBeLessThan(560)
    expect(shown.lng - CENTRAL_STREET.lng).toBeCloseTo(0.005927, 5)
    expect(shown.lat - CENTRAL_STREET.lat).toBeCloseTo(0.001916, 5)
  })

  it('reads a position taken from a GCJ-02 map back to WGS-84 within a centimetre', () => {
    const d = displayDatum(settings('gcj02'))
    expect(haversineMetres(CENTRAL_STREET, d.fromDisplay(d.toDisplay(CENTRAL_STREET)))).toBeLessThan(0.01)
  })

  it('leaves positions alone on a WGS-84 tile source and with no tile source', () => {
    for (const d of [displayDatum(settings('wgs84')), displayDatum(null)]) {
      expect(d.datum).toBe('wgs84')
      expect(d.toDisplay(CENTRAL_STREET)).toEqual(CENTRAL_STREET)
      expect(d.fromDisplay(CENTRAL_STREET)).toEqual(CENTRAL_STREET)
    }
  })

  it('does not change the position it is given (stored records stay WGS-84)', () => {
    const stored = { ...CENTRAL_STREET }
    displayDatum(settings('gcj02')).toDisplay(stored)
    expect(stored).toEqual(CENTRAL_STREET)
  })
})

describe('multiPolygonToDisplay', () => {
  const ring: [number, number][] = [
    [126.6, 45.7],
    [126.7, 45.7],
    [126.7, 45.8],
    [126.6, 45.7],
  ]

  it('turns GeoJSON [lng, lat] into Leaflet [lat, lng], shifting each vertex for GCJ-02', () => {
    const shown = multiPolygonToDisplay([[ring]], displayDatum(settings('gcj02')))
    expect(shown).toHaveLength(1)
    expect(shown[0]![0]).toHaveLength(4)
    const g = wgs84ToGcj02({ lat: 45.7, lng: 126.6 })
    expect(shown[0]![0]![0]).toEqual([g.lat, g.lng])
    expect(multiPolygonToDisplay([[ring]], displayDatum(null))[0]![0]![2]).toEqual([45.8, 126.7])
    expect(ring[0]).toEqual([126.6, 45.7])
  })
})
