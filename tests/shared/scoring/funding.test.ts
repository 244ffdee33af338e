// Worked examples of the composite's rounding and the funding it releases, in fen.
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '@shared/domain'
import { computeMonth, funding, policyNumbers, type MonthResult } from '@shared/scoring'
import { D1, finding, month, policyFor } from './fixtures'

// Roads loses 62.500 (DQ-04, cap 100): roads = 37.5; professional = (3000 + 2000 + 20 × 37.5 + 2000 + 1000)/100 = 87.5.
// 0.8 × 87.5 = 70. Complaints and media are 100; the survey score sets the rest.
function monthWithSurvey(survey: number): MonthResult {
  return computeMonth(
    month({
      districtCodes: [D1],
      findings: [finding({ line: 'roads', item: 4, deduction: 62_500 })],
      surveys: [{ districtCode: D1, month: '2026-11', score: survey }],
      budgets: [
        // 1,000,000.00 yuan of sanitation budget; 123,456.79 yuan of roads budget.
        { districtCode: D1, month: '2026-11', line: 'sanitation', amountFen: 100_000_000 },
        { districtCode: D1, month: '2026-11', line: 'roads', amountFen: 12_345_679 },
      ],
    }),
  )
}

describe('composite rounding and funding', () => {
  it('pays in full when the composite is 89.995, which rounds half-up to 90.00', () => {
    // Survey 99.925: social mean = (100 + 100 + 99.925)/3 = 99.975; 0.2 × 99.975 = 19.995.
    // Composite = 70 + 19.995 = 89.995 exactly (17999/200) → 90.00 → ≥ 90 pays the whole at-stake amount.
    const d = monthWithSurvey(99_925).districts[0]
    expect(d.professional.exact).toBe('175/2')
    expect(d.composite).toEqual({ exact: '17999/200', hundredths: 9_000, display: '90.00' })
    // Sanitation: L = 20 % × 100,000,000 = 20,000,000 fen, all paid.
    // Roads: L = 20 % × 12,345,679 = 2,469,135.8 → 2,469,136 fen (half-up), all paid.
    expect(d.funding.map((f) => [f.line, f.atStakeFen, f.paidFen, f.withheldFen, f.full])).toEqual([
      ['sanitation', 20_000_000, 20_000_000, 0, true],
      ['roads', 2_469_136, 2_469_136, 0, true],
    ])
    expect(d.unbudgetedLines).toEqual(['landscaping'])
  })

  it('cuts the payment when the composite is 89.994, which rounds to 89.99', () => {
    // Survey 99.910: social mean = 299.91/3 = 99.97; 0.2 × 99.97 = 19.994; composite = 89.994 → 89.99.
    // Factor = max(0, 1 − 0.05 × (90 − 89.99)) = 1 − 0.0005 = 0.9995.
    const d = monthWithSurvey(99_910).districts[0]
    expect(d.composite).toEqual({ exact: '44997/500', hundredths: 8_999, display: '89.99' })
    const [sanitation, roads] = d.funding
    // Sanitation: 20,000,000 × 0.9995 = 19,990,000 fen paid; 10,000 fen (100.00 yuan) withheld.
    expect(sanitation).toMatchObject({ atStakeFen: 20_000_000, paidFen: 19_990_000, withheldFen: 10_000, full: false })
    expect(sanitation.factor).toEqual({ exact: '1999/2000', display: '0.999500' })
    // Roads: 2,469,136 × 0.9995 = 2,467,901.432 → 2,467,901 fen paid; 1,235 fen withheld.
    expect(roads).toMatchObject({ atStakeFen: 2_469_136, paidFen: 2_467_901, withheldFen: 1_235 })
  })

  it('pays the floor share however low the composite', () => {
    const budget = { districtCode: D1, month: '2026-11', line: 'sanitation' as const, amountFen: 100_000 }
    // Composite 60.00: 1 − 0.05 × 30 = −0.5 → max(0, −0.5) = 0 → nothing paid of L = 20,000.
    expect(funding(budget, 6_000, policyNumbers(DEFAULT_POLICY))).toMatchObject({ atStakeFen: 20_000, paidFen: 0, withheldFen: 20_000 })
    // With floor 0.3: max(0.3, −0.5) = 0.3 → 6,000 paid, 14,000 withheld.
    const floored = { ...DEFAULT_POLICY, funding: { ...DEFAULT_POLICY.funding, floor: '0.3' } }
    expect(funding(budget, 6_000, policyNumbers(floored))).toMatchObject({ paidFen: 6_000, withheldFen: 14_000 })
    // Composite 85.50: 1 − 0.05 × 4.5 = 0.775 → 15,500 paid, 4,500 withheld.
    expect(funding(budget, 8_550, policyNumbers(DEFAULT_POLICY))).toMatchObject({ paidFen: 15_500, withheldFen: 4_500 })
  })

  it('funds only the policy’s funded lines', () => {
    const policy = policyFor([D1], { funding: { ...DEFAULT_POLICY.funding, lines: ['enforcement'] } })
    const r = computeMonth(
      month({
        districtCodes: [D1],
        policy,
        budgets: [
          { districtCode: D1, month: '2026-11', line: 'sanitation', amountFen: 1_000 },
          { districtCode: D1, month: '2026-11', line: 'enforcement', amountFen: 1_000 },
          { districtCode: D1, month: '2026-12', line: 'enforcement', amountFen: 9_999 },
        ],
      }),
    )
    expect(r.districts[0].funding).toEqual([
      { line: 'enforcement', budgetFen: 1_000, atStakeFen: 200, paidFen: 200, withheldFen: 0, factor: { exact: '1/1', display: '1.000000' }, full: true },
    ])
  })
})
