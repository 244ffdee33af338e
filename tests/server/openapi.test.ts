// The API reference: an OpenAPI 3.1 document that lists every mounted route, whose schemas accept the records the
// project makes and describe what the server really answers, and a readable page built from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DEFAULT_POLICY } from '@shared/domain'
import { demoData, DEMO_USERS, harbinDistricts, SEED_CHECKLISTS } from '@shared/seed'
import { buildOpenApiDocument, errorCodes, type OpenApiDocument } from '../../server/src/openapi/document'
import { ROUTES } from '../../server/src/openapi/routes'
import { testApp, type SignedIn, type TestApp } from '../support/app'

const doc: OpenApiDocument = buildOpenApiDocument('test')

/** A validator for one component, made by reading the document's JSON Schema back (not from the Zod source). */
function validatorFor(name: string): z.ZodType {
  const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'))
  return z.fromJSONSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', $defs: defs, $ref: `#/$defs/${name}` })
}

function accepts(name: string, value: unknown): boolean {
  const r = validatorFor(name).safeParse(value)
  if (!r.success) console.log(name, JSON.stringify(r.error.issues.slice(0, 3)))
  return r.success
}

/** `/api/auth/sessions/:id` and `/api/auth/sessions/{id}` both become `/api/auth/sessions/{}`. */
const shape = (path: string) =>
  path
    .replace(/:[A-Za-z0-9_]+(\{[^/]*\})?/g, '{}')
    .replace(/\{[A-Za-z0-9_]+\}/g, '{}')
    .replace(/(.)\/$/, '$1')

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and survives a JSON round trip', () => {
    const text = JSON.stringify(doc)
    expect(JSON.parse(text)).toEqual(doc)
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/)
    expect(doc.info).toMatchObject({ title: expect.any(String), version: 'test' })
  })

  it('has the named components, a bearer scheme and the device header', () => {
    for (const name of ['Finding', 'Review', 'Checklist', 'District', 'Complaint', 'MediaExposure', 'SurveyScore', 'ScoringPolicy', 'User', 'Mutation', 'PushRequest', 'ApiError']) {
      expect(doc.components.schemas, name).toHaveProperty(name)
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(doc.components.securitySchemes.device).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-kaoping-device' })
  })

  it('points every $ref at a component that exists', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!)
    expect(refs.length).toBeGreaterThan(20)
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\//)
      expect(doc.components.schemas, ref).toHaveProperty(ref.split('/').pop()!)
    }
  })

  it('gives each operation a unique id, the path parameters it names, and an error body for every error status', () => {
    const ids = new Set<string>()
    for (const [path, methods] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
      for (const [method, op] of Object.entries(methods)) {
        expect(ids.has(op.operationId), op.operationId).toBe(false)
        ids.add(op.operationId)
        const inPath = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)
        expect(inPath.sort(), `${method} ${path}`).toEqual([...names].sort())
        for (const [status, res] of Object.entries(op.responses)) {
          if (Number(status) >= 400 && method !== 'head') {
            expect((res as { content: Record<string, { schema: unknown }> }).content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/ApiError' })
          }
        }
      }
    }
  })

  it('accepts the records the project makes, and refuses broken ones', () => {
    const demo = demoData('2026-10')
    const finding = demo.findings[0]!
    expect(accepts('Finding', finding)).toBe(true)
    expect(accepts('Review', demo.reviews[0])).toBe(true)
    expect(accepts('Complaint', demo.complaints[0])).toBe(true)
    expect(accepts('MediaExposure', demo.mediaExposures[0])).toBe(true)
    expect(accepts('SurveyScore', demo.surveyScores[0])).toBe(true)
    expect(accepts('Checklist', SEED_CHECKLISTS[0])).toBe(true)
    expect(accepts('District', harbinDistricts()[0])).toBe(true)
    expect(accepts('ScoringPolicy', DEFAULT_POLICY)).toBe(true)
    expect(accepts('User', DEMO_USERS[0])).toBe(true)
    const mutation = { id: '6a1f3c2e-9b4d-4e7a-8c15-2d0b7e4a9f31', hlc: '1795000000000-0000-tablet-1', type: 'finding.create', payload: finding }
    expect(accepts('Mutation', mutation)).toBe(true)
    expect(accepts('PushRequest', { deviceId: 'tablet-1', mutations: [mutation] })).toBe(true)

    const broken = [
      { ...finding, districtCode: '2301' },
      { ...finding, location: { lat: 95, lng: 126.6, accuracy: 5 } },
      { ...finding, status: 'lost' },
      { ...finding, unexpected: true },
      { ...finding, id: undefined },
    ]
    for (const b of broken) expect(validatorFor('Finding').safeParse(b).success, JSON.stringify(b).slice(0, 80)).toBe(false)
    expect(validatorFor('PushRequest').safeParse({ deviceId: 'tablet-1', mutations: [{ ...mutation, type: 'finding.explode' }] }).success).toBe(false)
  })

  it('lists each route once in the table', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('documents 401 for signed-in routes and 403 for role-restricted ones', () => {
    for (const r of ROUTES) {
      const codes = errorCodes(r)
      if (r.access !== 'public') expect(codes, r.path).toContain('unauthorized')
      if (Array.isArray(r.access)) expect(codes, r.path).toContain('forbidden')
    }
  })
})

