// Small builders for scoring tests: readable ids, checklists with known caps, findings and months.
import { DEFAULT_POLICY, type Line, type ScoringPolicy } from '@shared/domain'
import type { MonthInput, ScoringChecklist, ScoringFinding } from '@shared/scoring'

/** A valid UUID whose last group is `n` in hex: uid(1) = 00000000-0000-4000-8000-000000000001. */
export function uid(n: number, group = 0): string {
  return `${group.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}

export const D1 = '230102'
export const D2 = '230103'
export const D3 = '230104'

/** Checklist ids per line (version 1 unless a test adds more). */
export const CHECKLIST: Record<Line, string> = {
  sanitation: uid(1, 0xc),
  landscaping: uid(2, 0xc),
  roads: uid(3, 0xc),
  appearance: uid(4, 0xc),
  enforcement: uid(5, 0xc),
}

const PREFIX: Record<Line, string> = { sanitation: 'HW', landscaping: 'YL', roads: 'DQ', appearance: 'SR', enforcement: 'ZF' }

/** Item codes XX-01 … XX-04 with caps 5, 10, 20 and 100 points. */
export function checklist(line: Line, version = 1, caps: number[] = [5_000, 10_000, 20_000, 100_000]): ScoringChecklist {
  return {
    id: CHECKLIST[line],
    version,
    line,
    items: caps.map((monthlyCap, i) => ({ code: `${PREFIX[line]}-0${i + 1}`, monthlyCap })),
  }
}

export const CHECKLISTS: ScoringChecklist[] = (['sanitation', 'landscaping', 'roads', 'appearance', 'enforcement'] as const).map((l) =>
  checklist(l),
)

export function code(line: Line, item: number): string {
  return `${PREFIX[line]}-0${item}`
}

let counter = 0

/** A confirmed finding in November 2026 (Shanghai noon on the 15th) unless overridden. */
export function finding(over: Partial<ScoringFinding> & { line?: Line; item?: number } = {}): ScoringFinding {
  const { item = 1, ...rest } = over
  const line = over.line ?? 'sanitation'
  return {
    id: uid(++counter, 0xf),
    checklistId: CHECKLIST[line],
    checklistVersion: 1,
    itemCode: code(line, item),
    line,
    districtCode: D1,
    deduction: 1_000,
    recordedAt: '2026-11-15T12:00:00+08:00',
    status: 'confirmed',
    ...rest,
  }
}

/** A policy whose one ranking group holds `codes` (DEFAULT_POLICY otherwise). */
export function policyFor(codes: string[], over: Partial<ScoringPolicy> = {}): ScoringPolicy {
  return {
    ...DEFAULT_POLICY,
    ranking: { groups: [{ id: 'all', name: { zh: '全市', en: 'City' }, districtCodes: codes }], rewardTop: 3 },
    ...over,
  }
}

/** November 2026, published, districts D1 and D2, every survey score present (100) unless overridden. */
export function month(over: Partial<MonthInput> = {}): MonthInput {
  const districtCodes = over.districtCodes ?? [D1, D2]
  return {
    month: '2026-11',
    mode: 'published',
    policy: policyFor([...districtCodes]),
    districtCodes,
    checklists: CHECKLISTS,
    findings: [],
    surveys: districtCodes.map((districtCode) => ({ districtCode, month: over.month ?? '2026-11', score: 100_000 })),
    ...over,
  }
}
