// The district's and the inspector's steps on the device: each written with the sheet, its photos and the screen's
// draft in one transaction through the findings' outbox (indexed by the sheet's id), checked before anything is
// written, counted as unsynced like any entry, and a new step answering an earlier refusal.
import 'fake-indexeddb/auto'
import { createHash, randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_USER_IDS } from '@shared/seed'
import { currentSession } from '../../../client/src/features/auth/session'
import { KaopingDb } from '../../../client/src/db/db'
import { applyPage } from '../../../client/src/sync/pull'
import { unsyncedSummary, type PhotoInput } from '../../../client/src/sync/outbox'
import { findingsWithPending } from '../../../client/src/sync/mutations'
import { startRectification, submitRectification, verifyRectification } from '../../../client/src/sync/rectification-outbox'
import { pulledSheet, upsert } from './fixtures'

const deps = (db: KaopingDb) => ({ db, deviceId: async () => 'tab-test' })

function photo(seed: number): PhotoInput {
  const bytes = new Uint8Array([0xff, 0xd8, seed, seed + 1, 0xff, 0xd9])
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    blob: new Blob([bytes], { type: 'image/jpeg' }),
    mime: 'image/jpeg',
    stamp: { at: '2026-11-24T10:00:00+08:00', lat: 45.76, lng: 126.65, accuracy: 6, inspector: '南岗区城管局', item: '哈城考〔2026〕11-007' },
  }
}

async function deviceWith(...sheets: ReturnType<typeof pulledSheet>[]): Promise<KaopingDb> {
  const db = new KaopingDb(`rectify-outbox-${randomUUID()}`)
  currentSession.value = { token: 't', expiresAt: '2099-01-01T00:00:00Z', user: { id: DEMO_USER_IDS.nangang, username: 'nangang', displayName: '南岗', role: 'district', districtCode: '230103' } }
  await applyPage(db, undefined, { changes: sheets.map(upsert), cursor: 'c1', more: false }, 1)
  return db
}

afterEach(() => {
  currentSession.value = null
})

