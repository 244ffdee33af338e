// Who sees which findings. The bureau (supervisors, administrators) sees every finding; a district user sees the
// confirmed findings of their own district (what they must rectify); an inspector sees their own. The same rule is
// written twice, once as a query condition and once as a predicate over loaded rows, and the two must agree.
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely'
import type { AuthUser } from '../auth/middleware'
import type { Database } from '../db/schema'
import { ApiError } from '../http/api-error'

export const isBureau = (user: AuthUser): boolean => user.role === 'supervisor' || user.role === 'admin'

export interface Visible {
  districtCode: string
  status: string
  inspectorId: string
}

/** Whether `user` may see a finding. */
export function mayView(user: AuthUser, f: Visible): boolean {
  if (isBureau(user)) return true
  if (user.role === 'district') return f.districtCode === user.districtCode && f.status === 'confirmed'
  if (user.role === 'inspector') return f.inspectorId === user.id
  return false
}

/** The same rule as a condition on `findings as f`. */
export function visibleTo(user: AuthUser) {
  return (eb: ExpressionBuilder<Database & { f: Database['findings'] }, 'f'>): Expression<SqlBool> => {
    if (isBureau(user)) return eb.lit(true)
    if (user.role === 'district') return eb.and([eb('f.district_code', '=', user.districtCode ?? ''), eb('f.status', '=', 'confirmed')])
    if (user.role === 'inspector') return eb('f.inspector_id', '=', user.id)
    return eb.lit(false)
  }
}

/** A filter the caller could never be given results for is refused rather than answered empty. */
export function assertFilters(user: AuthUser, q: { district?: string[]; inspector?: string[] }): void {
  if (user.role === 'district' && q.district?.some((d) => d !== user.districtCode)) {
    throw new ApiError('forbidden', 'That belongs to another district: a district user sees only the confirmed findings of their own district')
  }
  if (user.role === 'inspector' && q.inspector?.some((i) => i !== user.id)) {
    throw new ApiError('forbidden', 'An inspector sees only their own findings')
  }
}

/** Refuses a single finding the caller may not see. */
export function assertMayView(user: AuthUser, f: Visible): void {
  if (mayView(user, f)) return
  if (user.role === 'district') {
    throw new ApiError(
      'forbidden',
      f.districtCode === user.districtCode
        ? 'A district user sees a finding of their district once a supervisor has confirmed it'
        : 'That belongs to another district: a district user sees only the confirmed findings of their own district',
    )
  }
  throw new ApiError('forbidden', 'An inspector sees only their own findings')
}
