// The service worker: it serves the app shell and nothing else. The built shell is precached, so the app opens
// with no network; every navigation outside /api gets index.html and the router takes it from there.
// /api is never cached (data lives in IndexedDB and goes through the outbox), and cross-origin requests such as
// map tiles are left to the network and to the page's own tile cache.
import { cacheNames, clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> }

/** Background Sync is not in the WebWorker lib yet. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string
}

/** Static routing (Chromium 123+) is not in the WebWorker lib yet. */
interface RoutingInstallEvent extends ExtendableEvent {
  addRoutes?(rules: { condition: { urlPattern: { pathname: string } }; source: { cacheName: string } }[]): Promise<void>
}

const SYNC_TAG = 'kaoping-sync'

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

// The built files under /assets carry their content hash and are precached under their own URL: where the browser
// can, it serves them straight from the precache without running this worker for each one. A cold start asks for
// a dozen at once, and this worker answers them one after another. Elsewhere the precache route above serves them.
self.addEventListener('install', (event) => {
  const install = event as RoutingInstallEvent
  if (!install.addRoutes) return
  install.waitUntil(
    install.addRoutes([{ condition: { urlPattern: { pathname: '/assets/*' } }, source: { cacheName: cacheNames.precache } }]).catch((err: unknown) => {
      console.warn('sw: static routes not taken', err)
    }),
  )
})

// Only same-origin navigations reach this route; /api/* (JSON, SSE, photo downloads opened in a tab) is denied
// so that the server's answer, or a network error, is what the page sees.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api(\/|$)/] }))

// A new version waits until the page says the inspector is not in the middle of a record (update prompt).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})

// The page owns syncing (it holds the session and IndexedDB logic); the worker only wakes it up.
self.addEventListener('sync', (event) => {
  const e = event as SyncEvent
  if (e.tag !== SYNC_TAG) return
  e.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
      for (const client of clients) client.postMessage({ type: SYNC_TAG })
    }),
  )
})

clientsClaim()
