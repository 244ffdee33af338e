// A finding's deduction: quantity (two decimals) × deduction per unit, half-up to a thousandth.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { deductionFor } from '@shared/scoring'

describe('deductionFor', () => {
  it('works in exact hundredths of the quantity', () => {
    expect(deductionFor(3, 2_000)).toBe(6_000) // 3 × 2 points
    expect(deductionFor(0.29, 10)).toBe(3) // 0.29 × 0.01 per m² = 0.0029 → 0.003 (2.9 thousandths, half-up)
    expect(deductionFor(12.5, 10)).toBe(125) // 12.5 m² × 0.01
    expect(deductionFor(1.5, 333)).toBe(500) // 499.5 → 500
    expect(deductionFor(1.49, 333)).toBe(496) // 496.17 → 496
    expect(deductionFor(0.01, 1)).toBe(0) // 0.01 thousandths → 0
    expect(deductionFor(0.5, 1)).toBe(1) // 0.5 thousandths → 1, half-up
  })

  it('refuses quantities with more than two decimals', () => {
    expect(() => deductionFor(0.125, 10)).toThrow(RangeError)
    expect(() => deductionFor(-1, 10)).toThrow(RangeError)
    expect(() => deductionFor(1, 0.5)).toThrow(RangeError)
  })

  it('equals exact BigInt half-up arithmetic for every quantity and rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 100_000 }), (hundredths, perUnit) => {
        const exact = (2n * BigInt(hundredths) * BigInt(perUnit) + 100n) / 200n
        expect(deductionFor(hundredths / 100, perUnit)).toBe(Number(exact))
      }),
    )
  })
})
