// computeMonth: every district's monthly result, with its explanation and, when published, the input hash.
import type { Line } from '../domain'
import { composite, funding } from './composite'
import { figure } from './figure'
import { hashSelection } from './input-hash'
import { lineResults, professionalScore } from './lines'
import { Rational } from './rational'
import { selectMonth, type MonthSelection } from './select'
import { complaintScore, mediaScore, socialMean, surveyScore } from './social'
import type { DistrictMonthResult, MonthInput, MonthResult } from './types'

function districtResult(sel: MonthSelection, d: number): DistrictMonthResult {
  const { input, numbers } = sel
  const lines = lineResults(d, sel.tally, sel.catalog, sel.penalties.byDistrict[d], input.policy.lineStart, numbers)
  const professional = professionalScore(lines, numbers)
  const complaints = complaintScore(sel.complaints[d], numbers)
  const media = mediaScore(sel.media[d], input.policy.mediaStart)
  const survey = surveyScore(sel.surveys[d])
  const mean = socialMean(Rational.parse(complaints.score.exact), media.score, survey.score)
  const comp = composite(professional, mean, numbers)
  const budgets = sel.budgets[d]
  const fundedLines = [...new Set(input.policy.funding.lines)]
  return {
    districtCode: sel.districtCodes[d],
    incomplete: survey.missing ? ['survey'] : [],
    composite: comp,
    professional: { ...figure(professional), lines },
    social: { mean: figure(mean), complaints, media, survey },
    funding: fundedLines.filter((l) => budgets.has(l)).map((l) => funding(budgets.get(l)!, comp.hundredths, numbers)),
    unbudgetedLines: fundedLines.filter((l): l is Line => !budgets.has(l)),
    ignoredFindings: sel.tally.ignored[d],
    notCounted: sel.tally.notCounted[d],
  }
}

export interface ComputeMonthOptions {
  /** Compute the input hash; by default only for a published month (hashing 100,000 findings takes a while). */
  inputHash?: boolean
}

/**
 * Scores a month for the districts given (DESIGN.md §3). Mode `published` counts confirmed findings only;
 * `preliminary` also submitted and sent-back ones and says so. Throws ScoringInputError for an unusable
 * policy or month; records it cannot use are listed in the result, not thrown.
 */
export function computeMonth(input: MonthInput, options: ComputeMonthOptions = {}): MonthResult {
  const sel = selectMonth(input)
  const { policy } = input
  const districts = sel.districtCodes.map((_, d) => districtResult(sel, d))
  const result: MonthResult = {
    kind: 'month',
    month: input.month,
    mode: input.mode,
    preliminary: input.mode === 'preliminary',
    complete: districts.every((r) => r.incomplete.length === 0),
    policyVersion: policy.version,
    timeZone: policy.timeZone,
    window: { start: new Date(sel.window.startMs).toISOString(), end: new Date(sel.window.endMs).toISOString() },
    weights: {
      lines: { ...policy.lineWeights },
      professionalShare: policy.professionalShare,
      socialShare: sel.numbers.socialShare.toString(),
      complaints: { ...policy.complaintWeights },
    },
    districts,
    duplicates: sel.duplicates,
  }
  if (options.inputHash ?? input.mode === 'published') result.inputHash = hashSelection(sel)
  return result
}

/** The input hash a published month would carry, without scoring it. */
export function monthInputHash(input: MonthInput): string {
  return hashSelection(selectMonth(input))
}
