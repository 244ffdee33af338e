// "Download this area": which tiles cover a view over a range of zooms (Web Mercator / slippy-map numbering), how much
// room they would take, whether the device can spare it, and the download itself — four at a time, cancellable,
// skipping tiles already cached, into the same cache the map reads from.
//
// Bounds are in the tile source's own datum (the map's drawn coordinates), because they choose tiles, not places.
import { tileUrl, type TileSettings } from './tile-settings'
import type { TileStore } from './tile-cache'

export interface TileCoord {
  x: number
  y: number
  z: number
}

export interface AreaBounds {
  south: number
  west: number
  north: number
  east: number
}

/** Rough size of one raster tile, for planning; real tiles of a city centre run 10–40 KB. */
export const TILE_BYTES_ESTIMATE = 25_000
/** Share of the free space one download may take: the rest stays for findings and photos. */
export const QUOTA_SHARE = 0.5
/** No single download asks a tile server for more than this, whatever the quota. */
export const MAX_TILES_PER_DOWNLOAD = 10_000
export const DOWNLOAD_CONCURRENCY = 4
/** Zooms below the current one are not needed; these many above it are downloaded. */
export const EXTRA_ZOOMS = 2

/** Web Mercator stops here; beyond it there are no tiles. */
const MAX_LAT = 85.0511287798066

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

export function lngToTileX(lng: number, z: number): number {
  const n = 2 ** z
  return clamp(Math.floor(((lng + 180) / 360) * n), 0, n - 1)
}

export function latToTileY(lat: number, z: number): number {
  const n = 2 ** z
  const r = (clamp(lat, -MAX_LAT, MAX_LAT) * Math.PI) / 180
  return clamp(Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n), 0, n - 1)
}

/** The inclusive tile ranges covering the bounds at one zoom (north is the smaller y). */
export function tileRange(b: AreaBounds, z: number): { minX: number; maxX: number; minY: number; maxY: number } {
  return {
    minX: lngToTileX(clamp(b.west, -180, 180), z),
    maxX: lngToTileX(clamp(b.east, -180, 180), z),
    minY: latToTileY(b.north, z),
    maxY: latToTileY(b.south, z),
  }
}

/** How many tiles cover the bounds from minZoom to maxZoom inclusive, without listing them. */
export function countTiles(b: AreaBounds, minZoom: number, maxZoom: number): number {
  let n = 0
  for (let z = minZoom; z <= maxZoom; z++) {
    const r = tileRange(b, z)
    n += (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1)
  }
  return n
}

/** Every tile covering the bounds from minZoom to maxZoom, coarse zooms first. */
export function* tilesInArea(b: AreaBounds, minZoom: number, maxZoom: number): Generator<TileCoord> {
  for (let z = minZoom; z <= maxZoom; z++) {
    const r = tileRange(b, z)
    for (let y = r.minY; y <= r.maxY; y++) for (let x = r.minX; x <= r.maxX; x++) yield { x, y, z }
  }
}

export interface AreaPlan {
  bounds: AreaBounds
  minZoom: number
  maxZoom: number
  tiles: number
  bytes: number
}

/** The area for a view: its zoom (rounded as Leaflet rounds tile zoom) and up to EXTRA_ZOOMS more, within maxZoom. */
export function planArea(bounds: AreaBounds, zoom: number, maxZoom: number): AreaPlan {
  const minZoom = clamp(Math.round(zoom), 0, maxZoom)
  const top = Math.min(minZoom + EXTRA_ZOOMS, maxZoom)
  const tiles = countTiles(bounds, minZoom, top)
  return { bounds, minZoom, maxZoom: top, tiles, bytes: tiles * TILE_BYTES_ESTIMATE }
}

export interface StorageFigures {
  usage: number
  quota: number
}

export type QuotaVerdict =
  | { ok: true; needed: number; free: number | null; allowed: number | null }
  | { ok: false; reason: 'quota'; needed: number; free: number; allowed: number }
  | { ok: false; reason: 'too_many_tiles'; tiles: number; max: number }

/**
 * Whether a download of `plan` may start: at most MAX_TILES_PER_DOWNLOAD tiles and at most QUOTA_SHARE of the free
 * space. Where the browser cannot say how much space there is (figures null), only the tile limit applies.
 */
