// Properties that hold for any month: order does not matter, copies count once, deductions never raise a
// score, scores stay in 0–100, money adds up, and the input hash follows exactly the inputs that count.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeMonth, monthInputHash, Rational, type DistrictMonthResult, type MonthInput, type MonthResult } from '@shared/scoring'
import { CHECKLIST, D1, D2, code, finding, uid } from './fixtures'
import { line, monthInputArb, reordered } from './arbitraries'

const RUNS = { numRuns: 150 }
const withoutNotes = (r: MonthResult) => ({ ...r, duplicates: [] })
const exact = (s: string) => Rational.parse(s)

describe('scoring properties', () => {
  it('gives the same result, hash included, whatever the order of every input list', () => {
    fc.assert(
      fc.property(
        monthInputArb.chain((input) => fc.tuple(fc.constant(input), reordered(input))),
        ([input, other]) => {
          expect(computeMonth(other, { inputHash: true })).toEqual(computeMonth(input, { inputHash: true }))
        },
      ),
      RUNS,
    )
  })

  it('counts a repeated record once', () => {
    fc.assert(
      fc.property(monthInputArb, (input) => {
        const twice: MonthInput = {
          ...input,
          findings: [...input.findings, ...input.findings],
          overdueRounds: [...(input.overdueRounds ?? []), ...(input.overdueRounds ?? [])],
          complaints: [...(input.complaints ?? []), ...(input.complaints ?? [])],
          media: [...(input.media ?? []), ...(input.media ?? [])],
          surveys: [...(input.surveys ?? []), ...(input.surveys ?? [])],
          budgets: [...(input.budgets ?? []), ...(input.budgets ?? [])],
          checklists: [...input.checklists, ...input.checklists],
        }
        const once = computeMonth(input, { inputHash: true })
        const doubled = computeMonth(twice, { inputHash: true })
        expect(withoutNotes(doubled)).toEqual(withoutNotes(once))
        expect(doubled.duplicates.length).toBeGreaterThanOrEqual(once.duplicates.length)
      }),
      RUNS,
    )
  })

  it('never raises a score or a payment when a confirmed deduction is added', () => {
    const extra = fc.record({
      line,
      item: fc.integer({ min: 1, max: 4 }),
      deduction: fc.integer({ min: 0, max: 100_000 }),
      districtCode: fc.constantFrom(D1, D2),
      day: fc.integer({ min: 1, max: 30 }),
    })
    fc.assert(
      fc.property(monthInputArb, extra, (input, x) => {
        const added = {
          id: uid(1_000, 0xb),
          checklistId: CHECKLIST[x.line],
          checklistVersion: 1,
          itemCode: code(x.line, x.item),
          line: x.line,
          districtCode: x.districtCode,
          deduction: x.deduction,
          recordedAt: `2026-11-${String(x.day).padStart(2, '0')}T12:00:00+08:00`,
          status: 'confirmed' as const,
        }
        const codes = [...new Set([...input.districtCodes, x.districtCode])]
        const before = computeMonth({ ...input, districtCodes: codes })
        const after = computeMonth({ ...input, districtCodes: codes, findings: [...input.findings, added] })
        after.districts.forEach((a, i) => {
          const b = before.districts[i]
          a.professional.lines.forEach((l, k) => expect(l.score).toBeLessThanOrEqual(b.professional.lines[k].score))
          expect(exact(a.professional.exact).compare(exact(b.professional.exact))).toBeLessThanOrEqual(0)
          expect(exact(a.composite.exact).compare(exact(b.composite.exact))).toBeLessThanOrEqual(0)
          expect(a.composite.hundredths).toBeLessThanOrEqual(b.composite.hundredths)
          a.funding.forEach((f, k) => expect(f.paidFen).toBeLessThanOrEqual(b.funding[k].paidFen))
          if (a.districtCode !== x.districtCode) expect(a).toEqual(b)
        })
      }),
      RUNS,
    )
  })

  it('keeps every score within 0–100, every payment within what is at stake, and explains each id once', () => {
    const inRange = (r: Rational) => r.compare(Rational.ZERO) >= 0 && r.compare(Rational.of(100)) <= 0
    fc.assert(
      fc.property(monthInputArb, (input) => {
        const result = computeMonth(input)
        expect(JSON.parse(JSON.stringify(result))).toEqual(result) // plain JSON: no bigint, no class instances
        for (const d of result.districts as DistrictMonthResult[]) {
          // Each id is explained once: counted under one item, ignored, or not counted.
          const seen = [
            ...d.professional.lines.flatMap((l) => l.items.flatMap((i) => i.findingIds)),
            ...d.ignoredFindings.map((i) => i.id),
            ...Object.values(d.notCounted).flat(),
          ]
          expect(new Set(seen).size).toBe(seen.length)
          for (const l of d.professional.lines) expect(l.score >= 0 && l.score <= 100_000).toBe(true)
          expect(inRange(exact(d.professional.exact))).toBe(true)
          expect(inRange(exact(d.social.complaints.score.exact))).toBe(true)
          expect(d.social.media.score >= 0 && d.social.media.score <= 100_000).toBe(true)
          expect(d.social.survey.score >= 0 && d.social.survey.score <= 100_000).toBe(true)
          expect(inRange(exact(d.social.mean.exact))).toBe(true)
          expect(inRange(exact(d.composite.exact))).toBe(true)
          expect(d.composite.hundredths >= 0 && d.composite.hundredths <= 10_000).toBe(true)
          for (const f of d.funding) {
            expect(f.paidFen + f.withheldFen).toBe(f.atStakeFen)
            expect(f.paidFen >= 0 && f.paidFen <= f.atStakeFen).toBe(true)
            expect(Number.isSafeInteger(f.paidFen) && Number.isSafeInteger(f.withheldFen)).toBe(true)
          }
        }
      }),
      RUNS,
    )
  })

  it('changes the input hash when a counted input changes, and only then', () => {
    fc.assert(
      fc.property(monthInputArb, fc.integer({ min: 1, max: 5_000 }), (input, delta) => {
        const published = { ...input, mode: 'published' as const }
        const result = computeMonth(published)
        const hash = result.inputHash!
        expect(hash).toMatch(/^[0-9a-f]{64}$/)
        expect(monthInputHash(published)).toBe(hash)
        const counted = new Set(result.districts.flatMap((d) => d.professional.lines.flatMap((l) => l.items.flatMap((i) => i.findingIds))))
        const target = published.findings.find((f) => counted.has(f.id) && !published.findings.some((g) => g !== f && g.id === f.id))
        if (target) {
          const changed = published.findings.map((f) => (f === target ? { ...f, deduction: f.deduction + delta } : f))
          expect(monthInputHash({ ...published, findings: changed })).not.toBe(hash)
        }
        // A rejected finding, or one of another month, counts for nothing and leaves the hash alone.
        const stray = [
          finding({ id: uid(2_000, 0xb), status: 'rejected', recordedAt: '2026-11-10T00:00:00Z' }),
          finding({ id: uid(2_001, 0xb), status: 'confirmed', recordedAt: '2026-12-10T00:00:00Z' }),
        ]
        expect(monthInputHash({ ...published, findings: [...published.findings, ...stray] })).toBe(hash)
        // The month's survey score counts.
        const surveys = [...(published.surveys ?? []).filter((s) => !(s.districtCode === D2 && s.month === '2026-11')), { districtCode: D2, month: '2026-11', score: 12_345 }]
        const withSurvey = monthInputHash({ ...published, surveys })
        expect(monthInputHash({ ...published, surveys: surveys.map((s) => (s.score === 12_345 ? { ...s, score: 12_346 } : s)) })).not.toBe(withSurvey)
      }),
      RUNS,
    )
  })
})
