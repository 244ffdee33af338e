// The month of many instants in a row (a push of findings, a month's complaints): one zone lookup per month
// instead of one per instant.
import { instantMs } from './instant'
import { monthBounds, monthOf } from './zone'

export function monthFinder(timeZone: string): (instant: string) => string {
  let current: { month: string; startMs: number; endMs: number } | undefined
  return (instant) => {
    const t = instantMs(instant)
    if (current && t >= current.startMs && t < current.endMs) return current.month
    const month = monthOf(t, timeZone)
    current = { month, ...monthBounds(month, timeZone) }
    return month
  }
}
