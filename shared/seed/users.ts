// Demo users: one per role, plus a second inspector and a second district user so that access rules can be tested
// against another district.
import type { User } from '../domain/user.schema'

/**
 * The password of every demo user. Demo only: a seeded database is for trying Kaoping out and for tests, and must
 * never be deployed with these accounts active.
 */
export const DEMO_PASSWORD = 'kaoping2026'

export const DEMO_USER_IDS = {
  zhangwei: '0b6f3e2a-5c1d-4a8e-9f47-2e8d1c6b3a90',
  wangqiang: '5e9a1d3c-7b2f-4c60-8d15-3a7f9e0b4c26',
  lina: '8c3d7f1b-2a9e-4b54-a6c8-7f1e0d2b9a43',
  nangang: 'a7f2c9e4-3d5b-4e81-b0a6-9c4e2f7d1b58',
  daoli: 'd2b8e6f0-9a4c-4d37-8e21-6b5a3c9f0e74',
  admin: 'f4e1a8c7-6d3b-4092-9c5e-0a8b7d2e6f19',
} as const

export const DEMO_USERS: User[] = [
  { id: DEMO_USER_IDS.zhangwei, username: 'zhangwei', displayName: '张伟', role: 'inspector', active: true },
  { id: DEMO_USER_IDS.wangqiang, username: 'wangqiang', displayName: '王强', role: 'inspector', active: true },
  { id: DEMO_USER_IDS.lina, username: 'lina', displayName: '李娜', role: 'supervisor', active: true },
  { id: DEMO_USER_IDS.nangang, username: 'nangang', displayName: '南岗区城管局', role: 'district', districtCode: '230103', active: true },
  { id: DEMO_USER_IDS.daoli, username: 'daoli', displayName: '道里区城管局', role: 'district', districtCode: '230102', active: true },
  { id: DEMO_USER_IDS.admin, username: 'admin', displayName: '系统管理员', role: 'admin', active: true },
]
