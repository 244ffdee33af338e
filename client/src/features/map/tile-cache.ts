// The device's store of map tiles: the Cache Storage cache 'kaoping-tiles', keyed by tile URL, shared by the tile
// layer (tiles as they are visited) and the area download. A running count of tiles and bytes is kept in
// db.meta ('tileCacheIndex') so the map can show its usage without reading every tile; recount() rebuilds it exactly
// from the cache if it ever drifts (two tabs storing the same tile at the same moment can count it twice).
import { db } from '../../db/db'

export const TILE_CACHE = 'kaoping-tiles'
export const TILE_INDEX_KEY = 'tileCacheIndex'
const BYTES_HEADER = 'x-kaoping-bytes'

export interface TileCacheIndex {
  count: number
  bytes: number
  updatedAt: number
}

const EMPTY: TileCacheIndex = { count: 0, bytes: 0, updatedAt: 0 }

export class TileStore {
  /** URLs being stored by this store right now, so a tile visited while it downloads is not counted twice. */
  private readonly storing = new Set<string>()

  constructor(
    private readonly storage: CacheStorage,
    private readonly meta = db.meta,
  ) {}

  private open(): Promise<Cache> {
    return this.storage.open(TILE_CACHE)
  }

  /** The cached tile image, or undefined. */
  async get(url: string): Promise<Blob | undefined> {
    const hit = await (await this.open()).match(url)
    return hit ? hit.blob() : undefined
  }

  async has(url: string): Promise<boolean> {
    return (await (await this.open()).match(url)) !== undefined
  }

  /** Stores a tile image under its URL and counts it; returns the bytes stored (0 when it was already being stored). */
  async put(url: string, image: Blob): Promise<number> {
    if (this.storing.has(url)) return 0
    this.storing.add(url)
    try {
      const cache = await this.open()
      const before = await cache.match(url)
      const oldBytes = before ? Number(before.headers.get(BYTES_HEADER) ?? 0) : 0
      const headers = new Headers({ 'content-type': image.type || 'image/png', [BYTES_HEADER]: String(image.size) })
      await cache.put(url, new Response(image, { status: 200, headers }))
      await this.adjust(before ? 0 : 1, image.size - oldBytes)
      return image.size
    } finally {
      this.storing.delete(url)
    }
  }

  /** Adds to the running count in one Dexie transaction, so concurrent tiles never lose an increment. */
  private async adjust(count: number, bytes: number): Promise<void> {
    const meta = this.meta
    await meta.db.transaction('rw', meta, async () => {
      const now = ((await meta.get(TILE_INDEX_KEY))?.value as TileCacheIndex | undefined) ?? EMPTY
      const next: TileCacheIndex = {
        count: Math.max(0, now.count + count),
        bytes: Math.max(0, now.bytes + bytes),
        updatedAt: Date.now(),
      }
      await meta.put({ key: TILE_INDEX_KEY, value: next })
    })
  }

  async usage(): Promise<TileCacheIndex> {
    return ((await this.meta.get(TILE_INDEX_KEY))?.value as TileCacheIndex | undefined) ?? EMPTY
  }

  /** Rebuilds the index by reading every cached entry's recorded size (tiles stored meanwhile may be missed). */
  async recount(): Promise<TileCacheIndex> {
    const responses = await (await this.open()).matchAll()
    const index: TileCacheIndex = {
      count: responses.length,
      bytes: responses.reduce((sum, r) => sum + Number(r.headers.get(BYTES_HEADER) ?? 0), 0),
      updatedAt: Date.now(),
    }
    await this.meta.put({ key: TILE_INDEX_KEY, value: index })
    return index
  }

  /**
   * Builds the index from the cache when there is none (a database reset under a kept cache). Written only if still
   * absent, so a tile stored meanwhile, which starts the index itself, is not overwritten by an older count.
   */
  async ensureIndex(): Promise<void> {
    if (await this.meta.get(TILE_INDEX_KEY)) return
    const responses = await (await this.open()).matchAll()
    const index: TileCacheIndex = {
      count: responses.length,
      bytes: responses.reduce((sum, r) => sum + Number(r.headers.get(BYTES_HEADER) ?? 0), 0),
      updatedAt: Date.now(),
    }
    const meta = this.meta
    await meta.db.transaction('rw', meta, async () => {
      if (!(await meta.get(TILE_INDEX_KEY))) await meta.put({ key: TILE_INDEX_KEY, value: index })
    })
  }

  /** Deletes every cached tile. */
  async clear(): Promise<void> {
    await this.storage.delete(TILE_CACHE)
    await this.meta.put({ key: TILE_INDEX_KEY, value: { ...EMPTY, updatedAt: Date.now() } })
  }
}

let shared: TileStore | null | undefined

/**
 * The app's tile store, or null where Cache Storage does not exist (a page served over plain http from another
 * host is not a secure context): the map then loads tiles straight from the network, uncached.
 */
export function tileStore(): TileStore | null {
  if (shared === undefined) shared = typeof caches === 'undefined' ? null : new TileStore(caches)
  return shared
}
