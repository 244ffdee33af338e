import { describe, expect, it } from 'vitest'
import { District } from '@shared/domain/district.schema'
import { DEFAULT_POLICY, HARBIN_DISTRICT_CODES } from '@shared/domain/policy.schema'
import { validate } from '@shared/validation'
import { haversineMetres } from '@shared/geo/distance'
import { wgs84ToGcj02 } from '@shared/geo/gcj02'
import { harbinDistricts } from '@shared/seed/districts'
import source from '@shared/seed/harbin-districts.gcj02.json'

type F = { properties: { adcode: string; kind: string }; geometry: { coordinates: number[][][][] } }
const features = (source as { features: F[] }).features

describe('harbinDistricts', () => {
  const districts = harbinDistricts()

  it('returns the nine districts, not the counties, in code order', () => {
    expect(features).toHaveLength(18)
    expect(districts.map((d) => d.code)).toEqual([...HARBIN_DISTRICT_CODES])
  })

  it.each(districts.map((d) => [d.code, d] as const))('%s validates against the District schema', (_, d) => {
    const r = validate(District, d)
    expect(r.ok ? [] : r.issues).toEqual([])
  })

  it('names them in both languages and puts them in the default ranking group', () => {
    expect(districts[0].name).toEqual({ zh: '道里区', en: 'Daoli District' })
    expect(districts.find((d) => d.code === '230103')!.name).toEqual({ zh: '南岗区', en: 'Nangang District' })
    for (const d of districts) {
      expect(d.name.zh).toMatch(/区$/)
      expect(d.group).toBe('all')
      expect(DEFAULT_POLICY.ranking.groups[0].districtCodes).toContain(d.code)
    }
  })

  it('holds WGS-84 boundaries that map back onto the GCJ-02 source vertex by vertex', () => {
    for (const d of districts) {
      const src = features.find((f) => f.properties.adcode === d.code)!.geometry.coordinates
      const ring = d.boundary[0][0]
      expect(ring).toHaveLength(src[0][0].length)
      for (let i = 0; i < ring.length; i += 7) {
        const g = wgs84ToGcj02({ lng: ring[i][0], lat: ring[i][1] })
        expect(haversineMetres(g, { lng: src[0][0][i][0], lat: src[0][0][i][1] })).toBeLessThan(0.01)
        // and the conversion really moved it, by the few hundred metres GCJ-02 adds
        expect(haversineMetres(g, { lng: ring[i][0], lat: ring[i][1] })).toBeGreaterThan(200)
      }
    }
  })

  it('is memoised and frozen, so callers cannot corrupt each other', () => {
    const again = harbinDistricts()
    expect(again).not.toBe(districts) // a fresh array
    expect(again[0]).toBe(districts[0]) // of the same, shared districts
    expect(Object.isFrozen(again[0].boundary[0][0][0])).toBe(true)
    expect(() => {
      ;(again[0] as { group: string }).group = 'x'
    }).toThrow(TypeError)
  })
})
