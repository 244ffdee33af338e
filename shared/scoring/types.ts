// Inputs and results of the scoring engine. Results are plain JSON: points in thousandths as integers,
// exact values as "num/den" fractions of a point beside display strings, money in integer fen.
import type {
  Checklist,
  ChecklistItem,
  Complaint,
  DistrictCode,
  Finding,
  FindingStatus,
  FundingBudget,
  Line,
  MediaExposure,
  RankingGroup,
  ScoringPolicy,
  SurveyScore,
} from '../domain'

export type ScoringMode = 'published' | 'preliminary'

/** The fields of a finding the engine reads; a full Finding fits. */
export type ScoringFinding = Pick<
  Finding,
  'id' | 'checklistId' | 'checklistVersion' | 'itemCode' | 'line' | 'districtCode' | 'deduction' | 'recordedAt' | 'status'
>
/** The fields of a checklist version the engine reads (item caps); a full Checklist fits. */
export type ScoringChecklist = Pick<Checklist, 'id' | 'version' | 'line'> & {
  items: readonly Pick<ChecklistItem, 'code' | 'monthlyCap'>[]
}
export type ScoringComplaint = Pick<
  Complaint,
  'id' | 'districtCode' | 'receivedAt' | 'accepted' | 'handlingDeadline' | 'handledAt' | 'satisfied'
>
export type ScoringMedia = Pick<MediaExposure, 'id' | 'districtCode' | 'month' | 'deduction'>
export type ScoringSurvey = Pick<SurveyScore, 'districtCode' | 'month' | 'score'>
export type ScoringBudget = Pick<FundingBudget, 'districtCode' | 'month' | 'line' | 'amountFen'>

/** One supervised round that found a sheet still overdue; round 1 is its deadline passing at `at`. */
export interface OverdueRoundInput {
  orderId: string
  districtCode: DistrictCode
  /** The line the sheet's finding belongs to; the penalty is deducted there. */
  line: Line
  round: number
  at: string
}

export interface MonthInput {
  month: string
  mode: ScoringMode
  policy: ScoringPolicy
  /** Districts to score; each gets a result, with or without records. */
  districtCodes: readonly DistrictCode[]
  checklists: readonly ScoringChecklist[]
  findings: readonly ScoringFinding[]
  overdueRounds?: readonly OverdueRoundInput[]
  complaints?: readonly ScoringComplaint[]
  media?: readonly ScoringMedia[]
  surveys?: readonly ScoringSurvey[]
  budgets?: readonly ScoringBudget[]
}

/** An exact value in points ("num/den") and its display, rounded half-up. */
export interface Figure {
  exact: string
  display: string
}

export interface ItemResult {
  itemCode: string
  /** The checklist version whose cap applied. */
  checklistId: string
  checklistVersion: number
  /** `newest_of_several_versions`: the month's findings recorded several versions and the newest one's cap applied. */
  capRule: 'recorded_version' | 'newest_of_several_versions'
  versionsSeen: { checklistId: string; version: number }[]
  /** Monthly cap, thousandths. */
  cap: number
  /** Sum of the findings' deductions before the cap. */
  rawTotal: number
  /** min(rawTotal, cap): what the line loses for this item. */
  counted: number
  capBit: boolean
  findingIds: string[]
}

export interface PenaltyResult {
  orderId: string
  round: number
  at: string
  /** Thousandths: overduePenalty × escalation^(round − 1). */
  amount: number
}

export interface LineResult {
  line: Line
  weight: number
  start: number
  itemsDeducted: number
  penaltiesDeducted: number
  /** max(0, start − itemsDeducted − penaltiesDeducted), thousandths. */
  score: number
  display: string
  items: ItemResult[]
  penalties: PenaltyResult[]
}

export interface ComplaintResult {
  score: Figure
  none: boolean
  counts: {
    received: number
    accepted: number
    handled: number
    handledOnTime: number
    /** Handled complaints that had no deadline; they count as on time. */
    handledWithoutDeadline: number
    rated: number
    satisfied: number
  }
  /** Each rate is 1 when its denominator is zero. */
  rates: { acceptance: Figure; onTime: Figure; satisfaction: Figure }
  complaintIds: string[]
}

