// The one place where stored WGS-84 positions meet the map's drawing datum. Findings, boundaries and GPS fixes are
// WGS-84; a tile source drawn in GCJ-02 needs every overlay shifted to GCJ-02 (about 500 m in Harbin) or the dots sit
// beside the streets they belong to. Shifted positions are for drawing only: whatever the map hands back (a saved
// view, say) goes through fromDisplay before it is kept.
import { gcj02ToWgs84, wgs84ToGcj02, type LatLng, type Position } from '@shared/geo'
import type { TileDatum, TileSettings } from './tile-settings'

export interface DisplayDatum {
  datum: TileDatum
  /** Stored WGS-84 → the position to draw. */
  toDisplay(p: LatLng): LatLng
  /** A drawn position → WGS-84, for anything taken from the map and kept. */
  fromDisplay(p: LatLng): LatLng
}

const identity = (p: LatLng): LatLng => ({ lat: p.lat, lng: p.lng })

const WGS84: DisplayDatum = { datum: 'wgs84', toDisplay: identity, fromDisplay: identity }
const GCJ02: DisplayDatum = { datum: 'gcj02', toDisplay: wgs84ToGcj02, fromDisplay: gcj02ToWgs84 }

/** The drawing datum for the tile settings in force; without a tile source nothing needs shifting. */
export function displayDatum(settings: TileSettings | null): DisplayDatum {
  return settings?.datum === 'gcj02' ? GCJ02 : WGS84
}

/** A WGS-84 GeoJSON MultiPolygon ([lng, lat]) as Leaflet rings of [lat, lng] in the drawing datum. */
export function multiPolygonToDisplay(coords: readonly (readonly (readonly Position[])[])[], d: DisplayDatum): [number, number][][][] {
  return coords.map((polygon) =>
    polygon.map((ring) =>
      ring.map(([lng, lat]) => {
        const p = d.toDisplay({ lat, lng })
        return [p.lat, p.lng] as [number, number]
      }),
    ),
  )
}
