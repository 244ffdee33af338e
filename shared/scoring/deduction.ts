// A finding's deduction: quantity × the item's deduction per unit, half-up to a thousandth of a point.

/**
 * quantity (at most two decimals) × deductionPerUnit (thousandths), rounded half-up to a whole thousandth.
 * The quantity is taken as an exact count of hundredths, so 0.29 × 10 is 2.9 → 3, never 2.8999….
 */
export function deductionFor(quantity: number, deductionPerUnit: number): number {
  if (!Number.isFinite(quantity) || quantity < 0) throw new RangeError(`quantity must be a number ≥ 0, got ${quantity}`)
  if (!Number.isSafeInteger(deductionPerUnit) || deductionPerUnit < 0) {
    throw new RangeError(`deduction per unit must be whole thousandths ≥ 0, got ${deductionPerUnit}`)
  }
  const hundredths = Math.round(quantity * 100)
  if (Math.abs(hundredths - quantity * 100) > 1e-6) throw new RangeError(`quantity has more than two decimals: ${quantity}`)
  const product = hundredths * deductionPerUnit // exact: both ≤ 10^7 and 10^5 under the schemas
  if (!Number.isSafeInteger(product)) throw new RangeError('quantity × deduction per unit is too large')
  const q = Math.floor(product / 100)
  return product - q * 100 >= 50 ? q + 1 : q
}