describe('the document against the running app', () => {
  let t: TestApp
  let lina: SignedIn
  let zhangwei: SignedIn

  beforeAll(async () => {
    t = await testApp('sqlite')
    lina = await t.login('lina')
    zhangwei = await t.login('zhangwei')
  })
  afterAll(async () => t?.close())

  /** Calls the app and checks that the status is documented for the operation and the body fits its schema. */
  async function conforms(method: string, path: string, template: string, init: RequestInit = {}): Promise<Response> {
    const res = await t.app.request(path, { method: method.toUpperCase(), ...init })
    const op = doc.paths[template]?.[method]
    expect(op, `${method} ${template} is documented`).toBeDefined()
    const documented = op!.responses[String(res.status)] as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined
    expect(documented, `${method} ${path} answered ${res.status}, which the document does not list`).toBeDefined()
    const ref = documented!.content?.['application/json']?.schema?.$ref
    if (ref) expect(accepts(ref.split('/').pop()!, await res.clone().json()), `${method} ${path} ${res.status} body`).toBe(true)
    return res
  }

  it('contains every route the app mounts under /api', () => {
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${shape(p)}`)))
    const mounted = t.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'))
      .map((r) => `${r.method} ${shape(r.path)}`)
    expect(mounted.length).toBeGreaterThanOrEqual(8)
    expect(mounted.filter((m) => !documented.has(m))).toEqual([])
  })

  it('describes only routes that are mounted, apart from resources not mounted at all yet', () => {
    const mounted = new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${shape(r.path)}`))
    const missing: string[] = []
    for (const r of ROUTES) {
      const resource = r.path.split('/').slice(0, 3).join('/') // /api/photos
      if (![...mounted].some((m) => m.split(' ')[1]!.startsWith(resource))) continue
      // Hono answers HEAD with the GET handler when no HEAD handler is registered.
      const methods = r.method === 'head' ? ['HEAD', 'GET'] : [r.method.toUpperCase()]
      if (!methods.some((m) => mounted.has(`${m} ${shape(r.path)}`))) missing.push(`${r.method.toUpperCase()} ${r.path}`)
    }
    expect(missing).toEqual([])
  })

  it('serves itself at /api/openapi.json', async () => {
    const res = await t.app.request('/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    const served = (await res.json()) as OpenApiDocument
    expect(served.openapi).toMatch(/^3\.1\./)
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(doc.paths).sort())
  })

  it('serves a readable page at /api/docs listing every path, method and schema', async () => {
    const res = await t.app.request('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await res.text()
    expect(html).toMatch(/^<!doctype html>/i)
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema\.org)/i)
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) expect(html).toContain(`${method.toUpperCase()}</span> <code>${path}</code>`)
    }
    for (const name of Object.keys(doc.components.schemas)) expect(html).toContain(`id="schema-${name}"`)
  })

  it('describes what the server answers, errors included', async () => {
    const auth = (who: SignedIn) => ({ headers: who.headers })
    await conforms('get', '/api/health', '/api/health')
    await conforms('get', '/api/districts', '/api/districts')
    const login = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    await conforms('post', '/api/auth/login', '/api/auth/login', login({ username: 'lina', password: 'kaoping2026', deviceId: 'docs-test' }))
    expect((await conforms('post', '/api/auth/login', '/api/auth/login', login({ username: 'lina' }))).status).toBe(400)
    expect((await conforms('post', '/api/auth/login', '/api/auth/login', login({ username: 'lina', password: 'wrong', deviceId: 'x' }))).status).toBe(401)
    expect((await conforms('post', '/api/auth/login', '/api/auth/login', { headers: { 'content-type': 'text/plain' }, body: 'hi' })).status).toBe(415)
    await conforms('get', '/api/auth/me', '/api/auth/me', auth(lina))
    expect((await conforms('get', '/api/auth/me', '/api/auth/me')).status).toBe(401)
    await conforms('get', '/api/sync/pull?limit=5', '/api/sync/pull', auth(zhangwei))
    expect((await conforms('get', '/api/sync/pull?limit=0', '/api/sync/pull', auth(zhangwei))).status).toBe(400)
    const push = await conforms('post', '/api/sync/push', '/api/sync/push', {
      ...auth(zhangwei),
      body: JSON.stringify({ deviceId: zhangwei.deviceId, mutations: [{ id: 'not-a-uuid' }] }),
    })
    expect(((await push.json()) as { results: { status: string }[] }).results[0]!.status).toBe('rejected')
    expect((await conforms('post', '/api/sync/push', '/api/sync/push', { ...auth(zhangwei), body: '{"deviceId":' })).status).toBe(400)
    await conforms('delete', '/api/auth/sessions/nope', '/api/auth/sessions/{id}', auth(lina))
    await conforms('post', '/api/auth/logout', '/api/auth/logout', auth(lina))
  })

  it('answers an unknown API path with the documented error body', async () => {
    const res = await t.app.request('/api/no/such/thing')
    expect(res.status).toBe(404)
    expect(accepts('ApiError', await res.json())).toBe(true)
  })
})
