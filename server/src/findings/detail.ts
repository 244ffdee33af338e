// One finding in full for the supervisor's detail panel: the record, its checklist item and how its deduction
// was computed, its reviews, its history from the change log, which photos have arrived, and its possible
// duplicates. A district user or an inspector sees it only if they may see the finding at all.
import type { Name } from '@shared/domain'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import { ApiError } from '../http/api-error'
import { findPhotos } from '../photos/photos.repo'
import { rowToFinding } from '../repos/findings.repo'
import { assertMayView, mayView } from './access'
import { loadCatalog } from './catalog'
import { duplicatesOfFinding } from './duplicate-store'
import { explainDeduction } from './explain'
import { findingHistory } from './history'

export interface DuplicateCandidate {
  id: string
  itemCode: string
  inspectorId: string
  inspectorName: string
  districtCode: string
  status: string
  recordedAt: string
  metres: number
  minutes: number
  /** Merging needs the same district as well as the same item. */
  sameDistrict: boolean
}

export async function findingDetail(db: Db, user: AuthUser, id: string) {
  const k = db.kysely
  const row = await k
    .selectFrom('findings as f')
    .innerJoin('users as u', 'u.id', 'f.inspector_id')
    .innerJoin('districts as d', 'd.code', 'f.district_code')
    .selectAll('f')
    .select(['u.display_name as inspector_name', 'd.name_zh as district_zh', 'd.name_en as district_en'])
    .where('f.id', '=', id)
    .executeTakeFirst()
  if (!row) throw new ApiError('not_found', 'There is no finding with this id', { id })
  assertMayView(user, { districtCode: row.district_code, status: row.status, inspectorId: row.inspector_id })
  const finding = rowToFinding(row)

  const [catalog, reviews, photos, duplicates] = await Promise.all([
    loadCatalog(k),
    k
      .selectFrom('reviews as r')
      .leftJoin('users as u', 'u.id', 'r.supervisor_id')
      .select(['r.id', 'r.decision', 'r.reason', 'r.at', 'r.supervisor_id', 'u.display_name'])
      .where('r.finding_id', '=', id)
      .orderBy('r.at')
      .orderBy('r.id')
      .execute(),
    findPhotos(k, finding.photos),
    duplicatesOfFinding(k, { id, itemCode: row.item_code, month: row.month }),
  ])
  const history = await findingHistory(k, id, reviews.map((r) => r.id))

  const partners = duplicates.pairs.map((p) => ({ pair: p, other: duplicates.points.get(p.a === id ? p.b : p.a)! })).filter(({ other }) => mayView(user, other))
  const names = partners.length
    ? new Map(
        (await k.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...new Set(partners.map((p) => p.other.inspectorId))]).execute()).map((u) => [
          u.id,
          u.display_name,
        ]),
      )
    : new Map<string, string>()

  const found = catalog.item(row.checklist_id, row.checklist_version, row.item_code)
  const arrived = new Map(photos.map((p) => [p.sha256, p]))
  return {
    finding: {
      ...finding,
      month: row.month,
      receivedAt: row.received_at,
      updatedAt: row.updated_at,
      needsRereview: Number(row.needs_rereview) === 1,
      clockSkewMs: Number(row.clock_skew_ms),
      clockSkewFlag: catalog.skewed(row.month, Number(row.clock_skew_ms)),
      voidReason: row.void_reason,
    },
    inspector: { id: row.inspector_id, displayName: row.inspector_name },
    district: { code: row.district_code, name: { zh: row.district_zh, en: row.district_en } satisfies Name },
    item: found
      ? {
          code: found.item.code,
          name: found.item.name,
          unit: found.item.unit,
          deductionPerUnit: found.item.deductionPerUnit,
          monthlyCap: found.item.monthlyCap,
          photoRequired: found.item.photoRequired,
          checklist: { id: found.checklist.id, version: found.checklist.version, name: found.checklist.name },
        }
      : null,
    deduction: found ? explainDeduction(finding.quantity, found.item, finding.deduction) : null,
    reviews: reviews.map((r) => ({
      id: r.id,
      decision: r.decision,
      reason: r.reason,
      at: r.at,
      supervisor: { id: r.supervisor_id, displayName: r.display_name ?? r.supervisor_id },
    })),
    history,
    photos: finding.photos.map((sha256) => {
      const p = arrived.get(sha256)
      return p
        ? { sha256, arrived: p.complete, received: p.received, size: p.size, mime: p.mime, width: p.width, height: p.height }
        : { sha256, arrived: false, received: 0, size: null, mime: null, width: null, height: null }
    }),
    duplicates: partners.map(
      ({ pair, other }): DuplicateCandidate => ({
        id: other.id,
        itemCode: other.itemCode,
        inspectorId: other.inspectorId,
        inspectorName: names.get(other.inspectorId) ?? other.inspectorId,
        districtCode: other.districtCode,
        status: other.status,
        recordedAt: other.recordedAt,
        metres: pair.metres,
        minutes: pair.minutes,
        sameDistrict: other.districtCode === row.district_code,
      }),
    ),
  }
}

export type FindingDetail = Awaited<ReturnType<typeof findingDetail>>
