// Deadlines as the city reads them: a date and a clock time in the city's zone (whatever zone the supervisor's
// computer is set to), sent as an instant with the city's offset, e.g. 2026-12-02T18:00:00+08:00.
import { localParts, zoneOffsetMs } from '@shared/time'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^(\d{2}):(\d{2})$/
const pad = (n: number) => String(n).padStart(2, '0')

function offsetText(ms: number): string {
  const sign = ms < 0 ? '-' : '+'
  const minutes = Math.round(Math.abs(ms) / 60_000)
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}

/**
 * The instant at wall-clock `date` `time` in `timeZone`, written with that zone's offset; null when the text is not
 * a date and time or names a time the zone skips (a daylight-saving gap).
 */
export function localToInstant(date: string, time: string, timeZone: string): string | null {
  const d = DATE.exec(date)
  const t = TIME.exec(time)
  if (!d || !t) return null
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])]
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null
  const wall = Date.UTC(y, mo - 1, da, h, mi)
  if (new Date(wall).getUTCDate() !== da) return null // 31 November and the like
  // Two rounds settle the offset near a transition; the check below refuses a wall time that does not exist.
  let ms = wall - zoneOffsetMs(wall, timeZone)
  ms = wall - zoneOffsetMs(ms, timeZone)
  const p = localParts(ms, timeZone)
  if (p.year !== y || p.month !== mo || p.day !== da || p.hour !== h || p.minute !== mi) return null
  return `${date}T${time}:00${offsetText(zoneOffsetMs(ms, timeZone))}`
}

/** The wall-clock date and time of an instant in `timeZone`, as a date and a time input take them. */
export function instantToLocal(instant: string | number, timeZone: string): { date: string; time: string } {
  const p = localParts(instant, timeZone)
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` }
}

/** `days` days after today in the city, at `time` (end of the working day by default). */
export function defaultDeadline(now: number, timeZone: string, days = 7, time = '18:00'): { date: string; time: string } {
  const today = localParts(now, timeZone)
  const later = new Date(Date.UTC(today.year, today.month - 1, today.day + days))
  return { date: `${later.getUTCFullYear()}-${pad(later.getUTCMonth() + 1)}-${pad(later.getUTCDate())}`, time }
}

/** `2026-12-02 18:00`: an instant as the city reads it. */
export function localText(instant: string | number, timeZone: string): string {
  const { date, time } = instantToLocal(instant, timeZone)
  return `${date} ${time}`
}

/** Whole days from `now` to the deadline, rounded towards now: 0 on its last day, negative once it has passed. */
export function daysLeft(deadline: string, now: number): number {
  const ms = Date.parse(deadline) - now
  return ms >= 0 ? Math.floor(ms / 86_400_000) : -Math.ceil(-ms / 86_400_000)
}
