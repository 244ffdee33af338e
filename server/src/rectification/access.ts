// Who may read sheets (and the social entries): the bureau every district's, a district user their own district's.
// Inspectors re-inspect rectified problems, but through their plan, not these lists (for now they have no access).
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app'
import type { AuthUser } from '../auth/middleware'
import { ApiError } from '../http/api-error'

/** Lets the bureau and district users through; `what` names the records in the refusal. */
export const bureauAndDistricts = (what: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user
    if (!user) throw new ApiError('unauthorized', 'Sign in first')
    if (user.role !== 'supervisor' && user.role !== 'admin' && user.role !== 'district') {
      throw new ApiError('forbidden', `${what} are for the bureau and the districts; the role ${user.role} has no access to them`)
    }
    await next()
  })

export const sheetReaders = bureauAndDistricts('Problem assignment sheets')

export const isBureau = (user: AuthUser) => user.role === 'supervisor' || user.role === 'admin'

/**
 * The district a list is narrowed to: a district user's own (asking for another is refused), or the one a bureau
 * user asked for, or none.
 */
export function districtScope(user: AuthUser, asked: string | undefined): string | undefined {
  if (isBureau(user)) return asked
  if (!user.districtCode) throw new ApiError('forbidden', 'This district account belongs to no district')
  if (asked !== undefined && asked !== user.districtCode) throw new ApiError('forbidden', 'That belongs to another district: a district user sees only their own')
  return user.districtCode
}
