// Who is calling: the bearer token (bound to a device) resolves to a user, and routes state which roles they allow.
import { createMiddleware } from 'hono/factory'
import type { Role } from '@shared/domain'
import type { AppEnv } from '../app'
import { ApiError } from '../http/api-error'
import { hashToken } from './tokens'

export interface AuthUser {
  id: string
  username: string
  displayName: string
  role: Role
  districtCode: string | null
  sessionId: string
  deviceId: string
}

export const DEVICE_HEADER = 'x-kaoping-device'

function bearer(header: string | undefined, query: string | undefined): string | undefined {
  if (header?.startsWith('Bearer ')) return header.slice(7).trim()
  // EventSource cannot send headers: the live stream passes the token in the query string.
  return query
}

/** Requires a valid, unexpired, unrevoked session used from the device it was issued to. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('authorization'), c.req.query('access_token'))
  if (!token) throw new ApiError('unauthorized', 'Sign in first: no bearer token was sent')
  const row = await c.var.db.kysely
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.device_id', 's.expires_at', 's.revoked_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.district_code', 'u.active'])
    .where('s.token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row) throw new ApiError('unauthorized', 'The session is not known: sign in again', { reason: 'unknown_token' })
  if (row.revoked_at) throw new ApiError('unauthorized', 'The session was signed out or revoked: sign in again', { reason: 'revoked' })
  if (Date.parse(row.expires_at) <= Date.now()) throw new ApiError('unauthorized', 'The session has expired: sign in again', { reason: 'expired' })
  if (!row.active) throw new ApiError('unauthorized', 'This account is disabled', { reason: 'disabled' })
  const device = c.req.header(DEVICE_HEADER) ?? c.req.query('device')
  if (device !== row.device_id) {
    throw new ApiError('unauthorized', 'This session belongs to another device: sign in on this one', { reason: 'device_mismatch' })
  }
  c.set('user', {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    districtCode: row.district_code,
    sessionId: row.session_id,
    deviceId: row.device_id,
  })
  await next()
})

/** Only these roles may pass. */
export const allow = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user
    if (!user) throw new ApiError('unauthorized', 'Sign in first')
    if (!roles.includes(user.role)) {
      throw new ApiError('forbidden', `This needs the role ${roles.join(' or ')}; you are signed in as ${user.role}`)
    }
    await next()
  })

/** District users may only touch their own district; bureau roles may touch any. */
export function assertDistrict(user: AuthUser, districtCode: string): void {
  if (user.role === 'district' && user.districtCode !== districtCode) {
    throw new ApiError('forbidden', 'That belongs to another district')
  }
}
