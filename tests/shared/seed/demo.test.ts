import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { Finding } from '@shared/domain/finding.schema'
import { FUNDED_LINES, LINES } from '@shared/domain/line.schema'
import { FundingBudget, HARBIN_DISTRICT_CODES } from '@shared/domain/policy.schema'
import { Review } from '@shared/domain/review.schema'
import { Complaint, MediaExposure, SurveyScore } from '@shared/domain/social.schema'
import { validate } from '@shared/validation'
import { districtAt } from '@shared/geo/point-in-polygon'
import { SEED_CHECKLISTS } from '@shared/seed/checklists'
import { demoData, type DemoData } from '@shared/seed/demo'
import { deductionOf } from '@shared/seed/demo-findings'
import { harbinDistricts } from '@shared/seed/districts'
import { DEMO_USERS } from '@shared/seed/users'

const MONTHS = ['2026-01', '2026-02', '2026-07', '2025-12'] as const
const districts = harbinDistricts()
const items = new Map(SEED_CHECKLISTS.flatMap((c) => c.items.map((i) => [i.code, { ...i, checklist: c }] as const)))
const inspectorIds = new Set(DEMO_USERS.filter((u) => u.role === 'inspector').map((u) => u.id))
const supervisorIds = new Set(DEMO_USERS.filter((u) => u.role === 'supervisor').map((u) => u.id))

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
})
/** The local month and minute of day of an instant, read through the time-zone database (not the +08:00 text). */
function local(iso: string): { month: string; minuteOfDay: number } {
  const parts = Object.fromEntries(shanghai.formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
  return { month: `${parts.year}-${parts.month}`, minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute) }
}

const officeHours = (iso: string) => local(iso).minuteOfDay >= 8 * 60 && local(iso).minuteOfDay < 20 * 60

function expectValid<S extends z.ZodType>(schema: S, records: unknown[]) {
  for (const rec of records) {
    const r = validate(schema, rec)
    expect(r.ok ? [] : r.issues, JSON.stringify(rec)).toEqual([])
    // The seed carries every default already, so storing it parsed or raw gives the same record.
    expect(schema.parse(rec)).toEqual(rec)
  }
}

const cache = new Map<string, DemoData>()
const data = (month: string) => {
  if (!cache.has(month)) cache.set(month, demoData(month))
  return cache.get(month)!
}

