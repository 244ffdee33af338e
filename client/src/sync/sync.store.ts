// The sync status bar's state: how much is unsynced and since when, the last sync, what went wrong, and whether
// the app must be updated. Everything but `syncing` is read from the database through liveQuery, so every tab
// shows what is committed, whichever tab synced. Until the first reading `loaded` is false and the bar says so
// rather than showing counts it does not know yet.
import { liveQuery, type Subscription } from 'dexie'
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref } from 'vue'
import { getMeta, type KaopingDb } from '../db/db'
import { afterFirstScreen } from '../features/shell/first-screen'
import { LAST_SYNC_AT, LAST_SYNC_ERROR, syncContext } from './context'
import type { unsyncedSummary } from './outbox'
import { activeSyncOptions, syncNow as runNow, syncing } from './scheduler'
import type { SyncError } from './sync-error'

interface Status {
  count: number
  oldestAt: number | null
  lastSyncAt: number | null
  lastError: SyncError | null
  rejected: number
}

async function readStatus(db: KaopingDb, summary: typeof unsyncedSummary): Promise<Status> {
  return db.transaction('r', [db.outbox, db.photos, db.meta], async () => {
    const { count, oldestAt } = await summary({ db })
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
  let markLoaded: () => void = () => {}
  /** Resolves with the first reading. */
  const whenLoaded = new Promise<void>((resolve) => (markLoaded = resolve))

  const { db } = syncContext(activeSyncOptions())
  let subscription: Subscription | null = null
  let disposed = false
  // The outbox module brings the record schemas with it: it loads after the first screen.
  void afterFirstScreen()
    .then(() => import('./outbox'))
    .then(({ unsyncedSummary }) => {
      if (disposed) return
      subscription = liveQuery(() => readStatus(db, unsyncedSummary)).subscribe({
        next: (s) => {
          unsyncedCount.value = s.count
          oldestUnsyncedAt.value = s.oldestAt
          lastSyncAt.value = s.lastSyncAt
          lastError.value = s.lastError
          rejectedCount.value = s.rejected
          loaded.value = true
          markLoaded()
        },
        error: (err) => console.error('sync: reading the sync status failed', err),
      })
    })
    .catch((err: unknown) => console.error('sync: loading the outbox failed', err))
  onScopeDispose(() => {
    disposed = true
    subscription?.unsubscribe()
  })

  const syncNow = () => runNow()

  return { unsyncedCount, oldestUnsyncedAt, lastSyncAt, lastError, rejectedCount, updateRequired, syncing, loaded, whenLoaded: () => whenLoaded, syncNow }
})
