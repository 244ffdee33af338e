// What the shell shows about syncing, read from the sync store, and the scheduler that runs while someone is signed in.
import { startSync } from '../../sync/scheduler'
import { useSyncStore } from '../../sync/sync.store'

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
  /** False until the first reading from the device: the counts above are not known yet. */
  loaded: boolean
  whenLoaded(): Promise<void>
  syncNow(): Promise<unknown> | unknown
}

export function useSyncStatus(): SyncStatus {
  return useSyncStore()
}

let scheduler: { stop?: () => void } | null = null

/** Background syncing runs while someone is signed in. */
export function syncWhileSignedIn(signedIn: boolean): void {
  if (signedIn && !scheduler) scheduler = startSync()
  else if (!signedIn && scheduler) {
    scheduler.stop?.()
    scheduler = null
  }
}
