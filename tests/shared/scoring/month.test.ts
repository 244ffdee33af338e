// Worked examples of a month's scoring, each computed by hand in its comment.
import { describe, expect, it } from 'vitest'
import { computeMonth, type DistrictMonthResult, type MonthResult, type ScoringComplaint } from '@shared/scoring'
import { CHECKLIST, CHECKLISTS, D1, D2, checklist, finding, month, uid } from './fixtures'

const district = (r: MonthResult, code = D1): DistrictMonthResult => r.districts.find((d) => d.districtCode === code)!
const line = (r: MonthResult, name: string, code = D1) => district(r, code).professional.lines.find((l) => l.line === name)!

describe('line scores and caps', () => {
  it('caps an item at its monthly cap and says the cap bit', () => {
    // HW-01 (cap 5.000): 3.000 + 4.000 = 7.000 raw > 5.000 → counts 5.000; sanitation 100 − 5 = 95.000.
    // Professional = (30×95 + 20×100 + 20×100 + 20×100 + 10×100) / 100 = 9850/100 = 98.5.
    // Composite = 0.8 × 98.5 + 0.2 × 100 = 78.8 + 20 = 98.80.
    const a = finding({ deduction: 3_000 })
    const b = finding({ deduction: 4_000 })
    const r = computeMonth(month({ findings: [a, b] }))
    const item = line(r, 'sanitation').items[0]
    expect(item).toMatchObject({ itemCode: 'HW-01', cap: 5_000, rawTotal: 7_000, counted: 5_000, capBit: true })
    expect(item.findingIds).toEqual([a.id, b.id].sort())
    expect(line(r, 'sanitation')).toMatchObject({ score: 95_000, display: '95.000', itemsDeducted: 5_000 })
    expect(district(r).professional).toMatchObject({ exact: '197/2', display: '98.500' })
    expect(district(r).composite).toMatchObject({ exact: '494/5', hundredths: 9_880, display: '98.80' })
  })

  it('does not mark the cap when the total stays under it', () => {
    // DQ-02 (cap 10.000): 0.5 + 0.25 = 0.75 → roads 99.250.
    const r = computeMonth(month({ findings: [finding({ line: 'roads', item: 2, deduction: 500 }), finding({ line: 'roads', item: 2, deduction: 250 })] }))
    expect(line(r, 'roads').items[0]).toMatchObject({ rawTotal: 750, counted: 750, capBit: false })
    expect(line(r, 'roads').score).toBe(99_250)
  })

  it('floors a line at 0 however much is deducted', () => {
    // Four items of sanitation, caps 5 + 10 + 20 + 100 = 135 points > 100 → 0.
    const findings = [1, 2, 3, 4].map((item) => finding({ item, deduction: 100_000 }))
    const r = computeMonth(month({ findings }))
    expect(line(r, 'sanitation')).toMatchObject({ itemsDeducted: 135_000, score: 0 })
    // Professional = (30×0 + 70×100)/100 = 70.
    expect(district(r).professional.display).toBe('70.000')
  })

  it("uses the newest version's cap when the month's findings recorded several, and says so", () => {
    // HW-01: v1 cap 5.000, v2 cap 8.000. 3.000 (v1) + 4.000 (v2) = 7.000 ≤ 8.000 (v2's cap) → 7.000 counts.
    const v2 = checklist('sanitation', 2, [8_000, 10_000, 20_000, 100_000])
    const r = computeMonth(
      month({
        checklists: [...CHECKLISTS, v2],
        findings: [finding({ deduction: 3_000 }), finding({ deduction: 4_000, checklistVersion: 2 })],
      }),
    )
    expect(line(r, 'sanitation').items[0]).toMatchObject({
      checklistVersion: 2,
      cap: 8_000,
      capRule: 'newest_of_several_versions',
      versionsSeen: [
        { checklistId: CHECKLIST.sanitation, version: 1 },
        { checklistId: CHECKLIST.sanitation, version: 2 },
      ],
      rawTotal: 7_000,
      counted: 7_000,
      capBit: false,
    })
  })

  it('lists findings it cannot score, with the reason, instead of throwing', () => {
    const unknownChecklist = finding({ checklistId: uid(99, 0xc) })
    const unknownVersion = finding({ checklistVersion: 7 })
    const unknownItem = finding({ itemCode: 'HW-09' })
    const wrongLine = finding({ line: 'roads', checklistId: CHECKLIST.sanitation, itemCode: 'HW-01' })
    const good = finding({ deduction: 2_000 })
    const r = computeMonth(month({ findings: [good, unknownChecklist, unknownVersion, unknownItem, wrongLine] }))
    const reasons = Object.fromEntries(district(r).ignoredFindings.map((i) => [i.id, i.reason]))
    expect(reasons).toEqual({
      [unknownChecklist.id]: 'unknown_checklist',
      [unknownVersion.id]: 'unknown_version',
      [unknownItem.id]: 'unknown_item',
      [wrongLine.id]: 'line_mismatch',
    })
    expect(line(r, 'sanitation').score).toBe(98_000)
  })
})

