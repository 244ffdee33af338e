import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { KaopingDb } from '../../../client/src/db/db'
import { TILE_CACHE, TileStore } from '../../../client/src/features/map/tile-cache'
import { downloadArea, planArea, tilesInArea, type DownloadProgress } from '../../../client/src/features/map/download-area'
import { tileUrl, type TileSettings } from '../../../client/src/features/map/tile-settings'
import { MemoryCacheStorage } from './memory-cache'

const SETTINGS: TileSettings = {
  url: 'https://{s}.tiles.example/{z}/{x}/{y}.png',
  attribution: '',
  subdomains: ['a', 'b', 'c'],
  maxZoom: 18,
  datum: 'wgs84',
}
// Central Harbin at zoom 12 + 0..2: 9 + 25 + 64 = 98 tiles (see tile-math.test.ts).
const PLAN = planArea({ south: 45.7, west: 126.55, north: 45.8, east: 126.7 }, 12, 18)
const TILE_BYTES = 1234

const opened: KaopingDb[] = []
function setup() {
  const db = new KaopingDb(`map-download-${crypto.randomUUID()}`)
  opened.push(db)
  const storage = new MemoryCacheStorage()
  return { db, storage, store: new TileStore(storage.asCacheStorage(), db.meta) }
}
afterEach(() => {
  for (const d of opened.splice(0)) d.close()
})

/** A tile server on a timer: counts requests and how many were in flight at once. */
function tileServer(answer: (url: string) => Response | 'network-error' = () => new Response(new Uint8Array(TILE_BYTES), { headers: { 'content-type': 'image/png' } })) {
  const s = { requests: [] as string[], inFlight: 0, maxInFlight: 0 }
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    s.requests.push(url)
    s.inFlight++
    s.maxInFlight = Math.max(s.maxInFlight, s.inFlight)
    try {
      await new Promise((r) => setTimeout(r, 1 + (s.requests.length % 3)))
      if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError')
      const a = answer(url)
      if (a === 'network-error') throw new TypeError('Failed to fetch')
      return a
    } finally {
      s.inFlight--
    }
  }) as typeof fetch
  return { s, fetchFn }
}

