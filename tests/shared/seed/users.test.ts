import { describe, expect, it } from 'vitest'
import { ROLES, User } from '@shared/domain/user.schema'
import { validate } from '@shared/validation'
import { DEMO_PASSWORD, DEMO_USER_IDS, DEMO_USERS } from '@shared/seed/users'

describe('demo users', () => {
  it.each(DEMO_USERS.map((u) => [u.username, u] as const))('%s validates against the User schema', (_, u) => {
    const r = validate(User, u)
    expect(r.ok ? [] : r.issues).toEqual([])
    expect(User.parse(u)).toEqual(u)
  })

  it('covers every role, with two inspectors and two district users of different districts', () => {
    for (const role of ROLES) expect(DEMO_USERS.some((u) => u.role === role)).toBe(true)
    expect(DEMO_USERS.filter((u) => u.role === 'inspector')).toHaveLength(2)
    const districts = DEMO_USERS.filter((u) => u.role === 'district').map((u) => u.districtCode)
    expect(districts.sort()).toEqual(['230102', '230103'])
  })

  it('has the named accounts', () => {
    const by = Object.fromEntries(DEMO_USERS.map((u) => [u.username, u]))
    expect(by.zhangwei).toMatchObject({ displayName: '张伟', role: 'inspector' })
    expect(by.lina).toMatchObject({ displayName: '李娜', role: 'supervisor' })
    expect(by.nangang).toMatchObject({ displayName: '南岗区城管局', role: 'district', districtCode: '230103' })
    expect(by.admin).toMatchObject({ role: 'admin' })
  })

  it('has unique fixed ids and usernames', () => {
    expect(new Set(DEMO_USERS.map((u) => u.id)).size).toBe(DEMO_USERS.length)
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length)
    for (const u of DEMO_USERS) expect(DEMO_USER_IDS[u.username as keyof typeof DEMO_USER_IDS]).toBe(u.id)
  })

  it('documents the demo password', () => {
    expect(DEMO_PASSWORD).toBe('kaoping2026')
  })
})