describe('which findings count', () => {
  const statuses = (['confirmed', 'submitted', 'sent_back', 'rejected', 'voided'] as const).map((status, i) =>
    finding({ status, item: 4, deduction: [1_000, 2_000, 500, 4_000, 8_000][i] }),
  )

  it('published counts confirmed findings only', () => {
    // 100 − 1.000 = 99.000; the rest are listed by status.
    const r = computeMonth(month({ findings: statuses }))
    expect(r.preliminary).toBe(false)
    expect(line(r, 'sanitation').score).toBe(99_000)
    expect(district(r).notCounted).toEqual({
      submitted: [statuses[1].id],
      sent_back: [statuses[2].id],
      rejected: [statuses[3].id],
      voided: [statuses[4].id],
    })
  })

  it('preliminary also counts submitted and sent-back ones, and says so', () => {
    // 100 − 1.000 − 2.000 − 0.500 = 96.500; rejected and voided never count.
    const r = computeMonth(month({ mode: 'preliminary', findings: statuses }))
    expect(r.preliminary).toBe(true)
    expect(r.inputHash).toBeUndefined()
    expect(line(r, 'sanitation').score).toBe(96_500)
    expect(district(r).notCounted).toEqual({ rejected: [statuses[3].id], voided: [statuses[4].id] })
  })

  it('counts a duplicated id once, whichever copy comes first', () => {
    // Same id, deductions 1.000 and 3.000: the copy whose canonical JSON sorts last ("deduction":3000 > 1000) counts.
    const a = finding({ item: 4, deduction: 1_000 })
    const b = { ...a, deduction: 3_000 }
    for (const findings of [[a, b], [b, a], [a, b, a]]) {
      const r = computeMonth(month({ findings }))
      expect(line(r, 'sanitation').items[0]).toMatchObject({ rawTotal: 3_000, findingIds: [a.id] })
      expect(r.duplicates).toEqual([{ kind: 'finding', key: a.id, copies: findings.length }])
    }
  })
})

describe('the month boundary in Asia/Shanghai', () => {
  // 2026-10-31T23:30:00Z is 2026-11-01 07:30 in Shanghai → November.
  const lateUtc = finding({ item: 4, deduction: 1_000, recordedAt: '2026-10-31T23:30:00Z' })
  // 2026-10-31T15:59:59Z is 23:59:59 on 31 October in Shanghai → October.
  const lastSecond = finding({ item: 4, deduction: 2_000, recordedAt: '2026-10-31T15:59:59Z' })
  // 07:00 on 1 November written in local time → November.
  const sevenLocal = finding({ item: 4, deduction: 4_000, recordedAt: '2026-11-01T07:00:00+08:00' })
  const findings = [lateUtc, lastSecond, sevenLocal]

  it('puts each finding in the month of its local recording time', () => {
    const nov = computeMonth(month({ findings }))
    const oct = computeMonth(month({ month: '2026-10', findings }))
    expect(nov.window).toEqual({ start: '2026-10-31T16:00:00.000Z', end: '2026-11-30T16:00:00.000Z' })
    expect(line(nov, 'sanitation').items[0].findingIds).toEqual([lateUtc.id, sevenLocal.id].sort())
    expect(line(nov, 'sanitation').score).toBe(95_000)
    expect(line(oct, 'sanitation').items[0].findingIds).toEqual([lastSecond.id])
    expect(line(oct, 'sanitation').score).toBe(98_000)
  })
})

describe('rectification penalties', () => {
  const O1 = uid(1, 0x0d)
  const O2 = uid(2, 0x0d)
  const rounds = [
    { orderId: O1, districtCode: D1, line: 'roads' as const, round: 1, at: '2026-10-20T09:00:00+08:00' }, // October: 0.5
    { orderId: O1, districtCode: D1, line: 'roads' as const, round: 2, at: '2026-11-05T09:00:00+08:00' }, // November: 1
    { orderId: O1, districtCode: D1, line: 'roads' as const, round: 2, at: '2026-11-05T09:00:00+08:00' }, // the same round again
    { orderId: O1, districtCode: D1, line: 'roads' as const, round: 3, at: '2026-11-30T17:00:00+08:00' }, // November: 2
    { orderId: O1, districtCode: D1, line: 'roads' as const, round: 4, at: '2026-11-30T16:30:00Z' }, // 1 Dec 00:30 local: 4
    { orderId: O2, districtCode: D1, line: 'roads' as const, round: 1, at: '2026-11-10T09:00:00+08:00' }, // November: 0.5
  ]
  // DQ-01 (cap 5.000) takes 6.000 raw → 5.000; the penalties are outside the cap.
  const capped = [finding({ line: 'roads', deduction: 6_000 })]

  it('deducts 0.5, 1, 2 by round, in the month the round fell, once per (order, round), beyond the item cap', () => {
    // November: roads = 100 − 5.000 (capped item) − (1 + 2 + 0.5) = 91.500.
    const nov = computeMonth(month({ findings: capped, overdueRounds: rounds }))
    const roads = line(nov, 'roads')
    expect(roads.penalties.map((p) => [p.orderId, p.round, p.amount])).toEqual([
      [O1, 2, 1_000],
      [O1, 3, 2_000],
      [O2, 1, 500],
    ])
    expect(roads).toMatchObject({ itemsDeducted: 5_000, penaltiesDeducted: 3_500, score: 91_500 })
    expect(nov.duplicates).toContainEqual({ kind: 'overdue_round', key: `${O1}#0002`, copies: 2 })
    // October: round 1 only, 0.5 → 99.500. December: round 4 → 0.5 × 2³ = 4 → 96.000.
    expect(line(computeMonth(month({ month: '2026-10', overdueRounds: rounds })), 'roads').score).toBe(99_500)
    expect(line(computeMonth(month({ month: '2026-12', overdueRounds: rounds })), 'roads').score).toBe(96_000)
  })
})

