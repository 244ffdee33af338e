// The sync status bar's state: how much is unsynced and since when, the last sync, what went wrong, and whether
// the app must be updated. Everything but `syncing` is read from the database through liveQuery, so every tab
// shows what is committed, whichever tab synced.
import { liveQuery } from 'dexie'
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref } from 'vue'
import { getMeta, type KaopingDb } from '../db/db'
import { syncContext } from './context'
import { LAST_SYNC_AT, LAST_SYNC_ERROR } from './engine'
import { unsyncedSummary } from './outbox'
import { activeSyncOptions, syncNow as runNow, syncing } from './scheduler'
import type { SyncError } from './sync-error'

interface Status {
  count: number
  oldestAt: number | null
  lastSyncAt: number | null
  lastError: SyncError | null
  rejected: number
}

async function readStatus(db: KaopingDb): Promise<Status> {
  return db.transaction('r', [db.outbox, db.photos, db.meta], async () => {
    const { count, oldestAt } = await unsyncedSummary({ db })
    return {
      count,
      oldestAt,
      lastSyncAt: (await getMeta<number>(LAST_SYNC_AT, db.meta)) ?? null,
      lastError: (await getMeta<SyncError | null>(LAST_SYNC_ERROR, db.meta)) ?? null,
      rejected: await db.outbox.where('status').equals('rejected').count(),
    }
  })
}

export const useSyncStore = defineStore('sync', () => {
  const unsyncedCount = ref(0)
  const oldestUnsyncedAt = ref<number | null>(null)
  const lastSyncAt = ref<number | null>(null)
  /** Why the last run stopped, in zh and en; null after a clean run. */
  const lastError = ref<SyncError | null>(null)
  /** Changes the server refused: each waits, with its reason, for the inspector. */
  const rejectedCount = ref(0)
  const updateRequired = computed(() => lastError.value?.code === 'update_required')
  /** True once the first reading from the database has arrived. */
  const loaded = ref(false)

  const { db } = syncContext(activeSyncOptions())
  const subscription = liveQuery(() => readStatus(db)).subscribe({
    next: (s) => {
      unsyncedCount.value = s.count
      oldestUnsyncedAt.value = s.oldestAt
      lastSyncAt.value = s.lastSyncAt
      lastError.value = s.lastError
      rejectedCount.value = s.rejected
      loaded.value = true
    },
    error: (err) => console.error('sync: reading the sync status failed', err),
  })
  onScopeDispose(() => subscription.unsubscribe())

  const syncNow = () => runNow()

  return { unsyncedCount, oldestUnsyncedAt, lastSyncAt, lastError, rejectedCount, updateRequired, syncing, loaded, syncNow }
})
