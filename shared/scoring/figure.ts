// How exact values appear in results: "num/den" beside a display rounded half-up.
import { Rational, scaledToString } from './rational'
import type { Figure } from './types'

/** A value in points as a Figure; intermediate figures display to a thousandth, the composite to 0.01. */
export function figure(value: Rational, decimals = 3): Figure {
  return { exact: value.toString(), display: value.toFixed(decimals) }
}

/** Thousandths of a point as a Rational in points: 98500 → 197/2. */
export function points(thousandths: number | bigint): Rational {
  return Rational.fromScaled(thousandths, 3)
}

/** Display of thousandths of a point: 98500 → "98.500". */
export function showThousandths(thousandths: number): string {
  return scaledToString(thousandths, 3)
}
