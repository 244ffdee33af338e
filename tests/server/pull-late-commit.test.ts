// On PostgreSQL a change committed late by a concurrent transaction must not be skipped by pull:
// T1 writes and stays open, T2 writes and commits; a pull must not pass T1's change, and after T1 commits
// the next pull delivers it.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PullResponse } from '@shared/sync/protocol'
import { PG_URL } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'

describe.skipIf(!PG_URL)('pull on postgres with a transaction committing late', () => {
  let t: TestApp
  let supervisor: SignedIn
  let t1: pg.Client
  let t2: pg.Client

  beforeAll(async () => {
    t = await testApp('postgres')
    supervisor = await t.login('lina')
    t1 = new pg.Client({ connectionString: t.tdb.config.databaseUrl })
    t2 = new pg.Client({ connectionString: t.tdb.config.databaseUrl })
    await Promise.all([t1.connect(), t2.connect()])
  })
  afterAll(async () => {
    await Promise.all([t1?.end(), t2?.end()])
    await t?.close()
  })

  const write = (c: pg.Client, id: string) =>
    c.query(`insert into change_log (entity, entity_id, op, audience, data, at) values ('district', $1, 'upsert', 'public', '{}', now()::text)`, [id])

  async function pull(cursor?: string): Promise<PullResponse> {
    const res = await t.app.request(`/api/sync/pull?limit=5000${cursor ? `&cursor=${cursor}` : ''}`, { headers: supervisor.headers })
    expect(res.status).toBe(200)
    return (await res.json()) as PullResponse
  }

  it('holds back everything after an open transaction and delivers it once that commits', async () => {
    const start = await pull()
    await t1.query('begin')
    await write(t1, 'late-T1')
    await t2.query('begin')
    await write(t2, 'early-T2')
    await t2.query('commit')

    const during = await pull(start.cursor)
    expect(during.changes.map((c) => c.id)).not.toContain('late-T1')
    expect(during.changes.map((c) => c.id)).not.toContain('early-T2')

    await t1.query('commit')
    const after = await pull(during.cursor)
    expect(after.changes.map((c) => c.id)).toEqual(['late-T1', 'early-T2'])
    const idle = await pull(after.cursor)
    expect(idle.changes).toEqual([])
    expect(idle.cursor).toBe(after.cursor)
  })

  it('does not stall on a transaction that rolls back', async () => {
    const start = await pull()
    await t1.query('begin')
    await write(t1, 'rolled-back')
    await write(t2, 'committed')
    expect((await pull(start.cursor)).changes).toEqual([])
    await t1.query('rollback')
    expect((await pull(start.cursor)).changes.map((c) => c.id)).toEqual(['committed'])
  })
})
