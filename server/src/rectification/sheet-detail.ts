// One sheet with what a reader needs beside it: the district, who issued it, and its findings with their item
// names, deductions, photos and locations, in the sheet's order.
import type { SheetDetail, SheetFinding } from '@shared/api/rectifications'
import { LINE_NAMES, type Line, type MultiPolygon, type Name } from '@shared/domain'
import type { Queryable } from '../db/schema'
import { listChecklists } from '../repos/reference.repo'
import { getOrder } from './orders.repo'

export type { SheetDetail, SheetFinding }

export async function sheetDetail(db: Queryable, id: string): Promise<SheetDetail | undefined> {
  const order = await getOrder(db, id)
  if (!order) return undefined
  const district = await db.selectFrom('districts').select(['code', 'name_zh', 'name_en']).where('code', '=', order.districtCode).executeTakeFirstOrThrow()
  const issuer = await db.selectFrom('users').select('display_name').where('id', '=', order.issuedBy).executeTakeFirst()
  const rows = await db.selectFrom('findings').selectAll().where('id', 'in', order.findingIds).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  const items = new Map<string, Name>()
  for (const c of await listChecklists(db)) for (const i of c.items) items.set(`${c.id}@${c.version}/${i.code}`, i.name)

  const findings = order.findingIds.flatMap((fid): SheetFinding[] => {
    const r = byId.get(fid)
    if (!r) return []
    const line = r.line as Line
    return [
      {
        id: r.id,
        itemCode: r.item_code,
        itemName: items.get(`${r.checklist_id}@${r.checklist_version}/${r.item_code}`) ?? { zh: r.item_code, en: r.item_code },
        line,
        lineName: LINE_NAMES[line] ?? { zh: r.line, en: r.line },
        quantity: r.quantity,
        deduction: r.deduction,
        street: r.street,
        note: r.note,
        location: { lat: r.lat, lng: r.lng, accuracy: r.accuracy },
        photos: JSON.parse(r.photos),
        recordedAt: r.recorded_at,
        status: r.status,
      },
    ]
  })
  return {
    order,
    district: { code: district.code, name: { zh: district.name_zh, en: district.name_en } },
    issuedBy: { id: order.issuedBy, displayName: issuer?.display_name ?? null },
    findings,
  }
}

/** The district's boundary, WGS-84, for the sheet's map. */
export async function districtBoundary(db: Queryable, code: string): Promise<MultiPolygon> {
  const row = await db.selectFrom('districts').select('boundary').where('code', '=', code).executeTakeFirstOrThrow()
  return JSON.parse(row.boundary)
}
