// The findings list behind the supervisor's map: compact rows, filtered and scoped in one query with the
// inspector's name joined, then one lookup of which of their photos have arrived, one read of the months'
// duplicate candidates and one of the small reference tables. Nothing is fetched per row.
import type { FindingList, FindingListRow } from '@shared/api/findings'
import type { FindingStatus } from '@shared/domain'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import { assertFilters, mayView, visibleTo } from './access'
import { loadCatalog, type Catalog } from './catalog'
import { duplicatesOfMonths, flaggedIds } from './duplicate-store'
import { arrivedPhotos } from './photos-arrived'
import { decodeListCursor, encodeListCursor, type ListQuery } from './list-query'

export type { FindingList, FindingListRow }

/** The columns of a compact row, with the inspector's name. */
export function compactRows(db: Db) {
  return db.kysely
    .selectFrom('findings as f')
    .innerJoin('users as u', 'u.id', 'f.inspector_id')
    .select([
      'f.id', 'f.checklist_id', 'f.checklist_version', 'f.item_code', 'f.line', 'f.quantity', 'f.deduction', 'f.lat', 'f.lng', 'f.accuracy',
      'f.district_code', 'f.street', 'f.photos', 'f.inspector_id', 'f.recorded_at', 'f.month', 'f.status', 'f.needs_rereview', 'f.clock_skew_ms',
      'u.display_name as inspector_name',
    ])
}

type CompactRow = Awaited<ReturnType<ReturnType<typeof compactRows>['execute']>>[number]

/** Rows as the API gives them, with the arrived photos looked up for all of them at once. */
export async function toListRows(db: Db, rows: CompactRow[], catalog: Catalog, flagged: Set<string>): Promise<FindingListRow[]> {
  const photos = rows.map((r) => JSON.parse(r.photos) as string[])
  const arrived = await arrivedPhotos(db, photos.flat())
  return rows.map((r, i) => toListRow(r, photos[i]!, arrived, catalog, flagged))
}

function toListRow(r: CompactRow, photos: string[], arrived: Set<string>, catalog: Catalog, flagged: Set<string>): FindingListRow {
  return {
    id: r.id,
    lat: r.lat,
    lng: r.lng,
    accuracy: r.accuracy,
    districtCode: r.district_code,
    line: r.line,
    itemCode: r.item_code,
    itemName: catalog.item(r.checklist_id, r.checklist_version, r.item_code)?.item.name ?? null,
    quantity: r.quantity,
    deduction: r.deduction,
    status: r.status as FindingStatus,
    inspectorId: r.inspector_id,
    inspectorName: r.inspector_name,
    recordedAt: r.recorded_at,
    month: r.month,
    street: r.street,
    photos,
    photosArrived: photos.filter((p) => arrived.has(p)).length,
    needsRereview: Number(r.needs_rereview) === 1,
    clockSkewFlag: catalog.skewed(r.month, Number(r.clock_skew_ms)),
    possibleDuplicate: flagged.has(r.id),
  }
}

export async function listFindings(db: Db, user: AuthUser, q: ListQuery): Promise<FindingList> {
  assertFilters(user, q)
  const k = db.kysely
  let query = compactRows(db).where(visibleTo(user))
  if (q.month) query = query.where('f.month', '=', q.month)
  if (q.district) query = query.where('f.district_code', 'in', q.district)
  if (q.line) query = query.where('f.line', 'in', q.line)
  if (q.item) query = query.where('f.item_code', 'in', q.item)
  query = q.status ? query.where('f.status', 'in', q.status) : query.where('f.status', '<>', 'voided')
  if (q.inspector) query = query.where('f.inspector_id', 'in', q.inspector)
  if (q.photo) query = query.where('f.photos', q.photo === 'with' ? '<>' : '=', '[]')
  if (q.ids) query = query.where('f.id', 'in', q.ids)
  if (q.cursor) {
    const c = decodeListCursor(q.cursor)
    query = query.where((eb) => eb.or([eb('f.recorded_at', '<', c.recordedAt), eb.and([eb('f.recorded_at', '=', c.recordedAt), eb('f.id', '<', c.id)])]))
  }
  // Recorded time as the device wrote it, ordered as text: within one offset (the city's) that is time order.
  query = query.orderBy('f.recorded_at', 'desc').orderBy('f.id', 'desc')
  // Only duplicates: the pairs are known before the rows, and the page is cut after filtering by them.
  if (!q.duplicates) query = query.limit(q.limit + 1)

  const keep = (p: { districtCode: string; status: string; inspectorId: string }) => mayView(user, p)
  const [catalog, raw, monthDuplicates] = await Promise.all([
    loadCatalog(k),
    query.execute(),
    q.month ? duplicatesOfMonths(k, [q.month]) : undefined,
  ])
  // Without a month (a page, or the few rows a live notice asks for), only the rows' months and items are read.
  const duplicates =
    monthDuplicates ?? (await duplicatesOfMonths(k, [...new Set(raw.map((r) => r.month))], undefined, [...new Set(raw.map((r) => r.item_code))]))
  const flagged = flaggedIds(duplicates, keep)
  const found = q.duplicates ? raw.filter((r) => flagged.has(r.id)).slice(0, q.limit + 1) : raw
  const more = found.length > q.limit
  const page = more ? found.slice(0, q.limit) : found
  const last = page.at(-1)

  const rows = await toListRows(db, page, catalog, flagged)
  return { rows, more, nextCursor: more && last ? encodeListCursor({ recordedAt: last.recorded_at, id: last.id }) : null }
}
