// A sheet as a device pulls it (PulledRectification): the sheet, its district's name and a summary of each of its
// findings, so that a district's phone or an inspector's tablet can show it offline. Every write to a sheet logs
// this record, scoped to the district's users; inspectors pull the sheets covering their findings (sync/pull.ts).
import type { Name, RectificationOrder } from '@shared/domain'
import type { PulledRectification, SheetFindingSummary } from '@shared/sync/protocol'
import type { Queryable } from '../db/schema'
import type { ChangeEntry } from '../sync/change-log'
import { listChecklists } from '../repos/reference.repo'

/** An item's name in a checklist version, when the caller has the checklists at hand already. */
export type ItemNames = (checklistId: string, version: number, itemCode: string) => Name | undefined

/** The pulled records of these sheets, in their order, read in a few queries whatever their number. */
export async function pulledSheets(db: Queryable, orders: readonly RectificationOrder[], itemNames?: ItemNames): Promise<PulledRectification[]> {
  if (!orders.length) return []
  const codes = [...new Set(orders.map((o) => o.districtCode))]
  const districts = await db.selectFrom('districts').select(['code', 'name_zh', 'name_en']).where('code', 'in', codes).execute()
  const districtNames = new Map(districts.map((d) => [d.code, { zh: d.name_zh, en: d.name_en }]))
  const ids = [...new Set(orders.flatMap((o) => o.findingIds))]
  const rows = []
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(...(await db.selectFrom('findings').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()))
  }
  const byId = new Map(rows.map((r) => [r.id, r]))
  let nameOf = itemNames
  if (!nameOf) {
    const items = new Map<string, Name>()
    for (const c of await listChecklists(db)) for (const i of c.items) items.set(`${c.id}@${c.version}/${i.code}`, i.name)
    nameOf = (id, version, code) => items.get(`${id}@${version}/${code}`)
  }

  return orders.map((order) => ({
    order,
    districtName: districtNames.get(order.districtCode) ?? { zh: order.districtCode, en: order.districtCode },
    findings: order.findingIds.flatMap((id): SheetFindingSummary[] => {
      const r = byId.get(id)
      if (!r) return []
      return [
        {
          id: r.id,
          itemCode: r.item_code,
          itemName: nameOf(r.checklist_id, r.checklist_version, r.item_code) ?? { zh: r.item_code, en: r.item_code },
          line: r.line,
          quantity: r.quantity,
          deduction: r.deduction,
          street: r.street,
          location: { lat: r.lat, lng: r.lng, accuracy: r.accuracy },
          photos: JSON.parse(r.photos),
          recordedAt: r.recorded_at,
          inspectorId: r.inspector_id,
        },
      ]
    }),
  }))
}

export async function pulledSheet(db: Queryable, order: RectificationOrder, names?: ItemNames): Promise<PulledRectification> {
  return (await pulledSheets(db, [order], names))[0]!
}

/**
 * The change-log entry of a sheet as it is now. One row per change: the district's users pull it by its district,
 * the inspectors of its findings by the sheet's findings (see sync/pull.ts), the bureau pulls everything.
 * `old` holds the fields as they were before, for the audit trail.
 */
export function sheetChange(pulled: PulledRectification, old?: Partial<RectificationOrder>): ChangeEntry {
  return {
    entity: 'rectification',
    id: pulled.order.id,
    op: 'upsert',
    audience: 'district',
    districtCode: pulled.order.districtCode,
    ownerId: null,
    data: pulled,
    ...(old ? { old } : {}),
  }
}

/** The fields that differ between two versions of a sheet, with their values before. */
export function changedFields(before: RectificationOrder, after: RectificationOrder): Partial<RectificationOrder> {
  const old: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof RectificationOrder>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) old[key] = before[key] ?? null
  }
  return old as Partial<RectificationOrder>
}
