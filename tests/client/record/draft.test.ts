import 'fake-indexeddb/auto'
import { afterAll, describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { KaopingDb } from '../../../client/src/db/db'
import {
  clearDraft, draftId, fromDraft, loadDraft, saveDraft, toDraft,
} from '../../../client/src/features/record/draft'
import { emptyForm, isDirty, type RecordForm } from '../../../client/src/features/record/record-form'

const jpeg = (text: string) => new Blob([text], { type: 'image/jpeg' })

function sample(): RecordForm {
  return {
    ...emptyForm('landscaping', '红军街'),
    item: { checklistId: '7a2e9d40-1c6b-4f83-a5d7-6e9f0b3c2a18', checklistVersion: 1, code: 'YL-02' },
    quantity: '12.5',
    keptPhotos: ['c'.repeat(64)],
    photos: [
      {
        sha256: 'a'.repeat(64), blob: jpeg('first'), mime: 'image/jpeg', size: 5,
        stamp: { at: '2026-01-15T09:30:00.000+08:00', lat: 45.756123, lng: 126.642345, accuracy: 12, inspector: '张伟', item: 'YL-02 草坪高度超过8厘米' },
      },
      {
        // Taken before the first fix: no coordinates.
        sha256: 'b'.repeat(64), blob: jpeg('second'), mime: 'image/jpeg', size: 6,
        stamp: { at: '2026-01-15T09:31:00.000+08:00', lat: NaN, lng: NaN, accuracy: NaN, inspector: '张伟', item: 'YL-02 草坪高度超过8厘米' },
      },
    ],
    location: { lat: 45.756, lng: 126.642, accuracy: 12 },
    followGps: false,
    districtOverride: '230102',
    overrideReason: '问题在道里一侧',
    note: '草长',
  }
}

describe('the record draft', () => {
  const db = new KaopingDb(`record-draft-test-${Date.now()}`)
  afterAll(async () => {
    db.close()
    await db.delete()
  })

  it('round-trips the whole form through its plain form', () => {
    const form = sample()
    expect(fromDraft(toDraft(form))).toEqual(form)
  })

  it('makes a plain copy of a reactive form that structured clone (IndexedDB) accepts', () => {
    const live = reactive(sample())
    const draft = toDraft(live)
    const cloned = structuredClone(draft)
    expect(fromDraft(cloned)).toEqual(sample())
  })

  it('drops a damaged or foreign draft instead of restoring it', () => {
    expect(fromDraft(undefined)).toBeNull()
    expect(fromDraft({ v: 99, form: {} })).toBeNull()
    const bad = toDraft(sample()) as unknown as { form: { line: string } }
    bad.form.line = 'parks'
    expect(fromDraft(bad)).toBeNull()
  })

  it('survives a reload: saved to db.drafts with its photo Blobs and read back', async () => {
    const form = sample()
    await saveDraft(draftId(), form, db.drafts)
    // A second connection stands in for the reloaded page.
    const reopened = new KaopingDb(db.name)
    const back = await loadDraft(draftId(), reopened.drafts)
    reopened.close()
    expect(back).not.toBeNull()
    expect({ ...back!, photos: back!.photos.map((p) => ({ ...p, blob: null })) }).toEqual({
      ...form,
      photos: form.photos.map((p) => ({ ...p, blob: null })),
    })
    expect(back!.photos[0].blob).toBeInstanceOf(Blob)
    expect(await back!.photos[0].blob.text()).toBe('first')
    expect(await back!.photos[1].blob.text()).toBe('second')
    await clearDraft(draftId(), db.drafts)
    expect(await loadDraft(draftId(), db.drafts)).toBeNull()
  })

  it('keeps the new-record draft apart from each edit’s draft', () => {
    expect(draftId()).toBe('record')
    expect(draftId('f1')).toBe('record:f1')
  })

  it('counts typed input as unsaved, but not a point that only follows the GPS', () => {
    const pristine = emptyForm('sanitation', '中央大街')
    expect(isDirty(pristine, pristine)).toBe(false)
    expect(isDirty({ ...pristine, location: { lat: 45, lng: 126, accuracy: 5 } }, pristine)).toBe(false)
    expect(isDirty({ ...pristine, followGps: false, location: { lat: 45, lng: 126, accuracy: 5 } }, pristine)).toBe(true)
    expect(isDirty({ ...pristine, note: 'x' }, pristine)).toBe(true)
    expect(isDirty({ ...pristine, quantity: '2' }, pristine)).toBe(true)
    expect(isDirty(sample(), pristine)).toBe(true)
  })
})
