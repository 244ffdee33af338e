// The map excerpt of a printed sheet: the district's boundary (WGS-84) and the findings' points, numbered as in the
// sheet's table, drawn as a static SVG scaled into a box. No tile server: a sheet prints the same anywhere.
// When the points sit close together in a large district, the box splits: the whole district on the left with
// the area of the points framed, and that area enlarged on the right, so numbered markers do not pile up.
//
// The projection is equirectangular about the middle latitude, in metres: at a district's size (tens of km) it is
// indistinguishable from a proper map projection, and it makes the scale bar exact along the middle latitude.
import type { MultiPolygon } from '@shared/domain'

export interface MapPoint {
  lat: number
  lng: number
  /** Written in the marker: the finding's row number on the sheet. */
  label: string
}

export interface MapBox {
  width: number
  height: number
  padding: number
}

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** An area in projected metres: x east, y south. */
interface Bounds {
  minX: number
  maxX: number
  minY: number
  maxY: number
}

const METRES_PER_DEGREE = 111_320
const DEFAULT_BOX: MapBox = { width: 640, height: 360, padding: 20 }
/** The enlarged area is at least this wide and tall, metres. */
const MIN_ZOOM_SPAN = 1500
/** Split the box when the points span less than this share of the district's extent. */
const ZOOM_WHEN_BELOW = 0.3

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const num = (v: number) => String(Math.round(v * 10) / 10)

/** 1, 2 or 5 × 10ⁿ metres: the longest such length not above `max`. */
function niceLength(max: number): number {
  const base = 10 ** Math.floor(Math.log10(max))
  return [5, 2, 1].map((k) => k * base).find((v) => v <= max) ?? base
}

function boundsOf(xy: readonly [number, number][]): Bounds {
  const xs = xy.map((p) => p[0])
  const ys = xy.map((p) => p[1])
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) }
}

/** The bounds grown to at least `span` metres each way, about their centre. */
function atLeast(b: Bounds, span: number): Bounds {
  const cx = (b.minX + b.maxX) / 2
  const cy = (b.minY + b.maxY) / 2
  const hx = Math.max(b.maxX - b.minX, span) / 2
  const hy = Math.max(b.maxY - b.minY, span) / 2
  return { minX: cx - hx, maxX: cx + hx, minY: cy - hy, maxY: cy + hy }
}

/** Fits `b` into `r` (less padding), centred; returns the mapping to pixels and the scale in px per metre. */
function fit(b: Bounds, r: Rect, padding: number) {
  const innerW = r.w - 2 * padding
  const innerH = r.h - 2 * padding
  const scale = Math.min(innerW / (b.maxX - b.minX), innerH / (b.maxY - b.minY))
  const offX = r.x + padding + (innerW - (b.maxX - b.minX) * scale) / 2
  const offY = r.y + padding + (innerH - (b.maxY - b.minY) * scale) / 2
  return { scale, at: ([x, y]: [number, number]): [number, number] => [offX + (x - b.minX) * scale, offY + (y - b.minY) * scale] }
}

function pathOf(rings: readonly (readonly [number, number])[][], at: (p: [number, number]) => [number, number]): string {
  let d = ''
  for (const ring of rings) {
    let last = ''
    ring.forEach((p, i) => {
      const [x, y] = at([p[0], p[1]])
      const xy = `${num(x)} ${num(y)}`
      if (xy === last) return // vertices closer than a tenth of a pixel add nothing
      d += `${i === 0 ? 'M' : 'L'}${xy}`
      last = xy
    })
    d += 'Z'
  }
  return d
}

