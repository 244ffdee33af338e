// The outbox writes on IndexedDB: each record goes with its outbox entry (and photos) in one transaction or not at
// all; edits and voids queue their mutations; a refused record is corrected by sending it again; the state a
// finding shows and the unsynced summary follow from what is stored.
import './support'
import { describe, expect, it } from 'vitest'
import { SEED_CHECKLISTS } from '@shared/seed'
import { Mutation } from '@shared/sync/protocol'
import type { KaopingDb, LocalFinding } from '../../../client/src/db/db'
import { getMeta } from '../../../client/src/db/db'
import {
  dismissRejection,
  editFinding,
  findingState,
  recordFinding,
  unsyncedSummary,
  voidFinding,
} from '../../../client/src/sync/outbox'
import { freshDb, jpegPhoto, newFinding } from './support'

const T0 = Date.parse('2026-11-20T01:30:00Z')
const clockAt = (ms: number) => () => ms

async function withChecklists(db: KaopingDb): Promise<void> {
  await db.checklists.bulkPut(SEED_CHECKLISTS.map((c) => ({ ...c, key: `${c.id}@${c.version}` })))
}

/** The server's refusal of an entry, written as the push records it. */
async function refuse(db: KaopingDb, entryId: string, code = 'deduction_mismatch') {
  const rejection = { code, zh: '扣分不对', en: 'wrong deduction' }
  const entry = (await db.outbox.get(entryId))!
  await db.outbox.put({ ...entry, status: 'rejected', rejection })
  const id = (entry.mutation.payload as { id: string }).id
  await db.findings.update(id, { rejection, pending: 0 })
}

