// GET /api/findings/duplicates: a month's candidate pairs, each with both findings as compact rows, for the
// supervisor to compare and merge one into the other.
import type { Db } from '../db/database'
import { loadCatalog } from './catalog'
import { duplicatesOfMonths } from './duplicate-store'
import type { DuplicateRules } from './duplicates'
import { compactRows, toListRows, type FindingListRow } from './list'

export interface DuplicatePairView {
  a: FindingListRow
  b: FindingListRow
  metres: number
  minutes: number
  /** Merging needs the same district (the item is the same by construction). */
  mergeable: boolean
}

export async function listDuplicatePairs(db: Db, month: string, rules: DuplicateRules, districts?: string[]) {
  const k = db.kysely
  const [catalog, found] = await Promise.all([loadCatalog(k), duplicatesOfMonths(k, [month], rules)])
  const inDistricts = districts ? new Set(districts) : undefined
  const pairs = found.pairs.filter((p) => !inDistricts || inDistricts.has(found.points.get(p.a)!.districtCode) || inDistricts.has(found.points.get(p.b)!.districtCode))
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))]
  const flagged = new Set(ids)
  const rows = new Map<string, FindingListRow>()
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = await compactRows(db).where('f.id', 'in', ids.slice(i, i + 500)).execute()
    for (const r of await toListRows(db, chunk, catalog, flagged)) rows.set(r.id, r)
  }
  return {
    month,
    rules,
    pairs: pairs.map(
      (p): DuplicatePairView => ({
        a: rows.get(p.a)!,
        b: rows.get(p.b)!,
        metres: p.metres,
        minutes: p.minutes,
        mergeable: rows.get(p.a)!.districtCode === rows.get(p.b)!.districtCode,
      }),
    ),
  }
}
