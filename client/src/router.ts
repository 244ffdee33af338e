// The app's places. Views built in other feature folders are found by file name at build time, so a build
// without one of them still works and shows a "not available yet" screen on its route.
// Without a session every route leads to sign-in; with one (even an expired one) the app stays usable offline:
// expiry only raises the sign-in dialog over the current screen.
import type { Component } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { currentSession } from './features/auth/session'
import HomeView from './features/home/HomeView.vue'
import LoginView from './features/auth/LoginView.vue'

type Lazy = () => Promise<Component | { default: Component }>

const optionalViews = import.meta.glob<{ default: Component }>('./features/{record,findings,map,reinspect,review,sheets,scores,notify,rectify,appeals}/*View.vue')
const missing: Lazy = () => import('./features/shell/MissingView.vue')

/** The view `features/<feature>/<name>.vue` when this build has it. */
export function viewOf(feature: string, name: string): Lazy {
  return optionalViews[`./features/${feature}/${name}.vue`] ?? missing
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView },
  { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
  { path: '/status', name: 'status', component: () => import('./features/status/StatusView.vue') },
  { path: '/record', name: 'record', component: viewOf('record', 'RecordView') },
  { path: '/record/:id', name: 'record-edit', component: viewOf('record', 'RecordView'), props: true },
  { path: '/findings', name: 'findings', component: viewOf('findings', 'FindingsView') },
  { path: '/map', name: 'map', component: viewOf('map', 'MapView') },
  // The inspector's re-inspection tasks.
  { path: '/reinspect', name: 'reinspect', component: viewOf('reinspect', 'ReinspectListView') },
  { path: '/reinspect/:id', name: 'reinspect-one', component: viewOf('reinspect', 'ReinspectView'), props: true },
  // The bureau's desk.
  { path: '/review', name: 'review', component: viewOf('review', 'ReviewView') },
  { path: '/sheets', name: 'sheets', component: viewOf('sheets', 'SheetsView') },
  { path: '/sheets/:id', name: 'sheet', component: viewOf('sheets', 'SheetView'), props: true },
  { path: '/scores', name: 'scores', component: viewOf('scores', 'ScoresView') },
  { path: '/scores/quarter', name: 'quarter', component: viewOf('scores', 'QuarterView') },
  { path: '/notifications', name: 'notifications', component: viewOf('notify', 'NotificationsView') },
  // The district's clerk.
  { path: '/rectify', name: 'rectify', component: viewOf('rectify', 'RectifyListView') },
  { path: '/rectify/:id', name: 'rectify-one', component: viewOf('rectify', 'RectifyView'), props: true },
  { path: '/appeals', name: 'appeals', component: viewOf('appeals', 'AppealsView') },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach((to) => {
  const signedIn = currentSession.value !== null
  if (!signedIn && !to.meta.public) return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
  if (signedIn && to.name === 'login') return { name: 'home' }
  return true
})
