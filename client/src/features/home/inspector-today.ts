// An inspector's day, read from the device only so the start page works with no network: open tasks (planned
// streets and re-inspections, soonest due first) and how many findings they recorded today in the city's zone.
import { DEFAULT_POLICY } from '@shared/domain'
import { dateOf } from '@shared/time'
import { db, type Task } from '../../db/db'

export interface InspectorDay {
  tasks: Task[]
  recordedToday: number
}

const due = (task: Task): number => (task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY)

export async function inspectorDay(inspectorId: string, now = Date.now(), timeZone = DEFAULT_POLICY.timeZone): Promise<InspectorDay> {
  const today = dateOf(now, timeZone)
  const open = await db.tasks.where('status').equals('open').toArray()
  // Due today, overdue, or undated: later tasks belong to another day's plan.
  const tasks = open
    .filter((task) => !task.dueAt || dateOf(task.dueAt, timeZone) <= today)
    .sort((a, b) => due(a) - due(b))
  const mine = await db.findings.where('inspectorId').equals(inspectorId).toArray()
  const recordedToday = mine.filter((f) => f.status !== 'voided' && dateOf(f.recordedAt, timeZone) === today).length
  return { tasks, recordedToday }
}