describe('outbox', () => {
  it('records the finding, its photos and its finding.create entry together', async () => {
    const db = freshDb()
    const photo = await jpegPhoto(64, 48)
    const f = await newFinding({ photos: [photo.sha256] })
    const write = await recordFinding({ finding: f, photos: [photo] }, { db, now: clockAt(T0) })
    expect(write.ok).toBe(true)
    const stored = (await db.findings.get(f.id))!
    expect(stored).toMatchObject({ id: f.id, pending: 1, touchedAt: T0, status: 'submitted' })
    expect(await db.photos.get(photo.sha256)).toMatchObject({ findingId: f.id, done: 0, uploaded: 0, size: photo.bytes.length, mime: 'image/jpeg' })
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({ id: write.ok && write.mutationId, status: 'pending', attempts: 0, createdAt: T0, nextAttemptAt: T0 })
    // The entry is a mutation the server will parse: a UUID id, the device clock, the bare finding.
    expect(Mutation.safeParse(entry!.mutation).success).toBe(true)
    expect(entry!.mutation).toMatchObject({ type: 'finding.create', payload: f })
    expect(entry!.mutation.hlc).toBe(await getMeta('hlc', db.meta))
    expect(await unsyncedSummary({ db })).toEqual({ count: 2, oldestAt: T0 })
    expect(findingState(stored, await db.photos.toArray())).toBe('on_device')
  })

  it('writes nothing at all when one of the three writes fails', async () => {
    const db = freshDb()
    const photo = await jpegPhoto(64, 48, 2)
    const f = await newFinding({ photos: [photo.sha256] })
    // The outbox write fails last, after the finding and the photo were put in the same transaction.
    db.outbox.hook('creating', () => {
      throw new Error('QuotaExceededError: the disk is full')
    })
    await expect(recordFinding({ finding: f, photos: [photo] }, { db })).rejects.toThrow(/disk is full/)
    expect(await db.findings.count()).toBe(0)
    expect(await db.photos.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
    // The clock tick rolled back with them.
    expect(await getMeta('hlc', db.meta)).toBeUndefined()
  })

  it('refuses an invalid finding or an unlisted photo with a typed error and writes nothing', async () => {
    const db = freshDb()
    const bad = await recordFinding({ finding: { ...(await newFinding()), quantity: -1 } }, { db })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid', issues: [{ field: 'quantity' }] } })
    const photo = await jpegPhoto(32, 32, 3)
    const unlisted = await recordFinding({ finding: await newFinding(), photos: [photo] }, { db })
    expect(unlisted).toMatchObject({ ok: false, error: { code: 'photo_not_listed' } })
    const f = await newFinding()
    expect((await recordFinding({ finding: f }, { db })).ok).toBe(true)
    expect(await recordFinding({ finding: f }, { db })).toMatchObject({ ok: false, error: { code: 'exists' } })
    expect(await db.outbox.count()).toBe(1)
  })

  it('applies an edit locally as the server will (deduction, re-review) and queues a finding.update', async () => {
    const db = freshDb()
    await withChecklists(db)
    const f = await newFinding()
    await recordFinding({ finding: f }, { db })
    await db.findings.update(f.id, { status: 'sent_back', reviewReason: '照片看不清', pending: 0 })
    const extra = await jpegPhoto(48, 48, 4)
    const write = await editFinding(f.id, { quantity: 3, note: '补拍', photos: [...f.photos, extra.sha256] }, { db, photos: [extra] })
    expect(write.ok).toBe(true)
    const stored = (await db.findings.get(f.id))!
    // HW-03 deducts 2 points per occurrence: 3 × 2000.
    expect(stored).toMatchObject({ quantity: 3, deduction: 6000, note: '补拍', status: 'submitted', pending: 1 })
    expect(await db.photos.get(extra.sha256)).toMatchObject({ findingId: f.id, done: 0 })
    const entries = (await db.outbox.toArray()).sort((a, b) => (a.mutation.hlc < b.mutation.hlc ? -1 : 1))
    expect(entries.map((e) => e.mutation.type)).toEqual(['finding.create', 'finding.update'])
    expect(entries[1]!.mutation.payload).toEqual({ id: f.id, changes: { quantity: 3, note: '补拍', photos: [...f.photos, extra.sha256] } })
    expect(entries[0]!.mutation.hlc < entries[1]!.mutation.hlc).toBe(true)
    expect(await editFinding(f.id, {} as never, { db })).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect(await editFinding('00000000-0000-4000-8000-000000000000', { note: 'x' }, { db })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('voids with a reason as a queued finding.void, and refuses to edit a void finding', async () => {
    const db = freshDb()
    const f = await newFinding()
    await recordFinding({ finding: f }, { db })
    expect(await voidFinding(f.id, '  ', { db })).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect((await voidFinding(f.id, '重复记录', { db })).ok).toBe(true)
    const stored = (await db.findings.get(f.id))!
    expect(stored).toMatchObject({ status: 'voided', pending: 1 })
    expect(findingState(stored)).toBe('voided')
    expect((await db.outbox.toArray()).map((e) => e.mutation.type).sort()).toEqual(['finding.create', 'finding.void'])
    expect(await editFinding(f.id, { note: 'x' }, { db })).toMatchObject({ ok: false, error: { code: 'voided' } })
  })

  it('sends a refused record again as a whole once corrected, replacing the refused entry', async () => {
    const db = freshDb()
    await withChecklists(db)
    const f = await newFinding({ deduction: 1 })
    const first = await recordFinding({ finding: f }, { db })
    await refuse(db, first.ok ? first.mutationId! : '')
    expect(findingState((await db.findings.get(f.id))!)).toBe('refused')
    // A refused record cannot be waved away: it never reached the server.
    expect(await dismissRejection(f.id, { db })).toMatchObject({ ok: false, error: { code: 'must_correct' } })
    await editFinding(f.id, { quantity: 2 }, { db })
    const entries = await db.outbox.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]!.mutation).toMatchObject({ type: 'finding.create', payload: { id: f.id, quantity: 2, deduction: 4000, status: 'submitted' } })
    expect(entries[0]!.id).not.toBe(first.ok && first.mutationId)
    expect(Mutation.safeParse(entries[0]!.mutation).success).toBe(true)
    const stored = (await db.findings.get(f.id))!
    expect(stored.rejection).toBeUndefined()
    expect(findingState(stored)).toBe('on_device')
  })

  it('voids a refused record on the device only, and lets a refused edit be dismissed once read', async () => {
    const db = freshDb()
    const f = await newFinding({ deduction: 1 })
    const w = await recordFinding({ finding: f }, { db })
    await refuse(db, w.ok ? w.mutationId! : '')
    expect(await voidFinding(f.id, '记录有误', { db })).toEqual({ ok: true, mutationId: null })
    expect(await db.outbox.count()).toBe(0)
    expect((await db.findings.get(f.id))!).toMatchObject({ status: 'voided', pending: 0 })

    const g = await newFinding()
    await recordFinding({ finding: g }, { db })
    await db.outbox.clear()
    await db.findings.update(g.id, { pending: 0 })
    const edit = await editFinding(g.id, { street: '中山路' }, { db })
    await refuse(db, edit.ok ? edit.mutationId! : '', 'voided')
    expect(await unsyncedSummary({ db })).toEqual({ count: 0, oldestAt: null })
    expect((await dismissRejection(g.id, { db })).ok).toBe(true)
    expect(await db.outbox.count()).toBe(0)
    expect(findingState((await db.findings.get(g.id))!)).toBe('synced')
  })

  it('names the state of a finding from what the device holds', () => {
    const base = { pending: 0, touchedAt: 0, photos: ['p'.repeat(64)], status: 'submitted' } as unknown as LocalFinding
    const photo = (done: 0 | 1) => [{ sha256: 'p'.repeat(64), done }]
    expect(findingState({ ...base, pending: 1 }, photo(0))).toBe('on_device')
    expect(findingState(base, photo(0))).toBe('photo_uploading')
    expect(findingState(base, photo(1))).toBe('synced')
    expect(findingState(base)).toBe('synced')
    for (const status of ['confirmed', 'rejected', 'sent_back', 'voided'] as const) expect(findingState({ ...base, status }, photo(1))).toBe(status)
    expect(findingState({ ...base, status: 'confirmed', rejection: { code: 'voided', zh: '已作废', en: 'void' } })).toBe('refused')
  })
})
