// Starts the app: the session and settings from IndexedDB first (so the router knows who is signed in, offline
// too), then the page; in a built app the service worker that keeps the app shell on the device.
import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import './styles.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { currentSession, loadSession } from './features/auth/session'
import { registerServiceWorker } from './features/shell/app-update'
import { syncWhileSignedIn } from './features/shell/sync-status'
import { requestPersistence } from './features/status/storage'
import { loadWarnDays } from './features/status/warn-days'

/** True in a built app (see vite.config.ts), false under the dev server. */
declare const __SERVICE_WORKER__: boolean

async function start(): Promise<void> {
  // A device whose IndexedDB cannot open still gets the sign-in page rather than a blank screen.
  await Promise.all([loadSession().catch(() => null), loadWarnDays()])
  document.documentElement.lang = i18n.global.locale.value

  const app = createApp(App).use(createPinia()).use(i18n).use(router)
  app.mount('#app')

  // Sync runs while someone is signed in; the scheduler also hears the worker's Background Sync wake-ups.
  watch(() => currentSession.value !== null, syncWhileSignedIn, { immediate: true })
  if (__SERVICE_WORKER__) void registerServiceWorker()
  if (currentSession.value) void requestPersistence()
}

void start()
