// How a granted appeal changed the district's month, in the words both sides read: the deduction it removed and
// the composite before → after with the change signed. Exact arithmetic: "92.35" → "92.59" is +0.24, never 0.2399….
import type { AppealEffect } from '@shared/domain'
import { Rational } from '@shared/scoring'
import { pointsText } from '../record/deduction-preview'

export interface EffectText {
  /** Points removed from the finding's line, "2" or "0.5". */
  removed: string
  before: string
  after: string
  /** after − before with its sign, to the composites' own decimals: "+0.24", "0.00". */
  change: string
  /** True when the composite went up (a granted appeal can also change nothing, when the line was already at 0). */
  raised: boolean
}

/** The published composite is shown to 0.01; an exact "num/den" is shown the same way. */
const COMPOSITE_DECIMALS = 2

/** A composite as decimal text ("92.35") or as an exact fraction ("18471/200"). */
function parseComposite(s: string): { value: Rational; decimals: number } {
  if (s.includes('/')) return { value: Rational.parse(s), decimals: COMPOSITE_DECIMALS }
  const i = s.indexOf('.')
  return { value: Rational.fromDecimalString(s), decimals: i < 0 ? 0 : s.length - i - 1 }
}

export function effectText(effect: AppealEffect): EffectText {
  const before = parseComposite(effect.compositeBefore)
  const after = parseComposite(effect.compositeAfter)
  const digits = Math.max(COMPOSITE_DECIMALS, before.decimals, after.decimals)
  // The change between the figures as shown (the published composite is the rounded one), so that they add up.
  const shown = (v: Rational) => Rational.fromScaled(v.roundHalfUp(digits), digits)
  const diff = shown(after.value).sub(shown(before.value))
  const raised = diff.compare(Rational.ZERO) > 0
  return {
    removed: pointsText(effect.deductionRemoved),
    before: before.value.toFixed(digits),
    after: after.value.toFixed(digits),
    change: (raised ? '+' : '') + diff.toFixed(digits),
    raised,
  }
}
