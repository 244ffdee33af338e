// Sign in, sign out, who am I, and the sessions one may revoke.
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app'
import { ApiError } from '../http/api-error'
import { parseJson } from '../http/validate'
import { verifyPassword } from '../auth/password'
import { authenticate } from '../auth/middleware'
import { loginBlockedFor, recordAttempt } from '../auth/rate-limit'
import { createSession, revokeSession } from '../auth/tokens'

export const LoginRequest = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
  deviceId: z.string().min(1).max(100),
})

export const authRoutes = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const { username, password, deviceId } = await parseJson(c, LoginRequest)
    const db = c.var.db.kysely
    const wait = await loginBlockedFor(db, username)
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)))
      throw new ApiError('rate_limited', `Too many failed sign-ins for ${username}: try again in ${Math.ceil(wait / 60000)} min`, {
        retryAfterSeconds: Math.ceil(wait / 1000),
      })
    }
    const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()
    const ok = !!user && user.active === 1 && (await verifyPassword(password, user.password_hash))
    await recordAttempt(db, username, ok)
    if (!ok || !user) throw new ApiError('unauthorized', 'Wrong user name or password', { reason: 'bad_credentials' })
    const { token, session } = await createSession(db, user.id, deviceId)
    return c.json({
      token,
      sessionId: session.id,
      expiresAt: session.expires_at,
      user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role, districtCode: user.district_code },
    })
  })
  .use('/me', authenticate)
  .get('/me', (c) => {
    const { sessionId: _s, ...user } = c.var.user!
    return c.json({ user })
  })
  .use('/logout', authenticate)
  .post('/logout', async (c) => {
    await revokeSession(c.var.db.kysely, c.var.user!.sessionId)
    return c.json({ ok: true })
  })
  .use('/sessions/*', authenticate)
  .delete('/sessions/:id', async (c) => {
    const user = c.var.user!
    const id = c.req.param('id')
    const db = c.var.db.kysely
    const row = await db.selectFrom('sessions').select(['user_id']).where('id', '=', id).executeTakeFirst()
    if (!row || (row.user_id !== user.id && user.role !== 'admin')) throw new ApiError('not_found', 'No such session of yours')
    await revokeSession(db, id)
    return c.json({ ok: true })
  })
