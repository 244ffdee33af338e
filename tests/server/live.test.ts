// Live updates: the SSE stream of change notices for supervisors, in one process on SQLite, through
// PostgreSQL's LISTEN/NOTIFY between buses, and between two real server processes on one PostgreSQL database.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import pg from 'pg'
import { deductionFor } from '@shared/scoring'
import { harbinDistrictCenters, DEMO_PASSWORD, SEED_CHECKLISTS } from '@shared/seed'
import { encodeHlc } from '@shared/sync/hlc'
import type { AppEnv } from '../../server/src/app'
import { renderError } from '../../server/src/http/api-error'
import { localBus, type ChangeNotice, type LiveBus } from '../../server/src/live/bus'
import { chunkPayloads, MAX_PAYLOAD_BYTES, pgBus } from '../../server/src/live/pg-bus'
import { createLiveRoutes } from '../../server/src/routes/live.routes'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { freshDatabase, PG_URL, type TestDatabase } from '../support/databases'
import { startServerProcess, type ServerProcess } from '../support/server-process'

interface SseEvent {
  event: string
  data: string
}

/** Reads a text/event-stream body as EventSource would, keeping events and comments for the test to wait on. */
class SseReader {
  readonly events: SseEvent[] = []
  readonly comments: string[] = []
  ended = false
  private buffer = ''
  private wake: (() => void) | null = null
  private reader: ReadableStreamDefaultReader<Uint8Array>

  constructor(readonly res: Response) {
    this.reader = res.body!.getReader()
    void this.pump()
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder()
    try {
      for (;;) {
        const { done, value } = await this.reader.read()
        if (done) break
        this.buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = this.buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = this.buffer.slice(0, end)
          this.buffer = this.buffer.slice(end).replace(/^\r?\n\r?\n/, '')
          this.parse(block)
        }
        this.wake?.()
      }
    } catch {
      // cancelled
    }
    this.ended = true
    this.wake?.()
  }

  private parse(block: string): void {
    let event = 'message'
    const data: string[] = []
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim())
      else if (line.startsWith('event:')) event = line.slice(6).trim()
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
    }
    if (data.length) this.events.push({ event, data: data.join('\n') })
  }

  /** Waits until `test` holds, re-checking after every chunk the stream delivers. */
  async until<T>(test: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const v = test()
      if (v) return v
      if (this.ended) throw new Error(`stream ended before ${what}`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events).slice(0, 500)}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }

  ready(): Promise<SseEvent> {
    return this.until(() => this.events.find((e) => e.event === 'ready'), 'the ready event')
  }

  changes(): ChangeNotice[] {
    return this.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data) as ChangeNotice)
  }

  change(id: string, timeoutMs?: number): Promise<ChangeNotice> {
    return this.until(() => this.changes().find((n) => n.id === id), `a change notice for ${id}`, timeoutMs)
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {})
  }
}

/** A new finding by `inspector` in Nangang, valid against the seed checklists: the mutation and the finding's id. */
function findingMutation(inspector: SignedIn) {
  const checklist = SEED_CHECKLISTS.find((c) => c.items.some((i) => !i.photoRequired && i.unit === 'occurrence'))!
  const item = checklist.items.find((i) => !i.photoRequired && i.unit === 'occurrence')!
  const center = harbinDistrictCenters()['230103']!
  const now = Date.now()
  const payload = {
    id: randomUUID(),
    checklistId: checklist.id,
    checklistVersion: checklist.version,
    itemCode: item.code,
    line: checklist.line,
    quantity: 2,
    deduction: deductionFor(2, item.deductionPerUnit),
    location: { lat: center.lat, lng: center.lng, accuracy: 8 },
    districtCode: '230103',
    street: '西大直街',
    note: '',
    photos: [],
    inspectorId: inspector.user.id,
    deviceId: inspector.deviceId,
    recordedAt: new Date(now).toISOString(),
    status: 'submitted',
  }
  const mutation = { id: randomUUID(), hlc: encodeHlc({ ms: now, counter: 0, device: inspector.deviceId }), type: 'finding.create', payload }
  return { mutation, findingId: payload.id }
}

const pushBody = (who: SignedIn, mutations: unknown[]) => JSON.stringify({ deviceId: who.deviceId, mutations })

