// Funding per district and funded line, from a month result: budget, at stake, paid and withheld, in fen.
import type { Line } from '@shared/domain'
import type { Figure, MonthResult } from '@shared/scoring'

export interface FundingRow {
  districtCode: string
  line: Line
  /** The composite the payment follows (the published, rounded figure). */
  composite: string
  budgetFen: number
  atStakeFen: number
  paidFen: number
  withheldFen: number
  /** Share of the at-stake amount paid. */
  factor: Figure
  full: boolean
}

export interface FundingTable {
  rows: FundingRow[]
  /** Funded lines of a district with no budget for the month: nothing is at stake there. */
  unbudgeted: { districtCode: string; line: Line }[]
  totals: { budgetFen: number; atStakeFen: number; paidFen: number; withheldFen: number }
}

export function fundingTable(result: MonthResult): FundingTable {
  const rows = result.districts.flatMap((d) =>
    d.funding.map((f) => ({
      districtCode: d.districtCode,
      line: f.line,
      composite: d.composite.display,
      budgetFen: f.budgetFen,
      atStakeFen: f.atStakeFen,
      paidFen: f.paidFen,
      withheldFen: f.withheldFen,
      factor: f.factor,
      full: f.full,
    })),
  )
  const sum = (k: 'budgetFen' | 'atStakeFen' | 'paidFen' | 'withheldFen') => rows.reduce((s, r) => s + r[k], 0)
  return {
    rows,
    unbudgeted: result.districts.flatMap((d) => d.unbudgetedLines.map((line) => ({ districtCode: d.districtCode, line }))),
    totals: { budgetFen: sum('budgetFen'), atStakeFen: sum('atStakeFen'), paidFen: sum('paidFen'), withheldFen: sum('withheldFen') },
  }
}
