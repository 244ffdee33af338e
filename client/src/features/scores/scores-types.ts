// The JSON of /api/scores as the server builds it (server/src/scores/month-view.ts, district-view.ts,
// funding-table.ts, quarter-view.ts): the engine's results from @shared/scoring wrapped with what the screen
// needs beside them — publication, notes, names, and the findings behind a district's figures.
import type { Publication, Unconfirmed } from '@shared/api/scores'
import type { Name } from '@shared/domain'
import type { Figure, MonthResult, QuarterResult } from '@shared/scoring'

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

export type { DistrictView, FindingUsed, Publication, Unconfirmed } from '@shared/api/scores'
export type { Figure }
