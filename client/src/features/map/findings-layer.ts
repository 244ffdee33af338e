// The inspector's findings on a canvas of their own, above the district lines. Below street zoom, findings that
// fall in the same 44 px square are drawn as one counted dot in the colour of the most urgent state among them (a
// tap zooms in to them); from CLUSTER_BELOW_ZOOM up every finding is its own dot. Only what lies in and around the
// view is handed to the canvas, recomputed after each pan or zoom, so a redraw paints a few hundred shapes however
// many findings there are: that, not the canvas alone, keeps ten thousand smooth. A generous click tolerance suits
// gloved fingers. Updates are diffed by id, so a sync that touches a few findings rebuilds only those.
import L from 'leaflet'
import type { LocalFinding } from '../../db/db'
import type { DisplayDatum } from './datum'
import { STATE_COLOURS, type FindingState } from './marker-state'
import { gridClusters, mostUrgent } from './cluster'

export interface MarkedFinding {
  finding: LocalFinding
  state: FindingState
}

export const FINDINGS_PANE = 'kp-findings'
/** From this zoom up (street level) every finding is drawn on its own. */
export const CLUSTER_BELOW_ZOOM = 16
const CELL_PX = 44
/** How far beyond the view (as a share of its size) findings are kept on the canvas, for the next short pan. */
const VIEW_MARGIN = 0.25

/** Marker radius: a little smaller between city and street zoom, where single dots are still close together. */
export function markerRadius(zoom: number, voided: boolean): number {
  const r = zoom < 14 ? 7 : 9
  return voided ? r - 3 : r
}

/** A circle with its count written in it, drawn on the same canvas (Leaflet 1.9 canvas internals, read only). */
class CountMarker extends L.CircleMarker {
  constructor(
    latlng: L.LatLngExpression,
    private readonly label: string,
    options: L.CircleMarkerOptions,
  ) {
    super(latlng, options)
  }

  _updatePath(): void {
    ;(L.CircleMarker.prototype as unknown as { _updatePath(): void })._updatePath.call(this)
    const self = this as unknown as { _renderer?: { _ctx?: CanvasRenderingContext2D; _drawing?: boolean }; _point?: L.Point }
    const ctx = self._renderer?._ctx
    if (!ctx || !self._renderer?._drawing || !self._point) return
    ctx.save()
    ctx.fillStyle = '#ffffff'
    ctx.font = 'bold 14px system-ui, sans-serif'
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(this.label, self._point.x, self._point.y)
    ctx.restore()
  }
}

interface Single {
  marker: L.CircleMarker
  signature: string
  voided: boolean
  item: MarkedFinding
  at: L.LatLng
  /** Projected pixel position, cached for one zoom. */
  px?: L.Point
  pxZoom?: number
}

export class FindingsLayer {
  private readonly group = L.layerGroup()
  private readonly renderer: L.Canvas
  private readonly singles = new Map<string, Single>()
  /** Layers in the group now, so a re-render adds and removes only the difference. */
  private shown = new Set<L.Layer>()
  /** Cluster dots of the last render by cell, zoom, count and state, reused while they stay the same. */
  private clusters = new Map<string, L.CircleMarker>()

  constructor(
    private readonly map: L.Map,
    private readonly popup: (m: MarkedFinding) => HTMLElement,
  ) {
    if (!map.getPane(FINDINGS_PANE)) map.createPane(FINDINGS_PANE).style.zIndex = '450'
    this.renderer = L.canvas({ pane: FINDINGS_PANE, tolerance: 12 })
    this.group.addTo(map)
    map.on('moveend', this.render, this)
  }

  update(items: readonly MarkedFinding[], d: DisplayDatum): void {
    const seen = new Set<string>()
    const zoom = this.map.getZoom()
    for (const item of items) {
      const f = item.finding
      seen.add(f.id)
      const signature = `${d.datum}|${item.state}|${f.location.lat}|${f.location.lng}|${f.touchedAt}|${f.itemCode}|${f.deduction}`
      if (this.singles.get(f.id)?.signature === signature) continue
      const p = d.toDisplay(f.location)
      const at = L.latLng(p.lat, p.lng)
      const voided = item.state === 'voided'
      const marker = L.circleMarker(at, {
        renderer: this.renderer,
        radius: markerRadius(zoom, voided),
        color: '#ffffff',
        weight: 2,
        fillColor: STATE_COLOURS[item.state],
        fillOpacity: voided ? 0.55 : 0.92,
        dashArray: voided ? '3 3' : undefined,
      }).bindPopup(() => this.popup(item), { minWidth: 220, autoPanPadding: [64, 64] })
      this.singles.set(f.id, { marker, signature, voided, item, at })
    }
    for (const id of this.singles.keys()) if (!seen.has(id)) this.singles.delete(id)
    this.render()
  }

