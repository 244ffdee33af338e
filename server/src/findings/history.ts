// A finding's history from the change log, which is its audit trail: who (user and device) changed what, when,
// from which value to which. Edits that lost to a later clock on another device show as superseded; a review
// and the status change it caused (one mutation) read as one entry.
import type { Queryable } from '../db/schema'

export type HistoryKind = 'created' | 'edited' | 'reviewed' | 'voided' | 'restored' | 'merged_into' | 'merged_from'

export interface HistoryEntry {
  at: string
  actor: { id: string; displayName: string } | null
  deviceId: string | null
  mutationId: string | null
  op: 'upsert' | 'delete'
  kind: HistoryKind
  changes: { field: string; from: unknown; to: unknown }[]
  /** Values sent in this edit that lost to a later edit of the same field. */
  superseded: { field: string; value: unknown }[]
  decision?: string
  reason?: string
  /** The other finding of a merge. */
  otherFindingId?: string
}

interface LogRow {
  seq: number
  entity: string
  op: string
  data: string | null
  old: string | null
  actor_id: string | null
  actor_name: string | null
  device_id: string | null
  mutation_id: string | null
  at: string
}

type Json = Record<string, unknown>
const parse = (s: string | null): Json | null => (s ? (JSON.parse(s) as Json) : null)

function findingEntry(r: LogRow): Omit<HistoryEntry, 'at' | 'actor' | 'deviceId' | 'mutationId' | 'op'> {
  const data = parse(r.data) ?? {}
  const old = parse(r.old)
  if (r.op === 'delete') {
    const merged = typeof old?.mergedInto === 'string' ? old.mergedInto : undefined
    return {
      kind: merged ? 'merged_into' : 'voided',
      changes: [{ field: 'status', from: old?.status ?? null, to: 'voided' }],
      superseded: [],
      ...(typeof old?.reason === 'string' ? { reason: old.reason } : {}),
      ...(merged ? { otherFindingId: merged } : {}),
    }
  }
  if (!old) return { kind: 'created', changes: [], superseded: [] }
  const values = old.values as Json | undefined
  if (values) {
    const from = typeof old.mergedFrom === 'string' ? old.mergedFrom : undefined
    return {
      kind: from ? 'merged_from' : 'edited',
      changes: Object.entries(values).map(([field, was]) => ({ field, from: was, to: data[field] ?? null })),
      superseded: Object.entries((old.superseded as Json | undefined) ?? {}).map(([field, value]) => ({ field, value })),
      ...(typeof old.reason === 'string' ? { reason: old.reason } : {}),
      ...(from ? { otherFindingId: from } : {}),
    }
  }
  const to = data.status ?? null
  return {
    kind: old.status === 'voided' && to !== 'voided' ? 'restored' : 'reviewed',
    changes: [{ field: 'status', from: old.status ?? null, to }],
    superseded: [],
  }
}

/** The change-log rows of a finding and of its reviews, oldest first. */
export async function findingHistory(db: Queryable, findingId: string, reviewIds: string[]): Promise<HistoryEntry[]> {
  const rows = (await db
    .selectFrom('change_log as c')
    .leftJoin('users as u', 'u.id', 'c.actor_id')
    .select(['c.seq', 'c.entity', 'c.op', 'c.data', 'c.old', 'c.actor_id', 'u.display_name as actor_name', 'c.device_id', 'c.mutation_id', 'c.at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('c.entity', '=', 'finding'), eb('c.entity_id', '=', findingId)]),
        ...(reviewIds.length ? [eb.and([eb('c.entity', '=', 'review'), eb('c.entity_id', 'in', reviewIds)])] : []),
      ]),
    )
    .orderBy('c.seq')
    .execute()) as LogRow[]

  // A review pushed as a mutation wrote two rows: the review, and the finding's new status.
  const reviewByMutation = new Map<string, Json>()
  const findingMutations = new Set<string>()
  for (const r of rows) {
    if (!r.mutation_id) continue
    if (r.entity === 'review') reviewByMutation.set(r.mutation_id, parse(r.data) ?? {})
    else findingMutations.add(r.mutation_id)
  }

  const out: HistoryEntry[] = []
  for (const r of rows) {
    const base = {
      at: r.at,
      actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? r.actor_id } : null,
      deviceId: r.device_id,
      mutationId: r.mutation_id,
      op: r.op as HistoryEntry['op'],
    }
    if (r.entity === 'finding') {
      const entry: HistoryEntry = { ...base, ...findingEntry(r) }
      const review = r.mutation_id ? reviewByMutation.get(r.mutation_id) : undefined
      if (review) {
        entry.decision = String(review.decision)
        if (review.reason) entry.reason = String(review.reason)
      }
      out.push(entry)
    } else if (!(r.mutation_id && findingMutations.has(r.mutation_id))) {
      // A review without its status row (seeded data): shown on its own.
      const review = parse(r.data) ?? {}
      out.push({
        ...base,
        kind: review.decision === 'restore' ? 'restored' : 'reviewed',
        changes: [],
        superseded: [],
        decision: String(review.decision),
        ...(review.reason ? { reason: String(review.reason) } : {}),
      })
    }
  }
  return out
}
