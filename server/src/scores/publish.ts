// Publishing a month: compute it counting confirmed findings only, refuse an incomplete or already published
// month, and freeze the result with its policy version and input hash. Nobody writes a score any other way.
import { computeMonth } from '@shared/scoring'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import { ApiError } from '../http/api-error'
import { scoring } from './engine-error'
import { loadMonthData, monthInput, requirePolicy } from './month-data'
import { insertPublishedMonth, publishedMonth } from './published'
import { snapshot } from './snapshot'

function alreadyPublished(month: string, at: string): ApiError {
  return new ApiError('conflict', `${month} was published on ${at.slice(0, 10)}; a published month is frozen and cannot be published again`, {
    reason: 'already_published',
    month,
    publishedAt: at,
  })
}

/** Two publishers racing: the loser's insert hits the month's primary key (or PostgreSQL's snapshot check). */
function isConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e?.code === '23505' || e?.code === '40001' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '')
}

export async function publishMonth(db: Db, month: string, user: AuthUser, now = Date.now()): Promise<void> {
  try {
    // Read, score, hash and store in one transaction: the frozen hash is the hash of exactly what was scored.
    await snapshot(db, async (tx) => {
      const existing = await publishedMonth(tx, month)
      if (existing) throw alreadyPublished(month, existing.publishedAt)
      const data = await loadMonthData(tx, month)
      const policy = requirePolicy(data)
      const result = scoring(() => computeMonth(monthInput(data, 'published', policy), { inputHash: true }))
      // Findings of a month keep arriving until it ends (and after, from offline tablets: changedSincePublished
      // and verify show those); freezing a month still under way is never what a supervisor means.
      if (Date.parse(result.window.end) > now) {
        throw new ApiError('conflict', `${month} has not ended yet in ${policy.timeZone}; publish it once the month is over`, { reason: 'month_not_over', month })
      }
      if (!result.complete) {
        const names = new Map(data.districts.map((d) => [d.code, d.name]))
        const incomplete = result.districts
          .filter((d) => d.incomplete.length > 0)
          .map((d) => ({ districtCode: d.districtCode, name: names.get(d.districtCode), missing: d.incomplete }))
        const list = incomplete.map((d) => `${d.districtCode} ${d.name?.zh ?? ''} (${d.missing.join(', ')})`).join('; ')
        throw new ApiError('conflict', `${month} cannot be published: ${incomplete.length} district(s) incomplete — ${list}`, { reason: 'incomplete', month, incomplete })
      }
      await insertPublishedMonth(tx, {
        month,
        policyVersion: policy.version,
        inputHash: result.inputHash!,
        result,
        publishedBy: user.id,
        publishedAt: new Date(now).toISOString(),
      })
    })
  } catch (err) {
    if (!(err instanceof ApiError) && isConflict(err)) {
      const winner = await publishedMonth(db.kysely, month)
      if (winner) throw alreadyPublished(month, winner.publishedAt)
    }
    throw err
  }
}
