// Districts in storage.
import type { District } from '@shared/domain'
import type { Queryable as Q } from '../db/schema'

export async function listDistricts(db: Q): Promise<District[]> {
  const rows = await db.selectFrom('districts').selectAll().orderBy('code').execute()
  return rows.map((r) => ({
    code: r.code,
    name: { zh: r.name_zh, en: r.name_en },
    group: r.group_id,
    boundary: JSON.parse(r.boundary),
  }))
}

export async function insertDistricts(db: Q, districts: District[]): Promise<void> {
  if (districts.length === 0) return
  await db
    .insertInto('districts')
    .values(districts.map((d) => ({ code: d.code, name_zh: d.name.zh, name_en: d.name.en, group_id: d.group, boundary: JSON.stringify(d.boundary) })))
    .execute()
}
