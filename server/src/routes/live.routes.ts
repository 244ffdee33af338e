// GET /api/live: a server-sent-events stream of change notices for supervisors' screens. Each committed change
// arrives as `event: change` with the notice as JSON; the screen then pulls (/api/sync/pull) to get the data.
// A notice missed while disconnected costs nothing but a delay: after reconnecting, a screen pulls from its cursor.
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { AppEnv } from '../app'
import { allow, authenticate, type AuthUser } from '../auth/middleware'
import type { ChangeNotice } from '../live/bus'

export const HEARTBEAT_MS = 20_000
/** Notices waiting for a client that does not read; beyond this the stream is closed and the client reconnects. */
export const MAX_PENDING = 1000

export interface LiveRouteOptions {
  heartbeatMs?: number
  maxPending?: number
}

/** Supervisors and administrators see every change; the route admits no one else. */
function visibleTo(user: AuthUser, _n: ChangeNotice): boolean {
  return user.role === 'supervisor' || user.role === 'admin'
}

export function createLiveRoutes(opts: LiveRouteOptions = {}) {
  const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS
  const maxPending = opts.maxPending ?? MAX_PENDING

  // EventSource cannot send headers: `authenticate` also reads ?access_token= and ?device=.
  return new Hono<AppEnv>().use(authenticate, allow('supervisor', 'admin')).get('/', (c) => {
    const user = c.var.user!
    const bus = c.var.bus
    c.header('X-Accel-Buffering', 'no')
    return streamSSE(c, async (stream) => {
      let pending = 0
      // Writes wait for the client to read; chain them so notices go out one at a time and in order.
      let chain: Promise<unknown> = Promise.resolve()
      const send = (write: () => Promise<unknown>) => {
        if (stream.aborted || stream.closed) return
        if (++pending > maxPending) {
          stream.abort()
          return
        }
        chain = chain.then(write).finally(() => pending--)
      }
      const unsubscribe = bus.subscribe((n) => {
        if (visibleTo(user, n)) send(() => stream.writeSSE({ event: 'change', data: JSON.stringify(n) }))
      })
      const heartbeat = setInterval(() => send(() => stream.write(': heartbeat\n\n')), heartbeatMs)
      const done = new Promise<void>((resolve) => {
        stream.onAbort(() => resolve())
        c.req.raw.signal?.addEventListener('abort', () => stream.abort())
      })
      try {
        // Subscribed before this is written, so a client that waits for `ready` misses nothing after it.
        send(() => stream.writeSSE({ event: 'ready', data: JSON.stringify({ heartbeatMs }), retry: 3000 }))
        await done
      } finally {
        clearInterval(heartbeat)
        unsubscribe()
      }
    })
  })
}

export const liveRoutes = createLiveRoutes()
