// An inspector's day, read from the device only so the start page works with no network: open tasks (planned
// streets and re-inspections, soonest due first) and how many findings they recorded today in the city's zone.
import { dateOf } from '@shared/time'
import { db, type LocalFinding, type Task } from '../../db/db'
import { CITY_TIME_ZONE } from '../shell/time-format'

export interface InspectorDay {
  tasks: Task[]
  recordedToday: number
}

/** What a day is made of on the device, for any inspector: the open tasks and the findings of the last days. */
export interface DayRead {
  now: number
  open: Task[]
  recent: LocalFinding[]
}

const due = (task: Task): number => (task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY)

export async function readDay(now = Date.now()): Promise<DayRead> {
  const open = db.tasks.where('status').equals('open').toArray()
  // The last days by recordedAt, not the months the device holds: an instant of today, whatever UTC offset it is
  // written with, carries a date no earlier than the UTC date three days ago, and an ISO date sorts before its
  // own times. Both reads go out together.
  const recent = db.findings.where('recordedAt').aboveOrEqual(new Date(now - 3 * 86_400_000).toISOString().slice(0, 10)).toArray()
  return { now, open: await open, recent: await recent }
}

export function dayFor(read: DayRead, inspectorId: string, timeZone = CITY_TIME_ZONE): InspectorDay {
  const today = dateOf(read.now, timeZone)
  // Due today, overdue, or undated: later tasks belong to another day's plan.
  const tasks = read.open.filter((task) => !task.dueAt || dateOf(task.dueAt, timeZone) <= today).sort((a, b) => due(a) - due(b))
  const recordedToday = read.recent.filter(
    (f) => f.inspectorId === inspectorId && f.status !== 'voided' && dateOf(f.recordedAt, timeZone) === today,
  ).length
  return { tasks, recordedToday }
}

export async function inspectorDay(inspectorId: string, now = Date.now(), timeZone = CITY_TIME_ZONE): Promise<InspectorDay> {
  return dayFor(await readDay(now), inspectorId, timeZone)
}

let ahead: DayRead | null = null
const AHEAD_FRESH_MS = 10_000

/** Reads the day before the start page is built (at start, beside the session), so that it opens with its data. */
export async function readDayAhead(): Promise<void> {
  ahead = await readDay().catch(() => null)
}

/** The day read ahead, once and only while fresh (not for someone who signs in later); null when there is none. */
export function takeDayAhead(now = Date.now()): DayRead | null {
  const read = ahead
  ahead = null
  return read && now - read.now < AHEAD_FRESH_MS ? read : null
}