  private pixel(s: Single, zoom: number): L.Point {
    if (s.pxZoom !== zoom || !s.px) {
      s.px = this.map.project(s.at, zoom)
      s.pxZoom = zoom
    }
    return s.px
  }

  private render(): void {
    const zoom = this.map.getZoom()
    const view = this.map.getPixelBounds()
    const size = view.getSize().multiplyBy(VIEW_MARGIN)
    const min = view.min!.subtract(size)
    const max = view.max!.add(size)
    const next: L.Layer[] = []
    const clusters = new Map<string, L.CircleMarker>()
    if (zoom >= CLUSTER_BELOW_ZOOM) {
      for (const s of this.singles.values()) {
        const p = this.pixel(s, zoom)
        if (p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y) next.push(this.sized(s, zoom))
      }
    } else {
      // Whole cells only, so a dot's count does not change as the view edge crosses its cell.
      const lo = { x: Math.floor(min.x / CELL_PX) * CELL_PX, y: Math.floor(min.y / CELL_PX) * CELL_PX }
      const hi = { x: (Math.floor(max.x / CELL_PX) + 1) * CELL_PX, y: (Math.floor(max.y / CELL_PX) + 1) * CELL_PX }
      const points: { item: Single; x: number; y: number }[] = []
      for (const s of this.singles.values()) {
        const p = this.pixel(s, zoom)
        if (p.x >= lo.x && p.x < hi.x && p.y >= lo.y && p.y < hi.y) points.push({ item: s, x: p.x, y: p.y })
      }
      for (const c of gridClusters(points, CELL_PX)) {
        if (c.items.length === 1) {
          next.push(this.sized(c.items[0]!, zoom))
          continue
        }
        const state = mostUrgent(c.items.map((m) => m.item.state))
        const key = `${zoom}:${Math.floor(c.x / CELL_PX)}:${Math.floor(c.y / CELL_PX)}:${c.items.length}:${state}:${Math.round(c.x)}:${Math.round(c.y)}`
        const marker = this.clusters.get(key) ?? this.cluster(c.items, state, L.point(c.x, c.y), zoom)
        clusters.set(key, marker)
        next.push(marker)
      }
    }
    this.clusters = clusters
    const keep = new Set(next)
    for (const layer of this.shown) if (!keep.has(layer)) this.group.removeLayer(layer)
    for (const layer of next) if (!this.shown.has(layer)) this.group.addLayer(layer)
    this.shown = keep
  }

  private sized(s: Single, zoom: number): L.CircleMarker {
    const r = markerRadius(zoom, s.voided)
    if (s.marker.getRadius() !== r) s.marker.setRadius(r)
    return s.marker
  }

  private cluster(members: Single[], state: FindingState, px: L.Point, zoom: number): L.CircleMarker {
    const marker = new CountMarker(this.map.unproject(px, zoom), String(members.length), {
      renderer: this.renderer,
      radius: Math.min(24, 12 + 3 * Math.log2(members.length)),
      color: '#ffffff',
      weight: 3,
      fillColor: STATE_COLOURS[state],
      fillOpacity: 0.95,
    })
    marker.on('click', () => {
      const bounds = L.latLngBounds(members.map((m) => m.at))
      this.map.fitBounds(bounds, { padding: [48, 48], maxZoom: CLUSTER_BELOW_ZOOM })
    })
    return marker
  }

  /** Where the findings are, in drawn coordinates; null when there are none. */
  bounds(): L.LatLngBounds | null {
    if (this.singles.size === 0) return null
    return L.latLngBounds([...this.singles.values()].map((s) => s.at))
  }

  remove(): void {
    this.map.off('moveend', this.render, this)
    this.group.remove()
    this.singles.clear()
    this.shown.clear()
    this.clusters.clear()
  }
}

export interface PopupText {
  item: string
  deduction: string
  time: string
  state: string
  colour: string
  openLabel: string
  href: string
  open: () => void
}

/** The popup's content, built as elements (never as HTML text: item names and notes are data). */
export function popupElement(p: PopupText): HTMLElement {
  const box = document.createElement('div')
  box.className = 'kp-popup'
  box.dataset.test = 'finding-popup'
  const line = (text: string, cls: string) => {
    const el = document.createElement('div')
    el.className = cls
    el.textContent = text
    box.append(el)
    return el
  }
  line(p.item, 'kp-popup-item')
  line(p.deduction, 'kp-popup-deduction')
  line(p.time, 'kp-popup-time')
  const state = line(p.state, 'kp-popup-state')
  const dot = document.createElement('span')
  dot.className = 'kp-popup-dot'
  dot.style.background = p.colour
  state.prepend(dot)
  const link = document.createElement('a')
  link.className = 'kp-popup-open'
  link.dataset.test = 'finding-popup-open'
  link.href = p.href
  link.textContent = p.openLabel
  link.addEventListener('click', (e) => {
    e.preventDefault()
    p.open()
  })
  box.append(link)
  return box
}
