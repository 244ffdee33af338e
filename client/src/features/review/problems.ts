// What to tell the supervisor when the server says no: a message key of this feature with its values, or the
// server's own words when it gave them in both languages (validation issues, a refused review). The server's
// English `message` is only the last resort, for an error nobody has words for yet.
import type { ApiError } from '../../api/client'

export type Problem = { key: string; values?: Record<string, unknown> } | { zh: string; en: string }

/** A refused mutation's reason, as /api/sync/push and review-many give it. */
export interface Rejection {
  code: string
  zh: string
  en: string
  issues?: { field: string; zh: string; en: string }[]
}

function withIssues(r: Rejection): { zh: string; en: string } {
  const issues = r.issues ?? []
  if (!issues.length) return { zh: r.zh, en: r.en }
  return {
    zh: `${r.zh}：${issues.map((i) => `${i.field} ${i.zh}`).join('；')}`,
    en: `${r.en}: ${issues.map((i) => `${i.field} ${i.en}`).join('; ')}`,
  }
}

export function rejectionProblem(r: Rejection): Problem {
  return withIssues(r)
}

/** Why a merge was refused, from the details the server sends with its 409 (server/src/findings/merge.ts). */
function mergeConflict(d: Record<string, unknown>): Problem | null {
  if (typeof d.photos === 'number') return { key: 'review.errors.merge.photos', values: { n: d.photos } }
  if ('intoItemCode' in d) return { key: 'review.errors.merge.otherItem' }
  if ('intoDistrictCode' in d) return { key: 'review.errors.merge.otherDistrict' }
  if ('into' in d && d.status === 'voided') return { key: 'review.errors.merge.targetVoid' }
  if ('into' in d && d.status === 'rejected') return { key: 'review.errors.merge.targetRejected' }
  if ('id' in d && d.status === 'voided') return { key: 'review.errors.merge.sourceVoid' }
  return null
}

export function apiProblem(status: number, error: ApiError): Problem {
  const details = (error.details ?? {}) as Record<string, unknown> & { issues?: { field: string; zh: string; en: string }[] }
  if (status === 0 || (error.code === 'unavailable' && status !== 503)) return { key: 'review.errors.network' }
  switch (error.code) {
    case 'validation_failed':
      if (details.issues?.length) return withIssues({ code: error.code, zh: '输入有误', en: 'Invalid input', issues: details.issues })
      return { key: 'review.errors.invalid', values: { message: error.message } }
    case 'unauthorized':
      return { key: 'review.errors.signIn' }
    case 'forbidden':
      return { key: 'review.errors.forbidden' }
    case 'not_found':
      return { key: 'review.errors.notFound' }
    case 'conflict':
      return mergeConflict(details) ?? { key: 'review.errors.conflict', values: { message: error.message } }
    case 'rate_limited':
      return { key: 'review.errors.rateLimited' }
    case 'upgrade_required':
      return { key: 'review.errors.upgrade' }
    case 'unavailable':
    case 'internal':
      return { key: 'review.errors.server', values: { status } }
    default:
      return { key: 'review.errors.other', values: { message: error.message || `HTTP ${status}` } }
  }
}

/** The problem in the current language. */
export function describeProblem(p: Problem, t: (key: string, values?: Record<string, unknown>) => string, locale: string): string {
  if ('key' in p) return t(p.key, p.values ?? {})
  return locale === 'en' ? p.en : p.zh
}
