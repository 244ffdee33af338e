// The month's findings on the supervisor's map. Below street zoom, findings in the same 44 px square of the
// screen become one counted dot (the inspector map's gridClusters) in the colour of the status that most needs
// the supervisor; from CLUSTER_BELOW_ZOOM up each finding is its own dot on one shared canvas. Only what lies in
// and around the view is handed to Leaflet, recomputed after each pan or zoom, and a finding's canvas marker is
// made the first time it is shown: ten thousand findings cost a pass over an array per move, not ten thousand
// layers. Counted dots are small DOM markers (a screen holds a few hundred at most), which keeps their numbers
// sharp and lets a test read them.
import L from 'leaflet'
import type { FindingStatus } from '@shared/domain'
import { gridClusters } from '../map/cluster'
import type { DisplayDatum } from '../map/datum'
import { CLUSTER_BELOW_ZOOM, markerRadius } from '../map/findings-layer'
import { clusterStatus, STATUS_COLOURS } from './status'
import type { FindingRow } from './types'

export const REVIEW_PANE = 'kp-review-findings'
/** Counted dots sit above the canvas, so that a click on one reaches it. */
export const CLUSTER_PANE = 'kp-review-clusters'
const CELL_PX = 44
const VIEW_MARGIN = 0.25
const CHECKED_RING = '#111827'

interface Point {
  row: FindingRow
  at: L.LatLng
  px?: L.Point
  pxZoom?: number
  /** The datum `at` is drawn in. */
  datum: string
  marker?: L.CircleMarker
  /** The status the marker was made for; another one makes a new marker. */
  madeFor?: FindingStatus
}

export interface ReviewLayerOptions {
  /** A finding was clicked; `additive` when Ctrl, ⌘ or Shift was held (tick rather than focus). */
  onPick(id: string, additive: boolean): void
}

export class ReviewLayer {
  private readonly group = L.layerGroup()
  private readonly renderer: L.Canvas
  private points = new Map<string, Point>()
  private shown = new Set<L.Layer>()
  private clusters = new Map<string, L.Marker>()
  private checked: ReadonlySet<string> = new Set()
  /** Findings drawn by the last render, singly or counted: the map's data-drawn. */
  drawn = 0

  constructor(
    private readonly map: L.Map,
    private readonly options: ReviewLayerOptions,
  ) {
    if (!map.getPane(REVIEW_PANE)) map.createPane(REVIEW_PANE).style.zIndex = '450'
    if (!map.getPane(CLUSTER_PANE)) map.createPane(CLUSTER_PANE).style.zIndex = '455'
    this.renderer = L.canvas({ pane: REVIEW_PANE, tolerance: 8 })
    this.group.addTo(map)
    map.on('moveend', this.render, this)
  }

  /** The findings to show, in WGS-84, drawn in the datum given. */
  setRows(rows: readonly FindingRow[], d: DisplayDatum): void {
    const next = new Map<string, Point>()
    for (const row of rows) {
      const old = this.points.get(row.id)
      if (old && old.row.lat === row.lat && old.row.lng === row.lng && old.datum === d.datum) {
        old.row = row
        next.set(row.id, old)
        continue
      }
      const p = d.toDisplay(row)
      next.set(row.id, { row, at: L.latLng(p.lat, p.lng), datum: d.datum })
    }
    this.points = next
    this.render()
  }

  /** Which findings are ticked: their dots get a dark ring, and so do counted dots holding any. */
  setChecked(checked: ReadonlySet<string>): void {
    this.checked = checked
    this.render()
  }

  /** Where a finding is drawn, or null when it is not among the rows. */
  position(id: string): L.LatLng | null {
    return this.points.get(id)?.at ?? null
  }

  /** Drawn whole, as its own dot, and inside the view. */
  isShownAlone(id: string): boolean {
    const p = this.points.get(id)
    return !!p && this.map.getZoom() >= CLUSTER_BELOW_ZOOM && this.map.getBounds().contains(p.at)
  }

  bounds(): L.LatLngBounds | null {
    if (this.points.size === 0) return null
    let s = Infinity, w = Infinity, n = -Infinity, e = -Infinity
    for (const p of this.points.values()) {
      s = Math.min(s, p.at.lat)
      n = Math.max(n, p.at.lat)
      w = Math.min(w, p.at.lng)
      e = Math.max(e, p.at.lng)
    }
    return L.latLngBounds([s, w], [n, e])
  }

  private pixel(p: Point, zoom: number): L.Point {
    if (p.pxZoom !== zoom || !p.px) {
      p.px = this.map.project(p.at, zoom)
      p.pxZoom = zoom
    }
    return p.px
  }

