// Rectification penalties: an overdue sheet deducts 0.5 in its line, doubling with each further overdue round.
import type { Line, ScoringPolicy } from '../domain'
import { instantMs } from '../time/instant'
import { dedupeBy } from './canonical-json'
import { ScoringInputError } from './errors'
import type { DuplicateNote, OverdueRoundInput, PenaltyResult } from './types'

const MAX = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * overduePenalty × escalation^(round − 1), thousandths: 500, 1000, 2000, … by default. Capped at 2^53 − 1,
 * far beyond any line's start, so the cap never changes a score (the line is already at 0).
 */
export function penaltyAmount(round: number, rectification: ScoringPolicy['rectification']): number {
  if (!Number.isSafeInteger(round) || round < 1) throw new ScoringInputError('invalid_input', `overdue round must be a whole number ≥ 1, got ${round}`)
  const amount = BigInt(rectification.overduePenalty) * BigInt(rectification.escalation) ** BigInt(round - 1)
  return Number(amount > MAX ? MAX : amount)
}

export interface PenaltySelection {
  /** Per district index, per line: the month's penalties sorted by order id and round. */
  byDistrict: Map<Line, PenaltyResult[]>[]
  /** The rounds that counted (for the input hash). */
  considered: OverdueRoundInput[]
  duplicates: DuplicateNote[]
}

/** The month's overdue rounds of the given districts, one per (order, round), each with its amount. */
export function selectPenalties(
  rounds: readonly OverdueRoundInput[],
  districtIndex: ReadonlyMap<string, number>,
  window: { startMs: number; endMs: number },
  policy: ScoringPolicy,
): PenaltySelection {
  // Zero-padded round keeps key order equal to (orderId, round) order.
  const { kept, duplicates } = dedupeBy(rounds, (r) => `${r.orderId}#${String(r.round).padStart(4, '0')}`, 'overdue_round')
  const byDistrict = Array.from({ length: districtIndex.size }, () => new Map<Line, PenaltyResult[]>())
  const considered: OverdueRoundInput[] = []
  for (const r of kept) {
    const d = districtIndex.get(r.districtCode)
    if (d === undefined) continue
    const t = instantMs(r.at)
    if (t !== t) throw new ScoringInputError('invalid_input', `overdue round ${r.orderId}#${r.round} has no valid time: ${JSON.stringify(r.at)}`)
    if (t < window.startMs || t >= window.endMs) continue
    considered.push(r)
    const penalty: PenaltyResult = { orderId: r.orderId, round: r.round, at: r.at, amount: penaltyAmount(r.round, policy.rectification) }
    const list = byDistrict[d].get(r.line)
    if (list) list.push(penalty)
    else byDistrict[d].set(r.line, [penalty])
  }
  return { byDistrict, considered, duplicates }
}
