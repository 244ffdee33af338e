// The month's table as the screen lays it out: one row per district with every figure as a cell that knows what
// it is (so a click can open the findings behind it) and, once a published month's inputs have moved, the
// current figure beside the frozen one with the difference.
import { FUNDED_LINES, LINES, type Line, type Name } from '@shared/domain'
import type { DistrictMonthResult, MonthResult } from '@shared/scoring'
import type { MonthView, Unconfirmed } from './scores-types'

/** What a cell shows, and so what its drill-down opens. */
export type CellKey = `line:${Line}` | 'professional' | 'complaints' | 'media' | 'survey' | 'social' | 'composite' | 'paid' | 'withheld'

export const CELL_KEYS: readonly CellKey[] = [
  ...LINES.map((l) => `line:${l}` as const),
  'professional',
  'complaints',
  'media',
  'survey',
  'social',
  'composite',
  'paid',
  'withheld',
]

/** A figure as a whole number of `unit`s (thousandths of a point, hundredths, fen), so that differences are exact. */
export interface Amount {
  value: number
  unit: 'thousandths' | 'hundredths' | 'fen'
}

export interface Cell {
  key: CellKey
  /** As the engine displays it (fen shown as yuan by the view). */
  amount: Amount
  display: string
  /** The current (preliminary) figure when it differs from the published one. */
  current?: { amount: Amount; display: string; delta: Amount }
}

export interface ScoreRow {
  districtCode: string
  name: Name | undefined
  cells: Record<CellKey, Cell>
  /** Parts filled with a default because they were missing (a survey score): the month cannot be published. */
  incomplete: string[]
  unconfirmed: Unconfirmed | undefined
  /** Funded lines without a budget this month. */
  unbudgeted: Line[]
  /** The district's row is new, gone or different in the current result. */
  changed: boolean
}

/** "96.155" → 96155 at three decimals: the engine's fixed-decimal display as an integer. */
export function scaled(display: string, decimals: number): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(display.trim())
  if (!m) return NaN
  const frac = (m[3] ?? '').padEnd(decimals, '0').slice(0, decimals)
  const n = Number(m[2]) * 10 ** decimals + Number(frac || '0')
  return m[1] ? -n : n
}

const sumFen = (d: DistrictMonthResult, k: 'paidFen' | 'withheldFen' | 'atStakeFen') => d.funding.reduce((s, f) => s + f[k], 0)

