// Sign-in, device-bound sessions, expiry, revocation and the sign-in rate limit, on every database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/databases'
import { testApp, type TestApp } from '../support/app'

const json = { 'content-type': 'application/json' }

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp(dialect)
  })
  afterAll(async () => t?.close())

  const me = (headers: Record<string, string>) => t.app.request('/api/auth/me', { headers })
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; details?: Record<string, unknown> } }).error

  it('signs in and answers who I am, with role and district', async () => {
    const s = await t.login('nangang')
    const res = await me(s.headers)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { user: unknown }).user).toMatchObject({ username: 'nangang', role: 'district', districtCode: '230103' })
  })

  it('stores only a hash of the token', async () => {
    const s = await t.login('lina', 'device-hash')
    const rows = await t.db.kysely.selectFrom('sessions').select('token_hash').execute()
    expect(rows.some((r) => r.token_hash === s.token)).toBe(false)
    expect(rows.some((r) => r.token_hash.length === 64)).toBe(true)
  })

  it('refuses a request without a token, and a token from another device', async () => {
    expect((await me({})).status).toBe(401)
    const s = await t.login('zhangwei', 'tablet-1')
    const res = await me({ ...s.headers, 'x-kaoping-device': 'tablet-2' })
    expect(res.status).toBe(401)
    expect((await errorOf(res)).details).toMatchObject({ reason: 'device_mismatch' })
  })

  it('ends a session on sign-out and when revoked', async () => {
    const s = await t.login('zhangwei', 'tablet-out')
    expect((await t.app.request('/api/auth/logout', { method: 'POST', headers: s.headers })).status).toBe(200)
    const res = await me(s.headers)
    expect(res.status).toBe(401)
    expect((await errorOf(res)).details).toMatchObject({ reason: 'revoked' })

    const other = await t.login('wangqiang', 'tablet-rev')
    const admin = await t.login('admin')
    const sessionId = (await t.db.kysely.selectFrom('sessions').select('id').where('device_id', '=', 'tablet-rev').executeTakeFirstOrThrow()).id
    // Another user may not revoke it; the admin may.
    expect((await t.app.request(`/api/auth/sessions/${sessionId}`, { method: 'DELETE', headers: (await t.login('zhangwei')).headers })).status).toBe(404)
    expect((await t.app.request(`/api/auth/sessions/${sessionId}`, { method: 'DELETE', headers: admin.headers })).status).toBe(200)
    expect((await me(other.headers)).status).toBe(401)
  })

  it('lasts more than a week offline and then expires', async () => {
    const s = await t.login('zhangwei', 'tablet-exp')
    const row = await t.db.kysely.selectFrom('sessions').selectAll().where('device_id', '=', 'tablet-exp').executeTakeFirstOrThrow()
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBeGreaterThan(7 * 86_400_000)
    await t.db.kysely.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', row.id).execute()
    const res = await me(s.headers)
    expect(res.status).toBe(401)
    expect((await errorOf(res)).details).toMatchObject({ reason: 'expired' })
  })

  it('names the missing field of a bad sign-in request', async () => {
    const res = await t.app.request('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ username: 'lina' }) })
    expect(res.status).toBe(400)
    const fields = ((await errorOf(res)).details!.issues as { field: string }[]).map((i) => i.field)
    expect(fields).toEqual(expect.arrayContaining(['password', 'deviceId']))
  })

  it('limits failed sign-ins per user name, without locking out others', async () => {
    const attempt = (username: string, password: string) =>
      t.app.request('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ username, password, deviceId: 'd' }) })
    for (let i = 0; i < 5; i++) expect((await attempt('daoli', 'wrong')).status).toBe(401)
    const blocked = await attempt('daoli', 'kaoping2026')
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await attempt('admin', 'kaoping2026')).status).toBe(200)
  })
})
