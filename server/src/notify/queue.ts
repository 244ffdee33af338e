// Queueing a message for a district's robot, inside the transaction of the action that raised it: the message
// commits with the action or not at all, and nothing here can make the action fail.
import { DEFAULT_POLICY } from '@shared/domain'
import type { Queryable } from '../db/schema'
import { getOrder } from '../rectification/orders.repo'
import { policyFor } from '../repos/reference.repo'
import { noticeMarkdown } from './messages'
import { orderedId } from './ordered-id'
import type { DistrictNotice } from './index'

/**
 * One key per event, so that an action or job that runs twice queues once. A failed re-inspection reopens the
 * sheet with a new deadline: its next reminder, overdue rounds and verdict are new events, told apart by the
 * sheet's rework count.
 */
export function dedupeKey(n: DistrictNotice, reworkCount: number): string {
  switch (n.kind) {
    case 'sheet_issued':
      return `sheet_issued:${n.orderId}`
    case 'deadline_near':
      return `deadline_near:${n.orderId}:rework${reworkCount}`
    case 'overdue':
      return `overdue:${n.orderId}:rework${reworkCount}:round${n.round}`
    case 'verified':
      return `verified:${n.orderId}:rework${reworkCount}:${n.result}`
  }
}

/**
 * Writes the message for `notice` from the sheet as it stands in this transaction (call it after the sheet's new
 * state is written). A district without a robot still gets the row: it stays queued, and the administrators'
 * list says it waits for a robot, until one is configured. A sheet that does not exist queues nothing.
 */
export async function queueNotice(db: Queryable, notice: DistrictNotice, now = Date.now()): Promise<void> {
  if (notice.kind === 'overdue' && !(Number.isSafeInteger(notice.round) && notice.round >= 1)) {
    throw new TypeError(`overdue round must be a whole number ≥ 1, got ${notice.round}`)
  }
  const order = await getOrder(db, notice.orderId)
  if (!order) {
    console.warn(`notification ${notice.kind} not queued: there is no sheet ${notice.orderId}`)
    return
  }
  const sheet = await db.selectFrom('rectification_orders').select('month').where('id', '=', order.id).executeTakeFirstOrThrow()
  const district = await db.selectFrom('districts').select('name_zh').where('code', '=', order.districtCode).executeTakeFirst()
  const findings = order.findingIds.length
    ? await db.selectFrom('findings').select(['id', 'line']).where('id', 'in', order.findingIds).execute()
    : []
  const lineOf = new Map(findings.map((f) => [f.id, f.line]))
  const policy = (await policyFor(db, sheet.month)) ?? DEFAULT_POLICY
  const markdown = noticeMarkdown(
    notice,
    {
      order,
      districtName: district?.name_zh ?? order.districtCode,
      findingLines: order.findingIds.flatMap((id) => (lineOf.has(id) ? [lineOf.get(id)!] : [])),
      timeZone: policy.timeZone,
      rectification: policy.rectification,
    },
    now,
  )
  await db
    .insertInto('notifications')
    .values({
      id: orderedId(now),
      dedupe_key: dedupeKey(notice, order.reworkCount),
      district_code: order.districtCode,
      kind: notice.kind,
      markdown,
      status: 'queued',
      attempts: 0,
      next_attempt_ms: now,
      last_error: null,
      created_at: new Date(now).toISOString(),
      created_ms: now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute()
}
