// Login attempts are limited per user name; kept in the database so every server process sees the same count.
import type { Queryable } from '../db/schema'

export const MAX_FAILURES = 5
export const WINDOW_MS = 15 * 60 * 1000

/** Milliseconds until another attempt is allowed, or 0 when one is allowed now. */
export async function loginBlockedFor(db: Queryable, username: string, now = Date.now()): Promise<number> {
  const rows = await db
    .selectFrom('login_attempts')
    .select(['at_ms', 'ok'])
    .where('username', '=', username)
    .where('at_ms', '>', now - WINDOW_MS)
    .orderBy('at_ms', 'desc')
    .limit(MAX_FAILURES)
    .execute()
  const failures = rows.filter((r) => !r.ok)
  if (failures.length < MAX_FAILURES || rows.some((r) => r.ok)) return 0
  return Number(failures[failures.length - 1]!.at_ms) + WINDOW_MS - now
}

export async function recordAttempt(db: Queryable, username: string, ok: boolean, now = Date.now()): Promise<void> {
  await db.insertInto('login_attempts').values({ username, at_ms: now, ok: ok ? 1 : 0 }).execute()
  await db.deleteFrom('login_attempts').where('at_ms', '<', now - 24 * WINDOW_MS).execute()
}