describe('social scores', () => {
  const c = (n: number, over: Partial<ScoringComplaint>): ScoringComplaint => ({
    id: uid(n, 0xa),
    districtCode: D1,
    receivedAt: '2026-11-03T10:00:00+08:00',
    ...over,
  })

  it('scores 100 for complaints when there were none', () => {
    const r = computeMonth(month())
    expect(district(r).social.complaints).toMatchObject({ none: true, score: { exact: '100/1', display: '100.000' } })
  })

  it('counts a rate whose denominator is zero as 1', () => {
    // 2 received, 1 accepted; none handled, none rated: 100 × (0.3 × 1/2 + 0.4 × 1 + 0.3 × 1) = 85.
    // A third complaint received in October does not count in November.
    const r = computeMonth(
      month({ complaints: [c(1, { accepted: true }), c(2, { accepted: false }), c(3, { accepted: true, receivedAt: '2026-10-31T15:00:00Z' })] }),
    )
    const s = district(r).social.complaints
    expect(s.counts).toMatchObject({ received: 2, accepted: 1, handled: 0, rated: 0 })
    expect(s.rates).toEqual({
      acceptance: { exact: '1/2', display: '0.5000' },
      onTime: { exact: '1/1', display: '1.0000' },
      satisfaction: { exact: '1/1', display: '1.0000' },
    })
    expect(s.score).toEqual({ exact: '85/1', display: '85.000' })
  })

  it('combines the three rates with the policy weights, exactly', () => {
    // 4 received, 3 accepted; 3 handled, 2 by the deadline; 2 rated, 1 satisfied.
    // 0.3 × 3/4 + 0.4 × 2/3 + 0.3 × 1/2 = 27/120 + 32/120 + 18/120 = 77/120; × 100 = 385/6 = 64.1666…
    const deadline = '2026-11-10T18:00:00+08:00'
    const r = computeMonth(
      month({
        complaints: [
          c(1, { accepted: true, handlingDeadline: deadline, handledAt: '2026-11-09T10:00:00+08:00', satisfied: true }),
          c(2, { accepted: true, handlingDeadline: deadline, handledAt: '2026-11-10T18:00:00+08:00', satisfied: false }),
          c(3, { accepted: true, handlingDeadline: deadline, handledAt: '2026-11-11T08:00:00+08:00' }),
          c(4, { accepted: false }),
        ],
      }),
    )
    const s = district(r).social.complaints
    expect(s.counts).toEqual({ received: 4, accepted: 3, handled: 3, handledOnTime: 2, handledWithoutDeadline: 0, rated: 2, satisfied: 1 })
    expect(s.score).toEqual({ exact: '385/6', display: '64.167' })
  })

  it('takes media deductions of the month and floors the media score at 0', () => {
    // 30 + 80 = 110 points of exposures in November → max(0, 100 − 110) = 0; October's 5 do not count.
    const media = [
      { id: uid(1, 0xe), districtCode: D1, month: '2026-11', deduction: 30_000 },
      { id: uid(2, 0xe), districtCode: D1, month: '2026-11', deduction: 80_000 },
      { id: uid(3, 0xe), districtCode: D1, month: '2026-10', deduction: 5_000 },
    ]
    const m = district(computeMonth(month({ media }))).social.media
    expect(m).toMatchObject({ deductions: 110_000, score: 0, display: '0.000' })
    expect(m.exposureIds).toEqual([uid(1, 0xe), uid(2, 0xe)])
  })

  it('counts a missing survey score as 100 but marks the district incomplete', () => {
    const r = computeMonth(month({ surveys: [{ districtCode: D2, month: '2026-11', score: 90_000 }] }))
    expect(district(r).incomplete).toEqual(['survey'])
    expect(district(r).social.survey).toEqual({ score: 100_000, display: '100.000', missing: true })
    expect(district(r).composite.display).toBe('100.00')
    // D2: social mean (100 + 100 + 90)/3 = 290/3; composite = 80 + 0.2 × 290/3 = 80 + 58/3 = 298/3 = 99.333… → 99.33.
    expect(district(r, D2).composite).toMatchObject({ exact: '298/3', hundredths: 9_933, display: '99.33' })
    expect(r.complete).toBe(false)
  })
})
