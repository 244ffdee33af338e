// Sheets in storage, and the mapping between rows and the RectificationOrder record.
import type { Insertable, Selectable } from 'kysely'
import type { RectificationOrder, RectificationStatus } from '@shared/domain'
import type { Queryable as Q, RectificationOrderTable } from '../db/schema'

export function orderToRow(o: RectificationOrder, month: string, updatedAt: string): Insertable<RectificationOrderTable> {
  return {
    id: o.id,
    number: o.number,
    district_code: o.districtCode,
    month,
    requirements: o.requirements,
    deadline: o.deadline,
    deadline_ms: Date.parse(o.deadline),
    issued_by: o.issuedBy,
    issued_at: o.issuedAt,
    status: o.status,
    after_photos: JSON.stringify(o.afterPhotos),
    rectification_note: o.rectificationNote,
    verification: o.verification ? JSON.stringify(o.verification) : null,
    rework_count: o.reworkCount,
    overdue_rounds: JSON.stringify(o.overdueRounds),
    updated_at: updatedAt,
  }
}

export function rowToOrder(r: Selectable<RectificationOrderTable>, findingIds: string[]): RectificationOrder {
  return {
    id: r.id,
    number: r.number,
    districtCode: r.district_code,
    findingIds,
    requirements: r.requirements,
    deadline: r.deadline,
    issuedBy: r.issued_by,
    issuedAt: r.issued_at,
    status: r.status as RectificationStatus,
    afterPhotos: JSON.parse(r.after_photos),
    rectificationNote: r.rectification_note,
    ...(r.verification ? { verification: JSON.parse(r.verification) } : {}),
    reworkCount: Number(r.rework_count),
    overdueRounds: JSON.parse(r.overdue_rounds),
  }
}

/** The findings of each sheet, in the sheet's order. */
export async function findingIdsOf(db: Q, orderIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(orderIds.map((id) => [id, []]))
  for (let i = 0; i < orderIds.length; i += 500) {
    const rows = await db
      .selectFrom('rectification_findings')
      .select(['order_id', 'finding_id'])
      .where('order_id', 'in', orderIds.slice(i, i + 500))
      .orderBy('order_id')
      .orderBy('position')
      .execute()
    for (const r of rows) out.get(r.order_id)!.push(r.finding_id)
  }
  return out
}

export async function insertOrder(db: Q, order: RectificationOrder, month: string, at: string): Promise<void> {
  await db.insertInto('rectification_orders').values(orderToRow(order, month, at)).execute()
  await db
    .insertInto('rectification_findings')
    .values(order.findingIds.map((finding_id, position) => ({ order_id: order.id, finding_id, position })))
    .execute()
}

export async function getOrder(db: Q, id: string): Promise<RectificationOrder | undefined> {
  const row = await db.selectFrom('rectification_orders').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return rowToOrder(row, (await findingIdsOf(db, [id])).get(id)!)
}

export interface OrderFilter {
  districtCode?: string
  status?: RectificationStatus
  /** Month of issue. */
  month?: string
}

/** Sheets matching the filter, nearest deadline first (then by number, for a stable order). */
export async function listOrders(db: Q, f: OrderFilter): Promise<RectificationOrder[]> {
  let q = db.selectFrom('rectification_orders').selectAll()
  if (f.districtCode) q = q.where('district_code', '=', f.districtCode)
  if (f.status) q = q.where('status', '=', f.status)
  if (f.month) q = q.where('month', '=', f.month)
  const rows = await q.orderBy('deadline_ms').orderBy('number').execute()
  const ids = await findingIdsOf(db, rows.map((r) => r.id))
  return rows.map((r) => rowToOrder(r, ids.get(r.id)!))
}

/** Which of these findings are already on a sheet, with that sheet's id and number. */
export async function sheetsOfFindings(db: Q, findingIds: readonly string[]): Promise<Map<string, { orderId: string; number: string }>> {
  if (!findingIds.length) return new Map()
  const rows = await db
    .selectFrom('rectification_findings as rf')
    .innerJoin('rectification_orders as o', 'o.id', 'rf.order_id')
    .select(['rf.finding_id', 'o.id', 'o.number'])
    .where('rf.finding_id', 'in', [...findingIds])
    .execute()
  return new Map(rows.map((r) => [r.finding_id, { orderId: r.id, number: r.number }]))
}