describe.each(MONTHS)('demoData(%s)', (month) => {
  it('validates every record against its schema', () => {
    const d = data(month)
    expectValid(Finding, d.findings)
    expectValid(Review, d.reviews)
    expectValid(Complaint, d.complaints)
    expectValid(MediaExposure, d.mediaExposures)
    expectValid(SurveyScore, d.surveyScores)
    expectValid(FundingBudget, d.fundingBudgets)
  })

  it('is deterministic: the same month and seed give deep-equal data', () => {
    expect(demoData(month, 99)).toEqual(demoData(month, 99))
    expect(demoData(month)).toEqual(data(month))
    expect(demoData(month, 100).findings).not.toEqual(demoData(month, 99).findings)
  })

  it("places every finding inside its own district", () => {
    for (const f of data(month).findings) expect(districtAt(f.location, districts), f.id).toBe(f.districtCode)
  })

  it('records every finding in the month, Asia/Shanghai, in working hours', () => {
    for (const f of data(month).findings) {
      expect(f.recordedAt).toMatch(/\+08:00$/)
      const t = local(f.recordedAt)
      expect(t.month).toBe(month)
      expect(t.minuteOfDay).toBeGreaterThanOrEqual(8 * 60)
      expect(t.minuteOfDay).toBeLessThan(17 * 60 + 30)
    }
  })

  it('computes each deduction as quantity × per-unit, half-up to a thousandth', () => {
    for (const f of data(month).findings) {
      const item = items.get(f.itemCode)!
      const exact = Math.round(f.quantity * 100) * item.deductionPerUnit // hundredths of a thousandth
      const rest = exact % 100
      expect(f.deduction).toBe((exact - rest) / 100 + (rest >= 50 ? 1 : 0))
      if (item.unit === 'occurrence' || item.unit === 'time') expect(Number.isInteger(f.quantity)).toBe(true)
    }
  })

  it('ties each finding to its checklist, line and version, an inspector, a device and a plausible GPS fix', () => {
    for (const f of data(month).findings) {
      const item = items.get(f.itemCode)!
      expect(f.checklistId).toBe(item.checklist.id)
      expect(f.checklistVersion).toBe(item.checklist.version)
      expect(f.line).toBe(item.checklist.line)
      expect(inspectorIds.has(f.inspectorId)).toBe(true)
      expect(f.deviceId).toMatch(/^pad-/)
      expect(f.location.accuracy).toBeGreaterThanOrEqual(5)
      expect(f.location.accuracy).toBeLessThanOrEqual(30)
      expect(f.photos).toEqual([])
    }
  })

  it('spreads findings over all nine districts (40–80 each) and all five lines', () => {
    const d = data(month)
    for (const code of HARBIN_DISTRICT_CODES) {
      const n = d.findings.filter((f) => f.districtCode === code).length
      expect(n).toBeGreaterThanOrEqual(40)
      expect(n).toBeLessThanOrEqual(80)
    }
    expect(new Set(d.findings.map((f) => f.line))).toEqual(new Set(LINES))
    expect(new Set(d.findings.map((f) => f.itemCode)).size).toBeGreaterThan(40)
  })

  it('mixes statuses, mostly confirmed, with a review for every decided finding', () => {
    const d = data(month)
    const count = (s: string) => d.findings.filter((f) => f.status === s).length
    expect(count('confirmed') / d.findings.length).toBeGreaterThan(0.6)
    for (const s of ['submitted', 'rejected', 'sent_back']) expect(count(s)).toBeGreaterThan(0)
    const byFinding = new Map(d.reviews.map((r) => [r.findingId, r]))
    expect(byFinding.size).toBe(d.reviews.length)
    const expected = { confirmed: 'confirm', rejected: 'reject', sent_back: 'send_back' } as Record<string, string>
    for (const f of d.findings) {
      expect(byFinding.get(f.id)?.decision).toBe(expected[f.status])
      const r = byFinding.get(f.id)
      if (r) {
        expect(supervisorIds.has(r.supervisorId)).toBe(true)
        expect(Date.parse(r.at)).toBeGreaterThan(Date.parse(f.recordedAt))
        expect(officeHours(r.at)).toBe(true)
      }
    }
  })

  it('only uses items in season', () => {
    const codes = new Set(data(month).findings.map((f) => f.itemCode))
    const winter = ['2026-01', '2026-02', '2025-12'].includes(month)
    expect(codes.has('HW-14') || codes.has('HW-15') || codes.has('HW-16')).toBe(winter)
    expect(codes.has('YL-02')).toBe(!winter)
  })

  it('gives complaints an ordered timeline inside the month, and rates that differ by district', () => {
    const d = data(month)
    const scores = new Set<string>()
    for (const code of HARBIN_DISTRICT_CODES) {
      const cs = d.complaints.filter((c) => c.districtCode === code)
      expect(cs.length).toBeGreaterThan(5)
      for (const c of cs) {
        const times = [c.receivedAt, c.acceptedAt, c.handledAt, c.ratedAt].filter((t): t is string => !!t).map(Date.parse)
        expect(times).toEqual([...times].sort((a, b) => a - b))
        for (const t of [c.receivedAt, c.acceptedAt, c.handlingDeadline, c.handledAt, c.ratedAt]) if (t) expect(local(t).month).toBe(month)
        for (const t of [c.acceptedAt, c.handledAt, c.ratedAt]) if (t) expect(officeHours(t), t).toBe(true)
        if (c.location) expect(districtAt(c.location, districts)).toBe(code)
        if (c.status === 'not_accepted') expect(c.accepted).toBe(false)
        if (c.status === 'closed') expect(c.satisfied).toBeTypeOf('boolean')
        if (c.handledAt) expect(c.accepted).toBe(true)
      }
      scores.add(complaintScore(cs).toFixed(3))
    }
    expect(scores.size).toBeGreaterThan(4)
  })

  it('has a few media exposures, a survey score for every district and budgets for the funded lines', () => {
    const d = data(month)
    expect(d.mediaExposures.length).toBeGreaterThanOrEqual(3)
    for (const m of d.mediaExposures) expect(m.month).toBe(month)
    expect(d.surveyScores.map((s) => s.districtCode).sort()).toEqual([...HARBIN_DISTRICT_CODES])
    for (const s of d.surveyScores) {
      expect(s.score).toBeGreaterThanOrEqual(85_000)
      expect(s.score).toBeLessThanOrEqual(97_000)
    }
    expect(d.fundingBudgets).toHaveLength(HARBIN_DISTRICT_CODES.length * FUNDED_LINES.length)
    for (const b of d.fundingBudgets) {
      expect(FUNDED_LINES).toContain(b.line)
      expect(b.amountFen).toBeGreaterThanOrEqual(2_000_000 * 100)
      expect(b.amountFen).toBeLessThanOrEqual(8_000_000 * 100)
    }
  })

  it('lands some districts below 90 and some above (rough estimate of the composite)', () => {
    const est = HARBIN_DISTRICT_CODES.map((code) => roughComposite(data(month), code))
    expect(est.filter((s) => s < 90).length).toBeGreaterThanOrEqual(2)
    expect(est.filter((s) => s >= 90).length).toBeGreaterThanOrEqual(2)
    for (const s of est) expect(s).toBeGreaterThan(70)
  })
})

