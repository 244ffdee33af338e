// Which places each role reaches from the navigation bar.
import type { Role } from '@shared/domain'

export type NavKey =
  | 'home'
  | 'record'
  | 'findings'
  | 'reinspect'
  | 'map'
  | 'review'
  | 'sheets'
  | 'rectify'
  | 'scores'
  | 'appeals'
  | 'notifications'
  | 'status'

export interface NavItem {
  to: string
  key: NavKey
}

const PLACES: Record<NavKey, string> = {
  home: '/',
  record: '/record',
  findings: '/findings',
  reinspect: '/reinspect',
  map: '/map',
  review: '/review',
  sheets: '/sheets',
  rectify: '/rectify',
  scores: '/scores',
  appeals: '/appeals',
  notifications: '/notifications',
  status: '/status',
}

const BY_ROLE: Record<Role, NavKey[]> = {
  // The tablet in the field: record, one's own records, re-inspection tasks, the map offline.
  inspector: ['home', 'record', 'findings', 'reinspect', 'map', 'status'],
  // The bureau's desk: the review map, sheets, scores and appeals.
  supervisor: ['home', 'review', 'sheets', 'scores', 'appeals', 'status'],
  // A district's clerk: their sheets to rectify, appeals and their score.
  district: ['home', 'rectify', 'appeals', 'scores', 'status'],
  admin: ['home', 'review', 'sheets', 'scores', 'appeals', 'notifications', 'status'],
}

export function navItemsFor(role: Role | undefined): NavItem[] {
  const keys = role ? BY_ROLE[role] : ['home', 'map', 'status']
  return (keys as NavKey[]).map((key) => ({ key, to: PLACES[key] }))
}
