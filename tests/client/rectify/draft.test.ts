// The drafts of a submission and a re-inspection: photos kept as Blobs across a reload, an empty draft removed
// rather than kept, and a damaged one read as none.
import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { KaopingDb } from '../../../client/src/db/db'
import { emptySheetDraft, loadSheetDraft, saveSheetDraft, submitDraftId, verifyDraftId } from '../../../client/src/features/rectify/sheet-draft'

describe('sheet drafts', () => {
  it('keeps note, verdict and photos (bytes and stamp) across a reopened database, each sheet and step apart', async () => {
    const name = `rectify-draft-${randomUUID()}`
    const bytes = new Uint8Array([0xff, 0xd8, 7, 0xff, 0xd9])
    const sha = 'e'.repeat(64)
    let db = new KaopingDb(name)
    await saveSheetDraft(verifyDraftId('o1'), {
      note: '仍有垃圾',
      result: 'fail',
      photos: [{ sha256: sha, blob: new Blob([bytes], { type: 'image/jpeg' }), mime: 'image/jpeg', size: 5, stamp: { at: '2026-11-24T10:00:00+08:00', lat: NaN, lng: NaN, accuracy: NaN, inspector: '张伟', item: 'X-1' } }],
    }, db.drafts)
    await saveSheetDraft(submitDraftId('o1'), { ...emptySheetDraft(), note: '已清理' }, db.drafts)
    db.close()

    db = new KaopingDb(name)
    const verify = await loadSheetDraft(verifyDraftId('o1'), db.drafts)
    expect(verify).toMatchObject({ note: '仍有垃圾', result: 'fail', photos: [{ sha256: sha, size: 5, stamp: { inspector: '张伟' } }] })
    expect(Number.isNaN(verify!.photos[0]!.stamp.lat)).toBe(true)
    expect(new Uint8Array(await verify!.photos[0]!.blob.arrayBuffer())).toEqual(bytes)
    expect(await loadSheetDraft(submitDraftId('o1'), db.drafts)).toEqual({ note: '已清理', result: null, photos: [] })
    expect(await loadSheetDraft(submitDraftId('o2'), db.drafts)).toBeNull()
  })

  it('removes a draft emptied by the user and reads a damaged one as none', async () => {
    const db = new KaopingDb(`rectify-draft-${randomUUID()}`)
    await saveSheetDraft('rectify:a', { ...emptySheetDraft(), note: 'x' }, db.drafts)
    await saveSheetDraft('rectify:a', emptySheetDraft(), db.drafts)
    expect(await db.drafts.get('rectify:a')).toBeUndefined()
    await db.drafts.put({ id: 'rectify:b', value: { v: 1, note: 3, photos: 'no' }, savedAt: 1 })
    expect(await loadSheetDraft('rectify:b', db.drafts)).toBeNull()
  })
})
