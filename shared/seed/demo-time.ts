// Local wall-clock times for demo data in Harbin. Asia/Shanghai has kept UTC+8 without daylight saving since 1991,
// so a local time is a UTC-based millisecond count of the wall clock plus a fixed "+08:00" suffix.

export const HARBIN_OFFSET = '+08:00'

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** Wall-clock milliseconds (counted as if the wall clock were UTC) of a local date and time. */
export function wallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second)
}

/** ISO 8601 with the +08:00 offset, e.g. 2026-01-15T09:12:33+08:00. */
export function isoLocal(wall: number): string {
  const d = new Date(wall)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${HARBIN_OFFSET}`
  )
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** 0 = Sunday … 6 = Saturday; a calendar fact, the same in every zone. */
export function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay()
}

export const HOUR = 3_600_000
export const MINUTE = 60_000

/** Office hours for demo events that people do at a desk (accepting, handling, reviewing): 08:00–20:00. */
export function isDaytime(wall: number): boolean {
  const h = new Date(wall).getUTCHours()
  return h >= 8 && h < 20
}

/** The moment itself if it falls in office hours, else the next 08:00 plus up to 90 minutes. */
export function nextDaytime(wall: number, jitterMinutes: number): number {
  if (isDaytime(wall)) return wall
  const d = new Date(wall)
  const morning = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 8)
  return (d.getUTCHours() < 8 ? morning : morning + 24 * HOUR) + Math.min(90, Math.max(0, jitterMinutes)) * MINUTE
}
