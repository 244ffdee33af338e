// Building the appeal request from the form, adding evidence photos, and choosing a finding: checked by the shared
// schema before anything leaves the device, with every problem in both languages.
import { describe, expect, it } from 'vitest'
import { addPhotos, buildAppealRequest, chooseFinding, emptyForm, MAX_EVIDENCE, type EvidencePhoto } from '../../../client/src/features/appeals/appeal-request'
import type { FindingRow } from '../../../client/src/features/appeals/appeal-candidates'

const FINDING = '0190f3a2-1111-7abc-8def-000000000001'
const hash = (n: number) => n.toString(16).padStart(64, '0')
const photo = (n: number): EvidencePhoto => ({ sha256: hash(n), blob: new Blob([String(n)]), mime: 'image/jpeg', size: 1 })

const row: FindingRow = {
  id: FINDING,
  month: '2026-11',
  line: 'sanitation',
  itemCode: 'HW-03',
  itemName: { zh: '垃圾暴露', en: 'Exposed rubbish' },
  deduction: 2000,
  street: '红军街',
  recordedAt: '2026-11-20T09:30:00+08:00',
  photos: [hash(99)],
  status: 'confirmed',
}

describe('appeal request', () => {
  it('carries the form’s id, the finding, the trimmed reason and the photos by hash', () => {
    const form = { ...chooseFinding(emptyForm(), row), reason: '  记录时已清理完毕  ', photos: [photo(1), photo(2)] }
    const built = buildAppealRequest(form)
    expect(built).toEqual({ ok: true, value: { id: form.id, findingId: FINDING, reason: '记录时已清理完毕', photos: [hash(1), hash(2)] } })
  })

  it('keeps the same id for every attempt of one form, and a new form gets a new one', () => {
    const form = { ...chooseFinding(emptyForm(), row), reason: '理由' }
    const a = buildAppealRequest(form)
    const b = buildAppealRequest({ ...form })
    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true)
    expect(emptyForm().id).not.toBe(emptyForm().id)
  })

  it('asks for a finding first, then a reason, in both languages', () => {
    const none = buildAppealRequest({ ...emptyForm(), reason: '理由' })
    expect(none).toMatchObject({ ok: false, issues: [{ field: 'findingId', zh: '请选择要申诉的扣分记录', en: 'choose the deduction to appeal' }] })
    const blank = buildAppealRequest({ ...chooseFinding(emptyForm(), row), reason: '   \n ' })
    expect(blank).toMatchObject({ ok: false, issues: [{ field: 'reason', zh: '请填写申诉理由' }] })
  })

  it('refuses what the server would: an overlong reason, with the field named', () => {
    const built = buildAppealRequest({ ...chooseFinding(emptyForm(), row), reason: '长'.repeat(2001) })
    expect(built.ok).toBe(false)
    if (built.ok) return
    expect(built.issues[0]).toMatchObject({ field: 'reason' })
    expect(built.issues[0]!.zh).toMatch(/[\u4e00-\u9fff]/)
    expect(built.issues[0]!.en).toMatch(/[a-z]/)
  })

  it('sends one photo chosen twice once', () => {
    const built = buildAppealRequest({ ...chooseFinding(emptyForm(), row), reason: '理由', photos: [photo(1), photo(1)] })
    expect(built.ok && built.value.photos).toEqual([hash(1)])
  })
})

describe('evidence photos', () => {
  it('adds new photos, skips ones already there and says how many did not fit', () => {
    const first = addPhotos([], [photo(1), photo(2), photo(1)])
    expect(first).toMatchObject({ dropped: 0 })
    expect(first.photos.map((p) => p.sha256)).toEqual([hash(1), hash(2)])
    const full = addPhotos(first.photos, Array.from({ length: 12 }, (_, i) => photo(10 + i)))
    expect(full.photos).toHaveLength(MAX_EVIDENCE)
    expect(full.dropped).toBe(2)
  })
})

describe('choosing a finding', () => {
  it('keeps what the form shows of it, and clears it again', () => {
    const chosen = chooseFinding(emptyForm(), row)
    expect(chosen.findingId).toBe(FINDING)
    expect(chosen.chosen).toEqual({
      id: FINDING,
      month: '2026-11',
      line: 'sanitation',
      itemCode: 'HW-03',
      itemName: row.itemName,
      deduction: 2000,
      street: '红军街',
      recordedAt: row.recordedAt,
      photos: [hash(99)],
    })
    expect(chooseFinding(chosen, null)).toMatchObject({ findingId: null, chosen: null, id: chosen.id })
  })
})
