// The input hash: canonical JSON of what counts, stable across versions of the code that wrote it.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, Finding, type ScoringPolicy } from '@shared/domain'
import fc from 'fast-check'
import { canonicalJson, computeMonth, hashedInputs, hashedPieces, monthInputHash, selectMonth, ScoringInputError } from '@shared/scoring'
import { monthInputArb } from './arbitraries'
import { CHECKLIST, D1, D2, finding, month, uid } from './fixtures'

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: undefined, b: null }, 2], c: { z: true, y: 'é' } })).toBe(
      '{"a":[{"b":null,"d":"x"},2],"b":1,"c":{"y":"é","z":true}}',
    )
    expect(() => canonicalJson({ a: NaN })).toThrow(RangeError)
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError)
  })
})

describe('input hash', () => {
  // Spelled out rather than taken from DEFAULT_POLICY, so that the pinned hash below does not move with the defaults.
  const policy: ScoringPolicy = {
    version: 3,
    effectiveFrom: '2026-01',
    timeZone: 'Asia/Shanghai',
    lineStart: 100_000,
    lineWeights: { sanitation: 30, landscaping: 20, roads: 20, appearance: 20, enforcement: 10 },
    professionalShare: '0.8',
    complaintWeights: { acceptance: '0.3', onTime: '0.4', satisfaction: '0.3' },
    mediaStart: 100_000,
    funding: { threshold: '90', atStakeShare: '0.2', perPoint: '0.05', floor: '0', lines: ['sanitation', 'landscaping', 'roads'] },
    rectification: { overduePenalty: 500, escalation: 2 },
    ranking: { groups: [{ id: 'all', name: { zh: '全市', en: 'City' }, districtCodes: [D1, D2] }], rewardTop: 3 },
    clockToleranceMinutes: 30,
    gpsAccuracyWarnMetres: 50,
    appealWindowDays: 5,
  }
  const fixed = () =>
    month({
      policy,
      findings: [
        finding({ id: uid(1, 0xf), deduction: 1_500 }),
        finding({ id: uid(2, 0xf), line: 'roads', deduction: 500, districtCode: D2 }),
        finding({ id: uid(3, 0xf), status: 'rejected' }),
      ],
      complaints: [{ id: uid(1, 0xa), districtCode: D1, receivedAt: '2026-11-02T09:00:00+08:00', accepted: true }],
      budgets: [{ districtCode: D1, month: '2026-11', line: 'sanitation', amountFen: 5_000_000 }],
    })

  it('covers the fields the engine reads of the records that count', () => {
    const h = hashedInputs(selectMonth(fixed()))
    expect(Object.keys(h).sort()).toEqual(['budgets', 'checklists', 'complaints', 'districtCodes', 'findings', 'media', 'mode', 'month', 'overdueRounds', 'policy', 'surveys'])
    // The rejected finding does not count; the two that do are in id order; only the referenced checklists appear.
    expect((h.findings as { id: string }[]).map((f) => f.id)).toEqual([uid(1, 0xf), uid(2, 0xf)])
    expect((h.checklists as { id: string }[]).map((c) => c.id)).toEqual([CHECKLIST.sanitation, CHECKLIST.roads].sort())
    expect(h.policy).toEqual(policy)
    expect(h.budgets).toEqual([{ districtCode: D1, month: '2026-11', line: 'sanitation', amountFen: 5_000_000 }])
  })

  it('is the SHA-256 of the canonical JSON, however it is streamed', () => {
    const json = canonicalJson(hashedInputs(selectMonth(fixed())))
    expect(monthInputHash(fixed())).toBe(createHash('sha256').update(json, 'utf8').digest('hex'))
    fc.assert(
      fc.property(monthInputArb, (input) => {
        const sel = selectMonth(input)
        const pieces: string[] = []
        hashedPieces(sel, (p) => pieces.push(p))
        expect(pieces.join('')).toBe(canonicalJson(hashedInputs(sel)))
      }),
      { numRuns: 100 },
    )
  })

  it('stays the same value from one version of the code to the next', () => {
    // If this changes, months published earlier can no longer be checked: change the canonical form only on purpose.
    expect(computeMonth(fixed()).inputHash).toBe(monthInputHash(fixed()))
    expect(monthInputHash(fixed())).toBe(PINNED)
  })

  it('ignores what the engine does not read, such as a note or photos', () => {
    const base = Finding.parse({
      id: uid(7, 0xf),
      checklistId: CHECKLIST.sanitation,
      checklistVersion: 1,
      itemCode: 'HW-02',
      line: 'sanitation',
      quantity: 2,
      deduction: 2_000,
      location: { lat: 45.76, lng: 126.62, accuracy: 8 },
      districtCode: D1,
      street: '中央大街',
      inspectorId: uid(1, 0x1),
      deviceId: 'tablet-1',
      recordedAt: '2026-11-20T10:00:00+08:00',
      status: 'confirmed',
    })
    const annotated = { ...base, note: '已复查', photos: ['a'.repeat(64)] }
    const a = computeMonth(month({ findings: [base] }))
    const b = computeMonth(month({ findings: [annotated] }))
    expect(a.inputHash).toBe(b.inputHash)
    expect(a.districts[0].professional.lines[0].score).toBe(98_000)
  })
})

describe('unusable input', () => {
  const code = (f: () => unknown) => {
    try {
      f()
    } catch (e) {
      expect(e).toBeInstanceOf(ScoringInputError)
      return [(e as ScoringInputError).code, (e as ScoringInputError).details.field]
    }
    return ['no error']
  }

  it('refuses a policy that could take a score out of 0–100, naming the field', () => {
    const p = DEFAULT_POLICY
    expect(code(() => computeMonth(month({ policy: { ...p, complaintWeights: { acceptance: '0.3', onTime: '0.4', satisfaction: '0.4' } } })))).toEqual([
      'invalid_policy',
      'complaintWeights',
    ])
    expect(code(() => computeMonth(month({ policy: { ...p, professionalShare: '1.2' } })))).toEqual(['invalid_policy', 'professionalShare'])
    expect(code(() => computeMonth(month({ policy: { ...p, funding: { ...p.funding, floor: '2' } } })))).toEqual(['invalid_policy', 'funding.floor'])
    expect(code(() => computeMonth(month({ policy: { ...p, timeZone: 'Nowhere/Else' } })))).toEqual(['invalid_policy', 'timeZone'])
    expect(code(() => computeMonth(month({ month: '2026-13' })))).toEqual(['invalid_input', 'month'])
  })
})

// Recorded when the canonical form was fixed (checked against node:crypto over canonicalJson in the test above).
const PINNED = '6c3d3f13487d0647e05f5cfdd7f31b8526f1b43670fb1fc3d903157d9d632182'
