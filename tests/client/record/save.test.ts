// Saving through the real outbox on IndexedDB (fake-indexeddb: Node has no IndexedDB of its own): the finding,
// its photos, its outbox entry and the cleared draft commit together.
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Finding } from '@shared/domain'
import { districtAt } from '@shared/geo'
import { harbinDistrictCenters, harbinDistricts, SEED_CHECKLISTS } from '@shared/seed'
import { db, getMeta } from '../../../client/src/db/db'
import { buildFinding, changesFor, formOf } from '../../../client/src/features/record/build-finding'
import { entriesOf, refOf } from '../../../client/src/features/record/catalog'
import { draftId, loadDraft, saveDraft } from '../../../client/src/features/record/draft'
import { emptyForm, type FormPhoto, type RecordForm } from '../../../client/src/features/record/record-form'
import { saveEdit, saveNew, voidWithReason } from '../../../client/src/features/record/save'

const entry = entriesOf(SEED_CHECKLISTS).find((e) => e.item.code === 'HW-03')!
const here = { ...harbinDistrictCenters()['230103'], accuracy: 6 }
const photo = (n: number): FormPhoto => ({
  sha256: n.toString(16).padStart(64, '0'),
  blob: new Blob([`photo ${n}`], { type: 'image/jpeg' }),
  mime: 'image/jpeg',
  size: 7,
  stamp: { at: '2026-01-15T09:30:00.000+08:00', lat: here.lat, lng: here.lng, accuracy: 6, inspector: '张伟', item: 'HW-03' },
})

function built(form: RecordForm, id: string = crypto.randomUUID()): Finding {
  const b = buildFinding(form, {
    entry, detected: districtAt(form.location!, harbinDistricts()), id,
    inspectorId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', deviceId: 'tab-test', now: new Date(),
  })
  if (!b.ok) throw new Error(b.blockers.join())
  return b.finding
}

const form = (): RecordForm => ({ ...emptyForm('sanitation', '中央大街'), item: refOf(entry), quantity: '2', photos: [photo(1)], location: here })

beforeEach(async () => {
  await Promise.all([db.findings.clear(), db.photos.clear(), db.outbox.clear(), db.drafts.clear(), db.meta.clear()])
  await db.checklists.bulkPut(SEED_CHECKLISTS.map((c) => ({ ...c, key: `${c.id}@${c.version}` })))
})

describe('saving a new finding', () => {
  it('writes finding, photo and outbox entry, clears the draft and remembers item and street', async () => {
    const f = form()
    await saveDraft(draftId(), f)
    const finding = built(f)
    const result = await saveNew(finding, f.photos)
    expect(result.ok).toBe(true)
    expect(await db.findings.get(finding.id)).toMatchObject({ id: finding.id, pending: 1, deduction: 4000 })
    expect(await db.photos.get(photo(1).sha256)).toMatchObject({ findingId: finding.id, done: 0, stamp: photo(1).stamp })
    const outbox = await db.outbox.toArray()
    expect(outbox.map((e) => e.mutation.type)).toEqual(['finding.create'])
    expect(await loadDraft(draftId())).toBeNull()
    expect(await getMeta('recentItems')).toEqual(['HW-03'])
    expect(await getMeta('lastStreet')).toBe('中央大街')
  })

  it('keeps the draft when the outbox refuses the write', async () => {
    const f = form()
    await saveDraft(draftId(), f)
    const finding = built(f)
    expect((await saveNew(finding, f.photos)).ok).toBe(true)
    await saveDraft(draftId(), f)
    // The same id again: refused, and nothing of this attempt is written.
    const again = await saveNew(finding, f.photos)
    expect(again.ok).toBe(false)
    expect(await loadDraft(draftId())).not.toBeNull()
    expect(await db.outbox.count()).toBe(1)
  })
})

describe('correcting and voiding', () => {
  it('sends the changes with the new photo and clears that finding’s draft', async () => {
    const f = form()
    const original = built(f)
    await saveNew(original, f.photos)
    const next = { ...formOf(original), quantity: '3', photos: [photo(2)] }
    await saveDraft(draftId(original.id), next)
    const changes = changesFor(original, built(next, original.id))!
    const result = await saveEdit(original.id, changes, next.photos)
    expect(result.ok).toBe(true)
    expect(await db.findings.get(original.id)).toMatchObject({ quantity: 3, deduction: 6000, photos: [photo(1).sha256, photo(2).sha256] })
    expect(await db.photos.get(photo(2).sha256)).toMatchObject({ findingId: original.id })
    expect((await db.outbox.toArray()).map((e) => e.mutation.type).sort()).toEqual(['finding.create', 'finding.update'])
    expect(await loadDraft(draftId(original.id))).toBeNull()
  })

  it('voids with a reason and refuses without one', async () => {
    const f = form()
    const original = built(f)
    await saveNew(original, f.photos)
    expect((await voidWithReason(original.id, '  ')).ok).toBe(false)
    expect((await voidWithReason(original.id, '重复记录')).ok).toBe(true)
    expect((await db.findings.get(original.id))?.status).toBe('voided')
  })
})