/** Fen as yuan with thousands separators: 123456789 → "1,234,567.89". */
export function yuanText(fen: number): string {
  const neg = fen < 0
  const digits = String(Math.abs(fen)).padStart(3, '0')
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${neg ? '-' : ''}${whole}.${digits.slice(-2)}`
}

/** An amount as the table writes it. */
export function amountText(a: Amount): string {
  if (a.unit === 'fen') return yuanText(a.value)
  const decimals = a.unit === 'thousandths' ? 3 : 2
  const neg = a.value < 0
  const digits = String(Math.abs(a.value)).padStart(decimals + 1, '0')
  return `${neg ? '-' : ''}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`
}

/** A difference with its sign: "+0.250", "−1.20". */
export function deltaText(a: Amount): string {
  const text = amountText({ ...a, value: Math.abs(a.value) })
  return a.value > 0 ? `+${text}` : a.value < 0 ? `−${text}` : '±0'
}

/** Every figure of a district's result as an amount with its display. */
export function figures(d: DistrictMonthResult): Record<CellKey, { amount: Amount; display: string }> {
  const points = (display: string) => ({ amount: { value: scaled(display, 3), unit: 'thousandths' as const }, display })
  const fen = (value: number) => ({ amount: { value, unit: 'fen' as const }, display: yuanText(value) })
  const lines = Object.fromEntries(
    LINES.map((l) => {
      const line = d.professional.lines.find((x) => x.line === l)
      return [`line:${l}`, line ? { amount: { value: line.score, unit: 'thousandths' as const }, display: line.display } : points('—')]
    }),
  ) as Record<`line:${Line}`, { amount: Amount; display: string }>
  return {
    ...lines,
    professional: points(d.professional.display),
    complaints: points(d.social.complaints.score.display),
    media: { amount: { value: d.social.media.score, unit: 'thousandths' }, display: d.social.media.display },
    survey: { amount: { value: d.social.survey.score, unit: 'thousandths' }, display: d.social.survey.display },
    social: points(d.social.mean.display),
    composite: { amount: { value: d.composite.hundredths, unit: 'hundredths' }, display: d.composite.display },
    paid: fen(sumFen(d, 'paidFen')),
    withheld: fen(sumFen(d, 'withheldFen')),
  }
}

function row(d: DistrictMonthResult, view: MonthView, current: DistrictMonthResult | undefined, compare: boolean): ScoreRow {
  const now = figures(d)
  const then = current ? figures(current) : undefined
  const cells = {} as Record<CellKey, Cell>
  let changed = compare && !current
  for (const key of CELL_KEYS) {
    const f = now[key]
    const cell: Cell = { key, amount: f.amount, display: f.display }
    const c = then?.[key]
    if (c && c.amount.value !== f.amount.value && Number.isFinite(c.amount.value)) {
      cell.current = { ...c, delta: { value: c.amount.value - f.amount.value, unit: f.amount.unit } }
      changed = true
    }
    cells[key] = cell
  }
  return {
    districtCode: d.districtCode,
    name: view.districtNames[d.districtCode],
    cells,
    incomplete: d.incomplete,
    unconfirmed: view.unconfirmed.find((u) => u.districtCode === d.districtCode),
    unbudgeted: d.unbudgetedLines,
    changed,
  }
}

/** The table's rows in the result's order (district code); with the current result beside a frozen one when given. */
export function scoreRows(view: MonthView): ScoreRow[] {
  const compare = view.source === 'frozen' && view.changedSincePublished === true && view.current !== undefined
  const current = new Map((compare ? view.current!.result.districts : []).map((d) => [d.districtCode, d]))
  return view.result.districts.map((d) => row(d, view, current.get(d.districtCode), compare))
}

export interface Totals {
  atStakeFen: number
  paidFen: number
  withheldFen: number
}

export function fundingTotals(result: MonthResult): Totals {
  return result.districts.reduce(
    (t, d) => ({ atStakeFen: t.atStakeFen + sumFen(d, 'atStakeFen'), paidFen: t.paidFen + sumFen(d, 'paidFen'), withheldFen: t.withheldFen + sumFen(d, 'withheldFen') }),
    { atStakeFen: 0, paidFen: 0, withheldFen: 0 },
  )
}

/** Whether a month holds anything to score: a published month, or any finding, complaint, exposure or survey score. */
export function hasRecords(view: MonthView): boolean {
  if (view.published) return true
  return view.result.districts.some(
    (d) =>
      !d.social.survey.missing ||
      d.social.complaints.counts.received > 0 ||
      d.social.media.exposureIds.length > 0 ||
      d.professional.lines.some((l) => l.items.length > 0 || l.penalties.length > 0),
  )
}

export interface TrendSeries {
  districtCode: string
  name: Name | undefined
  /** Composite per month, in points; null for a month with no records or not loaded. */
  values: (number | null)[]
}

/**
 * Each district's composite over `months`, from the month views loaded for them (null where none). Only districts
 * the views hold a result for: a district user's views hold their own district alone.
 */
export function trendSeries(months: readonly string[], views: ReadonlyMap<string, MonthView | null>, names: Record<string, Name>): TrendSeries[] {
  const codes = new Set<string>()
  for (const m of months) for (const d of views.get(m)?.result.districts ?? []) codes.add(d.districtCode)
  return [...codes].sort().map((code) => ({
    districtCode: code,
    name: names[code],
    values: months.map((m) => {
      const v = views.get(m)
      if (!v || !hasRecords(v)) return null
      const d = v.result.districts.find((x) => x.districtCode === code)
      return d ? d.composite.hundredths / 100 : null
    }),
  }))
}

export interface LineLoss {
  line: Line
  /** Points of the professional score lost through this line: weight × (100 − line score) ÷ Σ weights. */
  lost: number
  score: number
}

/** How a district's professional score falls short of 100, line by line; the parts add up to 100 − professional. */
export function lineLosses(d: DistrictMonthResult): LineLoss[] {
  const total = d.professional.lines.reduce((s, l) => s + l.weight, 0) || 1
  return d.professional.lines.map((l) => ({ line: l.line, lost: (l.weight * (100_000 - l.score)) / total / 1000, score: l.score / 1000 }))
}

/** Funded lines in order, for the funding drill-down. */
export const FUNDED: readonly Line[] = FUNDED_LINES
