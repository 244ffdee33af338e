// An in-memory stand-in for the browser's Cache Storage, holding Responses by URL with the calls TileStore makes.
// It exists because Cache Storage is a browser API (windows and service workers) that Node does not have; the real
// one is exercised by the Chromium tier.
class MemoryCache {
  readonly entries = new Map<string, Response>()

  private static key(req: RequestInfo | URL): string {
    return typeof req === 'string' ? req : req instanceof URL ? req.href : req.url
  }

  async match(req: RequestInfo | URL): Promise<Response | undefined> {
    return this.entries.get(MemoryCache.key(req))?.clone()
  }

  async matchAll(): Promise<Response[]> {
    return [...this.entries.values()].map((r) => r.clone())
  }

  async put(req: RequestInfo | URL, res: Response): Promise<void> {
    // Like the real cache: the body is read in full before the entry exists.
    const body = await res.arrayBuffer()
    this.entries.set(MemoryCache.key(req), new Response(body, { status: res.status, headers: res.headers }))
  }

  async delete(req: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(MemoryCache.key(req))
  }
}

export class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>()

  async open(name: string): Promise<MemoryCache> {
    let c = this.caches.get(name)
    if (!c) this.caches.set(name, (c = new MemoryCache()))
    return c
  }

  async has(name: string): Promise<boolean> {
    return this.caches.has(name)
  }

  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name)
  }

  async keys(): Promise<string[]> {
    return [...this.caches.keys()]
  }

  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage
  }
}
