// The policy's decimal numbers as exact fractions, checked once so that every score stays within 0–100.
import type { ScoringPolicy } from '../domain'
import { LINES, type Line } from '../domain/line.schema'
import { localParts } from '../time/zone'
import { ScoringInputError } from './errors'
import { Rational } from './rational'

export interface PolicyNumbers {
  professionalShare: Rational
  socialShare: Rational
  complaint: { acceptance: Rational; onTime: Rational; satisfaction: Rational }
  threshold: Rational
  atStakeShare: Rational
  perPoint: Rational
  floor: Rational
  lineWeights: Record<Line, number>
  lineWeightTotal: number
}

function decimal(policy: ScoringPolicy, field: string, text: string): Rational {
  try {
    return Rational.fromDecimalString(text)
  } catch {
    throw new ScoringInputError('invalid_policy', `policy ${field} is not a decimal: ${JSON.stringify(text)}`, { field })
  }
}

function atMostOne(field: string, r: Rational): Rational {
  if (r.num < 0n || r.compare(Rational.ONE) > 0) {
    throw new ScoringInputError('invalid_policy', `policy ${field} must lie between 0 and 1, got ${r.toFixed(6)}`, { field })
  }
  return r
}

/** Parses and checks a policy's numbers; throws ScoringInputError('invalid_policy') naming the field. */
export function policyNumbers(policy: ScoringPolicy): PolicyNumbers {
  try {
    localParts(0, policy.timeZone)
  } catch {
    throw new ScoringInputError('invalid_policy', `policy time zone is not a zone this runtime knows: ${JSON.stringify(policy.timeZone)}`, {
      field: 'timeZone',
    })
  }
  const professionalShare = atMostOne('professionalShare', decimal(policy, 'professionalShare', policy.professionalShare))
  const cw = policy.complaintWeights
  const complaint = {
    acceptance: decimal(policy, 'complaintWeights.acceptance', cw.acceptance),
    onTime: decimal(policy, 'complaintWeights.onTime', cw.onTime),
    satisfaction: decimal(policy, 'complaintWeights.satisfaction', cw.satisfaction),
  }
  const sum = complaint.acceptance.add(complaint.onTime).add(complaint.satisfaction)
  if (!sum.equals(Rational.ONE)) {
    throw new ScoringInputError('invalid_policy', `policy complaint weights must add up to 1, got ${sum.toFixed(6)}`, {
      field: 'complaintWeights',
    })
  }
  const lineWeights = { ...policy.lineWeights }
  let lineWeightTotal = 0
  for (const line of LINES) {
    const w = lineWeights[line]
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new ScoringInputError('invalid_policy', `policy line weight of ${line} must be a whole number ≥ 0`, { field: 'lineWeights' })
    }
    lineWeightTotal += w
  }
  if (lineWeightTotal === 0) {
    throw new ScoringInputError('invalid_policy', 'policy line weights must not all be 0', { field: 'lineWeights' })
  }
  for (const [field, v] of [['lineStart', policy.lineStart], ['mediaStart', policy.mediaStart]] as const) {
    if (!Number.isSafeInteger(v) || v < 0 || v > 100_000) {
      throw new ScoringInputError('invalid_policy', `policy ${field} must be 0–100000 thousandths`, { field })
    }
  }
  const f = policy.funding
  return {
    professionalShare,
    socialShare: Rational.ONE.sub(professionalShare),
    complaint,
    threshold: decimal(policy, 'funding.threshold', f.threshold),
    atStakeShare: atMostOne('funding.atStakeShare', decimal(policy, 'funding.atStakeShare', f.atStakeShare)),
    perPoint: decimal(policy, 'funding.perPoint', f.perPoint),
    floor: atMostOne('funding.floor', decimal(policy, 'funding.floor', f.floor)),
    lineWeights,
    lineWeightTotal,
  }
}
