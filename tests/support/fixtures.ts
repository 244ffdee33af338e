// Valid records and mutations for tests, built from the seed checklists and district centres.
import { randomUUID } from 'node:crypto'
import type { Finding } from '@shared/domain'
import { SEED_CHECKLISTS, harbinDistrictCenters } from '@shared/seed'
import { deductionFor } from '@shared/scoring'
import { encodeHlc } from '@shared/sync/hlc'

const sanitation = SEED_CHECKLISTS.find((c) => c.line === 'sanitation')!
/** HW-03: 2 points per occurrence, photo required. */
export const ITEM = sanitation.items.find((i) => i.code === 'HW-03')!

export const PHOTO = 'a'.repeat(64)

export function finding(inspectorId: string, overrides: Partial<Finding> = {}): Finding {
  const center = harbinDistrictCenters()['230103']!
  const quantity = overrides.quantity ?? 2
  return {
    id: randomUUID(),
    checklistId: sanitation.id,
    checklistVersion: sanitation.version,
    itemCode: ITEM.code,
    line: 'sanitation',
    quantity,
    deduction: deductionFor(quantity, ITEM.deductionPerUnit),
    location: { lat: center.lat, lng: center.lng, accuracy: 8 },
    districtCode: '230103',
    street: '红军街',
    note: '',
    photos: [PHOTO],
    inspectorId,
    deviceId: 'device-test',
    recordedAt: '2026-11-20T09:30:00+08:00',
    status: 'submitted',
    ...overrides,
  }
}

let counter = 0
/** A clock value; by default each call is later than the one before. */
export function hlc(device = 'device-test', ms = Date.parse('2026-11-20T01:30:00Z'), at = counter++ % 0xffff): string {
  return encodeHlc({ ms, counter: at, device })
}

export const create = (f: Finding, clock = hlc()) => ({ id: randomUUID(), type: 'finding.create', hlc: clock, payload: f })
export const update = (id: string, changes: Record<string, unknown>, clock = hlc()) => ({
  id: randomUUID(),
  type: 'finding.update',
  hlc: clock,
  payload: { id, changes },
})
export const voidIt = (id: string, reason = '重复记录') => ({ id: randomUUID(), type: 'finding.void', hlc: hlc(), payload: { id, reason } })
export const review = (findingId: string, supervisorId: string, decision: string, reason = '') => ({
  id: randomUUID(),
  type: 'review.create',
  hlc: hlc('device-lina'),
  payload: { id: randomUUID(), findingId, supervisorId, decision, reason, at: '2026-11-21T10:00:00+08:00' },
})
