// Live change notices between server processes through PostgreSQL's LISTEN/NOTIFY. Every process listens on one
// channel of the shared database; publishing sends a NOTIFY and nothing else, so the publishing process hears its
// own notices the same way as every other process does, and each subscriber gets each notice exactly once.
//
// A notice is a hint to pull, not the change itself: one lost while the listening connection is down costs a
// supervisor's screen a delay until its next pull, never data. So the bus reconnects with backoff and publish()
// logs a failure instead of failing a push whose data has already been committed.
import { EventEmitter } from 'node:events'
import pg from 'pg'
import type { ChangeNotice, LiveBus } from './bus'

export const LIVE_CHANNEL = 'kaoping_changes'

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; keep each chunk a little under. */
export const MAX_PAYLOAD_BYTES = 7900

/** Bumped if the payload changes shape, so processes of two versions during a rolling update ignore each other. */
const PAYLOAD_VERSION = 1

export interface PgBusOptions {
  channel?: string
  log?: (msg: string) => void
  /** First and largest wait before reconnecting the listener, ms. */
  backoff?: { minMs: number; maxMs: number }
  /** How often the idle listener checks that its connection is still alive, ms. */
  pingMs?: number
}

interface Payload {
  v: number
  notices: ChangeNotice[]
}

/** Splits the notices into payloads of fewer than `maxBytes` bytes each, keeping their order. */
export function chunkPayloads(notices: ChangeNotice[], maxBytes = MAX_PAYLOAD_BYTES): { payloads: string[]; tooLarge: ChangeNotice[] } {
  const payloads: string[] = []
  const tooLarge: ChangeNotice[] = []
  const envelope = Buffer.byteLength(JSON.stringify({ v: PAYLOAD_VERSION, notices: [] } satisfies Payload))
  let parts: string[] = []
  let size = envelope
  const flush = () => {
    if (parts.length) payloads.push(`{"v":${PAYLOAD_VERSION},"notices":[${parts.join(',')}]}`)
    parts = []
    size = envelope
  }
  for (const n of notices) {
    const json = JSON.stringify(n)
    const bytes = Buffer.byteLength(json)
    if (envelope + bytes > maxBytes) {
      tooLarge.push(n)
      continue
    }
    if (size + bytes + (parts.length ? 1 : 0) > maxBytes) flush()
    size += bytes + (parts.length ? 1 : 0)
    parts.push(json)
  }
  flush()
  return { payloads, tooLarge }
}

function parsePayload(text: string | undefined): ChangeNotice[] | null {
  try {
    const p = JSON.parse(text ?? '') as Partial<Payload>
    if (p?.v !== PAYLOAD_VERSION || !Array.isArray(p.notices)) return null
    return p.notices.filter((n) => n && typeof n.entity === 'string' && typeof n.id === 'string')
  } catch {
    return null
  }
}

/**
 * Connects a listener to the database and resolves once it is listening; rejects if the first connection fails.
 * Publishing goes through a small pool of its own, so it keeps working while the listener reconnects.
 */
export async function pgBus(databaseUrl: string, opts: PgBusOptions = {}): Promise<LiveBus> {
  const channel = opts.channel ?? LIVE_CHANNEL
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Not a usable channel name: ${channel}`)
  const log = opts.log ?? ((msg: string) => console.warn(msg))
  const backoff = opts.backoff ?? { minMs: 250, maxMs: 30_000 }
  const pingMs = opts.pingMs ?? 30_000

  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const publisher = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'kaoping-live-publish' })
  publisher.on('error', (err) => log(`live: publishing connection failed: ${err.message}`))

  let closed = false
  let listener: pg.Client | null = null
  let retryTimer: NodeJS.Timeout | null = null
  let pingTimer: NodeJS.Timeout | null = null
  let attempt = 0

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== channel) return
    const notices = parsePayload(msg.payload)
    if (!notices) return log(`live: ignored a notification that is not a version ${PAYLOAD_VERSION} payload`)
    for (const n of notices) emitter.emit('change', n)
  }

  async function connect(): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true, application_name: 'kaoping-live' })
    client.on('notification', onNotification)
    // Both 'error' and 'end' can arrive for one loss; the first to come schedules the one reconnect.
    const lost = (why: string) => {
      if (listener !== client) return
      listener = null
      if (pingTimer) clearInterval(pingTimer)
      client.removeAllListeners('notification')
      client.end().catch(() => {})
      if (!closed) {
        log(`live: lost the LISTEN connection (${why}); reconnecting`)
        scheduleReconnect()
      }
    }
    client.on('error', (err) => lost(err.message))
    client.on('end', () => lost('connection ended'))
    try {
      await client.connect()
      await client.query(`LISTEN ${channel}`)
    } catch (err) {
      client.removeAllListeners()
      client.on('error', () => {})
      await client.end().catch(() => {})
      throw err
    }
    if (closed) {
      await client.end().catch(() => {})
      return
    }
    listener = client
    attempt = 0
    pingTimer = setInterval(() => {
      client.query('select 1').catch((err: Error) => lost(`ping failed: ${err.message}`))
    }, pingMs)
    pingTimer.unref()
  }

  function scheduleReconnect(): void {
    const wait = Math.min(backoff.maxMs, backoff.minMs * 2 ** attempt)
    attempt++
    retryTimer = setTimeout(() => {
      retryTimer = null
      if (closed) return
      connect().catch((err: Error) => {
        log(`live: reconnecting failed: ${err.message}`)
        if (!closed) scheduleReconnect()
      })
    }, wait * (0.75 + Math.random() * 0.5))
    retryTimer.unref()
  }

  try {
    await connect()
  } catch (err) {
    await publisher.end().catch(() => {})
    throw err
  }

  return {
    async publish(notices) {
      if (closed || notices.length === 0) return
      const { payloads, tooLarge } = chunkPayloads(notices)
      for (const n of tooLarge) log(`live: a notice for ${n.entity} ${n.id.slice(0, 80)} is too large to send; not announced`)
      if (!payloads.length) return
      try {
        // One round trip and one transaction: the chunks arrive together, in array order. (PostgreSQL folds
        // identical payloads of one transaction into one; they would only repeat the same hint.)
        await publisher.query('select pg_notify($1, p) from unnest($2::text[]) as p', [channel, payloads])
      } catch (err) {
        // The data is committed and will reach screens through their next pull; a push must not fail for this.
        log(`live: could not announce ${notices.length} change(s): ${(err as Error).message}`)
      }
    },
    subscribe(listener) {
      emitter.on('change', listener)
      return () => emitter.off('change', listener)
    },
    async close() {
      if (closed) return
      closed = true
      if (retryTimer) clearTimeout(retryTimer)
      if (pingTimer) clearInterval(pingTimer)
      const client = listener
      listener = null
      emitter.removeAllListeners()
      await Promise.all([client?.end().catch(() => {}), publisher.end().catch(() => {})])
    },
  }
}
