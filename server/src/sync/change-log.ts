// Appending to the change log: every write to a synced record adds a row here in the same transaction, so
// a pull sees the record and its change together or not at all. The rows are also the audit trail.
import type SQLite from 'better-sqlite3'
import type { Queryable } from '../db/schema'
import { bulkInsert } from '../db/bulk-insert'
import type { ChangeNotice } from '../live/bus'
import type { Entity } from '@shared/sync/protocol'

export type Audience = 'public' | 'owner' | 'district' | 'staff'

export interface ChangeEntry {
  entity: Entity
  id: string
  op: 'upsert' | 'delete'
  audience: Audience
  districtCode?: string | null
  ownerId?: string | null
  data?: unknown
  old?: unknown
  actorId?: string | null
  deviceId?: string | null
  mutationId?: string | null
}

/** Writes the entries and returns the notices to publish once the transaction has committed. */
export async function appendChanges(db: Queryable, entries: ChangeEntry[], at: string, raw?: SQLite.Database): Promise<ChangeNotice[]> {
  await bulkInsert(
    db,
    raw,
    'change_log',
    entries.map((e) => ({
      entity: e.entity,
      entity_id: e.id,
      op: e.op,
      audience: e.audience,
      district_code: e.districtCode ?? null,
      owner_id: e.ownerId ?? null,
      data: e.data === undefined ? null : JSON.stringify(e.data),
      old: e.old === undefined ? null : JSON.stringify(e.old),
      actor_id: e.actorId ?? null,
      device_id: e.deviceId ?? null,
      mutation_id: e.mutationId ?? null,
      at,
    })),
  )
  return entries.map((e) => ({
    entity: e.entity,
    id: e.id,
    op: e.op,
    districtCode: e.districtCode ?? null,
    audience: e.audience,
    ownerId: e.ownerId ?? null,
  }))
}
