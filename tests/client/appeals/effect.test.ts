// A granted appeal's effect in words: the deduction removed and the composite before → after, signed exactly.
import { describe, expect, it } from 'vitest'
import { effectText } from '../../../client/src/features/appeals/appeal-effect'

describe('effect text', () => {
  it('shows the removed points and the rise of the composite', () => {
    expect(effectText({ deductionRemoved: 2000, compositeBefore: '92.35', compositeAfter: '92.59' })).toEqual({
      removed: '2',
      before: '92.35',
      after: '92.59',
      change: '+0.24',
      raised: true,
    })
  })

  it('is exact where binary floating point is not', () => {
    // 0.1 + 0.2 style traps: 80.07 − 79.99 is 0.08, not 0.0799999….
    expect(effectText({ deductionRemoved: 500, compositeBefore: '79.99', compositeAfter: '80.07' }).change).toBe('+0.08')
    expect(effectText({ deductionRemoved: 10, compositeBefore: '90.1', compositeAfter: '90.2' })).toMatchObject({ removed: '0.01', before: '90.10', after: '90.20', change: '+0.10' })
  })

  it('reads exact fractions, shows them to 0.01 and the change between the figures shown', () => {
    // 18471/200 = 92.355 → 92.36 half-up; 9259/100 = 92.59; the exact change 0.235 would read 0.24, the shown one is 0.23.
    expect(effectText({ deductionRemoved: 1500, compositeBefore: '18471/200', compositeAfter: '9259/100' })).toMatchObject({
      removed: '1.5',
      before: '92.36',
      after: '92.59',
      change: '+0.23',
    })
  })

  it('says nothing changed when the line was already at zero', () => {
    const e = effectText({ deductionRemoved: 0, compositeBefore: '60.00', compositeAfter: '60.00' })
    expect(e).toMatchObject({ removed: '0', change: '0.00', raised: false })
    expect(e.before).toBe(e.after)
  })
})
