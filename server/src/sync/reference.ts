// Reference data a push checks findings against, loaded once per push.
import type { Checklist, ChecklistItem, District, ScoringPolicy } from '@shared/domain'
import { DEFAULT_POLICY } from '@shared/domain'
import type { Queryable } from '../db/schema'
import { listDistricts } from '../repos/districts.repo'
import { listChecklists, policyFor } from '../repos/reference.repo'

export interface Reference {
  item(checklistId: string, version: number, code: string): { checklist: Checklist; item: ChecklistItem } | undefined
  districts: District[]
  districtCodes: Set<string>
  policy: ScoringPolicy
}

export async function loadReference(db: Queryable, month: string): Promise<Reference> {
  const [checklists, districts, policy] = await Promise.all([listChecklists(db), listDistricts(db), policyFor(db, month)])
  const items = new Map<string, { checklist: Checklist; item: ChecklistItem }>()
  for (const checklist of checklists) {
    for (const item of checklist.items) items.set(`${checklist.id}/${checklist.version}/${item.code}`, { checklist, item })
  }
  return {
    item: (id, version, code) => items.get(`${id}/${version}/${code}`),
    districts,
    districtCodes: new Set(districts.map((d) => d.code)),
    policy: policy ?? DEFAULT_POLICY,
  }
}
