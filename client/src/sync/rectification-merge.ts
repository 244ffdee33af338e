// How a pulled sheet meets the device's copy, and what a local rectification mutation does to a sheet before the
// server has answered. Pure functions, so the rules are tested on their own.
//
// A sheet's rectification is owned by its district and its re-inspection by the inspector who recorded its
// findings: one device at a time writes a given step. While the device still has an entry for the sheet in the
// outbox, its copy shows that step taken; the server's copy is kept beside it (`server`), so that a refusal falls
// back to what the server holds instead of showing a step that never happened.
import type { RectificationOrder } from '@shared/domain'
import type { Mutation, PulledRectification } from '@shared/sync/protocol'
import type { LocalRectification } from '../db/db'

export type RectificationMutation = Extract<Mutation, { type: `rectification.${string}` }>

export const isRectificationMutation = (m: Mutation): m is RectificationMutation => m.type.startsWith('rectification.')

/** Whether the `data` of a pulled change has the shape of a PulledRectification. */
export function isPulledRectification(data: unknown): data is PulledRectification {
  const d = data as Partial<PulledRectification> | null
  return (
    !!d &&
    typeof d === 'object' &&
    !!d.order &&
    typeof d.order.id === 'string' &&
    typeof d.order.status === 'string' &&
    typeof d.order.deadline === 'string' &&
    Array.isArray(d.findings)
  )
}

/** A row for the sheet, its order as given. */
export function rowOf(pulled: PulledRectification, order: RectificationOrder, rest: Pick<LocalRectification, 'pending' | 'touchedAt'> & Partial<LocalRectification>): LocalRectification {
  return {
    ...rest,
    order,
    districtName: pulled.districtName,
    findings: pulled.findings,
    id: order.id,
    status: order.status,
    deadline: order.deadline,
    districtCode: order.districtCode,
    server: pulled.order,
  }
}

/**
 * The sheet after the server's copy arrives. A pending copy keeps its own order (the device's step) and takes
 * everything else; otherwise the server's copy is taken whole, with a refusal kept until the user deals with it.
 */
export function mergeRectification(local: LocalRectification | undefined, pulled: PulledRectification, now: number): LocalRectification {
  if (local?.pending === 1) {
    return rowOf(pulled, local.order, { pending: 1, touchedAt: local.touchedAt, ...(local.rejection ? { rejection: local.rejection } : {}) })
  }
  return rowOf(pulled, pulled.order, { pending: 0, touchedAt: local?.touchedAt ?? now, ...(local?.rejection ? { rejection: local.rejection } : {}) })
}

/** The order with a local mutation applied as the server is expected to apply it; the server's answer decides. */
export function applyLocally(order: RectificationOrder, m: RectificationMutation, actorId: string, at: string): RectificationOrder {
  switch (m.type) {
    case 'rectification.start':
      return order.status === 'new' ? { ...order, status: 'in_progress' } : order
    case 'rectification.submit':
      return { ...order, status: 'submitted', afterPhotos: [...m.payload.afterPhotos], rectificationNote: m.payload.note }
    case 'rectification.verify': {
      const { result, note, photos } = m.payload
      const verification = { result, inspectorId: actorId, at, note, photos: [...photos] }
      // Passing closes the sheet; failing is rework and sends it back to the district (with a new deadline the
      // server sets).
      return result === 'pass'
        ? { ...order, status: 'closed', verification }
        : { ...order, status: 'in_progress', verification, reworkCount: order.reworkCount + 1 }
    }
  }
}

/** The sheet with a new local step: the row that goes into the same transaction as the outbox entry. */
export function withLocalStep(row: LocalRectification, m: RectificationMutation, actorId: string, now: number): LocalRectification {
  const order = applyLocally(row.order, m, actorId, new Date(now).toISOString())
  const { rejection: _r, ...kept } = row
  return { ...kept, order, status: order.status, deadline: order.deadline, pending: 1, touchedAt: now }
}

/** The sheet after the server refused a step: back to the server's copy (pending only if other steps wait). */
export function refused(row: LocalRectification, reason: NonNullable<LocalRectification['rejection']>, stillPending: boolean): LocalRectification {
  const order = stillPending ? row.order : row.server
  return { ...row, order, status: order.status, deadline: order.deadline, pending: stillPending ? 1 : 0, rejection: reason }
}
