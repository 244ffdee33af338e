// Which places each role reaches from the navigation bar.
import type { Role } from '@shared/domain'

export interface NavItem {
  to: string
  key: 'home' | 'record' | 'findings' | 'map' | 'status'
}

const ALL: NavItem[] = [
  { to: '/', key: 'home' },
  { to: '/record', key: 'record' },
  { to: '/findings', key: 'findings' },
  { to: '/map', key: 'map' },
  { to: '/status', key: 'status' },
]

/** Recording and one's own records are the inspector's; everyone has home, map and status. */
export function navItemsFor(role: Role | undefined): NavItem[] {
  return role === 'inspector' ? ALL : ALL.filter((i) => i.key !== 'record' && i.key !== 'findings')
}