describe('rectification steps on the device', () => {
  it('starts a new sheet once: one entry under the sheet’s id, the sheet in progress and pending', async () => {
    const s = pulledSheet()
    const db = await deviceWith(s)
    const first = await startRectification(s.order.id, deps(db))
    expect(first).toMatchObject({ ok: true })
    const again = await startRectification(s.order.id, deps(db))
    expect(again).toEqual({ ok: true, mutationId: null })
    const entries = await db.outbox.where('findingId').equals(s.order.id).toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ id: (first as { mutationId: string }).mutationId, status: 'pending', attempts: 0, mutation: { type: 'rectification.start', payload: { orderId: s.order.id } } })
    expect(await db.rectifications.get(s.order.id)).toMatchObject({ status: 'in_progress', pending: 1, server: { status: 'new' } })
    expect(await findingsWithPending(db)).toEqual(new Set([s.order.id]))
  })

  it('submits photos, note and step together, clearing the draft, and counts the step and the photos as unsynced', async () => {
    const s = pulledSheet({ status: 'in_progress' })
    const db = await deviceWith(s)
    await db.drafts.put({ id: 'rectify:x', value: { v: 1 }, savedAt: 1 })
    const [p1, p2] = [photo(1), photo(2)]
    const w = await submitRectification({ orderId: s.order.id, photos: [p1, p2], note: '  已清理  ' }, { ...deps(db), draftId: 'rectify:x' })
    expect(w).toMatchObject({ ok: true })
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({ findingId: s.order.id, mutation: { type: 'rectification.submit', payload: { orderId: s.order.id, afterPhotos: [p1.sha256, p2.sha256], note: '已清理' } } })
    expect(await db.photos.where('findingId').equals(s.order.id).count()).toBe(2)
    expect(await db.photos.get(p1.sha256)).toMatchObject({ done: 0, uploaded: 0, size: 6, stamp: { item: '哈城考〔2026〕11-007' } })
    expect(await db.drafts.get('rectify:x')).toBeUndefined()
    expect(await db.rectifications.get(s.order.id)).toMatchObject({ status: 'submitted', pending: 1, order: { afterPhotos: [p1.sha256, p2.sha256], rectificationNote: '已清理' } })
    const unsynced = await unsyncedSummary({ db })
    expect(unsynced.count).toBe(3)
    expect(unsynced.oldestAt).toBe(entry!.createdAt)
  })

  it('writes nothing when a part of the write fails: sheet, photos, draft and outbox as they were', async () => {
    const s = pulledSheet()
    const db = await deviceWith(s)
    await db.drafts.put({ id: 'rectify:y', value: { v: 1 }, savedAt: 1 })
    db.outbox.hook('creating', () => {
      throw new Error('disk full')
    })
    await expect(submitRectification({ orderId: s.order.id, photos: [photo(3)], note: '' }, { ...deps(db), draftId: 'rectify:y' })).rejects.toThrow('disk full')
    expect(await db.rectifications.get(s.order.id)).toMatchObject({ status: 'new', pending: 0 })
    expect(await db.photos.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.drafts.get('rectify:y')).toBeDefined()
  })

  it('refuses before writing: no photo, a sheet not on the device, a step the status does not take', async () => {
    const submitted = pulledSheet({ status: 'submitted' })
    const closed = pulledSheet({ status: 'closed' })
    const db = await deviceWith(submitted, closed)
    expect(await submitRectification({ orderId: submitted.order.id, photos: [], note: '' }, deps(db))).toMatchObject({
      ok: false,
      error: { code: 'invalid', issues: [{ field: 'afterPhotos', zh: '至少附一张整改后照片' }] },
    })
    expect(await submitRectification({ orderId: randomUUID(), photos: [photo(4)], note: '' }, deps(db))).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await submitRectification({ orderId: submitted.order.id, photos: [photo(4)], note: '' }, deps(db))).toMatchObject({ ok: false, error: { code: 'wrong_status' } })
    expect(await submitRectification({ orderId: closed.order.id, photos: [photo(4)], note: '' }, deps(db))).toMatchObject({ ok: false, error: { code: 'wrong_status' } })
    expect(await verifyRectification({ orderId: closed.order.id, result: 'pass', note: '' }, deps(db))).toMatchObject({ ok: false, error: { code: 'wrong_status' } })
    expect(await verifyRectification({ orderId: submitted.order.id, result: 'fail', note: '' }, deps(db))).toMatchObject({
      ok: false,
      error: { code: 'invalid', issues: [{ field: 'note' }] },
    })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.photos.count()).toBe(0)
  })

  it('answers an earlier refusal of the sheet with the new step; entries of other sheets and findings stay', async () => {
    const s = pulledSheet({ status: 'in_progress' })
    const other = pulledSheet({ status: 'in_progress' })
    const db = await deviceWith(s, other)
    await submitRectification({ orderId: s.order.id, photos: [photo(5)], note: '' }, deps(db))
    await submitRectification({ orderId: other.order.id, photos: [photo(6)], note: '' }, deps(db))
    const [refused] = await db.outbox.where('findingId').equals(s.order.id).toArray()
    const reason = { code: 'bad_status', zh: '请等待复查结果', en: 'wait for the re-inspection' }
    await db.outbox.put({ ...refused!, status: 'rejected', rejection: reason })
    await db.rectifications.put({ ...(await db.rectifications.get(s.order.id))!, order: s.order, status: 'in_progress', pending: 0, rejection: reason })
    expect(await db.outbox.where('status').equals('rejected').count()).toBe(1)

    expect(await submitRectification({ orderId: s.order.id, photos: [photo(7)], note: '重新提交' }, deps(db))).toMatchObject({ ok: true })
    const left = await db.outbox.toArray()
    expect(left.map((e) => [e.findingId, e.status]).sort()).toEqual([[other.order.id, 'pending'], [s.order.id, 'pending']].sort())
    expect((await db.rectifications.get(s.order.id))!.rejection).toBeUndefined()
  })
})
