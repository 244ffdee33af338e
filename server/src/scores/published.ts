// Published months in storage: the frozen result with the policy version and input hash it was computed from.
import type { MonthResult } from '@shared/scoring'
import type { Queryable } from '../db/schema'

export interface PublishedMonth {
  month: string
  policyVersion: number
  inputHash: string
  result: MonthResult
  publishedBy: { id: string; displayName: string | null }
  publishedAt: string
}

/** The published months among `months`, by month. */
export async function publishedMonths(db: Queryable, months: readonly string[]): Promise<Map<string, PublishedMonth>> {
  if (months.length === 0) return new Map()
  const rows = await db
    .selectFrom('published_months as p')
    .leftJoin('users as u', 'u.id', 'p.published_by')
    .select(['p.month', 'p.policy_version', 'p.input_hash', 'p.result', 'p.published_by', 'p.published_at', 'u.display_name'])
    .where('p.month', 'in', [...months])
    .execute()
  return new Map(
    rows.map((r) => [
      r.month,
      {
        month: r.month,
        policyVersion: r.policy_version,
        inputHash: r.input_hash,
        result: JSON.parse(r.result) as MonthResult,
        publishedBy: { id: r.published_by, displayName: r.display_name },
        publishedAt: r.published_at,
      },
    ]),
  )
}

export async function publishedMonth(db: Queryable, month: string): Promise<PublishedMonth | undefined> {
  return (await publishedMonths(db, [month])).get(month)
}

export async function insertPublishedMonth(db: Queryable, p: Omit<PublishedMonth, 'publishedBy'> & { publishedBy: string }): Promise<void> {
  await db
    .insertInto('published_months')
    .values({
      month: p.month,
      policy_version: p.policyVersion,
      input_hash: p.inputHash,
      result: JSON.stringify(p.result),
      published_by: p.publishedBy,
      published_at: p.publishedAt,
    })
    .execute()
}