const liveQuery = (who: SignedIn) => `/api/live?access_token=${encodeURIComponent(who.token)}&device=${encodeURIComponent(who.deviceId)}`

const notice = (id: string, extra: Partial<ChangeNotice> = {}): ChangeNotice => ({
  entity: 'finding',
  id,
  op: 'upsert',
  districtCode: '230103',
  audience: 'owner',
  ownerId: null,
  ...extra,
})

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('live updates in one process (SQLite)', () => {
  let t: TestApp
  let lina: SignedIn
  let admin: SignedIn
  let zhangwei: SignedIn
  const open: SseReader[] = []

  const stream = async (path: string, init?: RequestInit) => {
    const res = await t.app.request(path, init)
    if (res.status !== 200) throw new Error(`GET ${path.split('?')[0]}: ${res.status} ${await res.text()}`)
    const s = new SseReader(res)
    open.push(s)
    return s
  }

  beforeAll(async () => {
    t = await testApp('sqlite')
    lina = await t.login('lina')
    admin = await t.login('admin')
    zhangwei = await t.login('zhangwei')
  })
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()))
    await t?.close()
  })

  it('admits supervisors and administrators only', async () => {
    const nangang = await t.login('nangang')
    for (const who of [zhangwei, nangang]) {
      const res = await t.app.request('/api/live', { headers: who.headers })
      expect(res.status).toBe(403)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    }
    const anonymous = await t.app.request('/api/live')
    expect(anonymous.status).toBe(401)
    const wrongDevice = await t.app.request(`/api/live?access_token=${lina.token}&device=another`)
    expect(wrongDevice.status).toBe(401)
    const res = await t.app.request('/api/live', { headers: admin.headers })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    await res.body!.cancel()
  })

  it('streams a change pushed through the same app to every supervisor screen', async () => {
    // EventSource style: credentials in the query string.
    const screen = await stream(liveQuery(lina))
    const other = await stream('/api/live', { headers: admin.headers })
    await Promise.all([screen.ready(), other.ready()])

    const { mutation, findingId } = findingMutation(zhangwei)
    const res = await t.app.request('/api/sync/push', { method: 'POST', headers: zhangwei.headers, body: pushBody(zhangwei, [mutation]) })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied')

    for (const s of [screen, other]) {
      expect(await s.change(findingId)).toEqual({
        entity: 'finding',
        id: findingId,
        op: 'upsert',
        districtCode: '230103',
        audience: 'owner',
        ownerId: zhangwei.user.id,
      })
    }

    // A replay changes nothing and announces nothing: the next notice is the next new finding's.
    await t.app.request('/api/sync/push', { method: 'POST', headers: zhangwei.headers, body: pushBody(zhangwei, [mutation]) })
    const next = findingMutation(zhangwei)
    await t.app.request('/api/sync/push', { method: 'POST', headers: zhangwei.headers, body: pushBody(zhangwei, [next.mutation]) })
    await screen.change(next.findingId)
    expect(screen.changes().map((n) => n.id)).toEqual([findingId, next.findingId])
  })
})

