// Conversion between WGS-84 and GCJ-02, China's obfuscated "offset" datum.
//
// The datum question, answered once for the whole project:
// - The bundled district boundaries (shared/seed/harbin-districts.gcj02.json, from Alibaba DataV / AMap) are most
//   likely GCJ-02. The file does not say so; the judgement rests on where the data comes from (see
//   shared/seed/harbin-districts.SOURCE.md). In Harbin the two datums differ by roughly 500 m.
// - A tablet's GPS (the Geolocation API) reports WGS-84.
// - Kaoping stores WGS-84 everywhere: findings, complaints, district boundaries. The bundled boundaries are converted
//   GCJ-02 → WGS-84 once, when they are loaded (shared/seed/districts.ts).
// - Only a map tile layer drawn in GCJ-02 (AMap and most Chinese tile servers) needs GCJ-02: convert to it at the
//   moment of drawing on such a layer, never in storage.
//
// The forward formula is the widely published one (Krasovsky ellipsoid constants). It has no closed-form inverse;
// gcj02ToWgs84 inverts it by fixed-point iteration to well under a centimetre, not by the common one-step
// approximation (which is off by up to a few metres).
import type { LatLng } from './lat-lng'

const A = 6378245.0
const EE = 0.006693421622965943

/** True outside the rough bounding box of China, where GCJ-02 equals WGS-84 and no offset is applied. */
export function outOfChina(p: LatLng): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271
}

function offsetLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return r
}

function offsetLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

/** WGS-84 → GCJ-02. Points outside China pass through unchanged. */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng }
  let dLat = offsetLat(p.lng - 105, p.lat - 35)
  let dLng = offsetLng(p.lng - 105, p.lat - 35)
  const radLat = (p.lat / 180) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - EE * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  dLng = (dLng * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: p.lat + dLat, lng: p.lng + dLng }
}

/** Stop iterating when a step moves the estimate by less than this (degrees; about 0.1 mm). */
const TOLERANCE_DEG = 1e-9
const MAX_ITERATIONS = 30

/**
 * GCJ-02 → WGS-84 by fixed-point iteration: find w with wgs84ToGcj02(w) = p. The offset changes slowly with
 * position, so each step shrinks the error by a factor of several hundred and 2–4 steps reach the tolerance.
 * Points outside China pass through unchanged.
 */
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng }
  let lat = p.lat
  let lng = p.lng
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const g = wgs84ToGcj02({ lat, lng })
    const dLat = p.lat - g.lat
    const dLng = p.lng - g.lng
    lat += dLat
    lng += dLng
    if (Math.abs(dLat) < TOLERANCE_DEG && Math.abs(dLng) < TOLERANCE_DEG) break
  }
  return { lat, lng }
}

/** Converts every position of a GeoJSON MultiPolygon from GCJ-02 to WGS-84 ([lng, lat] order kept). */
export function multiPolygonGcj02ToWgs84(coords: readonly (readonly (readonly (readonly number[])[])[])[]): [number, number][][][] {
  return coords.map((polygon) =>
    polygon.map((ring) =>
      ring.map(([lng, lat]) => {
        const w = gcj02ToWgs84({ lat, lng })
        return [w.lng, w.lat] as [number, number]
      }),
    ),
  )
}
