// Calendar months `YYYY-MM` and quarters `YYYY-Qn`: arithmetic on the labels, no time zone involved.

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/
const QUARTER_RE = /^(\d{4})-Q([1-4])$/

/** Year and month number (1–12) of a `YYYY-MM` label; throws on anything else. */
export function parseMonth(month: string): { year: number; month: number } {
  const m = MONTH_RE.exec(month)
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${JSON.stringify(month)}`)
  return { year: Number(m[1]), month: Number(m[2]) }
}

export function formatMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
}

/** The month `n` months after (or before, when negative) `month`. */
export function addMonths(month: string, n: number): string {
  const { year, month: m } = parseMonth(month)
  const index = year * 12 + (m - 1) + n
  return formatMonth(Math.floor(index / 12), (index % 12) + 1)
}

/** The quarter a month falls in: `2026-11` → `2026-Q4`. */
export function quarterOf(month: string): string {
  const { year, month: m } = parseMonth(month)
  return `${String(year).padStart(4, '0')}-Q${Math.ceil(m / 3)}`
}

/** The three months of a quarter, in order: `2026-Q4` → `2026-10`, `2026-11`, `2026-12`. */
export function monthsOfQuarter(quarter: string): [string, string, string] {
  const q = QUARTER_RE.exec(quarter)
  if (!q) throw new RangeError(`not a quarter (YYYY-Qn): ${JSON.stringify(quarter)}`)
  const year = Number(q[1])
  const first = (Number(q[2]) - 1) * 3 + 1
  return [formatMonth(year, first), formatMonth(year, first + 1), formatMonth(year, first + 2)]
}
