// Overdue rules (DESIGN.md §3) on one sheet, each in its own transaction: a deadline that passed unrectified adds
// an overdue round (the policy's penalty, in the month the deadline passed); a supervisor's further round of
// supervision (督办) on a sheet still overdue adds the next round, whose penalty the policy escalates; a deadline
// drawing near reminds the district once. Safe to run again and from several processes at once: a round is added
// by compare-and-set on the sheet, a reminder by a key that can be written once.
import { z } from 'zod'
import type { RectificationOrder } from '@shared/domain'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import type { Queryable } from '../db/schema'
import { ApiError } from '../http/api-error'
import type { ChangeNotice } from '../live/bus'
import { queueNotice } from '../notify'
import { appendChanges } from '../sync/change-log'
import { changedFields, pulledSheet, sheetChange } from './pulled'
import { deadlineRound, deadlineRoundDue, MAX_ROUNDS, roundsAdded, supervisionRound, transition, UNRECTIFIED } from './workflow'

export interface SheetWrite {
  /** The sheet as it is after the call. */
  order?: RectificationOrder
  /** False when nothing was written (nothing due, or a repeat of a write already made). */
  changed: boolean
  notices: ChangeNotice[]
}

/** Logs the sheet's change and queues an overdue message per round added, in the open transaction. */
async function record(tx: Queryable, before: RectificationOrder, after: RectificationOrder, at: string, actor: { id: string; deviceId: string } | null): Promise<ChangeNotice[]> {
  const entry = { ...sheetChange(await pulledSheet(tx, after), changedFields(before, after)), actorId: actor?.id ?? null, deviceId: actor?.deviceId ?? null }
  const notices = await appendChanges(tx, [entry], at)
  for (const r of roundsAdded(before, after)) await queueNotice(tx, { kind: 'overdue', orderId: after.id, round: r.round }, Date.parse(at))
  return notices
}

/** The missed deadline of one sheet, counted if it is due and not counted yet (the scheduled job's work). */
export async function countMissedDeadline(db: Db, id: string, now: number): Promise<SheetWrite> {
  const at = new Date(now).toISOString()
  return db.kysely.transaction().execute(async (tx) => {
    const { before, after } = await transition(tx, id, at, (read) =>
      read && deadlineRoundDue(read.order, now) ? { ...read.order, status: 'overdue', overdueRounds: [...read.order.overdueRounds, deadlineRound(read.order)] } : undefined,
    )
    if (!before || !after) return { order: before, changed: false, notices: [] }
    return { order: after, changed: true, notices: await record(tx, before, after, at, null) }
  })
}

export const SuperviseRequest = z.strictObject({
  /** The number the new round will have, as the supervisor saw the sheet: a repeat of that request changes nothing. */
  round: z.number().int().min(2).max(MAX_ROUNDS).optional(),
})
export type SuperviseRequest = z.infer<typeof SuperviseRequest>

/**
 * A supervisor's further round of supervision (再次督办) on a sheet that is still overdue. A deadline that passed
 * without being counted yet (the job has not run) is counted first, so the supervision is the round after it.
 */
export async function superviseAgain(db: Db, user: AuthUser, id: string, req: SuperviseRequest, now = Date.now()): Promise<SheetWrite> {
  const at = new Date(now).toISOString()
  return db.kysely.transaction().execute(async (tx) => {
    const { before, after } = await transition(tx, id, at, (read) => {
      if (!read) throw new ApiError('not_found', `There is no sheet ${id}`, { id })
      let order = read.order
      if (deadlineRoundDue(order, now)) order = { ...order, status: 'overdue', overdueRounds: [...order.overdueRounds, deadlineRound(order)] }
      const next = order.overdueRounds.length + 1
      // The same request again (a retry, a second click): that round is there already.
      if (req.round !== undefined && read.order.overdueRounds.some((r) => r.round === req.round)) return undefined
      if (order.status !== 'overdue') {
        throw new ApiError('conflict', `Sheet ${order.number} is ${order.status}, not overdue: only a sheet still overdue is supervised again`, {
          reason: 'not_overdue',
          status: order.status,
        })
      }
      if (req.round !== undefined && req.round !== next) {
        throw new ApiError('conflict', `Sheet ${order.number} would get round ${next}, not ${req.round}: reload it and decide again`, {
          reason: 'round_mismatch',
          next,
        })
      }
      if (next > MAX_ROUNDS) throw new ApiError('conflict', `Sheet ${order.number} already has ${MAX_ROUNDS} rounds of supervision`, { reason: 'too_many_rounds' })
      return { ...order, overdueRounds: [...order.overdueRounds, supervisionRound(order, at)] }
    })
    if (!before || !after) return { order: before, changed: false, notices: [] }
    return { order: after, changed: true, notices: await record(tx, before, after, at, { id: user.id, deviceId: user.deviceId }) }
  })
}

/** Reminds the district of a deadline within `withinMs`, once per sheet and deadline; true when it reminded. */
export async function remindDeadline(db: Db, id: string, now: number, withinMs: number): Promise<boolean> {
  return db.kysely.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('rectification_orders').select(['status', 'deadline_ms']).where('id', '=', id).executeTakeFirst()
    if (!row || !UNRECTIFIED.includes(row.status as RectificationOrder['status']) || row.status === 'overdue') return false
    const deadline = Number(row.deadline_ms)
    if (deadline <= now || deadline > now + withinMs) return false
    // The key names the deadline: a reworked sheet's new deadline is reminded again.
    const res = await tx
      .insertInto('meta')
      .values({ key: `rectification.deadline_near:${id}:${deadline}`, value: new Date(now).toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst()
    if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return false
    await queueNotice(tx, { kind: 'deadline_near', orderId: id }, now)
    return true
  })
}
