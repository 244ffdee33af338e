// Pulled sheets into the device's database, inside the pull's page transaction. A district's device holds its
// district's sheets; an inspector's the sheets covering findings they recorded, and each of those waiting for
// re-inspection (status submitted) is also one of their open tasks, which the start page lists.
import type { Change } from '@shared/sync/protocol'
import type { KaopingDb, LocalRectification, Task } from '../db/db'
import { isPulledRectification, mergeRectification } from './rectification-merge'

/** The task of re-inspecting a sheet has the sheet's id. */
export const reinspectionTask = (row: LocalRectification, userId: string | null): Task | null => {
  if (!userId || !row.findings.some((f) => f.inspectorId === userId)) return null
  const street = row.findings.find((f) => f.street)?.street
  return {
    id: row.id,
    kind: 'reinspection',
    title: street ? `${row.order.number} · ${street}` : row.order.number,
    districtCode: row.districtCode,
    status: row.status === 'submitted' ? 'open' : 'done',
    data: { orderId: row.id },
  }
}

/**
 * Applies the page's 'rectification' changes (each the sheet's last change in the page). A change whose data is
 * not a sheet is skipped and logged, never applied half. `userId` is the signed-in user, for their tasks.
 */
export async function applySheets(db: KaopingDb, changes: Change[], now: number, userId: string | null): Promise<void> {
  if (!changes.length) return
  const locals = await db.rectifications.bulkGet(changes.map((c) => c.id))
  const puts: LocalRectification[] = []
  const removed: string[] = []
  for (const [i, c] of changes.entries()) {
    const local = locals[i]
    if (c.op === 'delete') {
      // Withdrawn by the bureau: a step still waiting keeps the sheet until the server has answered it.
      if (local && local.pending !== 1) removed.push(c.id)
      continue
    }
    if (!isPulledRectification(c.data)) {
      console.warn('sync: skipped a rectification change that is not a sheet', c.id)
      continue
    }
    puts.push(mergeRectification(local, c.data, now))
  }
  if (puts.length) await db.rectifications.bulkPut(puts)
  if (removed.length) await db.rectifications.bulkDelete(removed)

  const tasks = puts.map((row) => reinspectionTask(row, userId)).filter((t): t is Task => !!t)
  if (tasks.length) await db.tasks.bulkPut(tasks)
  const gone = [...removed, ...puts.filter((row) => !tasks.some((t) => t.id === row.id)).map((row) => row.id)]
  if (gone.length) await db.tasks.where('id').anyOf(gone).and((t) => t.kind === 'reinspection').delete()
}

/** A re-inspection task is open while its sheet waits for re-inspection on this device (a local verdict closes
 *  it at once; a refused one opens it again). Call inside a transaction that includes tasks. */
export async function followTasks(db: KaopingDb, rows: readonly LocalRectification[]): Promise<void> {
  if (!rows.length) return
  const tasks = await db.tasks.bulkGet(rows.map((r) => r.id))
  const changed: Task[] = []
  tasks.forEach((task, i) => {
    if (task?.kind !== 'reinspection') return
    const status = rows[i]!.status === 'submitted' ? 'open' : 'done'
    if (task.status !== status) changed.push({ ...task, status })
  })
  if (changed.length) await db.tasks.bulkPut(changed)
}