describe('downloadArea', () => {
  it('stores every tile of the plan, four requests at a time, reporting progress', async () => {
    const { storage, store } = setup()
    const { s, fetchFn } = tileServer()
    const seen: DownloadProgress[] = []
    const result = await downloadArea({ settings: SETTINGS, plan: PLAN, store, fetchFn, onProgress: (p) => seen.push(p) })

    expect(result).toMatchObject({ outcome: 'complete', total: 98, done: 98, stored: 98, skipped: 0, failed: 0, bytes: 98 * TILE_BYTES })
    expect(s.requests).toHaveLength(98)
    expect(s.maxInFlight).toBe(4)
    expect(seen.map((p) => p.done)).toEqual(Array.from({ length: 98 }, (_, i) => i + 1))
    const cache = storage.caches.get(TILE_CACHE)!
    const expected = [...tilesInArea(PLAN.bounds, PLAN.minZoom, PLAN.maxZoom)].map((t) => tileUrl(SETTINGS.url, t, SETTINGS.subdomains))
    expect([...cache.entries.keys()].sort()).toEqual(expected.sort())
    expect(await store.usage()).toMatchObject({ count: 98, bytes: 98 * TILE_BYTES })
  })

  it('skips tiles already cached, so a second run fetches nothing', async () => {
    const { store } = setup()
    await downloadArea({ settings: SETTINGS, plan: PLAN, store, fetchFn: tileServer().fetchFn })
    const again = tileServer()
    const result = await downloadArea({ settings: SETTINGS, plan: PLAN, store, fetchFn: again.fetchFn })
    expect(result).toMatchObject({ outcome: 'complete', stored: 0, skipped: 98 })
    expect(again.s.requests).toHaveLength(0)
    expect(await store.usage()).toMatchObject({ count: 98, bytes: 98 * TILE_BYTES })
  })

  it('stops when cancelled, keeps what it stored, and a later run fetches only the rest', async () => {
    const { storage, store } = setup()
    const controller = new AbortController()
    const result = await downloadArea({
      settings: SETTINGS,
      plan: PLAN,
      store,
      fetchFn: tileServer().fetchFn,
      signal: controller.signal,
      onProgress: (p) => p.done === 20 && controller.abort(),
    })
    expect(result.outcome).toBe('cancelled')
    expect(result.stored).toBeGreaterThanOrEqual(20)
    expect(result.stored).toBeLessThan(98)
    const cached = storage.caches.get(TILE_CACHE)!.entries.size
    expect(cached).toBe(result.stored)
    expect((await store.usage()).count).toBe(cached)

    const rest = tileServer()
    const second = await downloadArea({ settings: SETTINGS, plan: PLAN, store, fetchFn: rest.fetchFn })
    expect(second).toMatchObject({ outcome: 'complete', stored: 98 - cached, skipped: cached })
    expect(rest.s.requests).toHaveLength(98 - cached)
  })

  it('gives up after a run of network errors instead of trying every tile offline', async () => {
    const { store } = setup()
    const { s, fetchFn } = tileServer(() => 'network-error')
    const result = await downloadArea({ settings: SETTINGS, plan: PLAN, store, fetchFn })
    expect(result.outcome).toBe('offline')
    expect(result.stored).toBe(0)
    expect(s.requests.length).toBeLessThan(24)
  })

  it('counts missing tiles (HTTP 404) as failed and carries on', async () => {
    const { store } = setup()
    const { fetchFn } = tileServer((url) =>
      url.includes('/14/') ? new Response('no tile', { status: 404 }) : new Response(new Uint8Array(TILE_BYTES)),
    )
    const result = await downloadArea({ settings: SETTINGS, plan: PLAN, store, fetchFn })
    expect(result).toMatchObject({ outcome: 'complete', stored: 34, failed: 64 })
  })
})

describe('TileStore', () => {
  it('counts a tile stored twice once, and recount agrees with the running index', async () => {
    const { store } = setup()
    const url = 'https://a.tiles.example/1/0/0.png'
    await store.put(url, new Blob([new Uint8Array(100)], { type: 'image/png' }))
    await store.put(url, new Blob([new Uint8Array(150)], { type: 'image/png' }))
    await Promise.all([2, 3, 4].map((i) => store.put(`https://a.tiles.example/2/${i}/0.png`, new Blob([new Uint8Array(10)]))))
    expect(await store.usage()).toMatchObject({ count: 4, bytes: 180 })
    expect(await store.recount()).toMatchObject({ count: 4, bytes: 180 })
    expect((await store.get(url))?.size).toBe(150)
  })

  it('clear deletes the tiles and zeroes the index', async () => {
    const { store } = setup()
    await store.put('https://a.tiles.example/1/0/0.png', new Blob([new Uint8Array(100)]))
    await store.clear()
    expect(await store.has('https://a.tiles.example/1/0/0.png')).toBe(false)
    expect(await store.usage()).toMatchObject({ count: 0, bytes: 0 })
  })
})

describe('TileStore.ensureIndex', () => {
  it('builds a missing index from the cache, and leaves an existing one alone', async () => {
    const { db, storage, store } = setup()
    await store.put('https://a.tiles.example/1/0/0.png', new Blob([new Uint8Array(100)]))
    await store.put('https://a.tiles.example/1/1/0.png', new Blob([new Uint8Array(50)]))
    await db.meta.delete('tileCacheIndex')
    await store.ensureIndex()
    expect(await store.usage()).toMatchObject({ count: 2, bytes: 150 })
    await (await storage.open(TILE_CACHE)).delete('https://a.tiles.example/1/1/0.png')
    await store.ensureIndex()
    expect(await store.usage()).toMatchObject({ count: 2, bytes: 150 })
  })
})
