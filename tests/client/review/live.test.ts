// The live feed: finding notices gathered into one batch of ids, other notices ignored, a resync after every
// reconnection but the first connection, a refused stream reopened after a pause with a fresh URL, and nothing
// after stop.
import { describe, expect, it } from 'vitest'
import { LiveFeed, type EventSourceLike, type LiveState } from '../../../client/src/features/review/live'

class FakeSource implements EventSourceLike {
  readyState = 0
  onerror: ((e: Event) => void) | null = null
  closed = false
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>()
  constructor(readonly url: string) {}
  addEventListener(type: string, fn: (e: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn])
  }
  emit(type: string, data: unknown): void {
    if (type === 'ready') this.readyState = 1
    for (const fn of this.listeners.get(type) ?? []) fn({ data: typeof data === 'string' ? data : JSON.stringify(data) } as MessageEvent)
  }
  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0
    this.onerror?.(new Event('error'))
  }
  close(): void {
    this.closed = true
    this.readyState = 2
  }
}

function harness(url: () => Promise<string | null> = async () => '/api/live?access_token=t1&device=d') {
  const sources: FakeSource[] = []
  const batches: string[][] = []
  const states: LiveState[] = []
  let resyncs = 0
  const timers: { fn: () => void; ms: number; live: boolean }[] = []
  const feed = new LiveFeed({
    url,
    open: (u) => {
      const s = new FakeSource(u)
      sources.push(s)
      return s
    },
    onFindings: (ids) => batches.push(ids),
    onResync: () => resyncs++,
    onState: (s) => states.push(s),
    batchMs: 300,
    retryMs: 5000,
    timers: {
      set: (fn, ms) => {
        const t = { fn, ms, live: true }
        timers.push(t)
        return t
      },
      clear: (h) => {
        if (h) (h as { live: boolean }).live = false
      },
    },
  })
  const runTimers = (ms: number) => {
    for (const t of timers.filter((x) => x.live && x.ms === ms)) {
      t.live = false
      t.fn()
    }
  }
  return { feed, sources, batches, states, resyncs: () => resyncs, runTimers, timers }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('live feed', () => {
  it('gathers finding notices into one batch, each id once, and ignores the rest', async () => {
    const h = harness()
    await h.feed.start()
    const s = h.sources[0]!
    expect(s.url).toBe('/api/live?access_token=t1&device=d')
    s.emit('ready', { heartbeatMs: 20000 })
    expect(h.feed.state).toBe('live')
    s.emit('change', { entity: 'finding', id: 'f1', op: 'upsert' })
    s.emit('change', { entity: 'review', id: 'r1', op: 'upsert' })
    s.emit('change', { entity: 'finding', id: 'f2', op: 'upsert' })
    s.emit('change', { entity: 'finding', id: 'f1', op: 'upsert' })
    s.emit('change', 'not json')
    expect(h.batches).toEqual([])
    h.runTimers(300)
    expect(h.batches).toEqual([['f1', 'f2']])
    h.runTimers(300)
    expect(h.batches).toHaveLength(1)
    expect(h.resyncs()).toBe(0)
  })

  it('resyncs after the browser reconnects on its own, not after the first connection', async () => {
    const h = harness()
    await h.feed.start()
    const s = h.sources[0]!
    s.emit('ready', {})
    s.fail(false)
    expect(h.feed.state).toBe('retrying')
    expect(h.sources).toHaveLength(1)
    s.emit('ready', {})
    expect(h.resyncs()).toBe(1)
    expect(h.states).toEqual(['connecting', 'live', 'retrying', 'live'])
  })

  it('reopens a stream the server refused after a pause, with a fresh URL, and resyncs', async () => {
    let token = 't1'
    const h = harness(async () => `/api/live?access_token=${token}`)
    await h.feed.start()
    h.sources[0]!.emit('ready', {})
    token = 't2'
    h.sources[0]!.fail(true)
    expect(h.sources[0]!.closed).toBe(true)
    expect(h.sources).toHaveLength(1)
    h.runTimers(5000)
    await flush()
    expect(h.sources.map((s) => s.url)).toEqual(['/api/live?access_token=t1', '/api/live?access_token=t2'])
    h.sources[1]!.emit('ready', {})
    expect(h.resyncs()).toBe(1)
  })

  it('waits while there is no session, and stops for good', async () => {
    let url: string | null = null
    const h = harness(async () => url)
    await h.feed.start()
    expect(h.sources).toHaveLength(0)
    expect(h.feed.state).toBe('retrying')
    url = '/api/live?access_token=t'
    h.runTimers(5000)
    await flush()
    expect(h.sources).toHaveLength(1)
    h.sources[0]!.emit('ready', {})
    h.sources[0]!.emit('change', { entity: 'finding', id: 'f9' })
    h.feed.stop()
    expect(h.sources[0]!.closed).toBe(true)
    h.runTimers(300)
    expect(h.batches).toEqual([])
    expect(h.feed.state).toBe('stopped')
  })
})
