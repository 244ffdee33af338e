// Appeals in storage, and the list both sides read: each appeal with its finding, district and the names of who
// filed and who decided it.
import type { Selectable } from 'kysely'
import type { AppealFinding, AppealView } from '@shared/api/appeals'
import type { Appeal, AppealStatus, Line, Name } from '@shared/domain'
import type { AppealTable, Queryable } from '../db/schema'
import { listChecklists } from '../repos/reference.repo'

export function rowToAppeal(r: Selectable<AppealTable>): Appeal {
  return {
    id: r.id,
    findingId: r.finding_id,
    districtCode: r.district_code,
    month: r.month,
    reason: r.reason,
    photos: JSON.parse(r.photos),
    filedBy: r.filed_by,
    filedAt: r.filed_at,
    status: r.status as AppealStatus,
    ...(r.decision ? { decision: JSON.parse(r.decision) } : {}),
  }
}

export async function insertAppeal(db: Queryable, a: Appeal): Promise<void> {
  await db
    .insertInto('appeals')
    .values({
      id: a.id,
      finding_id: a.findingId,
      district_code: a.districtCode,
      month: a.month,
      reason: a.reason,
      photos: JSON.stringify(a.photos),
      filed_by: a.filedBy,
      filed_at: a.filedAt,
      status: a.status,
      decision: a.decision ? JSON.stringify(a.decision) : null,
      updated_at: a.filedAt,
    })
    .execute()
}

export async function getAppeal(db: Queryable, id: string): Promise<Appeal | undefined> {
  const row = await db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? rowToAppeal(row) : undefined
}

export type { AppealFinding, AppealView }

export interface AppealFilter {
  status?: AppealStatus
  month?: string
  districtCode?: string
  id?: string
}

/** Most appeals one list returns; a month of a city's appeals is far fewer. */
export const APPEAL_LIST_LIMIT = 2000

/** Newest filing first. */
export async function listAppealViews(db: Queryable, f: AppealFilter): Promise<AppealView[]> {
  let q = db
    .selectFrom('appeals as a')
    .innerJoin('findings as f', 'f.id', 'a.finding_id')
    .innerJoin('districts as d', 'd.code', 'a.district_code')
    .innerJoin('users as u', 'u.id', 'a.filed_by')
    .selectAll('a')
    .select([
      'f.checklist_id',
      'f.checklist_version',
      'f.item_code',
      'f.line',
      'f.deduction',
      'f.street',
      'f.recorded_at',
      'f.photos as finding_photos',
      'f.lat',
      'f.lng',
      'f.accuracy',
      'd.name_zh',
      'd.name_en',
      'u.display_name as filed_by_name',
    ])
  if (f.id) q = q.where('a.id', '=', f.id)
  if (f.status) q = q.where('a.status', '=', f.status)
  if (f.month) q = q.where('a.month', '=', f.month)
  if (f.districtCode) q = q.where('a.district_code', '=', f.districtCode)
  const rows = await q.orderBy('a.filed_at', 'desc').orderBy('a.id').limit(APPEAL_LIST_LIMIT).execute()
  if (!rows.length) return []

  const appeals = rows.map((r) => rowToAppeal(r))
  const deciders = [...new Set(appeals.flatMap((a) => (a.decision ? [a.decision.by] : [])))]
  const names = new Map(
    deciders.length ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', deciders).execute()).map((u) => [u.id, u.display_name]) : [],
  )
  const items = new Map<string, Name>()
  for (const c of await listChecklists(db)) for (const i of c.items) items.set(`${c.id}@${c.version}/${i.code}`, i.name)

  return rows.map((r, i): AppealView => {
    const a = appeals[i]!
    const decidedByName = a.decision ? names.get(a.decision.by) : undefined
    return {
      ...a,
      finding: {
        itemCode: r.item_code,
        itemName: items.get(`${r.checklist_id}@${r.checklist_version}/${r.item_code}`) ?? { zh: r.item_code, en: r.item_code },
        line: r.line as Line,
        deduction: r.deduction,
        street: r.street,
        recordedAt: r.recorded_at,
        photos: JSON.parse(r.finding_photos),
        location: { lat: r.lat, lng: r.lng, accuracy: r.accuracy },
      },
      districtName: { zh: r.name_zh, en: r.name_en },
      filedByName: r.filed_by_name,
      ...(decidedByName !== undefined ? { decidedByName } : {}),
    }
  })
}
