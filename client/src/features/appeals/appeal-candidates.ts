// Which deductions a district can appeal now: its confirmed findings (the ones that count) of this month and of the
// recent months whose window is still open, less those already appealed. Each month says when its window closes,
// from its publication (GET /api/scores/months/:month) and the policy's appealWindowDays.
import type { Line, Name, ScoringPolicy } from '@shared/domain'
import { apiGet, type ApiError } from '../../api/client'
import { appealWindow, candidateMonths, isOpen, policyForMonth, type AppealWindow } from './appeal-window'

/** A finding row of GET /api/findings, the part the form shows. */
export interface FindingRow {
  id: string
  month: string
  line: Line
  itemCode: string
  itemName: Name | null
  deduction: number
  street: string
  recordedAt: string
  photos: string[]
  status: string
}

export interface MonthCandidates {
  month: string
  publishedAt: string | null
  /** Null when the window cannot be told here: no policy on the device yet, or the month's scores could not be read. */
  window: AppealWindow | null
  findings: FindingRow[]
}

export interface MonthFacts {
  month: string
  /** Undefined when the publication could not be read. */
  publishedAt: string | null | undefined
  rows: FindingRow[]
}

/** Months newest first; closed months kept (without findings) so the screen can say they closed. */
export function groupCandidates(
  facts: readonly MonthFacts[],
  policies: readonly ScoringPolicy[],
  appealed: ReadonlySet<string>,
  now = Date.now(),
): MonthCandidates[] {
  return facts.map((f) => {
    const policy = policyForMonth(policies, f.month)
    const window = policy && f.publishedAt !== undefined ? appealWindow(f.publishedAt, policy.appealWindowDays, now) : null
    const open = window === null || isOpen(window)
    const findings = open
      ? f.rows
          .filter((r) => r.status === 'confirmed' && !appealed.has(r.id))
          .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt) || (a.id < b.id ? -1 : 1))
      : []
    return { month: f.month, publishedAt: f.publishedAt ?? null, window, findings }
  })
}

export type Loaded = { ok: true; months: MonthCandidates[] } | { ok: false; status: number; error: ApiError }

/** Most findings a district has in one month that the form lists. */
const MONTH_LIMIT = 5000

export async function loadCandidates(policies: readonly ScoringPolicy[], timeZone: string, appealed: ReadonlySet<string>, now = Date.now()): Promise<Loaded> {
  const days = policyForMonth(policies, '9999-12')?.appealWindowDays ?? 0
  const months = candidateMonths(now, timeZone, days)
  const facts = await Promise.all(
    months.map(async (month): Promise<MonthFacts | { failed: { status: number; error: ApiError } }> => {
      const [scores, findings] = await Promise.all([
        apiGet<{ published: { publishedAt: string } | null }>(`/scores/months/${month}`),
        apiGet<{ rows: FindingRow[] }>(`/findings?month=${month}&status=confirmed&limit=${MONTH_LIMIT}`),
      ])
      if (!findings.ok) return { failed: findings }
      // A month the engine cannot score (before the first policy, say) still lists its findings; the server judges.
      return { month, publishedAt: scores.ok ? (scores.data.published?.publishedAt ?? null) : undefined, rows: findings.data.rows }
    }),
  )
  const failed = facts.find((f): f is { failed: { status: number; error: ApiError } } => 'failed' in f)
  if (failed) return { ok: false, ...failed.failed }
  return { ok: true, months: groupCandidates(facts as MonthFacts[], policies, appealed, now) }
}