describe('the live route', () => {
  let t: TestApp
  let lina: SignedIn
  let subscribers = 0
  let inner: LiveBus
  const bus: LiveBus = {
    publish: (n) => inner.publish(n),
    subscribe(listener) {
      subscribers++
      const off = inner.subscribe(listener)
      return () => {
        subscribers--
        off()
      }
    },
    close: () => inner.close(),
  }

  /** The route on its own, over the test database and a bus that counts its subscribers. */
  function liveApp(opts: Parameters<typeof createLiveRoutes>[0]) {
    const app = new Hono<AppEnv>()
    app.onError(renderError)
    app.use(async (c, next) => {
      c.set('db', t.db)
      c.set('version', 'test')
      c.set('bus', bus)
      await next()
    })
    return app.route('/api/live', createLiveRoutes(opts))
  }

  beforeAll(async () => {
    t = await testApp('sqlite')
    lina = await t.login('lina')
    inner = localBus()
  })
  afterAll(async () => t?.close())

  it('sends a heartbeat comment while nothing happens', async () => {
    const s = new SseReader(await liveApp({ heartbeatMs: 40 }).request('/api/live', { headers: lina.headers }))
    await s.ready()
    await s.until(() => s.comments.filter((c) => c === 'heartbeat').length >= 2, 'two heartbeats', 5000)
    await s.close()
    await eventually(() => subscribers === 0, 'the stream to unsubscribe')
  })

  it('unsubscribes when the client goes away', async () => {
    const app = liveApp({})
    const streams = [
      new SseReader(await app.request('/api/live', { headers: lina.headers })),
      new SseReader(await app.request('/api/live', { headers: lina.headers })),
    ]
    await Promise.all(streams.map((s) => s.ready()))
    expect(subscribers).toBe(2)
    await streams[0]!.close()
    await eventually(() => subscribers === 1, 'one subscriber left')
    await bus.publish([notice('after-one-left')])
    await streams[1]!.change('after-one-left')
    await streams[1]!.close()
    await eventually(() => subscribers === 0, 'no subscriber left')
  })

  it('drops a client that stops reading instead of queueing without end', async () => {
    const res = await liveApp({ maxPending: 5 }).request('/api/live', { headers: lina.headers })
    await eventually(() => subscribers === 1, 'the stream to subscribe')
    await bus.publish(Array.from({ length: 50 }, (_, i) => notice(`unread-${i}`)))
    await eventually(() => subscribers === 0, 'the unread stream to be dropped')
    await res.body!.cancel()
  })
})

describe('payload chunks', () => {
  it('keeps every NOTIFY payload under the limit, in order, and sets aside a notice too large for any', () => {
    const notices = Array.from({ length: 2000 }, (_, i) => notice(`${i}-${'x'.repeat(i % 97)}`))
    const huge = notice('y'.repeat(MAX_PAYLOAD_BYTES))
    const { payloads, tooLarge } = chunkPayloads([...notices.slice(0, 1000), huge, ...notices.slice(1000)])
    expect(tooLarge).toEqual([huge])
    expect(payloads.length).toBeGreaterThan(10)
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000)
    expect(payloads.flatMap((p) => (JSON.parse(p) as { notices: ChangeNotice[] }).notices)).toEqual(notices)
    // Multi-byte text counts in bytes, not characters.
    const wide = Array.from({ length: 300 }, (_, i) => notice(`${i}`, { audience: '区'.repeat(40) }))
    for (const p of chunkPayloads(wide).payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000)
  })
})

