// Duplicate candidates read from storage. A month's pairs are computed over that month and its neighbours, so a
// pair either side of midnight on the last day is still found; only pairs touching the asked months are kept.
import { addMonths, instantMs } from '@shared/time'
import type { Queryable } from '../db/schema'
import { DEFAULT_DUPLICATE_RULES, findDuplicatePairs, type DuplicatePair, type DuplicatePoint, type DuplicateRules } from './duplicates'

export interface StoredPoint extends DuplicatePoint {
  recordedAt: string
  month: string
  districtCode: string
  status: string
}

export interface Duplicates {
  pairs: DuplicatePair[]
  points: Map<string, StoredPoint>
}

/** Statuses that no longer count and so are never anyone's duplicate. */
export const NOT_CANDIDATES = ['voided', 'rejected'] as const

async function loadPoints(db: Queryable, opts: { months?: string[]; itemCodes?: string[] }): Promise<StoredPoint[]> {
  let q = db
    .selectFrom('findings')
    .select(['id', 'item_code', 'inspector_id', 'lat', 'lng', 'recorded_at', 'month', 'district_code', 'status'])
    .where('status', 'not in', [...NOT_CANDIDATES])
  if (opts.months) q = q.where('month', 'in', opts.months)
  if (opts.itemCodes) q = q.where('item_code', 'in', opts.itemCodes)
  const rows = await q.execute()
  return rows.map((r) => ({
    id: r.id,
    itemCode: r.item_code,
    inspectorId: r.inspector_id,
    lat: r.lat,
    lng: r.lng,
    at: instantMs(r.recorded_at),
    recordedAt: r.recorded_at,
    month: r.month,
    districtCode: r.district_code,
    status: r.status,
  }))
}

const withNeighbours = (months: Iterable<string>): string[] => {
  const all = new Set<string>()
  for (const m of months) for (const n of [addMonths(m, -1), m, addMonths(m, 1)]) all.add(n)
  return [...all]
}

/** Pairs with at least one finding in `months` (every month when undefined), of the given items or all. */
export async function duplicatesOfMonths(
  db: Queryable,
  months: string[] | undefined,
  rules: DuplicateRules = DEFAULT_DUPLICATE_RULES,
  itemCodes?: string[],
): Promise<Duplicates> {
  if ((months && months.length === 0) || (itemCodes && itemCodes.length === 0)) return { pairs: [], points: new Map() }
  const points = await loadPoints(db, { ...(months ? { months: withNeighbours(months) } : {}), ...(itemCodes ? { itemCodes } : {}) })
  const byId = new Map(points.map((p) => [p.id, p]))
  const wanted = months ? new Set(months) : undefined
  const pairs = findDuplicatePairs(points, rules).filter((p) => !wanted || wanted.has(byId.get(p.a)!.month) || wanted.has(byId.get(p.b)!.month))
  return { pairs, points: byId }
}

/** Pairs one finding belongs to: only its item in its month and the neighbours is read. */
export async function duplicatesOfFinding(
  db: Queryable,
  f: { id: string; itemCode: string; month: string },
  rules: DuplicateRules = DEFAULT_DUPLICATE_RULES,
): Promise<Duplicates> {
  const points = await loadPoints(db, { months: withNeighbours([f.month]), itemCodes: [f.itemCode] })
  const pairs = findDuplicatePairs(points, rules).filter((p) => p.a === f.id || p.b === f.id)
  return { pairs, points: new Map(points.map((p) => [p.id, p])) }
}

/** The ids that have at least one partner, keeping only partners `keep` allows. */
export function flaggedIds(d: Duplicates, keep: (p: StoredPoint) => boolean = () => true): Set<string> {
  const out = new Set<string>()
  for (const { a, b } of d.pairs) {
    const pa = d.points.get(a)!
    const pb = d.points.get(b)!
    if (keep(pb)) out.add(a)
    if (keep(pa)) out.add(b)
  }
  return out
}
