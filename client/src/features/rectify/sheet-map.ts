// A sheet's map without tiles, so it draws offline on a phone: the district's boundary and the findings' numbered
// points (all WGS-84), framed on the points with at least a walkable area around them. Equirectangular about the
// middle latitude, in metres: at street scale indistinguishable from a map projection, and the scale bar is exact.
import type { MultiPolygon } from '@shared/domain'

export interface MapPoint {
  lat: number
  lng: number
  label: string
}

export interface SheetMapDrawing {
  width: number
  height: number
  /** SVG path of the boundary in the frame (may run outside it; the SVG clips). */
  boundary: string
  points: { x: number; y: number; label: string }[]
  /** A round length in metres and its length in pixels. */
  scale: { metres: number; px: number }
}

const METRES_PER_DEGREE = 111_320
/** The frame is at least this wide and tall, metres. */
export const MIN_SPAN = 600

const niceLength = (max: number) => {
  const base = 10 ** Math.floor(Math.log10(max))
  return [5, 2, 1].map((k) => k * base).find((v) => v <= max) ?? base
}

export function drawSheetMap(points: readonly MapPoint[], boundary: MultiPolygon | null, width = 640, height = 320, padding = 40): SheetMapDrawing | null {
  const anchor = points.length ? points : (boundary?.flat(2).map(([lng, lat]) => ({ lat, lng, label: '' })) ?? [])
  if (!anchor.length) return null
  const lat0 = (Math.min(...anchor.map((p) => p.lat)) + Math.max(...anchor.map((p) => p.lat))) / 2
  const kx = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180)
  const project = (lng: number, lat: number): [number, number] => [lng * kx, -lat * METRES_PER_DEGREE]
  const xy = anchor.map((p) => project(p.lng, p.lat))
  const xs = xy.map((p) => p[0])
  const ys = xy.map((p) => p[1])
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2
  const spanX = Math.max(Math.max(...xs) - Math.min(...xs), MIN_SPAN)
  const spanY = Math.max(Math.max(...ys) - Math.min(...ys), MIN_SPAN)
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY)
  const at = ([x, y]: [number, number]): [number, number] => [width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale]
  const r1 = (v: number) => Math.round(v * 10) / 10

  let d = ''
  for (const polygon of boundary ?? []) {
    for (const ring of polygon) {
      ring.forEach(([lng, lat], i) => {
        const [x, y] = at(project(lng, lat))
        d += `${i ? 'L' : 'M'}${r1(x)} ${r1(y)}`
      })
      d += 'Z'
    }
  }
  const metres = niceLength((width / 4) / scale)
  return {
    width,
    height,
    boundary: d,
    points: points.map((p) => {
      const [x, y] = at(project(p.lng, p.lat))
      return { x: r1(x), y: r1(y), label: p.label }
    }),
    scale: { metres, px: r1(metres * scale) },
  }
}