describe.skipIf(!PG_URL)('PostgreSQL LISTEN/NOTIFY bus', () => {
  let tdb: TestDatabase
  let url: string
  let a: LiveBus
  let b: LiveBus
  const logs: string[] = []
  const opts = { backoff: { minMs: 20, maxMs: 200 }, log: (m: string) => logs.push(m) }

  const collect = (bus: LiveBus) => {
    const got: ChangeNotice[] = []
    const off = bus.subscribe((n) => got.push(n))
    return { got, off, ids: () => got.map((n) => n.id) }
  }

  async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      return await fn(c)
    } finally {
      await c.end()
    }
  }

  beforeAll(async () => {
    tdb = await freshDatabase('postgres')
    url = tdb.config.databaseUrl!
    a = await pgBus(url, opts)
    b = await pgBus(url, opts)
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await tdb?.drop()
  })

  it('delivers a notice published on either bus to the subscribers of both, once', async () => {
    const onA = collect(a)
    const onB = collect(b)
    await a.publish([notice('from-a')])
    await b.publish([notice('from-b')])
    await a.publish([notice('end-a')])
    await b.publish([notice('end-b')])
    for (const c of [onA, onB]) {
      await eventually(() => c.ids().includes('end-a') && c.ids().includes('end-b'), 'both end markers')
      expect(c.ids().sort()).toEqual(['end-a', 'end-b', 'from-a', 'from-b'])
      // Each publisher's notices keep their order.
      expect(c.ids().indexOf('from-a')).toBeLessThan(c.ids().indexOf('end-a'))
    }
    expect(onA.got.find((n) => n.id === 'from-b')).toEqual(notice('from-b'))
    onA.off()
    onB.off()
  })

  it('carries a batch far larger than one payload, whole and in order', async () => {
    const onB = collect(b)
    const batch = Array.from({ length: 3000 }, (_, i) => notice(randomUUID(), { ownerId: String(i) }))
    await a.publish(batch)
    await eventually(() => onB.got.length >= batch.length, 'the whole batch')
    expect(onB.got).toEqual(batch)
    onB.off()
  })

  it('reconnects after losing its connection, and publishing keeps working meanwhile', async () => {
    const onB = collect(b)
    const killed = await admin(async (c) => {
      const { rows } = await c.query(
        `select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and application_name = 'kaoping-live'`,
      )
      return rows.length
    })
    expect(killed).toBe(2)
    let n = 0
    await eventually(async () => {
      await a.publish([notice(`after-loss-${n++}`)])
      return onB.ids().some((id) => id.startsWith('after-loss-'))
    }, 'a notice after reconnecting')
    expect(logs.some((l) => l.includes('lost the LISTEN connection'))).toBe(true)
    onB.off()
  })

  it('refuses to start without a database, and lets go of its connections on close', async () => {
    const bad = new URL(url)
    bad.pathname = '/kaoping_no_such_database'
    await expect(pgBus(bad.toString(), opts)).rejects.toThrow(/does not exist/)

    const c = await pgBus(url, { ...opts, channel: 'kaoping_close_test' })
    const got = collect(c)
    await c.close()
    await a.publish([notice('after-close')])
    await c.publish([notice('published-after-close')])
    await new Promise((r) => setTimeout(r, 200))
    expect(got.got).toEqual([])
    const listening = await admin(async (x) => {
      const { rows } = await x.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike '%kaoping_close_test%'`)
      return rows[0].n as number
    })
    expect(listening).toBe(0)
  })
})

describe.skipIf(!PG_URL)('two server processes on one PostgreSQL database', () => {
  let tdb: TestDatabase
  let serverA: ServerProcess
  let serverB: ServerProcess
  const open: SseReader[] = []
  const aborts: AbortController[] = []

  async function signIn(base: string, username: string, deviceId: string): Promise<SignedIn> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId }),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { token: string; user: SignedIn['user'] }
    return {
      token: body.token,
      deviceId,
      user: body.user,
      headers: { authorization: `Bearer ${body.token}`, 'x-kaoping-device': deviceId, 'content-type': 'application/json' },
    }
  }

  async function live(base: string, who: SignedIn): Promise<SseReader> {
    const abort = new AbortController()
    aborts.push(abort)
    const res = await fetch(base + liveQuery(who), { signal: abort.signal })
    expect(res.status).toBe(200)
    const s = new SseReader(res)
    open.push(s)
    await s.ready()
    return s
  }

  async function pushFinding(base: string, who: SignedIn): Promise<string> {
    const { mutation, findingId } = findingMutation(who)
    const res = await fetch(`${base}/api/sync/push`, { method: 'POST', headers: who.headers, body: pushBody(who, [mutation]) })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied')
    return findingId
  }

  beforeAll(async () => {
    tdb = await freshDatabase('postgres')
    const env = { DATABASE_URL: tdb.config.databaseUrl!, KAOPING_DATA: tdb.config.dataDir, KAOPING_SEED: 'reference' }
    // One after the other: the first migrates and seeds, the second finds it done.
    serverA = await startServerProcess(env)
    serverB = await startServerProcess(env)
  }, 300_000)
  afterAll(async () => {
    for (const a of aborts) a.abort()
    await Promise.all(open.map((s) => s.close()))
    await serverA?.stop()
    await serverB?.stop()
    await tdb?.drop()
  })

  it('delivers a change written through either process to the subscribers of both', async () => {
    // One session, signed in on A, works on B as well: sessions live in the shared database.
    const lina = await signIn(serverA.url, 'lina', 'screen-1')
    const onA = await live(serverA.url, lina)
    const onB = await live(serverB.url, lina)
    const zhangwei = await signIn(serverB.url, 'zhangwei', 'tablet-1')

    const throughB = await pushFinding(serverB.url, zhangwei)
    for (const s of [onA, onB]) expect(await s.change(throughB)).toMatchObject({ entity: 'finding', id: throughB, op: 'upsert', districtCode: '230103' })

    const throughA = await pushFinding(serverA.url, zhangwei)
    for (const s of [onA, onB]) await s.change(throughA)

    // Exactly once on each screen: the publishing process hears its own notice only through PostgreSQL.
    for (const s of [onA, onB]) expect(s.changes().map((n) => n.id)).toEqual([throughB, throughA])
  }, 60_000)
})
