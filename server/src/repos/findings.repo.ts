// Findings in storage, and the mapping between a row and the domain record.
import type { Insertable, Selectable } from 'kysely'
import type { Finding, Review } from '@shared/domain'
import type { FindingTable, Queryable as Q } from '../db/schema'

export function findingToRow(f: Finding, month: string, receivedAt: string): Insertable<FindingTable> {
  return {
    id: f.id,
    checklist_id: f.checklistId,
    checklist_version: f.checklistVersion,
    item_code: f.itemCode,
    line: f.line,
    quantity: f.quantity,
    deduction: f.deduction,
    lat: f.location.lat,
    lng: f.location.lng,
    accuracy: f.location.accuracy,
    district_code: f.districtCode,
    district_override_reason: f.districtOverrideReason ?? null,
    street: f.street,
    note: f.note,
    photos: JSON.stringify(f.photos),
    inspector_id: f.inspectorId,
    device_id: f.deviceId,
    recorded_at: f.recordedAt,
    month,
    status: f.status,
    received_at: receivedAt,
    updated_at: receivedAt,
  }
}

export function rowToFinding(r: Selectable<FindingTable>): Finding {
  return {
    id: r.id,
    checklistId: r.checklist_id,
    checklistVersion: r.checklist_version,
    itemCode: r.item_code,
    line: r.line as Finding['line'],
    quantity: r.quantity,
    deduction: r.deduction,
    location: { lat: r.lat, lng: r.lng, accuracy: r.accuracy },
    districtCode: r.district_code,
    ...(r.district_override_reason ? { districtOverrideReason: r.district_override_reason } : {}),
    street: r.street,
    note: r.note,
    photos: JSON.parse(r.photos),
    inspectorId: r.inspector_id,
    deviceId: r.device_id,
    recordedAt: r.recorded_at,
    status: r.status as Finding['status'],
  }
}

/** Inserts in chunks: SQLite caps the number of bound parameters in one statement. */
export async function insertFindings(db: Q, rows: Insertable<FindingTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('findings').values(rows.slice(i, i + 500)).execute()
}

export async function findingsOfMonth(db: Q, month: string, districtCode?: string): Promise<Finding[]> {
  let q = db.selectFrom('findings').selectAll().where('month', '=', month)
  if (districtCode) q = q.where('district_code', '=', districtCode)
  return (await q.orderBy('id').execute()).map(rowToFinding)
}

export async function insertReviews(db: Q, reviews: Review[]): Promise<void> {
  for (let i = 0; i < reviews.length; i += 500) {
    await db
      .insertInto('reviews')
      .values(reviews.slice(i, i + 500).map((r) => ({ id: r.id, finding_id: r.findingId, supervisor_id: r.supervisorId, decision: r.decision, reason: r.reason, at: r.at })))
      .execute()
  }
}
