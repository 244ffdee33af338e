// People who sign in.
import type { User } from '@shared/domain'
import type { Queryable as Q } from '../db/schema'

export async function insertUser(db: Q, user: User, passwordHash: string, now: string): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      district_code: user.districtCode ?? null,
      password_hash: passwordHash,
      active: user.active ? 1 : 0,
      created_at: now,
    })
    .execute()
}

export async function countUsers(db: Q): Promise<number> {
  const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}
