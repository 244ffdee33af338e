// One district's month with its whole explanation: the findings used per item, the caps that bit, penalties,
// social components, weights and the policy version, plus the findings themselves as stored now.
import type { DistrictView, FindingUsed } from '@shared/api/scores'
import type { FindingStatus, Line, Name } from '@shared/domain'
import type { DistrictMonthResult, MonthResult } from '@shared/scoring'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import type { Queryable } from '../db/schema'
import { ApiError } from '../http/api-error'
import { monthViewIn, type Unconfirmed } from './month-view'
import { snapshot } from './snapshot'

export type { DistrictView, FindingUsed }

async function findingsUsed(db: Queryable, rows: DistrictMonthResult[]): Promise<FindingUsed[]> {
  const ids = [...new Set(rows.flatMap((r) => r.professional.lines.flatMap((l) => l.items.flatMap((i) => i.findingIds))))].sort()
  const out: FindingUsed[] = []
  // Chunked: SQLite caps the number of bound parameters in one statement.
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .selectFrom('findings')
      .select(['id', 'line', 'item_code', 'checklist_version', 'street', 'quantity', 'deduction', 'recorded_at', 'status'])
      .where('id', 'in', ids.slice(i, i + 500))
      .orderBy('id')
      .execute()
    for (const f of found) {
      out.push({
        id: f.id,
        line: f.line as Line,
        itemCode: f.item_code,
        checklistVersion: f.checklist_version,
        street: f.street,
        quantity: f.quantity,
        deduction: f.deduction,
        recordedAt: f.recorded_at,
        status: f.status as FindingStatus,
      })
    }
  }
  return out
}

/** The caller has checked that the user may read `code` and that the district exists. */
export function districtView(db: Db, month: string, code: string, name: Name, user: AuthUser, mode?: MonthResult['mode']): Promise<DistrictView> {
  return snapshot(db, async (tx) => {
    const view = await monthViewIn(tx, month, user, mode)
    const row = view.result.districts.find((d) => d.districtCode === code)
    if (!row) throw new ApiError('not_found', `${month} has no result for district ${code}`, { month, districtCode: code })
    const currentRow = view.current?.result.districts.find((d) => d.districtCode === code)
    const unconfirmedOf = (list: Unconfirmed[]) => list.find((u) => u.districtCode === code) ?? null
    const r = view.result
    return {
      month,
      district: { code, name },
      published: view.published,
      source: view.source,
      note: view.note,
      mode: r.mode,
      preliminary: r.preliminary,
      policyVersion: r.policyVersion,
      timeZone: r.timeZone,
      window: r.window,
      weights: r.weights,
      result: row,
      unconfirmed: unconfirmedOf(view.unconfirmed),
      ...(view.changedSincePublished !== undefined ? { changedSincePublished: view.changedSincePublished } : {}),
      ...(view.current && currentRow ? { current: { result: currentRow, unconfirmed: unconfirmedOf(view.current.unconfirmed) } } : {}),
      findings: await findingsUsed(tx, currentRow ? [row, currentRow] : [row]),
    }
  })
}