export function checkQuota(plan: Pick<AreaPlan, 'tiles' | 'bytes'>, figures: StorageFigures | null): QuotaVerdict {
  if (plan.tiles > MAX_TILES_PER_DOWNLOAD) return { ok: false, reason: 'too_many_tiles', tiles: plan.tiles, max: MAX_TILES_PER_DOWNLOAD }
  if (!figures) return { ok: true, needed: plan.bytes, free: null, allowed: null }
  const free = Math.max(0, figures.quota - figures.usage)
  const allowed = Math.floor(free * QUOTA_SHARE)
  if (plan.bytes > allowed) return { ok: false, reason: 'quota', needed: plan.bytes, free, allowed }
  return { ok: true, needed: plan.bytes, free, allowed }
}

/** navigator.storage.estimate(), or null where the browser has no such API or it fails. */
export async function storageFigures(): Promise<StorageFigures | null> {
  try {
    const e = await globalThis.navigator?.storage?.estimate?.()
    return e && typeof e.quota === 'number' ? { usage: e.usage ?? 0, quota: e.quota } : null
  } catch {
    return null
  }
}

/** 1536 → "1.5 KB", 52428800 → "52.4 MB" (decimal units, as storage is sold). */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let v = n
  let i = 0
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000
    i++
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`
}

export interface DownloadProgress {
  total: number
  /** Tiles dealt with so far: stored + skipped + failed. */
  done: number
  stored: number
  /** Already in the cache. */
  skipped: number
  failed: number
  bytes: number
}

export interface DownloadResult extends DownloadProgress {
  outcome: 'complete' | 'cancelled' | 'offline'
}

export interface DownloadOptions {
  settings: TileSettings
  plan: AreaPlan
  store: TileStore
  signal?: AbortSignal
  onProgress?: (p: DownloadProgress) => void
  fetchFn?: typeof fetch
  concurrency?: number
}

/** After this many network errors in a row the connection is taken as gone and the download stops. */
const GIVE_UP_AFTER = 16

/**
 * Downloads the plan's tiles into the store. Tiles already cached are skipped, so repeating a download after a
 * cancel or a lost connection only fetches what is missing. Resolves (never rejects) with what was done.
 */
export async function downloadArea(o: DownloadOptions): Promise<DownloadResult> {
  const fetchFn = o.fetchFn ?? globalThis.fetch.bind(globalThis)
  const p: DownloadProgress = { total: o.plan.tiles, done: 0, stored: 0, skipped: 0, failed: 0, bytes: 0 }
  const tiles = tilesInArea(o.plan.bounds, o.plan.minZoom, o.plan.maxZoom)
  let networkErrorsInARow = 0
  let offline = false

  const step = async (t: TileCoord): Promise<void> => {
    const url = tileUrl(o.settings.url, t, o.settings.subdomains)
    if (await o.store.has(url)) {
      p.skipped++
      return
    }
    let res: Response
    try {
      res = await fetchFn(url, { mode: 'cors', credentials: 'omit', signal: o.signal })
    } catch {
      // A network error (not an HTTP answer): offline, or the server refuses cross-origin reads.
      if (o.signal?.aborted) return
      p.failed++
      if (++networkErrorsInARow >= GIVE_UP_AFTER) offline = true
      return
    }
    networkErrorsInARow = 0
    try {
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      // Awaited before the sum: `p.bytes += await …` would read p.bytes first and lose other workers' bytes.
      const bytes = await o.store.put(url, await res.blob())
      p.bytes += bytes
      p.stored++
    } catch {
      // A missing tile (404 beyond the source's coverage) or a full cache: counted, and the next tile is tried.
      if (!o.signal?.aborted) p.failed++
    }
  }

  const worker = async (): Promise<void> => {
    // One generator shared by every worker: JavaScript runs one step at a time, so no tile is taken twice.
    for (;;) {
      if (o.signal?.aborted || offline) return
      const next = tiles.next()
      if (next.done) return
      await step(next.value)
      if (o.signal?.aborted) return
      p.done++
      o.onProgress?.({ ...p })
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? DOWNLOAD_CONCURRENCY) }, worker))
  const outcome = o.signal?.aborted ? 'cancelled' : offline ? 'offline' : 'complete'
  return { ...p, outcome }
}
