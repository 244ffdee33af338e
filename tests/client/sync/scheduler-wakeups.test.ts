// Background Sync wakes the app when the browser thinks the network is back. When the run it wakes still finds
// no server (the server down on a working network, or an emulated offline), asking for another wake-up would be
// answered at once, and again: the scheduler asks only after runs of its own, so such failures stay a few a minute.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BACKGROUND_SYNC_TAG, startSync, type SchedulerEnv, type SyncScheduler } from '../../../client/src/sync/scheduler'
import { KaopingDb } from '../../../client/src/db/db'
import type { Transport } from '../../../client/src/sync/context'

let scheduler: SyncScheduler | undefined
afterEach(() => scheduler?.stop())

describe('background sync wake-ups', () => {
  it('asks to be woken after its own failed run, not after the run the browser woke it for', async () => {
    const db = new KaopingDb(`test-wakeups-${Date.now()}`)
    const register = vi.fn(async (_tag: string) => undefined)
    const serviceWorker = Object.assign(new EventTarget(), { ready: Promise.resolve({ sync: { register } }) })
    const env: SchedulerEnv = { window: new EventTarget(), serviceWorker, document: null, storage: null, onLine: () => true }
    const calls: string[] = []
    const unreachable: Transport = async (path) => {
      calls.push(path)
      throw new TypeError('Failed to fetch')
    }
    scheduler = startSync({ db, transport: unreachable, deviceId: async () => 'tab-test', locks: null, intervalMs: 0, settleMs: -1, env })

    // Opening: one request at start, one after the run failed for want of a network.
    await vi.waitFor(() => expect(register).toHaveBeenCalledTimes(2))
    const afterOpening = calls.length
    expect(afterOpening).toBeGreaterThan(0)

    // The browser answers at once, as it does when it believes it is online: one run, no new request.
    serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: BACKGROUND_SYNC_TAG } }))
    await vi.waitFor(() => expect(calls.length).toBeGreaterThan(afterOpening))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(register).toHaveBeenCalledTimes(2)

    // The inspector's own button fails the same way and does ask again.
    expect(await scheduler.syncNow()).toMatchObject({ outcome: 'failed', error: { code: 'offline' } })
    await vi.waitFor(() => expect(register).toHaveBeenCalledTimes(3))
    expect(register).toHaveBeenCalledWith(BACKGROUND_SYNC_TAG)
  })
})
