// The scheduler's triggers and the status store against the real server: the store follows committed data
// through liveQuery; the app's opening, the 'online' event, the service worker's message, a new outbox entry
// and the inspector's button each start a run.
import './support'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { recordFinding } from '../../../client/src/sync/outbox'
import { BACKGROUND_SYNC_TAG, startSync, syncing, type SchedulerEnv, type SyncScheduler } from '../../../client/src/sync/scheduler'
import { useSyncStore } from '../../../client/src/sync/sync.store'
import { freshDb, newFinding, oldProtocol, recording, serveApiFrom, signInInspector, startTestServer, type TestServer } from './support'

let server: TestServer
let scheduler: SyncScheduler | undefined

beforeAll(async () => {
  server = await startTestServer('reference')
  serveApiFrom(server.url)
  await signInInspector(server.url)
})
afterAll(async () => server?.close())
afterEach(() => scheduler?.stop())

/** A run against the real server can take longer than waitFor's default second on a busy machine. */
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 20_000, interval: 20 })

/**
 * Node has no window or service worker: plain EventTargets stand in for them, and the registration's
 * Background Sync is a recorder. What the scheduler does with their events is what is tested.
 */
function browser() {
  const register = vi.fn(async (_tag: string) => undefined)
  const window = new EventTarget()
  const serviceWorker = Object.assign(new EventTarget(), { ready: Promise.resolve({ sync: { register } }) })
  const env: SchedulerEnv = { window, serviceWorker, document: null, storage: null, onLine: () => true }
  return { env, window, serviceWorker, register }
}

describe('sync scheduler and status store', () => {
  it('runs on opening, on coming online and on the service worker’s message; the store follows the database', async () => {
    const db = freshDb()
    const { env, window, serviceWorker, register } = browser()
    const { transport, pushes } = recording()
    scheduler = startSync({ db, transport, locks: null, intervalMs: 0, settleMs: -1, env })
    setActivePinia(createPinia())
    const store = useSyncStore()
    // The opening run pulls the reference data and records the time.
    await eventually(() => expect(store.lastSyncAt).toBeTypeOf('number'))
    expect(await db.districts.count()).toBe(9)
    expect(register).toHaveBeenCalledWith(BACKGROUND_SYNC_TAG)

    const before = Date.now()
    await recordFinding({ finding: await newFinding() }, { db })
    await eventually(() => expect(store.unsyncedCount).toBe(1))
    expect(store.oldestUnsyncedAt).toBeGreaterThanOrEqual(before)
    window.dispatchEvent(new Event('online'))
    await eventually(() => expect(store.unsyncedCount).toBe(0))
    expect(pushes()).toBe(1)
    expect(store.oldestUnsyncedAt).toBeNull()

    await recordFinding({ finding: await newFinding() }, { db })
    // The service worker posts { type: 'kaoping-sync' } when Background Sync fires.
    serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: BACKGROUND_SYNC_TAG } }))
    await eventually(() => expect(pushes()).toBe(2))
    await eventually(() => expect(store.unsyncedCount).toBe(0))

    // A refused record shows in the count of refusals, not of unsynced records.
    await recordFinding({ finding: await newFinding({ deduction: 1 }) }, { db })
    expect(await store.syncNow()).toMatchObject({ outcome: 'synced', rejected: 1 })
    await eventually(() => expect(store.rejectedCount).toBe(1))
    expect(store.unsyncedCount).toBe(0)
    expect(store.lastError).toBeNull()
    expect(store.syncing).toBe(false)
  })

  it('sends a new record shortly after it is saved', async () => {
    const db = freshDb()
    const { env } = browser()
    const { transport, pushes } = recording()
    scheduler = startSync({ db, transport, locks: null, intervalMs: 0, settleMs: 20, env })
    await eventually(() => expect(syncing.value).toBe(false))
    await recordFinding({ finding: await newFinding() }, { db })
    await eventually(() => expect(pushes()).toBe(1))
    await eventually(async () => expect(await db.outbox.count()).toBe(0))
  })

  it('says, in both languages, that the app must be updated', async () => {
    const db = freshDb()
    const { env } = browser()
    scheduler = startSync({ db, transport: oldProtocol(server.url), locks: null, intervalMs: 0, settleMs: -1, env })
    setActivePinia(createPinia())
    const store = useSyncStore()
    await eventually(() => expect(store.updateRequired).toBe(true))
    expect(store.lastError).toMatchObject({ code: 'update_required', status: 426 })
    expect(store.lastError!.zh).toContain('更新')
    expect(store.lastError!.en).toContain('update')
    expect(store.lastSyncAt).toBeNull()
  })
})
