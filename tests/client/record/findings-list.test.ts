import { describe, expect, it } from 'vitest'
import { SEED_CHECKLISTS } from '@shared/seed'
import type { LocalFinding } from '../../../client/src/db/db'
import { countByState, findingRows, itemNames, lacksReason, latestReviewReasons } from '../../../client/src/features/findings/findings-list'

let n = 0
function local(patch: Partial<LocalFinding>): LocalFinding {
  n++
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    checklistId: SEED_CHECKLISTS[0].id,
    checklistVersion: 1,
    itemCode: 'HW-03',
    line: 'sanitation',
    quantity: 1,
    deduction: 2000,
    location: { lat: 45.75, lng: 126.65, accuracy: 5 },
    districtCode: '230103',
    street: '中央大街',
    note: '',
    photos: [],
    inspectorId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    deviceId: 'tab-test',
    recordedAt: '2026-01-15T09:00:00+08:00',
    status: 'submitted',
    pending: 0,
    touchedAt: 0,
    ...patch,
  }
}

describe('the inspector’s findings list', () => {
  const names = itemNames(SEED_CHECKLISTS)
  const sha = 'd'.repeat(64)
  const rows = findingRows(
    [
      local({ recordedAt: '2026-01-15T10:00:00+08:00', status: 'confirmed' }),
      local({ recordedAt: '2026-01-14T10:00:00+08:00', status: 'sent_back', reviewReason: '照片看不清，请补拍' }),
      local({ recordedAt: '2026-01-16T08:00:00+08:00', pending: 1 }),
      local({ recordedAt: '2026-01-16T07:00:00+08:00', photos: [sha] }),
      local({ recordedAt: '2026-01-13T10:00:00+08:00', status: 'rejected', reviewReason: '不属于考核范围' }),
      local({
        recordedAt: '2026-01-12T10:00:00+08:00', pending: 1,
        rejection: { code: 'district_mismatch', zh: '位置与所选区不符', en: 'the location is not in the district' },
      }),
      // Recorded at 01:30 UTC+8 on the 17th: later than 23:00 UTC on the 16th, whatever the text says.
      local({ recordedAt: '2026-01-16T23:00:00+00:00', status: 'voided' }),
    ],
    [{ sha256: sha, done: 0 }],
    names,
  )

  it('puts findings waiting for correction first, then the newest', () => {
    expect(rows.map((r) => r.state)).toEqual([
      'sent_back', 'refused', 'voided', 'on_device', 'photo_uploading', 'confirmed', 'rejected',
    ])
    expect(rows.slice(0, 2).every((r) => r.needsCorrection)).toBe(true)
    expect(rows.slice(2).some((r) => r.needsCorrection)).toBe(false)
  })

  it('carries the supervisor’s or the server’s reason where there is one', () => {
    const by = Object.fromEntries(rows.map((r) => [r.state, r.reason]))
    expect(by.sent_back).toEqual({ zh: '照片看不清，请补拍', en: '照片看不清，请补拍' })
    expect(by.rejected?.zh).toBe('不属于考核范围')
    expect(by.refused).toEqual({ zh: '位置与所选区不符', en: 'the location is not in the district' })
    expect(by.confirmed).toBeNull()
  })

  it('names the item under the version it was recorded with', () => {
    expect(rows[0].itemName?.zh).toContain('漏扫')
    const unknown = findingRows([local({ checklistVersion: 9 })], [], names)
    expect(unknown[0].itemName).toBeNull()
  })

  it('counts each state for the filters', () => {
    const counts = countByState(rows)
    expect(counts).toMatchObject({ sent_back: 1, refused: 1, on_device: 1, photo_uploading: 1, confirmed: 1, rejected: 1, voided: 1, synced: 0 })
  })
})

describe('reasons from reviews', () => {
  const id = '00000000-0000-4000-8000-0000000000aa'
  const review = (at: string, decision: 'confirm' | 'send_back' | 'reject', reason = '') => ({
    id: crypto.randomUUID(), findingId: id, supervisorId: crypto.randomUUID(), decision, reason, at,
  })

  it('takes the latest review’s reason when it sent back or rejected', () => {
    expect(latestReviewReasons([
      review('2026-01-10T10:00:00+08:00', 'reject', '旧理由'),
      review('2026-01-11T10:00:00+08:00', 'send_back', '请补拍'),
    ]).get(id)).toBe('请补拍')
    expect(latestReviewReasons([
      review('2026-01-11T10:00:00+08:00', 'send_back', '请补拍'),
      review('2026-01-12T10:00:00+08:00', 'confirm'),
    ]).has(id)).toBe(false)
  })

  it('fills a sent-back row whose finding lacks the reason', () => {
    const f = local({ id, status: 'sent_back' })
    expect(lacksReason(f)).toBe(true)
    const [row] = findingRows([f], [], new Map(), new Map([[id, '请补拍']]))
    expect(row.reason?.zh).toBe('请补拍')
    expect(lacksReason(local({ status: 'sent_back', reviewReason: 'x' }))).toBe(false)
  })
})
