// Distances on the ground, in metres: between two points (duplicate detection) and from a point to a boundary
// (how sure we are of a district when the GPS fix lies near a border).
import type { LatLng } from './lat-lng'

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8

const RAD = Math.PI / 180

/** Great-circle distance by the haversine formula, metres. Good to ~0.5 % anywhere, far better at city scale. */
export function haversineMetres(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD
  const dLng = (b.lng - a.lng) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

type Ring = readonly (readonly number[])[]
type MultiPolygon = readonly (readonly Ring[])[]

/**
 * Shortest distance from a point to the edges of a MultiPolygon (every ring, holes included), metres, whether the
 * point is inside or outside. Edges are measured in a local flat projection centred on the point, which is accurate
 * to well under a metre for edges within tens of kilometres; far edges are only ever compared, never reported
 * precisely, when a nearer edge exists.
 */
export function distanceToBoundaryMetres(p: LatLng, mp: MultiPolygon): number {
  const ky = EARTH_RADIUS_M * RAD
  const kx = ky * Math.cos(p.lat * RAD)
  let best = Infinity
  for (const polygon of mp) {
    for (const ring of polygon) {
      // j → i walks every edge, including the closing one when a ring is not explicitly closed.
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const ax = (ring[j][0] - p.lng) * kx, ay = (ring[j][1] - p.lat) * ky
        const bx = (ring[i][0] - p.lng) * kx, by = (ring[i][1] - p.lat) * ky
        const d = distanceOriginToSegment(ax, ay, bx, by)
        if (d < best) best = d
      }
    }
  }
  return best
}

function distanceOriginToSegment(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
  return Math.hypot(ax + t * dx, ay + t * dy)
}
