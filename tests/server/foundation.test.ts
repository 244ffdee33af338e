// Migrations, demo seed and the health route on every database, through the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/src/app'
import type { Db } from '../../server/src/db/database'
import { migrateToLatest } from '../../server/src/db/migrate'
import { demoMonths, seedIfEmpty } from '../../server/src/seed/seed'
import { verifyPassword } from '../../server/src/auth/password'
import { DEMO_PASSWORD, DEMO_USERS } from '@shared/seed'
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases'

const NOW = Date.parse('2026-11-25T06:00:00Z')

describe.each(DIALECTS)('foundation on %s', (dialect) => {
  let tdb: TestDatabase
  let db: Db

  beforeAll(async () => {
    tdb = await freshDatabase(dialect)
    db = tdb.open()
    await migrateToLatest(db.kysely)
  })
  afterAll(async () => {
    await db?.close()
    await tdb?.drop()
  })

  it('migrates once: a second run applies nothing', async () => {
    expect(await migrateToLatest(db.kysely)).toEqual([])
  })

  it('seeds an empty database and leaves a seeded one alone', async () => {
    const summary = await seedIfEmpty(db.kysely, { timeZone: 'Asia/Shanghai', now: NOW })
    expect(summary).toMatch(/users, \d+ findings over 2026-07 … 2026-11/)
    const count = async (t: 'findings' | 'districts' | 'users' | 'checklists') =>
      Number((await db.kysely.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count('findings')
    expect(before).toBeGreaterThan(1000)
    expect(await seedIfEmpty(db.kysely, { timeZone: 'Asia/Shanghai', now: NOW })).toBeNull()
    expect(await count('findings')).toBe(before)
    expect(await count('districts')).toBe(9)
    expect(await count('checklists')).toBe(5)
    expect(await count('users')).toBe(DEMO_USERS.length)
  })

  it('stores demo passwords hashed, and the hash verifies', async () => {
    const row = await db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'lina').executeTakeFirstOrThrow()
    expect(row.password_hash).not.toContain(DEMO_PASSWORD)
    expect(await verifyPassword(DEMO_PASSWORD, row.password_hash)).toBe(true)
    expect(await verifyPassword('wrong', row.password_hash)).toBe(false)
  })

  it('files each finding under its month in the city time zone', async () => {
    const rows = await db.kysely.selectFrom('findings').select(['month', 'recorded_at']).execute()
    const months = new Set(rows.map((r) => r.month))
    expect([...months].sort()).toEqual(demoMonths(NOW, 'Asia/Shanghai'))
    for (const r of rows.slice(0, 200)) expect(r.recorded_at.startsWith(r.month)).toBe(true)
  })

  it('answers /api/health with the version and the database', async () => {
    const app = createApp({ db, version: '9.9.9' })
    const res = await app.request('/api/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', version: '9.9.9', database: dialect })
  })

  it('lists the nine districts with WGS-84 boundaries', async () => {
    const app = createApp({ db, version: 'test' })
    const body = (await (await app.request('/api/districts')).json()) as { districts: { code: string; name: { zh: string } }[] }
    expect(body.districts.map((d) => d.code)).toEqual(['230102', '230103', '230104', '230108', '230109', '230110', '230111', '230112', '230113'])
    expect(body.districts[0]!.name.zh).toBe('道里区')
  })

  it('answers an unknown API path with a JSON 404', async () => {
    const app = createApp({ db, version: 'test' })
    const res = await app.request('/api/nothing-here')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })
})
