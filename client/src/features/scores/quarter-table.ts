// The quarter's ranking as the screen and the printed report lay it out: groups in the policy's order, each
// district with its three monthly composites, mean, tie-break figures and whether it is rewarded.
import { monthsOfQuarter, quarterOf } from '@shared/time'
import type { Name } from '@shared/domain'
import type { QuarterDistrictResult } from '@shared/scoring'
import type { QuarterView } from './scores-types'

export interface QuarterLine {
  r: QuarterDistrictResult
  name: Name | undefined
}

export interface QuarterGroup {
  id: string | null
  name: Name | null
  ranked: boolean
  lines: QuarterLine[]
}

export function quarterGroups(view: QuarterView): QuarterGroup[] {
  const line = (r: QuarterDistrictResult) => ({ r, name: view.districtNames[r.districtCode] })
  const groups: QuarterGroup[] = view.result.groups.map((g) => ({ id: g.id, name: g.name, ranked: true, lines: g.ranking.map(line) }))
  if (view.result.ungrouped.length) groups.push({ id: null, name: null, ranked: false, lines: view.result.ungrouped.map(line) })
  return groups
}

/** The quarter before `quarter`: 2026-Q1 → 2025-Q4. */
export function previousQuarter(quarter: string): string {
  const [first] = monthsOfQuarter(quarter)
  const [y, m] = first.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-Q4` : quarterOf(`${y}-${String(m - 3).padStart(2, '0')}`)
}

/** The last `n` quarters up to and including the one `month` is in, newest first. */
export function recentQuarters(month: string, n: number): string[] {
  const out = [quarterOf(month)]
  while (out.length < n) out.push(previousQuarter(out.at(-1)!))
  return out
}

/** The quarter a review meeting looks at first: the last one whose months have all ended (the one before `month`'s). */
export const lastEndedQuarter = (month: string): string => previousQuarter(quarterOf(month))
