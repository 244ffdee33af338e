// The tablet's database upgrades in place: a device with data written by an older app version keeps every record.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { KaopingDb, type LocalRectification } from '../../../client/src/db/db'
import { entriesOf } from '../../../client/src/sync/mutations'
import { create, finding, review } from '../../support/fixtures'

/** The latest schema version; an upgrade from any older one lands here. */
const LATEST = 3

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
const V2 = { ...V1, outbox: 'id, createdAt, status, nextAttemptAt, findingId' }

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
    expect(db.verno).toBe(LATEST)
    expect(await db.findings.get(f.id)).toMatchObject({ id: f.id, pending: 1 })
    expect((await db.drafts.get('record'))?.value).toEqual({ street: '红军街' })
    const entries = await entriesOf(db, f.id)
    expect(entries.map((e) => e.id)).toEqual([made.id, reviewed.id])
    expect(entries.every((e) => e.findingId === f.id)).toBe(true)
    db.close()
  })
})

describe('database upgrade from version 2', () => {
  it('keeps findings, photos, the outbox, tasks, drafts and the session, and adds the sheets and their photos', async () => {
    const name = 'upgrade-v2'
    const f = finding('0b6f3e2a-5c1d-4a8e-9f47-2e8d1c6b3a90')
    const made = create(f)
    const blob = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' })
    const old = new Dexie(name)
    old.version(2).stores(V2)
    await old.open()
    await old.table('findings').put({ ...f, pending: 1, touchedAt: 1 })
    await old.table('outbox').put({ id: made.id, findingId: f.id, mutation: made, createdAt: 1, attempts: 2, status: 'pending', nextAttemptAt: 5 })
    await old.table('photos').put({ sha256: 'a'.repeat(64), findingId: f.id, blob, mime: 'image/jpeg', size: 4, uploaded: 0, done: 0, stamp: { at: f.recordedAt, lat: 45.7, lng: 126.6, accuracy: 8, inspector: '张伟', item: 'HW-03' }, createdAt: 1 })
    await old.table('tasks').put({ id: 'plan-1', kind: 'plan', title: '红军街', districtCode: '230103', status: 'open' })
    await old.table('drafts').put({ id: 'record', value: { street: '红军街' }, savedAt: 3 })
    await old.table('meta').put({ key: 'cursor', value: 'MS4wLjQy' })
    old.close()

    const db = new KaopingDb(name)
    await db.open()
    expect(db.verno).toBe(LATEST)
    expect(await db.findings.get(f.id)).toMatchObject({ id: f.id, pending: 1 })
    expect(await entriesOf(db, f.id)).toMatchObject([{ id: made.id, attempts: 2, status: 'pending' }])
    const photo = await db.photos.get('a'.repeat(64))
    expect(photo).toMatchObject({ findingId: f.id, done: 0, size: 4 })
    expect(new Uint8Array(await photo!.blob.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))
    expect(await db.tasks.get('plan-1')).toMatchObject({ kind: 'plan', status: 'open' })
    expect((await db.drafts.get('record'))?.value).toEqual({ street: '红军街' })
    expect((await db.meta.get('cursor'))?.value).toBe('MS4wLjQy')

    // The new tables start empty and answer by their indexes.
    expect(await db.rectifications.count()).toBe(0)
    expect(await db.sheetPhotos.count()).toBe(0)
    const order = {
      id: '3f9c2b7e-1d4a-4c8b-9e6f-5a2d7c1b0e84',
      number: '哈城考〔2026〕11-001',
      districtCode: '230103',
      findingIds: [f.id],
      requirements: '清理垃圾',
      deadline: '2026-11-25T18:00:00+08:00',
      issuedBy: '8c3d7f1b-2a9e-4b54-a6c8-7f1e0d2b9a43',
      issuedAt: '2026-11-21T10:00:00+08:00',
      status: 'new' as const,
      afterPhotos: [],
      rectificationNote: '',
      reworkCount: 0,
      overdueRounds: [],
    }
    const sheet: LocalRectification = {
      order,
      server: order,
      districtName: { zh: '南岗区', en: 'Nangang' },
      findings: [],
      id: order.id,
      status: 'new',
      deadline: order.deadline,
      districtCode: '230103',
      pending: 0,
      touchedAt: 4,
    }
    await db.rectifications.put(sheet)
    await db.sheetPhotos.put({ sha256: 'b'.repeat(64), blob, orderIds: [order.id], cachedAt: 4 })
    expect((await db.rectifications.where('status').equals('new').toArray()).map((r) => r.id)).toEqual([order.id])
    expect(await db.rectifications.where('districtCode').equals('230103').count()).toBe(1)
    expect(await db.sheetPhotos.where('orderIds').equals(order.id).count()).toBe(1)
    db.close()
  })
})
