// When a new version of the app is waiting: offer it, and apply it only when nothing is busy, so the page never
// reloads under an inspector in the middle of a record. Kept apart from workbox-window so it can be tested alone.
import { ref, watch, type Ref } from 'vue'

/** The part of workbox-window's `Workbox` the flow uses. */
export interface WaitingWorker {
  addEventListener(type: 'waiting' | 'controlling', listener: () => void): void
  messageSkipWaiting(): void
}

export interface UpdateFlow {
  /** A new version is installed and waiting. */
  available: Ref<boolean>
  /** "Update now" was pressed while busy: it will go ahead once the record is saved. */
  deferred: Ref<boolean>
  /** The new version was told to take over; the page reloads when it controls the page. */
  applying: Ref<boolean>
  update(): Promise<void>
  /** Hide the offer until the next version arrives (the waiting worker still takes over on the next start). */
  later(): void
}

export function createUpdateFlow(worker: WaitingWorker, busy: Readonly<Ref<boolean>>, reload: () => void): UpdateFlow {
  const available = ref(false)
  const deferred = ref(false)
  const applying = ref(false)

  worker.addEventListener('waiting', () => {
    available.value = true
  })
  // Also fires on the first install (clientsClaim) and when another tab applies an update: reload only when
  // this page asked for the new version.
  worker.addEventListener('controlling', () => {
    if (applying.value) reload()
  })

  function notBusy(): Promise<void> {
    if (!busy.value) return Promise.resolve()
    return new Promise((resolve) => {
      // Synchronous flush: the moment the flag drops, before anything can set it again.
      const stop = watch(busy, (b) => {
        if (!b) {
          stop()
          resolve()
        }
      }, { flush: 'sync' })
    })
  }

  async function update(): Promise<void> {
    if (applying.value || deferred.value) return
    deferred.value = busy.value
    await notBusy()
    deferred.value = false
    applying.value = true
    worker.messageSkipWaiting()
  }

  return {
    available,
    deferred,
    applying,
    update,
    later: () => {
      if (!deferred.value && !applying.value) available.value = false
    },
  }
}
