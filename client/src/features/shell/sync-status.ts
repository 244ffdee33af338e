// What the shell shows about syncing, read from the sync store (client/src/sync/sync.store.ts) when the app has one.
// Looked up through import.meta.glob so that the shell builds and runs before the sync engine exists: meanwhile
// the unsynced count and age come straight from the outbox, and "sync now" says syncing is not available.
import { computed, effectScope, reactive } from 'vue'
import { db } from '../../db/db'
import { useLiveQuery } from './live-query'

export interface SyncStatus {
  unsyncedCount: number
  /** Creation time of the oldest unsynced change, ms; null when everything is synced. */
  oldestUnsyncedAt: number | null
  /** Last sync that completed, ms. */
  lastSyncAt: number | null
  syncing: boolean
  lastError: unknown
  /** The server needs a newer app before it accepts pushes. */
  updateRequired: boolean
  /** Changes the server refused, kept for the inspector to correct. */
  rejectedCount: number
  syncNow(): Promise<unknown> | unknown
}

type SyncStoreModule = { useSyncStore?: () => SyncStatus }
type SchedulerModule = { startSync?: () => unknown }

const storeModule = Object.values(import.meta.glob<SyncStoreModule>('../../sync/sync.store.ts', { eager: true }))[0]
const schedulerModule = Object.values(import.meta.glob<SchedulerModule>('../../sync/scheduler.ts', { eager: true }))[0]

/** True when the app carries the sync engine. */
export const syncAvailable = typeof storeModule?.useSyncStore === 'function'

let fallback: SyncStatus | undefined

/** Outbox-only status, for a build without the sync engine. */
function outboxStatus(): SyncStatus {
  const pending = useLiveQuery(async () => {
    const count = await db.outbox.where('status').equals('pending').count()
    const oldest = await db.outbox.orderBy('createdAt').filter((e) => e.status === 'pending').first()
    const rejected = await db.outbox.where('status').equals('rejected').count()
    return { count, oldest: oldest?.createdAt ?? null, rejected }
  }, { count: 0, oldest: null as number | null, rejected: 0 })
  return reactive({
    unsyncedCount: computed(() => pending.value.count),
    oldestUnsyncedAt: computed(() => pending.value.oldest),
    lastSyncAt: null,
    syncing: false,
    lastError: null,
    updateRequired: false,
    rejectedCount: computed(() => pending.value.rejected),
    syncNow: () => undefined,
  }) as SyncStatus
}

export function useSyncStatus(): SyncStatus {
  if (storeModule?.useSyncStore) return storeModule.useSyncStore()
  // A detached scope: shared by every component, it must outlive whichever one asked first.
  fallback ??= effectScope(true).run(outboxStatus)!
  return fallback
}

let scheduler: { stop?: () => void } | null = null

/** Background syncing runs while someone is signed in (with the app's scheduler, when it has one). */
export function syncWhileSignedIn(signedIn: boolean): void {
  if (!schedulerModule?.startSync) return
  if (signedIn && !scheduler) scheduler = (schedulerModule.startSync() as { stop?: () => void } | undefined) ?? {}
  else if (!signedIn && scheduler) {
    scheduler.stop?.()
    scheduler = null
  }
}
