// Bearer tokens: random, shown to the client once, stored only as their SHA-256.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Queryable } from '../db/schema'

/** Long enough for a week in the field offline, with margin. */
export const SESSION_DAYS = 14

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

export async function createSession(db: Queryable, userId: string, deviceId: string, now = Date.now()) {
  const token = randomBytes(32).toString('base64url')
  const session = {
    id: randomUUID(),
    token_hash: hashToken(token),
    user_id: userId,
    device_id: deviceId,
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + SESSION_DAYS * 86_400_000).toISOString(),
    revoked_at: null,
  }
  await db.insertInto('sessions').values(session).execute()
  return { token, session }
}

export async function revokeSession(db: Queryable, sessionId: string, now = Date.now()): Promise<boolean> {
  const res = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date(now).toISOString() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}
