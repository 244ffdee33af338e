import { describe, expect, it } from 'vitest'
import { countTiles, latToTileY, lngToTileX, planArea, tileRange, tilesInArea, type AreaBounds } from '../../../client/src/features/map/download-area'

// Central Street (中央大街), Harbin, WGS-84 — the reference point of the boundary file's SOURCE note.
const CENTRAL_STREET = { lat: 45.7733, lng: 126.6178 }

// Slippy-map numbers computed independently (Python, the OSM wiki formula x = ⌊(lng+180)/360·2^z⌋,
// y = ⌊(1 − asinh(tan φ)/π)/2·2^z⌋).
const KNOWN: [z: number, x: number, y: number][] = [
  [0, 0, 0],
  [1, 1, 0],
  [5, 27, 11],
  [10, 872, 365],
  [12, 3488, 1460],
  [15, 27909, 11687],
  [17, 111636, 46748],
  [18, 223272, 93497],
]

/** The north-west corner of a tile, the inverse of the numbering. */
function tileCorner(x: number, y: number, z: number): { lat: number; lng: number } {
  const n = 2 ** z
  return { lng: (x / n) * 360 - 180, lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI }
}

describe('tile numbers', () => {
  it.each(KNOWN)('Central Street at zoom %i is tile %i/%i', (z, x, y) => {
    expect(lngToTileX(CENTRAL_STREET.lng, z)).toBe(x)
    expect(latToTileY(CENTRAL_STREET.lat, z)).toBe(y)
  })

  it('puts the point inside the tile it names, at every zoom 0–19', () => {
    for (let z = 0; z <= 19; z++) {
      const x = lngToTileX(CENTRAL_STREET.lng, z)
      const y = latToTileY(CENTRAL_STREET.lat, z)
      const nw = tileCorner(x, y, z)
      const se = tileCorner(x + 1, y + 1, z)
      expect(CENTRAL_STREET.lng).toBeGreaterThanOrEqual(nw.lng)
      expect(CENTRAL_STREET.lng).toBeLessThan(se.lng)
      expect(CENTRAL_STREET.lat).toBeLessThanOrEqual(nw.lat)
      expect(CENTRAL_STREET.lat).toBeGreaterThan(se.lat)
    }
  })

  it('clamps the world edges and the poles to real tiles', () => {
    expect(lngToTileX(180, 3)).toBe(7)
    expect(lngToTileX(-180, 3)).toBe(0)
    expect(latToTileY(89.9, 3)).toBe(0)
    expect(latToTileY(-89.9, 3)).toBe(7)
  })
})

describe('tiles of an area', () => {
  // Central Harbin, both banks of the Songhua.
  const harbin: AreaBounds = { south: 45.7, west: 126.55, north: 45.8, east: 126.7 }

  it('counts each zoom as its x range times its y range', () => {
    expect(tileRange(harbin, 12)).toEqual({ minX: 3487, maxX: 3489, minY: 1460, maxY: 1462 })
    expect(countTiles(harbin, 12, 12)).toBe(9)
    expect(countTiles(harbin, 13, 13)).toBe(25)
    expect(countTiles(harbin, 14, 14)).toBe(64)
    expect(countTiles(harbin, 12, 14)).toBe(98)
  })

  it('lists exactly the tiles it counts, each once, coarse zooms first', () => {
    const list = [...tilesInArea(harbin, 12, 14)]
    expect(list).toHaveLength(98)
    expect(new Set(list.map((t) => `${t.z}/${t.x}/${t.y}`)).size).toBe(98)
    expect(list[0]).toEqual({ z: 12, x: 3487, y: 1460 })
    expect(list.map((t) => t.z)).toEqual([...list.map((t) => t.z)].sort((a, b) => a - b))
  })

  it('a single point is one tile per zoom', () => {
    const p: AreaBounds = { south: 45.7733, west: 126.6178, north: 45.7733, east: 126.6178 }
    expect(countTiles(p, 0, 18)).toBe(19)
  })

  it('plans the view zoom and two more, stopping at the source maximum', () => {
    expect(planArea(harbin, 12, 18)).toMatchObject({ minZoom: 12, maxZoom: 14, tiles: 98, bytes: 98 * 25_000 })
    expect(planArea(harbin, 12.4, 13)).toMatchObject({ minZoom: 12, maxZoom: 13, tiles: 34 })
    expect(planArea(harbin, 18.2, 18)).toMatchObject({ minZoom: 18, maxZoom: 18 })
  })
})
