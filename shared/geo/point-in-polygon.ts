// Which district a point falls in: ray casting over GeoJSON (Multi)Polygon rings, with a bounding-box pre-check.
//
// Rings are [lng, lat]. In each polygon ring 0 is the outer ring and any further rings are holes. Ring orientation
// is not relied on (the bundled Harbin rings are clockwise, RFC 7946 recommends the opposite): the even-odd ray
// test gives the same answer either way. Rings may be closed (last = first) or not. A point exactly on an edge may
// count as inside or outside; on a border shared by two districts, districtAt returns the first one in the list.
import type { BBox, LatLng, MultiPolygonCoords } from './lat-lng'

type Ring = readonly (readonly number[])[]
type Polygon = readonly Ring[]
type MultiPolygon = readonly Polygon[]

/** Even-odd ray casting: a ray from the point towards +lng crosses the ring's edges an odd number of times. */
export function pointInRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false
  const n = ring.length
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i][0], yi = ring[i][1]
    const xj = ring[j][0], yj = ring[j][1]
    // Half-open rule on lat (one endpoint strictly above) so a ray through a vertex is counted once.
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Inside the outer ring and in none of the holes. */
export function pointInPolygon(p: LatLng, polygon: Polygon): boolean {
  if (polygon.length === 0 || !pointInRing(p.lng, p.lat, polygon[0])) return false
  for (let h = 1; h < polygon.length; h++) if (pointInRing(p.lng, p.lat, polygon[h])) return false
  return true
}

export function bboxOf(mp: MultiPolygon): BBox {
  let minLng = Infinity, minLat = Infinity, maxLng = -Infinity, maxLat = -Infinity
  for (const polygon of mp) {
    // Holes lie inside the outer ring, so the outer ring alone bounds the polygon.
    for (const [lng, lat] of polygon[0] ?? []) {
      if (lng < minLng) minLng = lng
      if (lng > maxLng) maxLng = lng
      if (lat < minLat) minLat = lat
      if (lat > maxLat) maxLat = lat
    }
  }
  return [minLng, minLat, maxLng, maxLat]
}

// Boundaries are loaded once and never mutated, so their bounding boxes are cached by identity.
const bboxCache = new WeakMap<object, BBox>()

function cachedBBox(mp: MultiPolygon): BBox {
  let b = bboxCache.get(mp)
  if (!b) bboxCache.set(mp, (b = bboxOf(mp)))
  return b
}

export function inBBox(p: LatLng, b: BBox): boolean {
  return p.lng >= b[0] && p.lng <= b[2] && p.lat >= b[1] && p.lat <= b[3]
}

/** Point in any polygon of a MultiPolygon. Point and coordinates must be in the same datum. */
export function pointInMultiPolygon(p: LatLng, mp: MultiPolygon): boolean {
  if (!inBBox(p, cachedBBox(mp))) return false
  for (const polygon of mp) if (pointInPolygon(p, polygon)) return true
  return false
}

/** What districtAt needs of a district: its code and its boundary (WGS-84, like the point). */
export interface HasBoundary {
  code: string
  boundary: MultiPolygon | MultiPolygonCoords
}

/** The code of the first district whose boundary contains the point, or null when none does. */
export function districtAt(point: LatLng, districts: readonly HasBoundary[]): string | null {
  for (const d of districts) if (pointInMultiPolygon(point, d.boundary)) return d.code
  return null
}
