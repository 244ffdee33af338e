// What the sync code works with: the device's database, a way to call the API, the device id and the time.
// Each defaults to the app's own (the one Dexie database, apiFetch, the installation's device id, the wall
// clock); tests and tools pass their own, for example a second database or the API of a server on loopback.
import { db as appDb, type KaopingDb } from '../db/db'
import { deviceId as appDeviceId } from '../features/auth/session'

/** Calls the API at a path below /api, as apiFetch does: with the session's token, device and protocol headers. */
export type Transport = (path: string, init?: RequestInit) => Promise<Response>

/** Where a run's outcome is kept in db.meta, for every tab's status bar. */
export const LAST_SYNC_AT = 'lastSyncAt'
export const LAST_SYNC_ERROR = 'lastSyncError'

// The API client brings the sync protocol's schemas: loaded with the first call, not with the first screen.
const appTransport: Transport = async (path, init) => (await import('../api/client')).apiFetch(path, init)

export interface SyncDeps {
  db?: KaopingDb
  transport?: Transport
  deviceId?: () => Promise<string>
  now?: () => number
  /** In [0, 1): spreads retries of many tablets over time. */
  random?: () => number
}

export interface SyncContext {
  db: KaopingDb
  transport: Transport
  deviceId: () => Promise<string>
  now: () => number
  random: () => number
}

export function syncContext(deps: SyncDeps = {}): SyncContext {
  return {
    db: deps.db ?? appDb,
    transport: deps.transport ?? appTransport,
    deviceId: deps.deviceId ?? appDeviceId,
    now: deps.now ?? Date.now,
    random: deps.random ?? Math.random,
  }
}
