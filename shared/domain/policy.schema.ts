// The scoring policy: every number of the scoring model, versioned and editable by an administrator.
import { z } from 'zod'
import { Decimal, DistrictCode, Month, Points } from './common.schema'
import { Line, FUNDED_LINES } from './line.schema'
import { bilingual } from '../validation'

const LineWeights = z.strictObject({
  sanitation: z.number().int().min(0).max(1000),
  landscaping: z.number().int().min(0).max(1000),
  roads: z.number().int().min(0).max(1000),
  appearance: z.number().int().min(0).max(1000),
  enforcement: z.number().int().min(0).max(1000),
})

export const RankingGroup = z.strictObject({
  id: z.string().min(1).max(40),
  name: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }),
  districtCodes: z.array(DistrictCode).min(1),
})
export type RankingGroup = z.infer<typeof RankingGroup>

export const ScoringPolicy = z.strictObject({
  version: z.number().int().min(1),
  effectiveFrom: Month,
  /** IANA zone of the city: months, deadlines and "today" are reckoned here. */
  timeZone: z.string().min(1).max(60),
  /** Each line of each district starts here each month (thousandths). */
  lineStart: Points,
  /** Relative weights of the lines in the professional score. */
  lineWeights: LineWeights.refine(
    (w) => Object.values(w).some((v) => v > 0),
    bilingual('至少一个专业的权重须大于 0', 'at least one line weight must be positive'),
  ),
  /** Share of the professional score in the composite; the social scores share the rest equally. */
  professionalShare: Decimal,
  complaintWeights: z.strictObject({ acceptance: Decimal, onTime: Decimal, satisfaction: Decimal }),
  /** The media score starts here each month (thousandths). */
  mediaStart: Points,
  funding: z.strictObject({
    /** Composite at or above which the at-stake amount is paid in full. */
    threshold: Decimal,
    /** Share of the month's budget tied to the score. */
    atStakeShare: Decimal,
    /** Share of the at-stake amount withheld per point below the threshold. */
    perPoint: Decimal,
    /** Least share of the at-stake amount paid however low the score. */
    floor: Decimal,
    lines: z.array(Line).min(1).default([...FUNDED_LINES]),
  }),
  rectification: z.strictObject({
    /** Penalty when a sheet's deadline passes unrectified (thousandths). */
    overduePenalty: Points,
    /** Each further supervised round still overdue multiplies the previous penalty by this. */
    escalation: z.number().int().min(1).max(10),
  }),
  ranking: z.strictObject({ groups: z.array(RankingGroup).min(1), rewardTop: z.number().int().min(0).max(20) }),
  /** A finding whose device clock disagrees with the server's receipt by more than this is flagged. */
  clockToleranceMinutes: z.number().int().min(1).max(7 * 24 * 60),
  /** GPS accuracy beyond which the tablet warns (metres). */
  gpsAccuracyWarnMetres: z.number().int().min(1).max(10_000),
  /** Days after a month is published in which a district may appeal. */
  appealWindowDays: z.number().int().min(0).max(90),
})
export type ScoringPolicy = z.infer<typeof ScoringPolicy>

export const HARBIN_DISTRICT_CODES = [
  '230102', '230103', '230104', '230108', '230109', '230110', '230111', '230112', '230113',
] as const

/** DESIGN.md §3 defaults. */
export const DEFAULT_POLICY: ScoringPolicy = {
  version: 1,
  effectiveFrom: '2026-01',
  timeZone: 'Asia/Shanghai',
  lineStart: 100_000,
  lineWeights: { sanitation: 30, landscaping: 20, roads: 20, appearance: 20, enforcement: 10 },
  professionalShare: '0.8',
  complaintWeights: { acceptance: '0.3', onTime: '0.4', satisfaction: '0.3' },
  mediaStart: 100_000,
  funding: { threshold: '90', atStakeShare: '0.2', perPoint: '0.05', floor: '0', lines: [...FUNDED_LINES] },
  rectification: { overduePenalty: 500, escalation: 2 },
  ranking: {
    groups: [{ id: 'all', name: { zh: '全市', en: 'City' }, districtCodes: [...HARBIN_DISTRICT_CODES] }],
    rewardTop: 3,
  },
  clockToleranceMinutes: 30,
  gpsAccuracyWarnMetres: 50,
  appealWindowDays: 5,
}

export const FundingBudget = z.strictObject({
  districtCode: DistrictCode,
  month: Month,
  line: Line,
  /** The month's operation and maintenance budget for this line, fen. */
  amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
})
export type FundingBudget = z.infer<typeof FundingBudget>
