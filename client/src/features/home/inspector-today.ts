// An inspector's day, read from the device only so the start page works with no network: open tasks (planned
// streets and re-inspections, soonest due first) and how many findings they recorded today in the city's zone.
import { dateOf } from '@shared/time'
import { db, type Task } from '../../db/db'
import { CITY_TIME_ZONE } from '../shell/time-format'

export interface InspectorDay {
  tasks: Task[]
  recordedToday: number
}

const due = (task: Task): number => (task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY)

export async function inspectorDay(inspectorId: string, now = Date.now(), timeZone = CITY_TIME_ZONE): Promise<InspectorDay> {
  const open = db.tasks.where('status').equals('open').toArray()
  // The last days by recordedAt, not the months the device holds: an instant of today, whatever UTC offset it is
  // written with, carries a date no earlier than the UTC date three days ago, and an ISO date sorts before its
  // own times. Both reads are under way before the zone's calendar is worked out (its first use is slow).
  const recent = db.findings.where('recordedAt').aboveOrEqual(new Date(now - 3 * 86_400_000).toISOString().slice(0, 10)).toArray()
  const today = dateOf(now, timeZone)
  // Due today, overdue, or undated: later tasks belong to another day's plan.
  const tasks = (await open).filter((task) => !task.dueAt || dateOf(task.dueAt, timeZone) <= today).sort((a, b) => due(a) - due(b))
  const recordedToday = (await recent).filter(
    (f) => f.inspectorId === inspectorId && f.status !== 'voided' && dateOf(f.recordedAt, timeZone) === today,
  ).length
  return { tasks, recordedToday }
}
