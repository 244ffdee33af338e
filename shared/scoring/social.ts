// The social scores of a district's month: complaints (rates), media (exposure deductions), survey team.
import { instantMs } from '../time/instant'
import { figure, points, showThousandths } from './figure'
import type { PolicyNumbers } from './policy-numbers'
import { Rational } from './rational'
import type { ComplaintResult, MediaResult, ScoringComplaint, ScoringMedia, ScoringSurvey, SurveyResult } from './types'

const HUNDRED = Rational.of(100)

/** part ÷ whole, or 1 when whole is 0 (DESIGN.md §3: a rate whose denominator is zero counts as 1). */
export function rate(part: number, whole: number): Rational {
  return whole === 0 ? Rational.ONE : Rational.of(part, whole)
}

/**
 * Complaints received in the month (already selected for the district): 100 × (wA·acceptance + wO·on-time +
 * wS·satisfaction), 100 when there were none. Handled complaints without a deadline count as on time.
 */
export function complaintScore(complaints: readonly ScoringComplaint[], numbers: PolicyNumbers): ComplaintResult {
  const counts = { received: 0, accepted: 0, handled: 0, handledOnTime: 0, handledWithoutDeadline: 0, rated: 0, satisfied: 0 }
  for (const c of complaints) {
    counts.received++
    if (c.accepted === true) counts.accepted++
    if (c.handledAt !== undefined) {
      counts.handled++
      if (c.handlingDeadline === undefined) {
        counts.handledWithoutDeadline++
        counts.handledOnTime++
      } else if (instantMs(c.handledAt) <= instantMs(c.handlingDeadline)) {
        counts.handledOnTime++
      }
    }
    if (c.satisfied !== undefined) {
      counts.rated++
      if (c.satisfied) counts.satisfied++
    }
  }
  const acceptance = rate(counts.accepted, counts.received)
  const onTime = rate(counts.handledOnTime, counts.handled)
  const satisfaction = rate(counts.satisfied, counts.rated)
  const w = numbers.complaint
  const score =
    counts.received === 0
      ? HUNDRED
      : HUNDRED.mul(w.acceptance.mul(acceptance).add(w.onTime.mul(onTime)).add(w.satisfaction.mul(satisfaction)))
  return {
    score: figure(score),
    none: counts.received === 0,
    counts,
    rates: { acceptance: figure(acceptance, 4), onTime: figure(onTime, 4), satisfaction: figure(satisfaction, 4) },
    complaintIds: complaints.map((c) => c.id),
  }
}

/** max(0, mediaStart − the month's exposure deductions). */
export function mediaScore(exposures: readonly ScoringMedia[], mediaStart: number): MediaResult {
  const deductions = exposures.reduce((sum, e) => sum + e.deduction, 0)
  const score = Math.max(0, mediaStart - deductions)
  return { score, display: showThousandths(score), start: mediaStart, deductions, exposureIds: exposures.map((e) => e.id) }
}

/** The survey team's score; 100 when missing (and the district is then marked incomplete). */
export function surveyScore(survey: ScoringSurvey | undefined): SurveyResult {
  const score = survey ? survey.score : 100_000
  return { score, display: showThousandths(score), missing: survey === undefined }
}

/** Mean of the three social scores, exact, in points. */
export function socialMean(complaints: Rational, media: number, survey: number): Rational {
  return complaints.add(points(media)).add(points(survey)).div(Rational.of(3))
}
