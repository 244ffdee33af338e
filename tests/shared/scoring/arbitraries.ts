// fast-check generators of whole months of scoring input: every list, with duplicates, strays and edge values.
import fc from 'fast-check'
import { LINES, type FindingStatus } from '@shared/domain'
import type { MonthInput, OverdueRoundInput, ScoringComplaint, ScoringFinding } from '@shared/scoring'
import { CHECKLIST, CHECKLISTS, D1, D2, D3, checklist, code, policyFor, uid } from './fixtures'

const NOV_START = Date.parse('2026-10-31T16:00:00Z')
const DAY = 86_400_000

/** An instant from a few days before November (Shanghai) to a few days after, in one of several offsets. */
export const instant = fc
  .tuple(fc.integer({ min: NOV_START - 3 * DAY, max: NOV_START + 33 * DAY }), fc.constantFrom(0, 8 * 60, -5 * 60, 5 * 60 + 30))
  .map(([ms, off]) => {
    const local = new Date(ms + off * 60_000).toISOString().slice(0, 19)
    if (off === 0) return `${local}Z`
    const a = Math.abs(off)
    return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`
  })

export const district = fc.constantFrom(D1, D2, D3)
export const line = fc.constantFrom(...LINES)
const STATUSES: FindingStatus[] = ['submitted', 'confirmed', 'rejected', 'sent_back', 'voided']
// Confirmed findings weigh more, so that most months have something to score.

/** A finding; ids come from a small pool so that some repeat. Item 5 and version 3 do not exist. */
export const findingArb: fc.Arbitrary<ScoringFinding> = fc
  .record({
    n: fc.integer({ min: 1, max: 40 }),
    line,
    item: fc.integer({ min: 1, max: 5 }),
    version: fc.constantFrom(1, 1, 1, 2, 3),
    districtCode: district,
    deduction: fc.oneof(fc.integer({ min: 0, max: 30_000 }), fc.constant(100_000)),
    recordedAt: instant,
    status: fc.constantFrom(...STATUSES, 'confirmed', 'confirmed', 'confirmed'),
  })
  .map(({ n, line, item, version, ...rest }) => ({
    id: uid(n, 0xf),
    checklistId: CHECKLIST[line],
    checklistVersion: version,
    itemCode: code(line, item),
    line,
    ...rest,
  }))

export const roundArb: fc.Arbitrary<OverdueRoundInput> = fc.record({
  orderId: fc.integer({ min: 1, max: 6 }).map((n) => uid(n, 0xd)),
  districtCode: district,
  line,
  round: fc.integer({ min: 1, max: 6 }),
  at: instant,
})

export const complaintArb: fc.Arbitrary<ScoringComplaint> = fc.record(
  {
    id: fc.integer({ min: 1, max: 20 }).map((n) => uid(n, 0xa)),
    districtCode: district,
    receivedAt: instant,
    accepted: fc.boolean(),
    handlingDeadline: instant,
    handledAt: instant,
    satisfied: fc.boolean(),
  },
  { requiredKeys: ['id', 'districtCode', 'receivedAt'] },
)

const months = fc.constantFrom('2026-10', '2026-11', '2026-12')

export const monthInputArb: fc.Arbitrary<MonthInput> = fc
  .record({
    mode: fc.constantFrom('published' as const, 'preliminary' as const),
    districtCodes: fc.constantFrom([D1, D2], [D1, D2, D3], [D2]),
    findings: fc.array(findingArb, { maxLength: 60, size: 'medium' }),
    overdueRounds: fc.array(roundArb, { maxLength: 8 }),
    complaints: fc.array(complaintArb, { maxLength: 10 }),
    media: fc.array(
      fc.record({ id: fc.integer({ min: 1, max: 8 }).map((n) => uid(n, 0xe)), districtCode: district, month: months, deduction: fc.integer({ min: 1, max: 60_000 }) }),
      { maxLength: 6 },
    ),
    surveys: fc.array(fc.record({ districtCode: district, month: months, score: fc.integer({ min: 0, max: 100_000 }) }), { maxLength: 5 }),
    budgets: fc.array(
      fc.record({ districtCode: district, month: fc.constantFrom('2026-11', '2026-11', '2026-12'), line, amountFen: fc.integer({ min: 0, max: 2_000_000_000 }) }),
      { maxLength: 10 },
    ),
  })
  .map((r) => ({
    month: '2026-11',
    policy: policyFor([D1, D2, D3]),
    checklists: [...CHECKLISTS, checklist('sanitation', 2, [3_000, 6_000, 9_000, 50_000]), checklist('roads', 2, [1_000, 2_000, 4_000, 8_000])],
    ...r,
  }))

/** A permutation of `list` chosen by fast-check. */
export function shuffled<T>(list: readonly T[]): fc.Arbitrary<T[]> {
  return fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: list.length, maxLength: list.length }).map((keys) =>
    list.map((v, i) => [keys[i], v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v),
  )
}

/** The same input with every list in another order. */
export function reordered(input: MonthInput): fc.Arbitrary<MonthInput> {
  return fc
    .record({
      districtCodes: shuffled(input.districtCodes),
      checklists: shuffled(input.checklists),
      findings: shuffled(input.findings),
      overdueRounds: shuffled(input.overdueRounds ?? []),
      complaints: shuffled(input.complaints ?? []),
      media: shuffled(input.media ?? []),
      surveys: shuffled(input.surveys ?? []),
      budgets: shuffled(input.budgets ?? []),
    })
    .map((lists) => ({ ...input, ...lists }))
}
