// Malformed, oversized and hostile requests get a 4xx with a JSON error naming what is wrong; the server keeps
// serving and nothing already stored changes.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { create, finding } from '../support/fixtures'

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let t: TestApp
  let inspector: SignedIn

  beforeAll(async () => {
    t = await testApp(dialect)
    inspector = await t.login('zhangwei')
  })
  afterAll(async () => t?.close())

  const snapshot = async () => {
    const count = async (table: 'findings' | 'change_log' | 'mutations' | 'sessions') =>
      Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    return { findings: await count('findings'), changes: await count('change_log'), mutations: await count('mutations') }
  }

  async function expectError(res: Response, status: number, code: string) {
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toContain('application/json')
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe(code)
    expect(body.error.message.length).toBeGreaterThan(0)
    expect(JSON.stringify(body)).not.toMatch(/at .+\.ts:\d+/)
    return body
  }

  const postPush = (body: string, headers: Record<string, string> = inspector.headers) =>
    t.app.request('/api/sync/push', { method: 'POST', headers, body })

  it('malformed JSON → 400 bad_request', async () => {
    const before = await snapshot()
    await expectError(await postPush('{"deviceId": "x", mutations: ['), 400, 'bad_request')
    expect(await snapshot()).toEqual(before)
  })

  it('a body that is not JSON → 415', async () => {
    await expectError(await postPush('deviceId=x', { ...inspector.headers, 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type')
  })

  it('wrong types and unknown fields → 400 naming each field', async () => {
    const res = await postPush(JSON.stringify({ deviceId: 42, mutations: 'all of them', extra: true }))
    const body = (await expectError(res, 400, 'validation_failed')) as unknown as { error: { details: { issues: { field: string; zh: string; en: string }[] } } }
    const fields = body.error.details.issues.map((i) => i.field)
    expect(fields).toEqual(expect.arrayContaining(['deviceId', 'mutations', 'extra']))
    for (const i of body.error.details.issues) expect(i.zh && i.en).toBeTruthy()
  })

  it('an oversized body → 413, and the server still serves', async () => {
    const before = await snapshot()
    const huge = JSON.stringify({ deviceId: inspector.deviceId, mutations: [create(finding(inspector.user.id, { note: 'x'.repeat(1900) }))], pad: 'y'.repeat(5 * 1024 * 1024) })
    await expectError(await postPush(huge), 413, 'payload_too_large')
    expect(await snapshot()).toEqual(before)
    expect((await t.app.request('/api/health')).status).toBe(200)
  })

  it('too many mutations in one push → 400 naming mutations', async () => {
    const many = Array.from({ length: 501 }, () => ({}))
    const body = await expectError(await postPush(JSON.stringify({ deviceId: inspector.deviceId, mutations: many })), 400, 'validation_failed')
    expect(JSON.stringify(body)).toContain('"field":"mutations"')
  })

  it('a bad query parameter → 400 naming it', async () => {
    const res = await t.app.request('/api/sync/pull?limit=-5', { headers: inspector.headers })
    const body = await expectError(res, 400, 'validation_failed')
    expect(JSON.stringify(body)).toContain('"field":"limit"')
  })

  it('fuzzed bodies and paths never cause a 5xx nor change stored data', async () => {
    const before = await snapshot()
    const routes = ['/api/sync/push', '/api/auth/login', '/api/sync/pull', '/api/auth/logout', '/api/districts']
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify({ deviceId: inspector.deviceId, mutations: [v] }))),
        fc.boolean(),
        async (path, method, body, signedIn) => {
          const headers = signedIn ? inspector.headers : { 'content-type': 'application/json' }
          const res = await t.app.request(path, { method, headers, ...(method === 'GET' ? {} : { body }) })
          expect(res.status, `${method} ${path} ${body.slice(0, 80)}`).toBeLessThan(500)
          if (res.status >= 400) expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy()
        },
      ),
      { numRuns: 300 },
    )
    const after = await snapshot()
    // A fuzzed push may be answered with per-mutation rejections, which are remembered; no finding is stored.
    expect(after.findings).toBe(before.findings)
    expect(after.changes).toBe(before.changes)
  })
})