export interface MediaResult {
  score: number
  display: string
  start: number
  /** Sum of the month's exposure deductions, thousandths, before the floor at 0. */
  deductions: number
  exposureIds: string[]
}

export interface SurveyResult {
  /** Thousandths; counted as 100 points (100000) when missing. */
  score: number
  display: string
  missing: boolean
}

export interface CompositeResult {
  exact: string
  /** Rounded half-up to 0.01, as integer hundredths: the published figure. */
  hundredths: number
  display: string
}

export interface FundingResult {
  line: Line
  budgetFen: number
  atStakeFen: number
  paidFen: number
  withheldFen: number
  /** Share of the at-stake amount paid: 1, or max(floor, 1 − perPoint × (threshold − composite)). */
  factor: Figure
  full: boolean
}

export type IgnoreReason =
  | 'unknown_checklist'
  | 'unknown_version'
  | 'unknown_item'
  | 'line_mismatch'
  | 'invalid_deduction'
  | 'invalid_time'

export interface IgnoredFinding {
  id: string
  reason: IgnoreReason
  detail: string
}

export interface DistrictMonthResult {
  districtCode: DistrictCode
  /** Parts that were missing and filled with a default; a month with any cannot be published. */
  incomplete: 'survey'[]
  composite: CompositeResult
  professional: Figure & { lines: LineResult[] }
  social: { mean: Figure; complaints: ComplaintResult; media: MediaResult; survey: SurveyResult }
  funding: FundingResult[]
  /** Funded lines with no budget for the month. */
  unbudgetedLines: Line[]
  ignoredFindings: IgnoredFinding[]
  /** Findings of the district and month whose status does not count in this mode, by status. */
  notCounted: Partial<Record<FindingStatus, string[]>>
}

export interface DuplicateNote {
  kind: 'finding' | 'checklist' | 'overdue_round' | 'complaint' | 'media' | 'survey' | 'budget'
  key: string
  copies: number
}

export interface MonthWeights {
  lines: Record<Line, number>
  professionalShare: string
  socialShare: string
  complaints: { acceptance: string; onTime: string; satisfaction: string }
}

export interface MonthResult {
  kind: 'month'
  month: string
  mode: ScoringMode
  /** True when unconfirmed (submitted, sent back) findings were counted. */
  preliminary: boolean
  /** False when any district is incomplete. */
  complete: boolean
  policyVersion: number
  timeZone: string
  /** The month in the city's zone as UTC instants, [start, end). */
  window: { start: string; end: string }
  weights: MonthWeights
  districts: DistrictMonthResult[]
  /** Records that appeared more than once; one copy (the JSON-last) was used. */
  duplicates: DuplicateNote[]
  /** SHA-256 of the canonical JSON of the inputs that count (see input-hash.ts). */
  inputHash?: string
}

export interface QuarterInput {
  quarter: string
  policy: ScoringPolicy
  /** Published month results covering the quarter's three months. */
  months: readonly MonthResult[]
}

export type TieBreak = 'mean' | 'professional' | 'media' | 'code'

export interface QuarterDistrictResult {
  districtCode: DistrictCode
  /** Rank within the group, 1 first; null when the district is in no ranking group. */
  rank: number | null
  reward: boolean
  /** Exact mean of the three published (rounded) composites, display to 0.01. */
  mean: Figure
  monthly: { month: string; hundredths: number; display: string }[]
  professionalMean: Figure
  /** Media deduction points over the quarter, thousandths. */
  mediaDeductions: number
  /** Which rule placed this district below the one ranked just above it; null for the first. */
  decidedBy: TieBreak | null
}

export interface QuarterResult {
  kind: 'quarter'
  quarter: string
  months: string[]
  policyVersion: number
  rewardTop: number
  groups: (Pick<RankingGroup, 'id' | 'name'> & { ranking: QuarterDistrictResult[] })[]
  /** Districts with results but in no ranking group: shown, not ranked. */
  ungrouped: QuarterDistrictResult[]
}
