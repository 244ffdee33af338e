// The scheduled pass over sheets' deadlines: every deadline that has passed unrectified gets its overdue round
// (however long ago it passed: a server that was down catches up on its first pass), and every deadline within a
// day reminds the district once. Each sheet is its own transaction, so one that fails does not hold up the rest.
import type { Db } from '../db/database'
import type { ChangeNotice } from '../live/bus'
import { countMissedDeadline, remindDeadline } from '../rectification/overdue'
import { rowToOrder } from '../rectification/orders.repo'
import { DEADLINE_NEAR_MS, deadlineRoundDue, UNRECTIFIED } from '../rectification/workflow'

export interface DeadlinePass {
  /** Sheets that got an overdue round in this pass. */
  overdue: string[]
  /** Sheets whose district was reminded of the deadline in this pass. */
  reminded: string[]
  failed: { id: string; error: string }[]
  /** Live notices of the committed changes, for the bus. */
  notices: ChangeNotice[]
}

export async function runDeadlinePass(db: Db, now = Date.now(), nearMs = DEADLINE_NEAR_MS): Promise<DeadlinePass> {
  const out: DeadlinePass = { overdue: [], reminded: [], failed: [], notices: [] }
  const k = db.kysely
  const passed = await k
    .selectFrom('rectification_orders')
    .selectAll()
    .where('status', 'in', [...UNRECTIFIED])
    .where('deadline_ms', '<=', now)
    .orderBy('deadline_ms')
    .orderBy('id')
    .execute()
  for (const row of passed) {
    // Most of these (sheets long overdue) were counted on an earlier pass: only the due ones open a transaction.
    if (!deadlineRoundDue(rowToOrder(row, []), now)) continue
    try {
      const w = await countMissedDeadline(db, row.id, now)
      if (w.changed) {
        out.overdue.push(row.id)
        out.notices.push(...w.notices)
      }
    } catch (err) {
      out.failed.push({ id: row.id, error: err instanceof Error ? err.message : String(err) })
    }
  }
  const near = await k
    .selectFrom('rectification_orders')
    .select('id')
    .where('status', 'in', ['new', 'in_progress'])
    .where('deadline_ms', '>', now)
    .where('deadline_ms', '<=', now + nearMs)
    .orderBy('deadline_ms')
    .orderBy('id')
    .execute()
  for (const { id } of near) {
    try {
      if (await remindDeadline(db, id, now, nearMs)) out.reminded.push(id)
    } catch (err) {
      out.failed.push({ id, error: err instanceof Error ? err.message : String(err) })
    }
  }
  return out
}
