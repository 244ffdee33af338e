// Reference data in storage: checklists, scoring policies, funding budgets.
import type { Checklist, FundingBudget, ScoringPolicy } from '@shared/domain'
import type { Queryable as Q } from '../db/schema'

export async function insertChecklists(db: Q, checklists: Checklist[], now: string): Promise<void> {
  if (!checklists.length) return
  await db
    .insertInto('checklists')
    .values(
      checklists.map((c) => ({
        id: c.id,
        version: c.version,
        line: c.line,
        name_zh: c.name.zh,
        name_en: c.name.en,
        effective_from: c.effectiveFrom,
        items: JSON.stringify(c.items),
        created_at: now,
      })),
    )
    .execute()
}

export async function listChecklists(db: Q): Promise<Checklist[]> {
  const rows = await db.selectFrom('checklists').selectAll().orderBy('line').orderBy('version').execute()
  return rows.map((r) => ({
    id: r.id,
    line: r.line as Checklist['line'],
    name: { zh: r.name_zh, en: r.name_en },
    version: r.version,
    effectiveFrom: r.effective_from,
    items: JSON.parse(r.items),
  }))
}

export async function insertPolicy(db: Q, policy: ScoringPolicy, now: string): Promise<void> {
  await db
    .insertInto('policies')
    .values({ version: policy.version, effective_from: policy.effectiveFrom, body: JSON.stringify(policy), created_at: now })
    .execute()
}

/** The policy in force for a month: the newest version effective on or before it. */
export async function policyFor(db: Q, month: string): Promise<ScoringPolicy | undefined> {
  const row = await db
    .selectFrom('policies')
    .select('body')
    .where('effective_from', '<=', month)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? JSON.parse(row.body) : undefined
}

export async function insertBudgets(db: Q, budgets: FundingBudget[]): Promise<void> {
  if (!budgets.length) return
  await db
    .insertInto('funding_budgets')
    .values(budgets.map((b) => ({ district_code: b.districtCode, month: b.month, line: b.line, amount_fen: b.amountFen })))
    .execute()
}
