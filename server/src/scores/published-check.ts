// Whether a published month still holds: the month recomputed from today's stored inputs under the policy
// version it was frozen with, compared with what was frozen (DESIGN.md §3: "so it can be recomputed and checked").
import { canonicalJson, computeMonth, type MonthResult } from '@shared/scoring'
import type { Queryable } from '../db/schema'
import { scoring } from './engine-error'
import { monthInput, policyVersion, requirePolicy, type MonthData } from './month-data'
import type { PublishedMonth } from './published'

export interface PublishedCheck {
  /** The month recomputed now, mode published, under the frozen policy version, with its input hash. */
  recomputed: MonthResult
  currentInputHash: string
  /** The counted inputs (records, policy, districts) are the ones that were frozen. */
  inputHashMatches: boolean
  /** The recomputed result equals the frozen one, explanation included. */
  resultMatches: boolean
  /** Districts whose recomputed row differs from the frozen row (or exists on one side only). */
  changedDistricts: string[]
  /** False when the frozen policy version is no longer stored; the policy in force was used instead. */
  frozenPolicyStored: boolean
  policyInForce: number | null
  /** The policy in force for the month now has another version than the one frozen. */
  policyChanged: boolean
}

export async function checkPublished(db: Queryable, pub: PublishedMonth, data: MonthData): Promise<PublishedCheck> {
  const frozen = await policyVersion(db, pub.policyVersion)
  const policy = frozen ?? requirePolicy(data)
  const recomputed = scoring(() => computeMonth(monthInput(data, 'published', policy), { inputHash: true }))
  // Compare as stored: through JSON, as the frozen copy went.
  const plain = JSON.parse(JSON.stringify(recomputed)) as MonthResult
  const frozenRows = new Map(pub.result.districts.map((d) => [d.districtCode, canonicalJson(d)]))
  const nowRows = new Map(plain.districts.map((d) => [d.districtCode, canonicalJson(d)]))
  const changedDistricts = [...new Set([...frozenRows.keys(), ...nowRows.keys()])].filter((code) => frozenRows.get(code) !== nowRows.get(code)).sort()
  const policyInForce = data.policyInForce?.version ?? null
  return {
    recomputed,
    currentInputHash: recomputed.inputHash!,
    inputHashMatches: recomputed.inputHash === pub.inputHash,
    resultMatches: canonicalJson(plain) === canonicalJson(pub.result),
    changedDistricts,
    frozenPolicyStored: frozen !== undefined,
    policyInForce,
    policyChanged: policyInForce !== pub.policyVersion,
  }
}
