// List rows for the workspace's logic tests, as GET /api/findings gives them.
import type { FindingRow } from '../../../client/src/features/review/types'

export function row(over: Partial<FindingRow> & { id: string }): FindingRow {
  const itemCode = over.itemCode ?? 'HW-03'
  return {
    lat: 45.75,
    lng: 126.65,
    accuracy: 8,
    districtCode: '230103',
    line: 'sanitation',
    itemCode,
    itemName: { zh: `项目${itemCode}`, en: `item ${itemCode}` },
    quantity: 1,
    deduction: 2000,
    status: 'submitted',
    inspectorId: 'i1',
    inspectorName: '张伟',
    recordedAt: '2026-11-10T09:00:00+08:00',
    month: '2026-11',
    street: '红军街',
    photos: [],
    photosArrived: 0,
    needsRereview: false,
    clockSkewFlag: false,
    possibleDuplicate: false,
    ...over,
  }
}
