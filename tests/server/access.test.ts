// Every route × every role × own and other district: only what the role may see or do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@shared/domain'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { create, finding, review } from '../support/fixtures'

type Who = 'anonymous' | 'inspector' | 'supervisor' | 'admin' | 'nangang' | 'daoli'
const USERS: Record<Exclude<Who, 'anonymous'>, string> = { inspector: 'zhangwei', supervisor: 'lina', admin: 'admin', nangang: 'nangang', daoli: 'daoli' }

// Month 2026-08 is seeded with every survey score, so it can be published. 南岗 (230103) is nangang's own district.
const MATRIX: { route: string; method?: string; expect: Partial<Record<Who, number>> & { other: number } }[] = [
  { route: '/api/health', expect: { anonymous: 200, other: 200 } },
  { route: '/api/districts', expect: { anonymous: 200, other: 200 } },
  { route: '/api/auth/me', expect: { anonymous: 401, other: 200 } },
  { route: '/api/sync/pull?limit=1', expect: { anonymous: 401, other: 200 } },
  { route: '/api/scores/months/2026-08', expect: { anonymous: 401, inspector: 403, other: 200 } },
  { route: '/api/scores/months/2026-08/districts/230103', expect: { anonymous: 401, inspector: 403, daoli: 403, other: 200 } },
  { route: '/api/scores/months/2026-08/districts/230102', expect: { anonymous: 401, inspector: 403, nangang: 403, other: 200 } },
  { route: '/api/scores/months/2026-08/funding', expect: { anonymous: 401, inspector: 403, other: 200 } },
  { route: '/api/scores/months/2026-08/verify', expect: { anonymous: 401, inspector: 403, nangang: 403, daoli: 403, supervisor: 404, admin: 404, other: 0 } },
  { route: '/api/scores/months/2026-07/publish', method: 'POST', expect: { anonymous: 401, inspector: 403, nangang: 403, daoli: 403, other: 0 } },
  { route: `/api/photos/${'b'.repeat(64)}`, expect: { anonymous: 401, other: 404 } },
]

describe.each(DIALECTS)('access on %s', (dialect) => {
  let t: TestApp
  const who: Partial<Record<Who, SignedIn>> = {}

  beforeAll(async () => {
    t = await testApp(dialect)
    for (const [k, username] of Object.entries(USERS)) who[k as Who] = await t.login(username)
  })
  afterAll(async () => t?.close())

  for (const { route, method = 'GET', expect: allowed } of MATRIX) {
    it(`${method} ${route}`, async () => {
      for (const k of ['anonymous', ...Object.keys(USERS)] as Who[]) {
        const expected = allowed[k] ?? allowed.other
        if (expected === 0) continue
        const headers = k === 'anonymous' ? {} : who[k]!.headers
        const res = await t.app.request(route, { method, headers })
        expect(res.status, `${k} ${method} ${route}`).toBe(expected)
      }
    })
  }

  it('a district user gets only their own row of the month', async () => {
    const res = await t.app.request('/api/scores/months/2026-08', { headers: who.nangang!.headers })
    // District names are public reference data; every score, explanation and finding is the district's own.
    const { districtNames: _names, ...body } = (await res.json()) as Record<string, unknown>
    const text = JSON.stringify(body)
    expect(text).toContain('230103')
    for (const other of ['230102', '230104', '230108', '230109', '230110', '230111', '230112', '230113']) expect(text).not.toContain(`"${other}"`)
  })

  it('only the bureau publishes; nobody can write a score', async () => {
    expect((await t.app.request('/api/scores/months/2026-08/publish', { method: 'POST', headers: who.supervisor!.headers })).status).toBe(201)
    for (const m of ['PUT', 'POST', 'PATCH', 'DELETE']) {
      const res = await t.app.request('/api/scores/months/2026-08/districts/230103', { method: m, headers: who.admin!.headers, body: '{}' })
      expect(res.status, m).toBeGreaterThanOrEqual(400)
      expect(res.status, m).toBeLessThan(500)
    }
  })

  it('writes through sync are limited by role: inspectors record, supervisors review', async () => {
    const roles: [Who, Role][] = [['inspector', 'inspector'], ['supervisor', 'supervisor'], ['admin', 'admin'], ['nangang', 'district']]
    for (const [k] of roles) {
      const s = who[k]!
      const res = await t.app.request('/api/sync/push', {
        method: 'POST',
        headers: s.headers,
        body: JSON.stringify({ deviceId: s.deviceId, mutations: [create(finding(s.user.id))] }),
      })
      const status = ((await res.json()) as { results: { status: string }[] }).results[0]!.status
      expect(status, k).toBe(k === 'inspector' ? 'applied' : 'rejected')
    }
    const f = finding(who.inspector!.user.id)
    await t.app.request('/api/sync/push', { method: 'POST', headers: who.inspector!.headers, body: JSON.stringify({ deviceId: who.inspector!.deviceId, mutations: [create(f)] }) })
    for (const k of ['inspector', 'nangang', 'daoli'] as Who[]) {
      const s = who[k]!
      const res = await t.app.request('/api/sync/push', {
        method: 'POST',
        headers: s.headers,
        body: JSON.stringify({ deviceId: s.deviceId, mutations: [review(f.id, s.user.id, 'confirm')] }),
      })
      expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status, k).toBe('rejected')
    }
  })
})
