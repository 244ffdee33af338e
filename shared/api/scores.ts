// One district's month as GET /api/scores/months/:month/districts/:code answers it (built by
// server/src/scores/district-view.ts): the engine's result with what explains it.
import type { FindingStatus, Line, Name } from '../domain'
import type { DistrictMonthResult, MonthResult, MonthWeights } from '../scoring/types'

/** Who published a month, and what: the policy and the hash of the inputs the frozen result was computed from. */
export interface Publication {
  policyVersion: number
  inputHash: string
  publishedAt: string
  publishedBy: { id: string; displayName: string | null }
}

/** Findings a preliminary result counts although no supervisor has confirmed them yet. */
export interface Unconfirmed {
  districtCode: string
  submitted: number
  sentBack: number
}

/** A finding counted in the district's figures. */
export interface FindingUsed {
  id: string
  line: Line
  itemCode: string
  checklistVersion: number
  street: string
  quantity: number
  /** Thousandths of a point. */
  deduction: number
  recordedAt: string
  /** As stored now: a finding counted in a frozen month may have been voided or edited since. */
  status: FindingStatus
}

export interface DistrictView {
  month: string
  district: { code: string; name: Name }
  published: Publication | null
  /** `frozen`: the published result as stored; `live`: computed now. */
  source: 'frozen' | 'live'
  note: Name
  mode: MonthResult['mode']
  preliminary: boolean
  policyVersion: number
  timeZone: string
  window: MonthResult['window']
  weights: MonthWeights
  result: DistrictMonthResult
  unconfirmed: Unconfirmed | null
  changedSincePublished?: boolean
  /** With changedSincePublished: today's inputs scored preliminary, beside the frozen result. */
  current?: { result: DistrictMonthResult; unconfirmed: Unconfirmed | null }
  findings: FindingUsed[]
}
