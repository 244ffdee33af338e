// Worked examples of the quarter: exact means, ranking, each tie-break in turn, rewards and missing months.
import { describe, expect, it } from 'vitest'
import { computeMonth, computeQuarter, ScoringInputError, type MonthInput, type MonthResult } from '@shared/scoring'
import { finding, month, policyFor } from './fixtures'

const [A, B, C, D, E, F, G, H] = ['230102', '230103', '230104', '230108', '230109', '230110', '230111', '230112']
const ALL = [A, B, C, D, E, F, G, H]
const policy = policyFor(ALL)
const QUARTER = ['2026-10', '2026-11', '2026-12']

/**
 * The same month three times. Composite = 0.8 × professional + 0.2 × (complaints + media + survey)/3.
 * A: all 100 → 100.00.
 * B: survey 55 → 80 + 0.2 × 255/3 = 80 + 17 = 97.00.
 * C: roads −25 → professional (10000 − 20 × 25)/100 = 95 → 76 + 20 = 96.00.
 * D: survey 40 → 80 + 0.2 × 240/3 = 80 + 16 = 96.00 (professional 100).
 * E: media −1 → 80 + 0.2 × 299/3 = 99.9333… → 99.93 (3 media points in the quarter).
 * F: survey 99 → 80 + 0.2 × 299/3 → 99.93 (no media points).
 * G, H: survey 90 → 80 + 0.2 × 290/3 = 99.3333… → 99.33, identical in every figure.
 */
function input(m: string): MonthInput {
  const survey: Record<string, number> = { [B]: 55_000, [D]: 40_000, [F]: 99_000, [G]: 90_000, [H]: 90_000 }
  return month({
    month: m,
    policy,
    districtCodes: ALL,
    findings: [finding({ districtCode: C, line: 'roads', item: 4, deduction: 25_000, recordedAt: `${m}-15T12:00:00+08:00` })],
    media: [{ id: `00000000-0000-4000-8000-0000000000${m.slice(5)}`, districtCode: E, month: m, deduction: 1_000 }],
    surveys: ALL.map((districtCode) => ({ districtCode, month: m, score: survey[districtCode] ?? 100_000 })),
  })
}

const months = (): MonthResult[] => QUARTER.map((m) => computeMonth(input(m)))

describe('computeQuarter', () => {
  it('ranks by exact mean, then professional mean, then fewer media points, then district code', () => {
    const q = computeQuarter({ quarter: '2026-Q4', policy, months: months() })
    const ranking = q.groups[0].ranking
    expect(ranking.map((r) => [r.districtCode, r.rank, r.mean.display, r.decidedBy])).toEqual([
      [A, 1, '100.00', null],
      [F, 2, '99.93', 'mean'],
      [E, 3, '99.93', 'media'], // equal means and professional means; E has 3.000 media points, F none
      [G, 4, '99.33', 'mean'],
      [H, 5, '99.33', 'code'], // identical in every figure: 230111 before 230112
      [B, 6, '97.00', 'mean'],
      [D, 7, '96.00', 'mean'],
      [C, 8, '96.00', 'professional'], // equal means; D's professional mean 100 beats C's 95
    ])
    expect(ranking.filter((r) => r.reward).map((r) => r.districtCode)).toEqual([A, F, E])
    const e = ranking.find((r) => r.districtCode === E)!
    expect(e).toMatchObject({ mediaDeductions: 3_000, professionalMean: { exact: '100/1' } })
    expect(ranking.find((r) => r.districtCode === C)!.professionalMean).toEqual({ exact: '95/1', display: '95.000' })
    expect(q.months).toEqual(QUARTER)
  })

  it('takes the exact mean of the three rounded composites', () => {
    // Monthly composites 89.99, 90.00 and 90.02 → (8999 + 9000 + 9002)/300 = 27001/300 = 90.00333… → "90.00".
    const rs = months()
    const composites = [8_999, 9_000, 9_002]
    rs.forEach((r, i) => (r.districts[0].composite = { exact: `${composites[i]}/100`, hundredths: composites[i], display: '' }))
    const q = computeQuarter({ quarter: '2026-Q4', policy, months: rs })
    const a = q.groups[0].ranking.find((r) => r.districtCode === A)!
    expect(a.mean).toEqual({ exact: '27001/300', display: '90.00' })
    expect(a.monthly.map((m) => m.hundredths)).toEqual(composites)
  })

  it('names the district and month that are missing', () => {
    const rs = months()
    rs[1].districts = rs[1].districts.filter((d) => d.districtCode !== D)
    expect(() => computeQuarter({ quarter: '2026-Q4', policy, months: rs })).toThrowError(
      new ScoringInputError('missing_month', 'district 230108 has no published result for 2026-11', {
        missing: [{ districtCode: D, month: '2026-11' }],
      }),
    )
    try {
      computeQuarter({ quarter: '2026-Q4', policy, months: months().slice(0, 2) })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ScoringInputError)
      expect((e as ScoringInputError).code).toBe('missing_month')
      expect((e as ScoringInputError).message).toMatch(/district 230102 has no published result for 2026-12 \(and 7 more missing\)/)
    }
  })

  it('refuses preliminary, incomplete, repeated and out-of-quarter months', () => {
    const code = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        return (e as ScoringInputError).code
      }
      return 'no error'
    }
    const preliminary = [computeMonth({ ...input('2026-10'), mode: 'preliminary' }), ...months().slice(1)]
    expect(code(() => computeQuarter({ quarter: '2026-Q4', policy, months: preliminary }))).toBe('unpublished_month')
    const incomplete = months()
    incomplete[0] = computeMonth({ ...input('2026-10'), surveys: [] })
    expect(code(() => computeQuarter({ quarter: '2026-Q4', policy, months: incomplete }))).toBe('incomplete_month')
    expect(code(() => computeQuarter({ quarter: '2026-Q4', policy, months: [...months(), months()[0]] }))).toBe('duplicate_month')
    expect(code(() => computeQuarter({ quarter: '2026-Q3', policy, months: months() }))).toBe('wrong_quarter')
  })

  it('ranks each group on its own and shows districts in no group unranked', () => {
    const grouped = {
      ...policy,
      ranking: {
        groups: [
          { id: 'core', name: { zh: '主城区', en: 'Core' }, districtCodes: [B, C, D] },
          { id: 'outer', name: { zh: '外围', en: 'Outer' }, districtCodes: [E, F, G] },
        ],
        rewardTop: 1,
      },
    }
    const q = computeQuarter({ quarter: '2026-Q4', policy: grouped, months: months() })
    expect(q.groups.map((g) => g.ranking.map((r) => [r.districtCode, r.rank, r.reward]))).toEqual([
      [
        [B, 1, true],
        [D, 2, false],
        [C, 3, false],
      ],
      [
        [F, 1, true],
        [E, 2, false],
        [G, 3, false],
      ],
    ])
    expect(q.ungrouped.map((r) => [r.districtCode, r.rank])).toEqual([
      [A, null],
      [H, null],
    ])
  })
})
