// Registers the service worker (built app only) with workbox-window and exposes the update offer.
// (The worker's Background Sync wake-ups, 'kaoping-sync' messages, are heard by the sync scheduler.)
import { shallowRef } from 'vue'
import { isBusy } from '../../app/busy'
import { createUpdateFlow, type UpdateFlow } from './update-flow'

/** Null until a worker is registered (dev server, or a browser without service workers). */
export const appUpdate = shallowRef<UpdateFlow | null>(null)

const HOURLY = 60 * 60 * 1000

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return
  const { Workbox } = await import('workbox-window')
  const wb = new Workbox('/sw.js', { scope: '/' })
  appUpdate.value = createUpdateFlow(wb, isBusy, () => window.location.reload())
  try {
    await wb.register()
  } catch (e) {
    // Without a worker the app still runs online; it only loses offline start.
    console.warn('service worker not registered', e)
    return
  }
  // A tablet may stay open for days: look for a new version now and then, and when the network returns.
  const check = () => void wb.update().catch(() => {})
  setInterval(check, HOURLY)
  window.addEventListener('online', check)
}