function scaleBar(r: Rect, padding: number, scale: number): string {
  const metres = niceLength((r.w - 2 * padding) / 4 / scale)
  const px = metres * scale
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`
  const x = r.x + padding
  const y = r.y + r.h - padding / 2 - 2
  return (
    `<g class="scale" font-size="10" font-family="sans-serif" fill="#333">` +
    `<path d="M${num(x)} ${num(y - 4)}V${num(y)}H${num(x + px)}V${num(y - 4)}" fill="none" stroke="#333" stroke-width="1.2"/>` +
    `<text x="${num(x + px + 4)}" y="${num(y)}">${label}</text></g>`
  )
}

export function districtMapSvg(boundary: MultiPolygon, points: readonly MapPoint[], box: MapBox = DEFAULT_BOX, title = '位置示意图'): string {
  const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box.width} ${box.height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>`
  const all = [...boundary.flatMap((poly) => poly.flat()), ...points.map((p): [number, number] => [p.lng, p.lat])]
  if (all.length === 0) return `${head}</svg>`

  const lats = all.map((c) => c[1])
  const lat0 = (Math.min(...lats) + Math.max(...lats)) / 2
  const kx = Math.cos((lat0 * Math.PI) / 180) * METRES_PER_DEGREE
  const project = (lng: number, lat: number): [number, number] => [lng * kx, -lat * METRES_PER_DEGREE]
  const rings = boundary.flatMap((poly) => poly.map((ring) => ring.map(([lng, lat]) => project(lng, lat))))
  const marks = points.map((p) => ({ ...p, xy: project(p.lng, p.lat) }))

  const whole = atLeast(boundsOf([...rings.flat(), ...marks.map((m) => m.xy)]), 500)
  const near = marks.length ? atLeast(boundsOf(marks.map((m) => m.xy)), MIN_ZOOM_SPAN) : whole
  const split =
    rings.length > 0 &&
    marks.length > 0 &&
    Math.max((near.maxX - near.minX) / (whole.maxX - whole.minX), (near.maxY - near.minY) / (whole.maxY - whole.minY)) < ZOOM_WHEN_BELOW

  const paper = `<rect width="${box.width}" height="${box.height}" fill="#fff"/>`
  const frame = `<rect x="0.5" y="0.5" width="${box.width - 1}" height="${box.height - 1}" fill="none" stroke="#999"/>`
  const boundaryStyle = 'fill="#eef3f8" fill-rule="evenodd" stroke="#35506b" stroke-width="1.2" stroke-linejoin="round"'
  const north = (x: number) =>
    `<g class="north" font-size="10" font-family="sans-serif" fill="#333" text-anchor="middle">` +
    `<path d="M${num(x)} 8L${num(x + 5)} 22L${num(x)} 19L${num(x - 5)} 22Z"/><text x="${num(x)}" y="33">北</text></g>`

  // The numbered markers in `r`, fitted to `b`.
  const detail = (b: Bounds, r: Rect, clip?: string) => {
    const f = fit(b, r, box.padding)
    const markers = marks
      .map((m) => {
        const [x, y] = f.at(m.xy)
        return (
          `<g class="finding" data-lat="${m.lat}" data-lng="${m.lng}">` +
          `<circle cx="${num(x)}" cy="${num(y)}" r="9" fill="#c0392b" stroke="#fff" stroke-width="1.5"/>` +
          `<text x="${num(x)}" y="${num(y + 3.5)}" text-anchor="middle" font-size="10" font-family="sans-serif" fill="#fff">${esc(m.label)}</text></g>`
        )
      })
      .join('')
    const clipAttr = clip ? ` clip-path="url(#${clip})"` : ''
    return `<path class="boundary" d="${pathOf(rings, f.at)}" ${boundaryStyle}${clipAttr}/><g class="findings">${markers}</g>${scaleBar(r, box.padding, f.scale)}`
  }

  if (!split) return `${head}${paper}${detail(whole, { x: 0, y: 0, w: box.width, h: box.height })}${north(box.width - box.padding / 2 - 8)}${frame}</svg>`

  // Overview on the left third: the whole district, the points as dots, and a frame round the enlarged area.
  const left: Rect = { x: 0, y: 0, w: Math.round(box.width * 0.36), h: box.height }
  const right: Rect = { x: left.w, y: 0, w: box.width - left.w, h: box.height }
  // Enlarge the area of the points to the right panel's proportions, so the frame shows exactly what is enlarged.
  const aspect = (right.w - 2 * box.padding) / (right.h - 2 * box.padding)
  // A margin of a fifth round the points keeps the markers clear of the panel's edge and its label.
  const w = 1.4 * Math.max(near.maxX - near.minX, (near.maxY - near.minY) * aspect)
  const h = w / aspect
  const cx = (near.minX + near.maxX) / 2
  const cy = (near.minY + near.maxY) / 2
  const zoomed: Bounds = { minX: cx - w / 2, maxX: cx + w / 2, minY: cy - h / 2, maxY: cy + h / 2 }
  const o = fit(whole, left, box.padding)
  const dots = marks.map((m) => o.at(m.xy)).map(([x, y]) => `<circle class="overview-point" cx="${num(x)}" cy="${num(y)}" r="2" fill="#c0392b"/>`).join('')
  const [fx0, fy0] = o.at([zoomed.minX, zoomed.minY])
  const [fx1, fy1] = o.at([zoomed.maxX, zoomed.maxY])
  const overview =
    `<g class="overview"><path class="boundary" d="${pathOf(rings, o.at)}" ${boundaryStyle}/>${dots}` +
    `<rect class="zoom-frame" x="${num(fx0)}" y="${num(fy0)}" width="${num(Math.max(fx1 - fx0, 3))}" height="${num(Math.max(fy1 - fy0, 3))}" fill="none" stroke="#c0392b" stroke-width="1"/>` +
    `<text x="${num(left.x + 6)}" y="14" font-size="10" font-family="sans-serif" fill="#333">全区</text></g>`
  const clip = `<clipPath id="zoom-area"><rect x="${right.x}" y="${right.y}" width="${right.w}" height="${right.h}"/></clipPath>`
  const divider = `<path d="M${left.w + 0.5} 0V${box.height}" stroke="#999"/>`
  const label = `<text x="${num(right.x + 6)}" y="14" font-size="10" font-family="sans-serif" fill="#333">问题位置（放大）</text>`
  return `${head}<defs>${clip}</defs>${paper}${overview}${detail(zoomed, right, 'zoom-area')}${divider}${label}${north(box.width - box.padding / 2 - 8)}${frame}</svg>`
}
