// Pulled sheets for the device-only tests, shaped as the server sends them (PulledRectification).
import { randomUUID } from 'node:crypto'
import type { RectificationOrder } from '@shared/domain'
import type { Change, PulledRectification } from '@shared/sync/protocol'
import { DEMO_USER_IDS } from '@shared/seed'

export function pulledSheet(overrides: Partial<RectificationOrder> = {}, inspectorId: string = DEMO_USER_IDS.zhangwei): PulledRectification {
  const findingId = randomUUID()
  return {
    order: {
      id: randomUUID(),
      number: '哈城考〔2026〕11-007',
      districtCode: '230103',
      findingIds: [findingId],
      requirements: '清理路面垃圾',
      deadline: '2026-11-28T18:00:00+08:00',
      issuedBy: DEMO_USER_IDS.lina,
      issuedAt: '2026-11-21T10:00:00+08:00',
      status: 'new',
      afterPhotos: [],
      rectificationNote: '',
      reworkCount: 0,
      overdueRounds: [],
      ...overrides,
    },
    districtName: { zh: '南岗区', en: 'Nangang' },
    findings: [
      {
        id: findingId,
        itemCode: 'HW-03',
        itemName: { zh: '路面垃圾', en: 'Litter on the road' },
        line: 'sanitation',
        quantity: 2,
        deduction: 4000,
        street: '红军街',
        location: { lat: 45.76, lng: 126.65, accuracy: 8 },
        photos: ['a'.repeat(64)],
        recordedAt: '2026-11-20T09:30:00+08:00',
        inspectorId,
      },
    ],
  }
}

export const upsert = (p: PulledRectification): Change => ({ entity: 'rectification', id: p.order.id, op: 'upsert', data: p })
