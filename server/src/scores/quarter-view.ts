// A quarter: the engine's ranking over the three published months, refused while any of them is unpublished.
import type { Name } from '@shared/domain'
import { computeQuarter, type QuarterResult } from '@shared/scoring'
import { monthsOfQuarter } from '@shared/time'
import type { Db } from '../db/database'
import { ApiError } from '../http/api-error'
import { policyFor } from '../repos/reference.repo'
import { scoring } from './engine-error'
import { listDistrictInfo } from './month-data'
import { publication, type Publication } from './month-view'
import { publishedMonths } from './published'
import { snapshot } from './snapshot'

export interface QuarterView {
  quarter: string
  months: ({ month: string } & Publication)[]
  result: QuarterResult
  districtNames: Record<string, Name>
}

export function quarterView(db: Db, quarter: string): Promise<QuarterView> {
  return snapshot(db, async (tx) => {
    const labels = monthsOfQuarter(quarter)
    const published = await publishedMonths(tx, labels)
    const missing = labels.filter((m) => !published.has(m))
    if (missing.length > 0) {
      throw new ApiError('conflict', `${quarter} is ranked on its three published months; not published yet: ${missing.join(', ')}`, {
        reason: 'months_not_published',
        quarter,
        notPublished: missing,
      })
    }
    // The ranking groups and the number rewarded are those of the policy in force at the quarter's end,
    // when the quarterly review meets.
    const policy = await policyFor(tx, labels[2])
    if (!policy) throw new ApiError('conflict', `No scoring policy is in force for ${labels[2]}`, { reason: 'no_policy', month: labels[2] })
    const result = scoring(() => computeQuarter({ quarter, policy, months: labels.map((m) => published.get(m)!.result) }))
    const districts = await listDistrictInfo(tx)
    return {
      quarter,
      months: labels.map((m) => ({ month: m, ...publication(published.get(m)!) })),
      result,
      districtNames: Object.fromEntries(districts.map((d) => [d.code, d.name])),
    }
  })
}
