// The monthly composite and the funding it releases.
import { figure } from './figure'
import type { PolicyNumbers } from './policy-numbers'
import { Rational } from './rational'
import type { CompositeResult, FundingResult, ScoringBudget } from './types'

/** professionalShare × professional + (1 − professionalShare) × social mean, exact; rounded half-up to 0.01. */
export function composite(professional: Rational, social: Rational, numbers: PolicyNumbers): CompositeResult {
  const exact = numbers.professionalShare.mul(professional).add(numbers.socialShare.mul(social))
  const hundredths = exact.roundHalfUp(2)
  return { exact: exact.toString(), hundredths: Number(hundredths), display: Rational.fromScaled(hundredths, 2).toFixed(2) }
}

/**
 * Funding of one budget line from the published (rounded) composite: at-stake L = budget × atStakeShare,
 * half-up to the fen; at or above the threshold pays L, below pays L × max(floor, 1 − perPoint × shortfall),
 * half-up to the fen; withheld = L − paid.
 */
export function funding(budget: ScoringBudget, compositeHundredths: number, numbers: PolicyNumbers): FundingResult {
  const atStake = Rational.of(budget.amountFen).mul(numbers.atStakeShare).roundHalfUp(0)
  const score = Rational.fromScaled(compositeHundredths, 2)
  const full = score.compare(numbers.threshold) >= 0
  let factor = Rational.ONE
  if (!full) {
    const linear = Rational.ONE.sub(numbers.perPoint.mul(numbers.threshold.sub(score)))
    factor = Rational.min(Rational.ONE, Rational.max(numbers.floor, linear))
  }
  const paid = full ? atStake : Rational.of(atStake).mul(factor).roundHalfUp(0)
  return {
    line: budget.line,
    budgetFen: budget.amountFen,
    atStakeFen: Number(atStake),
    paidFen: Number(paid),
    withheldFen: Number(atStake - paid),
    factor: figure(factor, 6),
    full,
  }
}
