// Persistent storage and how much of it the app uses. A tablet that is not granted persistence may have its
// IndexedDB evicted under storage pressure, so the app asks at start and the status page shows the answer.
import { ref } from 'vue'

export type PersistState = 'granted' | 'denied' | 'unsupported' | 'unknown'

export const persistState = ref<PersistState>('unknown')

export async function requestPersistence(): Promise<PersistState> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined
  if (!storage?.persist) return (persistState.value = 'unsupported')
  try {
    const granted = (await storage.persisted()) || (await storage.persist())
    persistState.value = granted ? 'granted' : 'denied'
  } catch {
    persistState.value = 'denied'
  }
  return persistState.value
}

export interface StorageUse {
  usage: number
  quota: number
}

export async function storageUse(): Promise<StorageUse | null> {
  if (!navigator.storage?.estimate) return null
  const { usage, quota } = await navigator.storage.estimate()
  return usage === undefined || quota === undefined ? null : { usage, quota }
}
