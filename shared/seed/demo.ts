// A deterministic demo month for Harbin: findings and reviews, complaints, media exposures, survey scores and
// budgets, every record valid against its schema. The same month and seed always give the same data.
import type { Finding } from '../domain/finding.schema'
import { Month } from '../domain/common.schema'
import type { FundingBudget } from '../domain/policy.schema'
import type { Review } from '../domain/review.schema'
import type { Complaint, MediaExposure, SurveyScore } from '../domain/social.schema'
import { demoFindings } from './demo-findings'
import { DISTRICT_PROFILES } from './demo-profiles'
import { demoComplaints, demoFundingBudgets, demoMediaExposures, demoSurveyScores } from './demo-social'
import { harbinDistrictCenters, harbinDistricts } from './districts'
import { createRng, hashString } from './prng'

export const DEFAULT_DEMO_SEED = 2026

export interface DemoData {
  month: string
  seed: number
  findings: Finding[]
  /** The supervisor's decision on every finding that is not merely submitted. */
  reviews: Review[]
  complaints: Complaint[]
  mediaExposures: MediaExposure[]
  surveyScores: SurveyScore[]
  fundingBudgets: FundingBudget[]
}

/**
 * The demo month `YYYY-MM` (Asia/Shanghai). The seed is mixed with the month, so consecutive months differ while each
 * stays reproducible. Photos are empty: the seed carries no photo bytes.
 */
export function demoData(month: string, seed: number = DEFAULT_DEMO_SEED): DemoData {
  Month.parse(month)
  const [year, m] = month.split('-').map(Number)
  const rng = createRng(hashString(month) ^ Math.imul(seed >>> 0, 0x9e3779b1))
  const districts = harbinDistricts()
  const centers = harbinDistrictCenters()
  const { findings, reviews } = demoFindings(rng, year, m, DISTRICT_PROFILES, districts, centers)
  return {
    month,
    seed,
    findings,
    reviews,
    complaints: demoComplaints(rng, year, m, DISTRICT_PROFILES, districts, centers),
    mediaExposures: demoMediaExposures(rng, year, m, month, DISTRICT_PROFILES),
    surveyScores: demoSurveyScores(rng, year, m, month, DISTRICT_PROFILES),
    fundingBudgets: demoFundingBudgets(month, DISTRICT_PROFILES),
  }
}
