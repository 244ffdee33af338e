// Checking a published month: recompute it from today's stored inputs and say whether hash and result still match.
import type { Db } from '../db/database'
import { ApiError } from '../http/api-error'
import { loadMonthData } from './month-data'
import { publication, type Publication } from './month-view'
import { checkPublished, type PublishedCheck } from './published-check'
import { publishedMonth } from './published'
import { snapshot } from './snapshot'

export interface Verification extends Omit<PublishedCheck, 'recomputed'> {
  month: string
  published: Publication
  storedInputHash: string
  /** Input hash and result both match: the frozen month is what its stored inputs give. */
  matches: boolean
}

export function verifyMonth(db: Db, month: string): Promise<Verification> {
  return snapshot(db, async (tx) => {
    const pub = await publishedMonth(tx, month)
    if (!pub) throw new ApiError('not_found', `${month} is not published: there is nothing frozen to verify`, { reason: 'not_published', month })
    const { recomputed: _, ...check } = await checkPublished(tx, pub, await loadMonthData(tx, month))
    return { month, published: publication(pub), storedInputHash: pub.inputHash, ...check, matches: check.inputHashMatches && check.resultMatches }
  })
}
