// One sync at a time per device: tabs of the app share one database, and two of them pushing the same outbox at
// once would only send everything twice. The Web Locks API holds the lock across tabs; a tab that finds it taken
// skips its run (the holder is doing the work). Where the API is missing, runs in this tab are still kept apart.

export const SYNC_LOCK = 'kaoping-sync'

/** The part of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>
}

export type Locked<T> = { ran: true; value: T } | { ran: false }

const runningHere = new WeakSet<object>()

/** Runs `fn` holding the sync lock of `key`'s database, or not at all when another run holds it.
 *  `locks` undefined means the browser's own lock manager. */
export async function withSyncLock<T>(key: object, locks: LockManagerLike | null | undefined, fn: () => Promise<T>): Promise<Locked<T>> {
  const manager = locks === undefined ? browserLocks() : locks
  if (manager) {
    return manager.request(SYNC_LOCK, { ifAvailable: true }, async (lock): Promise<Locked<T>> => (lock ? { ran: true, value: await fn() } : { ran: false }))
  }
  if (runningHere.has(key)) return { ran: false }
  runningHere.add(key)
  try {
    return { ran: true, value: await fn() }
  } finally {
    runningHere.delete(key)
  }
}

function browserLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator
  return nav?.locks ?? null
}
