// The life of a sheet after it is issued (DESIGN.md §3): the district starts and submits its rectification, an
// inspector re-inspects (pass closes, fail is rework and reopens it with a new deadline), and a deadline that
// passes unrectified adds an overdue round. The rules here are pure; `loadSheet` and `saveSheet` read and write a
// sheet so that two writers never both act on the same old version (compare-and-set on the stored row).
import type { Selectable } from 'kysely'
import type { OverdueRound, RectificationOrder, RectificationStatus } from '@shared/domain'
import { instantMs, zoneOffsetMs } from '@shared/time'
import type { Queryable, RectificationOrderTable } from '../db/schema'
import { findingIdsOf, rowToOrder } from './orders.repo'

const DAY = 86_400_000

/** Sheets still waiting for the district's work: a deadline that passes over them makes them overdue. */
export const UNRECTIFIED: readonly RectificationStatus[] = ['new', 'in_progress', 'overdue']
/** Sheets the bureau is done with. */
export const FINISHED: readonly RectificationStatus[] = ['closed', 'verified']
/** How far ahead of a deadline the district is reminded of it. */
export const DEADLINE_NEAR_MS = DAY
/** Bounds of the time a reworked sheet is given. */
export const REWORK_MIN_MS = DAY
export const REWORK_MAX_MS = 30 * DAY
/** DESIGN.md caps the rounds of one sheet (OverdueRound.round ≤ 20). */
export const MAX_ROUNDS = 20

/** Whether the sheet's current deadline has already been penalised (a round at or after it). */
export function deadlineCounted(order: RectificationOrder): boolean {
  const deadline = instantMs(order.deadline)
  return order.overdueRounds.some((r) => instantMs(r.at) >= deadline)
}

/** The deadline passed while the sheet was not rectified, and no round has counted it yet. */
export function deadlineRoundDue(order: RectificationOrder, now: number): boolean {
  return UNRECTIFIED.includes(order.status) && instantMs(order.deadline) <= now && !deadlineCounted(order) && order.overdueRounds.length < MAX_ROUNDS
}

/**
 * The round a missed deadline adds, dated at the deadline itself so that it falls in the month the deadline
 * passed however late the job notices. Rounds are numbered per sheet: a reworked sheet that misses its new deadline
 * continues the count (and the escalation) of the rounds before it.
 */
export function deadlineRound(order: RectificationOrder): OverdueRound {
  return { round: order.overdueRounds.length + 1, at: order.deadline }
}

/** A supervisor's further round (督办) on a sheet still overdue, dated when it was made. */
export function supervisionRound(order: RectificationOrder, at: string): OverdueRound {
  return { round: order.overdueRounds.length + 1, at }
}

/** `2026-12-02T18:00:00+08:00`: an instant written with the city's offset, as a supervisor's deadline is. */
export function localIso(ms: number, timeZone: string): string {
  const offset = zoneOffsetMs(ms, timeZone)
  const wall = new Date(ms + offset).toISOString().slice(0, 19)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset) / 60_000
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/**
 * The deadline of a reworked sheet: as much time again as its last attempt had — from issue to the first deadline,
 * or from the last failed re-inspection to the deadline it set — counted from this re-inspection, at least a day
 * and at most 30 days, to the minute.
 */
export function reworkDeadline(order: RectificationOrder, verifiedAt: number, timeZone: string): string {
  const from = order.verification?.result === 'fail' ? instantMs(order.verification.at) : instantMs(order.issuedAt)
  const span = Math.min(REWORK_MAX_MS, Math.max(REWORK_MIN_MS, instantMs(order.deadline) - from))
  const ms = Math.ceil((verifiedAt + span) / 60_000) * 60_000
  return localIso(ms, timeZone)
}

export interface StoredSheet {
  order: RectificationOrder
  row: Selectable<RectificationOrderTable>
}

export async function loadSheet(db: Queryable, id: string): Promise<StoredSheet | undefined> {
  const row = await db.selectFrom('rectification_orders').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return { order: rowToOrder(row, (await findingIdsOf(db, [id])).get(id)!), row }
}

/**
 * Writes the sheet's new state if the stored row is still the one read; false when another writer changed it
 * meanwhile (on PostgreSQL the update waits for that writer's commit, then finds its condition false).
 */
export async function saveSheet(db: Queryable, read: StoredSheet, after: RectificationOrder, at: string): Promise<boolean> {
  const r = read.row
  const res = await db
    .updateTable('rectification_orders')
    .set({
      status: after.status,
      deadline: after.deadline,
      deadline_ms: instantMs(after.deadline),
      after_photos: JSON.stringify(after.afterPhotos),
      rectification_note: after.rectificationNote,
      verification: after.verification ? JSON.stringify(after.verification) : null,
      rework_count: after.reworkCount,
      overdue_rounds: JSON.stringify(after.overdueRounds),
      updated_at: at,
    })
    .where('id', '=', r.id)
    .where('status', '=', r.status)
    .where('updated_at', '=', r.updated_at)
    .where('rework_count', '=', r.rework_count)
    .where('overdue_rounds', '=', r.overdue_rounds)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/**
 * Reads the sheet, lets `decide` work out its next state (or throw to refuse, or return undefined for no change),
 * and writes it; when another writer got there first, reads again and decides again.
 */
export async function transition(
  db: Queryable,
  id: string,
  at: string,
  decide: (read: StoredSheet | undefined) => RectificationOrder | undefined,
): Promise<{ before?: RectificationOrder; after?: RectificationOrder }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const read = await loadSheet(db, id)
    const after = decide(read)
    if (!read || !after) return { before: read?.order }
    if (await saveSheet(db, read, after, at)) return { before: read.order, after }
  }
  throw new Error(`sheet ${id} kept changing under five attempts to update it`)
}

/** The rounds `after` has beyond `before`. */
export const roundsAdded = (before: RectificationOrder, after: RectificationOrder): OverdueRound[] => after.overdueRounds.slice(before.overdueRounds.length)
