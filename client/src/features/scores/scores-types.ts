// The JSON of /api/scores as the server builds it (server/src/scores/month-view.ts, district-view.ts,
// funding-table.ts, quarter-view.ts): the engine's results from @shared/scoring wrapped with what the screen
// needs beside them — publication, notes, names, and the findings behind a district's figures.
import type { FindingStatus, Line, Name } from '@shared/domain'
import type { DistrictMonthResult, Figure, MonthResult, MonthWeights, QuarterResult } from '@shared/scoring'

export interface Publication {
  policyVersion: number
  inputHash: string
  publishedAt: string
  publishedBy: { id: string; displayName: string | null }
}

export interface Unconfirmed {
  districtCode: string
  submitted: number
  sentBack: number
}

export interface ScoredMonth {
  result: MonthResult
  unconfirmed: Unconfirmed[]
}

export interface MonthView extends ScoredMonth {
  month: string
  published: Publication | null
  /** `frozen`: the published result as stored; `live`: computed now. */
  source: 'frozen' | 'live'
  note: Name
  changedSincePublished?: boolean
  /** With changedSincePublished: today's inputs scored preliminary, beside the frozen result. */
  current?: ScoredMonth
  districtNames: Record<string, Name>
}

export interface FindingUsed {
  id: string
  line: Line
  itemCode: string
  checklistVersion: number
  street: string
  quantity: number
  deduction: number
  recordedAt: string
  status: FindingStatus
}

export interface DistrictView {
  month: string
  district: { code: string; name: Name }
  published: Publication | null
  source: MonthView['source']
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
  current?: { result: DistrictMonthResult; unconfirmed: Unconfirmed | null }
  findings: FindingUsed[]
}

export interface QuarterView {
  quarter: string
  months: ({ month: string } & Publication)[]
  result: QuarterResult
  districtNames: Record<string, Name>
}

export interface Verification {
  month: string
  matches: boolean
  inputHashMatches: boolean
  resultMatches: boolean
  changedDistricts: string[]
  storedInputHash: string
  currentInputHash: string
}

export type { Figure }
