// Small facts about mutations and outbox entries that the outbox and the push both need.
import type { Finding } from '@shared/domain'
import type { Mutation } from '@shared/sync/protocol'
import type { KaopingDb, LocalFinding, OutboxEntry } from '../db/db'

/** The record a mutation concerns: its finding, or for a rectification mutation its sheet. */
export function findingIdOf(m: Mutation): string {
  switch (m.type) {
    case 'review.create':
      return m.payload.findingId
    case 'rectification.start':
    case 'rectification.submit':
    case 'rectification.verify':
      return m.payload.orderId
    default:
      return m.payload.id
  }
}

/** Order of the outbox: the device's clock, which never repeats and never runs backwards (createdAt can tie). */
export const byClock = (a: OutboxEntry, b: OutboxEntry) => (a.mutation.hlc < b.mutation.hlc ? -1 : a.mutation.hlc > b.mutation.hlc ? 1 : 0)

/** Every outbox entry of one finding, pending or refused, oldest first. */
export async function entriesOf(db: KaopingDb, findingId: string): Promise<OutboxEntry[]> {
  const all = await db.outbox.where('findingId').equals(findingId).toArray()
  return all.sort(byClock)
}

/** Ids of findings with an entry still waiting to be pushed. */
export async function findingsWithPending(db: KaopingDb): Promise<Set<string>> {
  const pending = await db.outbox.where('status').equals('pending').toArray()
  return new Set(pending.map((e) => findingIdOf(e.mutation)))
}

/** The record as the wire knows it: the device's own bookkeeping removed. */
export function wireFinding(local: LocalFinding): Finding {
  const { pending: _p, rejection: _r, reviewReason: _v, touchedAt: _t, ...finding } = local
  return finding
}

export function newEntry(mutation: Mutation, now: number): OutboxEntry {
  return { id: mutation.id, findingId: findingIdOf(mutation), mutation, createdAt: now, attempts: 0, status: 'pending', nextAttemptAt: now }
}
