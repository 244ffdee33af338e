// An app over a fresh, migrated and seeded database, called in-process, with demo users signed in.
import type { Hono } from 'hono'
import { join } from 'node:path'
import { createApp, type AppEnv } from '../../server/src/app'
import { fsBlobStore } from '../../server/src/photos/fs-blob-store'
import type { Db } from '../../server/src/db/database'
import { migrateToLatest } from '../../server/src/db/migrate'
import { seedIfEmpty } from '../../server/src/seed/seed'
import { DEMO_PASSWORD } from '@shared/seed'
import { freshDatabase, type TestDatabase } from './databases'
import type { DialectName } from '../../server/src/db/database'

export const SEED_NOW = Date.parse('2026-11-25T06:00:00Z')

export interface TestApp {
  app: Hono<AppEnv>
  db: Db
  tdb: TestDatabase
  /** Signs a demo user in from a device and returns the headers to call the API as them. */
  login(username: string, deviceId?: string): Promise<SignedIn>
  close(): Promise<void>
}

export interface SignedIn {
  token: string
  deviceId: string
  user: { id: string; role: string; districtCode: string | null }
  headers: Record<string, string>
}

export async function testApp(dialect: DialectName, opts: { seed?: boolean } = {}): Promise<TestApp> {
  const tdb = await freshDatabase(dialect)
  const db = tdb.open()
  await migrateToLatest(db.kysely)
  if (opts.seed !== false) await seedIfEmpty(db.kysely, { timeZone: 'Asia/Shanghai', now: SEED_NOW })
  const app = createApp({ db, version: 'test', photos: fsBlobStore(join(tdb.config.dataDir, 'blobs')) })
  return {
    app,
    db,
    tdb,
    login: (username, deviceId = `device-${username}`) => login(app, username, deviceId),
    close: async () => {
      await db.close()
      await tdb.drop()
    },
  }
}

export async function login(app: Hono<AppEnv>, username: string, deviceId: string): Promise<SignedIn> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId }),
  })
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { token: string; user: SignedIn['user'] }
  return {
    token: body.token,
    deviceId,
    user: body.user,
    headers: { authorization: `Bearer ${body.token}`, 'x-kaoping-device': deviceId, 'content-type': 'application/json' },
  }
}
