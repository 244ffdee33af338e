// When the device syncs: when the app opens, when the network comes back, every minute while online, when the
// inspector asks, a moment after something new is saved, and when the service worker's Background Sync wakes the
// app (it posts 'kaoping-sync' to its clients). Triggers that arrive during a run are folded into one more run.
// The engine (push, pull, photo upload and the protocol's schemas) loads with the first run, not with the app.
import { liveQuery } from 'dexie'
import { ref, shallowRef } from 'vue'
import { syncContext } from './context'
import type { SyncOptions, SyncReport } from './engine'

const syncOnce = async (options: SyncOptions): Promise<SyncReport> => (await import('./engine')).syncOnce(options)

export const BACKGROUND_SYNC_TAG = 'kaoping-sync'

/** True while this tab runs a sync. */
export const syncing = ref(false)
export const lastReport = shallowRef<SyncReport | null>(null)

type Listener = (event: Event) => void
interface Events {
  addEventListener(type: string, listener: Listener): void
  removeEventListener(type: string, listener: Listener): void
}

/** Where the triggers come from: the browser's window, document and service worker unless given. */
export interface SchedulerEnv {
  window?: Events | null
  document?: (Events & { visibilityState: string }) | null
  serviceWorker?: (Events & { ready: Promise<{ sync?: { register(tag: string): Promise<void> } }> }) | null
  storage?: { persist?(): Promise<boolean> } | null
  onLine?: () => boolean
}

export interface SchedulerOptions extends SyncOptions {
  /** Between timed runs while online; 0 turns the timer off. */
  intervalMs?: number
  /** Wait after a new outbox entry before running, so a burst of saves goes in one push; negative turns it off. */
  settleMs?: number
  env?: SchedulerEnv
}

export interface SyncScheduler {
  /** A run now, even if entries are waiting out a retry delay. */
  syncNow(): Promise<SyncReport>
  stop(): void
  readonly options: SyncOptions
}

let active: SyncScheduler | null = null

/** Installs the triggers (replacing any installed before) and runs once for the app's opening. */
export function startSync(options: SchedulerOptions = {}): SyncScheduler {
  active?.stop()
  const { intervalMs = 60_000, settleMs = 2_000, env: given, ...syncOptions } = options
  const env = { ...browserEnv(), ...given }
  const controller = new AbortController()
  let inflight: Promise<SyncReport> | null = null
  let again = false
  let againForced = false
  let stopped = false
  /** The run under way answers the browser's Background Sync. */
  let wokenByBrowser = false
  const timers = new Set<ReturnType<typeof setTimeout>>()

  async function loop(force: boolean): Promise<SyncReport> {
    syncing.value = true
    try {
      let report: SyncReport
      do {
        again = false
        report = await syncOnce({ ...syncOptions, force, signal: controller.signal })
        lastReport.value = report
        force = againForced
        againForced = false
      } while (again && !stopped)
      // Offline: ask the service worker to wake us when the network is back, even if this tab sleeps till then.
      // Not when the browser has just woken us: it thought the network was back, and asked again it would wake
      // us again at once, over and over (the server down on a working network, an emulated offline). The timer
      // and the 'online' event carry on from there.
      if (report.outcome === 'failed' && report.error?.code === 'offline' && !wokenByBrowser) registerBackgroundSync(env)
      return report
    } finally {
      syncing.value = false
      inflight = null
      wokenByBrowser = false
    }
  }

  function trigger(force: boolean): Promise<SyncReport> {
    if (stopped) return Promise.resolve({ outcome: 'aborted', applied: 0, rejected: 0, photosUploaded: 0, changesPulled: 0 })
    if (inflight) {
      again = true
      againForced ||= force
      return inflight
    }
    inflight = loop(force)
    return inflight
  }

  const onOnline: Listener = () => void trigger(true)
  const onVisible: Listener = () => {
    if (env.document?.visibilityState === 'visible') void trigger(false)
  }
  const onMessage: Listener = (event) => {
    const data = (event as MessageEvent).data as unknown
    if (data === BACKGROUND_SYNC_TAG || (data as { type?: unknown } | null)?.type === BACKGROUND_SYNC_TAG) {
      wokenByBrowser = true
      void trigger(true)
    }
  }
  env.window?.addEventListener('online', onOnline)
  env.document?.addEventListener('visibilitychange', onVisible)
  env.serviceWorker?.addEventListener('message', onMessage)
  const interval =
    intervalMs > 0
      ? setInterval(() => {
          if (env.onLine?.() ?? true) void trigger(false)
        }, intervalMs)
      : null

  // Something new in the outbox: send it soon rather than at the next tick of the timer.
  const { db } = syncContext(syncOptions)
  let known = -1
  const watch = liveQuery(() => db.outbox.where('status').equals('pending').count()).subscribe({
    next: (count) => {
      if (known >= 0 && count > known && settleMs >= 0) {
        const t = setTimeout(() => {
          timers.delete(t)
          void trigger(false)
        }, settleMs)
        timers.add(t)
      }
      known = count
    },
    error: (err) => console.error('sync: watching the outbox failed', err),
  })

  // Ask the browser not to evict the device's unsynced records under storage pressure.
  void env.storage?.persist?.().catch(() => false)
  registerBackgroundSync(env)

  const scheduler: SyncScheduler = {
    options: syncOptions,
    syncNow: () => trigger(true),
    stop() {
      if (stopped) return
      stopped = true
      controller.abort()
      if (interval) clearInterval(interval)
      for (const t of timers) clearTimeout(t)
      watch.unsubscribe()
      env.window?.removeEventListener('online', onOnline)
      env.document?.removeEventListener('visibilitychange', onVisible)
      env.serviceWorker?.removeEventListener('message', onMessage)
      if (active === scheduler) active = null
    },
  }
  active = scheduler
  void trigger(false)
  return scheduler
}

/** A run now: through the installed scheduler, or on its own when none is installed. */
export function syncNow(): Promise<SyncReport> {
  return active ? active.syncNow() : syncOnce({ force: true })
}

/** The options of the installed scheduler (its database, its transport), for views of the same data. */
export function activeSyncOptions(): SyncOptions {
  return active?.options ?? {}
}

function registerBackgroundSync(env: SchedulerEnv): void {
  env.serviceWorker?.ready
    .then((registration) => registration.sync?.register(BACKGROUND_SYNC_TAG))
    // Not every browser has Background Sync; the timer and the 'online' event cover for it.
    .catch(() => undefined)
}

function browserEnv(): SchedulerEnv {
  const g = globalThis as unknown as {
    window?: Events
    document?: Events & { visibilityState: string }
    navigator?: { onLine?: boolean; serviceWorker?: SchedulerEnv['serviceWorker']; storage?: SchedulerEnv['storage'] }
  }
  return {
    window: g.window ?? null,
    document: g.document ?? null,
    serviceWorker: g.navigator?.serviceWorker ?? null,
    storage: g.navigator?.storage ?? null,
    onLine: () => g.navigator?.onLine !== false,
  }
}
