// Harbin's nine assessed districts, with boundaries converted from the bundled GCJ-02 file to WGS-84 on first use.
import type { District } from '../domain/district.schema'
import { DEFAULT_POLICY, HARBIN_DISTRICT_CODES } from '../domain/policy.schema'
import { gcj02ToWgs84, multiPolygonGcj02ToWgs84 } from '../geo/gcj02'
import type { LatLng } from '../geo/lat-lng'
import source from './harbin-districts.gcj02.json'

interface SourceFeature {
  properties: { adcode: string; name: string; name_en: string; center: number[]; kind: string }
  geometry: { type: string; coordinates: number[][][][] }
}

/** The one ranking group of the default policy. */
const GROUP = DEFAULT_POLICY.ranking.groups[0].id

const ASSESSED = new Set<string>(HARBIN_DISTRICT_CODES)

function assessedFeatures(): SourceFeature[] {
  const features = (source as { features: SourceFeature[] }).features
  return features
    .filter((f) => f.properties.kind === 'district' && ASSESSED.has(f.properties.adcode))
    .sort((a, b) => a.properties.adcode.localeCompare(b.properties.adcode))
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

let districts: readonly District[] | undefined
let centers: Readonly<Record<string, LatLng>> | undefined

/**
 * The nine districts in code order, boundaries in WGS-84. Converted once and memoised; the returned objects are
 * frozen because every caller shares them (copy before editing, e.g. for an administrator's boundary change).
 */
export function harbinDistricts(): District[] {
  districts ??= deepFreeze(
    assessedFeatures().map((f): District => ({
      code: f.properties.adcode,
      name: { zh: f.properties.name, en: `${f.properties.name_en} District` },
      group: GROUP,
      boundary: multiPolygonGcj02ToWgs84(f.geometry.coordinates),
    })),
  )
  return [...districts]
}

/**
 * Each district's DataV `center` (the seat of its government, roughly its urban core) converted to WGS-84, by code.
 * Used to place demo data where the city is, and as a default map view.
 */
export function harbinDistrictCenters(): Readonly<Record<string, LatLng>> {
  centers ??= deepFreeze(
    Object.fromEntries(
      assessedFeatures().map((f) => {
        const [lng, lat] = f.properties.center
        return [f.properties.adcode, gcj02ToWgs84({ lat, lng })]
      }),
    ),
  )
  return centers
}
