// The city's clock for sheets and social entries: its time zone (the scoring policy's, as push uses it) and how
// an instant is written on a sheet or in a table — always local time in that zone, never UTC by accident.
import { DEFAULT_POLICY } from '@shared/domain'
import { localParts, monthOf, type InstantLike } from '@shared/time'
import type { Queryable } from '../db/schema'
import { policyFor } from '../repos/reference.repo'

/** The time zone of the policy in force for `month`, or for the current month when none is given. */
export async function cityTimeZone(db: Queryable, month?: string, now = Date.now()): Promise<string> {
  const m = month ?? monthOf(now, DEFAULT_POLICY.timeZone)
  return (await policyFor(db, m))?.timeZone ?? DEFAULT_POLICY.timeZone
}

const two = (n: number) => String(n).padStart(2, '0')

/** `2026-11-30 18:00`: local wall-clock time, as tables show it (and XLSX `datetime` cells read it). */
export function localDateTime(instant: InstantLike, timeZone: string): string {
  const p = localParts(instant, timeZone)
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`
}

/** `2026-11-30`: the local date. */
export function localDate(instant: InstantLike, timeZone: string): string {
  return localDateTime(instant, timeZone).slice(0, 10)
}

/** `2026年11月30日`: the local date as a sheet writes it. */
export function chineseDate(instant: InstantLike, timeZone: string): string {
  const p = localParts(instant, timeZone)
  return `${p.year}年${p.month}月${p.day}日`
}

/** `2026年11月30日 18:00`. */
export function chineseDateTime(instant: InstantLike, timeZone: string): string {
  const p = localParts(instant, timeZone)
  return `${chineseDate(instant, timeZone)} ${two(p.hour)}:${two(p.minute)}`
}
