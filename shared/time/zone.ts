// Local calendar time in a named IANA zone (the city's): months, dates and month bounds as instants. Intl knows the
// zones; the city's own, whose offset is fixed these days, is worked out by arithmetic.
import { instantMs } from './instant'
import { addMonths, formatMonth, parseMonth } from './month'

export interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    // Throws RangeError for a zone Intl does not know, which is what a caller should see.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** An instant as an ISO 8601 string with offset, epoch ms, or a Date. */
export type InstantLike = string | number | Date

function toMs(instant: InstantLike): number {
  const ms = typeof instant === 'number' ? instant : typeof instant === 'string' ? instantMs(instant) : instant.getTime()
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${JSON.stringify(instant)}`)
  return ms
}

/**
 * Zones whose offset has not changed since a known instant, so that local time there is arithmetic: no Intl, whose
 * first use in a zone costs a browser tens of ms of calendar data on the app's first screen. China has kept UTC+8
 * without summer time since its last one ended in September 1991; earlier instants go through Intl.
 */
const FIXED_OFFSET: Record<string, { offsetMs: number; sinceMs: number }> = {
  'Asia/Shanghai': { offsetMs: 8 * 3_600_000, sinceMs: Date.UTC(1992, 0, 1) },
  UTC: { offsetMs: 0, sinceMs: Number.NEGATIVE_INFINITY },
}

function fixedParts(ms: number, offsetMs: number): LocalParts {
  const d = new Date(ms + offsetMs)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() }
}

/** Wall-clock date and time in `timeZone` at an instant (ISO string or epoch ms). */
export function localParts(instant: InstantLike, timeZone: string): LocalParts {
  const ms = toMs(instant)
  const fixed = FIXED_OFFSET[timeZone]
  if (fixed && ms >= fixed.sinceMs) return fixedParts(ms, fixed.offsetMs)
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  let bc = false
  for (const p of formatterFor(timeZone).formatToParts(ms)) {
    if (p.type === 'era') bc = p.value.startsWith('B')
    else if (p.type in out) out[p.type as keyof LocalParts] = Number(p.value)
  }
  if (bc) out.year = 1 - out.year
  if (out.hour === 24) out.hour = 0 // some engines still print midnight as 24 under h23
  return out
}

/** Offset of `timeZone` from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(instant: InstantLike, timeZone: string): number {
  const ms = toMs(instant)
  const p = localParts(ms, timeZone)
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to the 1900s.
  const wall = new Date(0)
  wall.setUTCFullYear(p.year, p.month - 1, p.day)
  wall.setUTCHours(p.hour, p.minute, p.second, 0)
  return wall.getTime() - (ms - (((ms % 1000) + 1000) % 1000))
}

/** The month `YYYY-MM` an instant falls in, in `timeZone`: 2026-10-31T23:30:00Z in Asia/Shanghai → 2026-11. */
export function monthOf(instant: InstantLike, timeZone: string): string {
  const p = localParts(instant, timeZone)
  return formatMonth(p.year, p.month)
}

/** The local date `YYYY-MM-DD` of an instant in `timeZone` ("today" when given now). */
export function dateOf(instant: InstantLike, timeZone: string): string {
  const p = localParts(instant, timeZone)
  return `${formatMonth(p.year, p.month)}-${String(p.day).padStart(2, '0')}`
}

const startCache = new Map<string, number>()

/** Epoch ms of the first instant of `month` in `timeZone` (local midnight on the 1st, or the first instant after a gap). */
export function monthStartMs(month: string, timeZone: string): number {
  const key = `${timeZone} ${month}`
  const cached = startCache.get(key)
  if (cached !== undefined) return cached
  const { year, month: m } = parseMonth(month)
  const guess = new Date(0).setUTCFullYear(year, m - 1, 1)
  let t = guess - zoneOffsetMs(guess, timeZone)
  t = guess - zoneOffsetMs(t, timeZone)
  if (!(monthOf(t, timeZone) === month && monthOf(t - 1, timeZone) < month)) {
    // A transition near midnight: search for the first instant whose local month is `month`.
    let lo = guess - 36 * 3_600_000
    let hi = guess + 36 * 3_600_000
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2)
      if (monthOf(mid, timeZone) >= month) hi = mid
      else lo = mid
    }
    t = hi
  }
  startCache.set(key, t)
  return t
}

/** `[startMs, endMs)` of a month in `timeZone`: an instant belongs to the month when start ≤ t < end. */
export function monthBounds(month: string, timeZone: string): { startMs: number; endMs: number } {
  return { startMs: monthStartMs(month, timeZone), endMs: monthStartMs(addMonths(month, 1), timeZone) }
}