it('includes deductions that land exactly on a half thousandth, so the rounding rule matters', () => {
  const halves = MONTHS.flatMap((m) => data(m).findings).filter((f) => (Math.round(f.quantity * 100) * items.get(f.itemCode)!.deductionPerUnit) % 100 === 50)
  expect(halves.length).toBeGreaterThan(0)
})

it('rounds deductions half-up in integers', () => {
  expect(deductionOf(3745, 10)).toBe(375) // 37.45 m² × 0.01 = 0.3745 → 0.375
  expect(deductionOf(3744, 10)).toBe(374)
  expect(deductionOf(5, 10)).toBe(1) // 0.05 × 0.01 = 0.0005 → 0.001
  expect(deductionOf(4, 10)).toBe(0)
  expect(deductionOf(300, 2_000)).toBe(6_000)
  expect(deductionOf(10_000_000, 100_000)).toBe(10_000_000_000) // far beyond any real finding, still exact
})

it('rejects a malformed month', () => {
  expect(() => demoData('2026-13')).toThrow()
  expect(() => demoData('2026-1')).toThrow()
})

// A floating-point sketch of DESIGN.md §3, only to check the demo's spread; the scoring engine is the real thing.
function complaintScore(cs: DemoData['complaints']): number {
  const rate = (a: number, b: number) => (b === 0 ? 1 : a / b)
  const handled = cs.filter((c) => c.handledAt)
  const rated = cs.filter((c) => c.satisfied !== undefined)
  return 100 * (
    0.3 * rate(cs.filter((c) => c.accepted).length, cs.length) +
    0.4 * rate(handled.filter((c) => Date.parse(c.handledAt!) <= Date.parse(c.handlingDeadline!)).length, handled.length) +
    0.3 * rate(rated.filter((c) => c.satisfied).length, rated.length)
  )
}

function roughComposite(d: DemoData, code: string): number {
  const weights = { sanitation: 30, landscaping: 20, roads: 20, appearance: 20, enforcement: 10 }
  const perItem = new Map<string, number>()
  for (const f of d.findings) {
    if (f.districtCode === code && f.status === 'confirmed') perItem.set(f.itemCode, (perItem.get(f.itemCode) ?? 0) + f.deduction)
  }
  const lost = { sanitation: 0, landscaping: 0, roads: 0, appearance: 0, enforcement: 0 }
  for (const [c, v] of perItem) {
    const item = items.get(c)!
    lost[item.checklist.line] += Math.min(v, item.monthlyCap) / 1000
  }
  const professional = LINES.reduce((s, l) => s + weights[l] * Math.max(0, 100 - lost[l]), 0) / 100
  const media = Math.max(0, 100 - d.mediaExposures.filter((m) => m.districtCode === code).reduce((s, m) => s + m.deduction, 0) / 1000)
  const survey = d.surveyScores.find((s) => s.districtCode === code)!.score / 1000
  const complaints = complaintScore(d.complaints.filter((c) => c.districtCode === code))
  return 0.8 * professional + 0.2 * ((complaints + media + survey) / 3)
}
