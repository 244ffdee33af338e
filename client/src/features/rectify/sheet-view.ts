// How a sheet reads on the district's list and the inspector's re-inspection list: its place in the order of
// work, the countdown to its deadline (the deadline shown in the city's time zone), and where its last step
// stands on the way to the server. Pure, so it is tested on its own.
import { RECTIFICATION_STATUSES, type RectificationStatus } from '@shared/domain'
import { dateOf, localParts } from '@shared/time'
import type { LocalPhoto, LocalRectification } from '../../db/db'

export { RECTIFICATION_STATUSES }

/** Sheets the district still has to act on. */
export const TO_DO: ReadonlySet<RectificationStatus> = new Set(['new', 'in_progress', 'overdue'])
/** Sheets that are done with (the list hides them unless asked). */
export const FINISHED: ReadonlySet<RectificationStatus> = new Set(['verified', 'closed'])

export type SheetFilter = 'active' | 'all' | RectificationStatus

export function filterSheets<T extends Pick<LocalRectification, 'status'>>(rows: readonly T[], filter: SheetFilter): T[] {
  if (filter === 'all') return [...rows]
  if (filter === 'active') return rows.filter((r) => !FINISHED.has(r.status))
  return rows.filter((r) => r.status === filter)
}

/** Nearest deadline first; the same deadline by sheet number. */
export function byDeadline<T extends Pick<LocalRectification, 'deadline' | 'order'>>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline) || a.order.number.localeCompare(b.order.number))
}

export function countByStatus(rows: readonly Pick<LocalRectification, 'status'>[]): Record<RectificationStatus, number> & { active: number; all: number } {
  const counts = Object.fromEntries(RECTIFICATION_STATUSES.map((s) => [s, 0])) as Record<RectificationStatus, number>
  for (const r of rows) counts[r.status]++
  return { ...counts, active: rows.filter((r) => !FINISHED.has(r.status)).length, all: rows.length }
}

export interface Countdown {
  /** The deadline has passed. */
  late: boolean
  /** Whole days, hours and minutes left (or past, when late). */
  days: number
  hours: number
  minutes: number
  /** Less than a day left. */
  urgent: boolean
  /** Which city day the deadline falls on, seen from now: 0 today, 1 tomorrow, negative before today. */
  dayOffset: number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Time to the deadline. Minutes are rounded up while time is left (59 s left is "1 minute", not "0"). */
export function countdown(deadline: string, now: number, timeZone: string): Countdown {
  const left = Date.parse(deadline) - now
  const late = left <= 0
  const span = late ? Math.floor(Math.abs(left) / MINUTE) * MINUTE : Math.ceil(left / MINUTE) * MINUTE
  return {
    late,
    days: Math.floor(span / DAY),
    hours: Math.floor((span % DAY) / HOUR),
    minutes: Math.floor((span % HOUR) / MINUTE),
    urgent: !late && left < DAY,
    dayOffset: dayNumber(dateOf(deadline, timeZone)) - dayNumber(dateOf(now, timeZone)),
  }
}

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY

const pad = (n: number) => String(n).padStart(2, '0')

/** The deadline as the city reads it: "11-25 18:00" this year, "2027-01-05 18:00" in another. */
export function cityTime(at: string | number, timeZone: string, now: number): string {
  const p = localParts(at, timeZone)
  const clock = `${pad(p.hour)}:${pad(p.minute)}`
  return p.year === localParts(now, timeZone).year ? `${pad(p.month)}-${pad(p.day)} ${clock}` : `${p.year}-${pad(p.month)}-${pad(p.day)} ${clock}`
}

/** Where the sheet's last step stands on its way to the server. */
export type SheetSync =
  /** The server refused the last step: `rejection` says why. */
  | 'refused'
  /** A step waits in the outbox. */
  | 'on_device'
  /** The step reached the server, some of its photos have not yet. */
  | 'photo_uploading'
  | 'synced'

/** `photos` are the device's own photos (any not of this sheet are ignored). */
export function sheetSync(row: Pick<LocalRectification, 'rejection' | 'pending' | 'order'>, photos: readonly Pick<LocalPhoto, 'sha256' | 'done'>[] = []): SheetSync {
  if (row.rejection) return 'refused'
  if (row.pending === 1) return 'on_device'
  const named = new Set([...row.order.afterPhotos, ...(row.order.verification?.photos ?? [])])
  if (photos.some((p) => p.done === 0 && named.has(p.sha256))) return 'photo_uploading'
  return 'synced'
}

/** The re-inspection tasks on an inspector's device: sheets waiting for re-inspection, nearest deadline first,
 *  then those this device has just decided (until the server has them). */
export function reinspectionRows(rows: readonly LocalRectification[]): { waiting: LocalRectification[]; decided: LocalRectification[] } {
  const waiting = byDeadline(rows.filter((r) => r.status === 'submitted'))
  const decided = rows
    .filter((r) => r.status !== 'submitted' && r.pending === 1 && !!r.order.verification)
    .sort((a, b) => b.touchedAt - a.touchedAt)
  return { waiting, decided }
}

/** Points in thousandths as the sheet shows them: "2", "0.5", "1.25". */
export const points = (thousandths: number) => String(thousandths / 1000)
