// Who may see which scores: the bureau sees every district, a district user only their own, an inspector none.
import { createMiddleware } from 'hono/factory'
import type { MonthResult } from '@shared/scoring'
import type { AppEnv } from '../app'
import type { AuthUser } from '../auth/middleware'
import { ApiError } from '../http/api-error'

/** Supervisors, administrators and district users read scores; inspectors record findings and have no business with them. */
export const scoreReaders = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.var.user
  if (!user) throw new ApiError('unauthorized', 'Sign in first')
  if (user.role === 'inspector') {
    throw new ApiError('forbidden', 'Scores are for the bureau and the districts: an inspector records findings and has no access to scores')
  }
  if (user.role !== 'supervisor' && user.role !== 'admin' && user.role !== 'district') {
    throw new ApiError('forbidden', `Scores are not open to the role ${user.role}`)
  }
  await next()
})

export function isBureau(user: AuthUser): boolean {
  return user.role === 'supervisor' || user.role === 'admin'
}

/** Whether the user may see a district's scores. */
export function mayRead(user: AuthUser, districtCode: string): boolean {
  return isBureau(user) || (user.role === 'district' && user.districtCode === districtCode)
}

/**
 * The month result as the user may see it. A district user gets only their own row, and the month-wide parts
 * that would speak of other districts (completeness, duplicate records) are narrowed to that row.
 */
export function resultFor(user: AuthUser, result: MonthResult): MonthResult {
  if (isBureau(user)) return result
  const districts = result.districts.filter((d) => mayRead(user, d.districtCode))
  return { ...result, districts, complete: districts.every((d) => d.incomplete.length === 0), duplicates: [] }
}