  private single(p: Point, zoom: number): L.CircleMarker {
    const status = p.row.status
    if (!p.marker || p.madeFor !== status) {
      const voided = status === 'voided'
      p.marker = L.circleMarker(p.at, {
        renderer: this.renderer,
        radius: markerRadius(zoom, voided),
        color: '#ffffff',
        weight: 2,
        fillColor: STATUS_COLOURS[status],
        fillOpacity: voided ? 0.55 : 0.92,
        dashArray: voided ? '3 3' : undefined,
      })
      const id = p.row.id
      p.marker.on('click', (e: L.LeafletMouseEvent) => {
        const ev = e.originalEvent
        this.options.onPick(id, !!(ev && (ev.ctrlKey || ev.metaKey || ev.shiftKey)))
      })
      p.madeFor = status
    }
    const m = p.marker
    const r = markerRadius(zoom, status === 'voided')
    if (m.getRadius() !== r) m.setRadius(r)
    const ticked = this.checked.has(p.row.id)
    if ((m.options.color === CHECKED_RING) !== ticked) m.setStyle(ticked ? { color: CHECKED_RING, weight: 4 } : { color: '#ffffff', weight: 2 })
    return m
  }

  private cluster(members: Point[], x: number, y: number, zoom: number): L.Marker {
    const status = clusterStatus(members.map((m) => m.row.status))
    const ticked = members.some((m) => this.checked.has(m.row.id))
    const key = `${zoom}:${Math.round(x)}:${Math.round(y)}:${members.length}:${status}:${ticked ? 1 : 0}`
    const known = this.clusters.get(key)
    if (known) return known
    const size = Math.round(Math.min(48, 26 + 5 * Math.log2(members.length)))
    const el = document.createElement('div')
    el.className = `kp-cluster${ticked ? ' kp-cluster-ticked' : ''}`
    el.dataset.test = 'map-cluster'
    el.dataset.count = String(members.length)
    el.dataset.status = status
    el.style.background = STATUS_COLOURS[status]
    el.textContent = String(members.length)
    const marker = L.marker(this.map.unproject(L.point(x, y), zoom), {
      pane: CLUSTER_PANE,
      icon: L.divIcon({ html: el, className: 'kp-cluster-icon', iconSize: [size, size] }),
      keyboard: false,
    })
    marker.on('click', () => {
      this.map.fitBounds(L.latLngBounds(members.map((m) => m.at)), { padding: [48, 48], maxZoom: CLUSTER_BELOW_ZOOM })
    })
    this.clusters.set(key, marker)
    return marker
  }

  render(): void {
    const zoom = this.map.getZoom()
    const view = this.map.getPixelBounds()
    const pad = view.getSize().multiplyBy(VIEW_MARGIN)
    const min = view.min!.subtract(pad)
    const max = view.max!.add(pad)
    const next: L.Layer[] = []
    const used = new Set<string>()
    let drawn = 0
    if (zoom >= CLUSTER_BELOW_ZOOM) {
      for (const p of this.points.values()) {
        const px = this.pixel(p, zoom)
        if (px.x >= min.x && px.x <= max.x && px.y >= min.y && px.y <= max.y) {
          next.push(this.single(p, zoom))
          drawn++
        }
      }
    } else {
      // Whole cells only, so that a count does not change as the edge of the view crosses its cell.
      const lo = { x: Math.floor(min.x / CELL_PX) * CELL_PX, y: Math.floor(min.y / CELL_PX) * CELL_PX }
      const hi = { x: (Math.floor(max.x / CELL_PX) + 1) * CELL_PX, y: (Math.floor(max.y / CELL_PX) + 1) * CELL_PX }
      const inView: { item: Point; x: number; y: number }[] = []
      for (const p of this.points.values()) {
        const px = this.pixel(p, zoom)
        if (px.x >= lo.x && px.x < hi.x && px.y >= lo.y && px.y < hi.y) inView.push({ item: p, x: px.x, y: px.y })
      }
      for (const c of gridClusters(inView, CELL_PX)) {
        drawn += c.items.length
        if (c.items.length === 1) next.push(this.single(c.items[0]!, zoom))
        else {
          const m = this.cluster(c.items, c.x, c.y, zoom)
          next.push(m)
        }
      }
    }
    // Counted dots not shown now are forgotten; the rest are reused by the next render.
    const keep = new Set(next)
    for (const [key, m] of this.clusters) if (keep.has(m)) used.add(key)
    for (const key of [...this.clusters.keys()]) if (!used.has(key)) this.clusters.delete(key)
    for (const layer of this.shown) if (!keep.has(layer)) this.group.removeLayer(layer)
    for (const layer of next) if (!this.shown.has(layer)) this.group.addLayer(layer)
    this.shown = keep
    this.drawn = drawn
    this.map.fire('kp:drawn', { drawn })
  }

  remove(): void {
    this.map.off('moveend', this.render, this)
    this.group.remove()
    this.points.clear()
    this.shown.clear()
    this.clusters.clear()
  }
}
