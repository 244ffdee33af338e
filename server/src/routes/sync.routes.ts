// POST /api/sync/push and GET /api/sync/pull: the sync protocol (shared/sync/protocol.ts).
import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { PROTOCOL_HEADER, PROTOCOL_VERSION, PullQuery, PushRequest } from '@shared/sync/protocol'
import { z } from 'zod'
import type { AppEnv } from '../app'
import { authenticate } from '../auth/middleware'
import { ApiError } from '../http/api-error'
import { parseJson, parseQuery } from '../http/validate'
import { push } from '../sync/push'
import { decodeCursor, pull } from '../sync/pull'
import { encodeHlc } from '@shared/sync/hlc'

/** A device speaking an older protocol is told to update instead of being misunderstood. */
const protocol = createMiddleware<AppEnv>(async (c, next) => {
  const sent = c.req.header(PROTOCOL_HEADER)
  if (sent !== undefined && Number(sent) !== PROTOCOL_VERSION) {
    throw new ApiError('upgrade_required', `This app speaks sync protocol ${sent}; the server speaks ${PROTOCOL_VERSION}. Update the app (reload it while online).`, {
      serverProtocol: PROTOCOL_VERSION,
    })
  }
  await next()
})

const PushBody = PushRequest.extend({ sentAt: z.iso.datetime({ offset: true }).optional() })

export const syncRoutes = new Hono<AppEnv>()
  .use(protocol, authenticate)
  .post('/push', async (c) => {
    const body = await parseJson(c, PushBody)
    const user = c.var.user!
    if (body.deviceId !== user.deviceId) throw new ApiError('forbidden', 'deviceId differs from the device this session was issued to')
    const outcome = await pushWithRetry(c.var, user, body)
    await c.var.bus.publish(outcome.notices)
    return c.json({ results: outcome.results, hlc: encodeHlc({ ms: Date.now(), counter: 0, device: 'server' }) })
  })
  .get('/pull', async (c) => {
    const q = parseQuery(c, PullQuery)
    const body = await pull(c.var.db, c.var.user!, decodeCursor(q.cursor), q.limit)
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' })
  })

/**
 * A replay racing its own first delivery on another connection loses on the mutations key, and two pushes locking
 * the same findings in opposite orders may be picked as a PostgreSQL deadlock victim: either way the whole
 * transaction rolled back, so it runs once more.
 */
async function pushWithRetry(vars: AppEnv['Variables'], user: NonNullable<AppEnv['Variables']['user']>, body: z.infer<typeof PushBody>) {
  try {
    return await push(vars.db.kysely, vars.db.sqlite, user, body)
  } catch (err) {
    if (isUniqueViolation(err) || (err as { code?: string })?.code === '40P01') return push(vars.db.kysely, vars.db.sqlite, user, body)
    throw err
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '')
}
