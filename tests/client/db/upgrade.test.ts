// The tablet's database upgrades in place: a device with data written by an older app version keeps every record.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { KaopingDb } from '../../../client/src/db/db'
import { entriesOf } from '../../../client/src/sync/mutations'
import { create, finding, review } from '../../support/fixtures'

const V1 = {
  checklists: 'key, id, line',
  districts: 'code',
  policies: 'version',
  findings: 'id, status, pending, recordedAt, districtCode, inspectorId',
  reviews: 'id, findingId',
  photos: 'sha256, findingId, done',
  outbox: 'id, createdAt, status, nextAttemptAt',
  tasks: 'id, kind, status',
  drafts: 'id',
  meta: 'key',
}

describe('database upgrade from version 1', () => {
  it('keeps every record and indexes the outbox by finding', async () => {
    const name = 'upgrade-v1'
    const f = finding('0b6f3e2a-5c1d-4a8e-9f47-2e8d1c6b3a90')
    const made = create(f)
    const reviewed = review(f.id, '8c3d7f1b-2a9e-4b54-a6c8-7f1e0d2b9a43', 'confirm')
    const old = new Dexie(name)
    old.version(1).stores(V1)
    await old.open()
    await old.table('findings').put({ ...f, pending: 1, touchedAt: 1 })
    await old.table('outbox').bulkPut([
      { id: made.id, mutation: made, createdAt: 1, attempts: 0, status: 'pending', nextAttemptAt: 1 },
      { id: reviewed.id, mutation: reviewed, createdAt: 2, attempts: 0, status: 'pending', nextAttemptAt: 2 },
    ])
    await old.table('drafts').put({ id: 'record', value: { street: '红军街' }, savedAt: 3 })
    old.close()

    const db = new KaopingDb(name)
    await db.open()
    expect(db.verno).toBe(2)
    expect(await db.findings.get(f.id)).toMatchObject({ id: f.id, pending: 1 })
    expect((await db.drafts.get('record'))?.value).toEqual({ street: '红军街' })
    const entries = await entriesOf(db, f.id)
    expect(entries.map((e) => e.id)).toEqual([made.id, reviewed.id])
    expect(entries.every((e) => e.findingId === f.id)).toBe(true)
    db.close()
  })
})
