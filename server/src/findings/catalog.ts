// The reference data findings are shown with: checklist items by checklist version (names, units, per-unit
// deduction, cap) and the clock tolerance of the policy in force for each month. Both tables are small and are
// read whole once per request, so a list of any length costs the same two queries.
import { DEFAULT_POLICY, type Checklist, type ChecklistItem, type ScoringPolicy } from '@shared/domain'
import type { Queryable } from '../db/schema'
import { listChecklists } from '../repos/reference.repo'

export interface Catalog {
  item(checklistId: string, version: number, code: string): { checklist: Checklist; item: ChecklistItem } | undefined
  /** The policy in force for a month: the newest version effective on or before it, else the defaults. */
  policy(month: string): ScoringPolicy
  /** Whether a device clock this far from the server's (ms) is beyond the month's tolerance. */
  skewed(month: string, clockSkewMs: number): boolean
}

export async function loadCatalog(db: Queryable): Promise<Catalog> {
  const [checklists, policyRows] = await Promise.all([
    listChecklists(db),
    db.selectFrom('policies').select(['version', 'effective_from', 'body']).orderBy('version', 'desc').execute(),
  ])
  const items = new Map<string, { checklist: Checklist; item: ChecklistItem }>()
  for (const checklist of checklists) {
    for (const item of checklist.items) items.set(`${checklist.id}/${checklist.version}/${item.code}`, { checklist, item })
  }
  const policies = policyRows.map((r) => ({ effectiveFrom: r.effective_from, body: r.body }))
  const byMonth = new Map<string, ScoringPolicy>()
  // Same choice as repos/reference.repo.ts policyFor, without a query per month.
  const policy = (month: string): ScoringPolicy => {
    let p = byMonth.get(month)
    if (!p) {
      const row = policies.find((r) => r.effectiveFrom <= month)
      p = row ? (JSON.parse(row.body) as ScoringPolicy) : DEFAULT_POLICY
      byMonth.set(month, p)
    }
    return p
  }
  return {
    item: (id, version, code) => items.get(`${id}/${version}/${code}`),
    policy,
    skewed: (month, skew) => Math.abs(skew) > policy(month).clockToleranceMinutes * 60_000,
  }
}
