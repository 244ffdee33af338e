// Starts the app: the session from IndexedDB first (so the router knows who is signed in, offline too), then the
// page. What the first screen does not need waits until it shows (features/shell/first-screen.ts): the sync
// engine and the service worker that keeps the app shell on the device.
import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import './styles.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { currentSession, loadSession } from './features/auth/session'
import { readDayAhead } from './features/home/inspector-today'
import { registerServiceWorker } from './features/shell/app-update'
import { afterFirstScreen, firstScreenShown, holdUntilFirstScreen } from './features/shell/first-screen'
import { syncWhileSignedIn } from './features/shell/sync-status'
import { requestPersistence } from './features/status/storage'
import { loadWarnDays } from './features/status/warn-days'

/** True in a built app (see vite.config.ts), false under the dev server. */
declare const __SERVICE_WORKER__: boolean

// Beyond this, background work starts even if the first screen never said it was ready (a hidden tab draws nothing).
const FIRST_SCREEN_MAX_MS = 1500

async function start(): Promise<void> {
  holdUntilFirstScreen(FIRST_SCREEN_MAX_MS)
  // A device whose IndexedDB cannot open still gets the sign-in page rather than a blank screen. index.html has
  // begun opening the database while the scripts loaded.
  const session = loadSession().catch(() => null)
  // The start page opens with an inspector's day in it: read beside the session rather than after the first render.
  const day = location.pathname === '/' ? readDayAhead() : null
  await Promise.all([session, day])
  document.documentElement.lang = i18n.global.locale.value

  const app = createApp(App).use(createPinia()).use(i18n).use(router)
  app.mount('#app')
  void loadWarnDays()
  // The start page says itself when its data is in; any other first screen is ready once routed.
  void router.isReady().then(() => {
    if (router.currentRoute.value.name !== 'home') firstScreenShown()
  })

  await afterFirstScreen()
  // Sync runs while someone is signed in; the scheduler also hears the worker's Background Sync wake-ups.
  watch(() => currentSession.value !== null, syncWhileSignedIn, { immediate: true })
  if (__SERVICE_WORKER__) void registerServiceWorker()
  if (currentSession.value) void requestPersistence()
}

void start()
