// When a district may appeal a finding: from the moment it counts until the policy's appealWindowDays after its
// month is published. The server decides; this shows the district the same rule beforehand, so that a closed
// window is said before anything is typed.
import type { ScoringPolicy } from '@shared/domain'
import { addMonths, monthOf } from '@shared/time'

const DAY_MS = 86_400_000

export type AppealWindow =
  /** The month is not published yet: open, and it closes appealWindowDays after publication. */
  | { state: 'unpublished'; days: number }
  | { state: 'open'; closesAt: number; days: number }
  | { state: 'closed'; closedAt: number; days: number }

export function appealWindow(publishedAt: string | null, days: number, now = Date.now()): AppealWindow {
  if (publishedAt === null) return { state: 'unpublished', days }
  const closes = Date.parse(publishedAt) + days * DAY_MS
  return now < closes ? { state: 'open', closesAt: closes, days } : { state: 'closed', closedAt: closes, days }
}

export const isOpen = (w: AppealWindow): boolean => w.state !== 'closed'

/** Whole days left, counting a started day as one ("1 day left" until the last millisecond). */
export function daysLeft(w: AppealWindow, now = Date.now()): number | null {
  return w.state === 'open' ? Math.max(0, Math.ceil((w.closesAt - now) / DAY_MS)) : null
}

/**
 * The months a district might still appeal in, newest first: this month, and as many before it as a window of
 * `days` after a publication (which comes after the month has ended) could still reach, at least the two before.
 */
export function candidateMonths(now: number, timeZone: string, days: number): string[] {
  const current = monthOf(now, timeZone)
  const back = Math.max(2, 1 + Math.ceil(days / 28))
  return Array.from({ length: back + 1 }, (_, i) => addMonths(current, -i))
}

/** The policy in force for a month: the newest version effective from it or before; else the oldest held. */
export function policyForMonth(all: readonly ScoringPolicy[], month: string): ScoringPolicy | null {
  if (!all.length) return null
  const sorted = [...all].sort((a, b) => b.version - a.version)
  return sorted.find((p) => p.effectiveFrom <= month) ?? sorted.at(-1)!
}
