// What the client sync tests share: IndexedDB in Node (fake-indexeddb, the one stand-in: there is no browser
// here), the real server on loopback, the app's own apiFetch pointed at it, and a signed-in inspector.
import 'fake-indexeddb/auto'
import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { vi } from 'vitest'
import type { Finding } from '@shared/domain'
import { DEMO_PASSWORD, DEMO_USER_IDS } from '@shared/seed'
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@shared/sync/protocol'
import { encodeHlc } from '@shared/sync/hlc'
import { startServer, type RunningServer } from '../../../server/src/server'
import { KaopingDb } from '../../../client/src/db/db'
import { apiFetch } from '../../../client/src/api/client'
import { currentSession, deviceId, saveSession } from '../../../client/src/features/auth/session'
import type { Transport } from '../../../client/src/sync/context'
import type { PhotoInput } from '../../../client/src/sync/outbox'
import { finding as fixtureFinding } from '../../support/fixtures'

export const INSPECTOR_ID = DEMO_USER_IDS.zhangwei
export const SUPERVISOR_ID = DEMO_USER_IDS.lina

export interface TestServer extends RunningServer {
  /** Signs another user in from their own device; `call` uses the API as them. */
  as(username: string): Promise<{ device: string; call: (path: string, init?: RequestInit) => Promise<Response> }>
}

export async function startTestServer(seed: 'reference' | 'demo' = 'reference'): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaoping-client-sync-'))
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, seed })
  return {
    ...server,
    as: async (username) => {
      const device = `device-${username}-${randomUUID().slice(0, 8)}`
      const { token } = await login(server.url, username, device)
      return {
        device,
        call: (path, init = {}) =>
          fetch(`${server.url}/api${path}`, {
            ...init,
            headers: { authorization: `Bearer ${token}`, 'x-kaoping-device': device, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
          }),
      }
    },
    close: async () => {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * The app calls '/api/…', relative to the page it was served from; Node's fetch has no page. This resolves those
 * paths against the test server's origin and changes nothing else, so the real apiFetch (token, device and
 * protocol headers, 401 handling) is what the engine uses.
 */
export function serveApiFrom(url: string): void {
  const realFetch = globalThis.fetch
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
    realFetch(typeof input === 'string' && input.startsWith('/') ? url + input : input, init),
  )
}

async function login(url: string, username: string, device: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId: device }),
  })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  return (await res.json()) as { token: string; expiresAt: string; user: { id: string; username: string; displayName: string; role: 'inspector'; districtCode: string | null } }
}

/** Signs the inspector in on this device (the app's own device id) and keeps the session as the app does. */
export async function signInInspector(url: string): Promise<void> {
  const { token, expiresAt, user } = await login(url, 'zhangwei', await deviceId())
  await saveSession({ token, expiresAt, user })
}

/** A database of its own for one test. */
export const freshDb = () => new KaopingDb(`test-${randomUUID()}`)

/** A finding of the signed-in inspector, recorded on this device; valid for the reference checklists. */
export async function newFinding(overrides: Partial<Finding> = {}): Promise<Finding> {
  return fixtureFinding(INSPECTOR_ID, { deviceId: await deviceId(), ...overrides })
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** A real JPEG of noise (so it is large and does not compress away), as the camera screen would hand it over. */
export async function jpegPhoto(width = 640, height = 480, seed = 1): Promise<PhotoInput & { bytes: Buffer }> {
  const raw = Buffer.alloc(width * height * 3)
  let x = seed >>> 0 || 1
  for (let i = 0; i < raw.length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    raw[i] = x & 0xff
  }
  const bytes = await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer()
  return {
    bytes,
    sha256: sha256(bytes),
    blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
    mime: 'image/jpeg',
    stamp: { at: '2026-11-20T09:30:00+08:00', lat: 45.76, lng: 126.65, accuracy: 8, inspector: '张伟', item: 'HW-03' },
  }
}

/** A transport that records what the engine asks of the server and passes it on. */
export function recording(inner: Transport = apiFetch) {
  const calls: { method: string; path: string; range: string | null }[] = []
  const transport: Transport = (path, init = {}) => {
    calls.push({ method: init.method ?? 'GET', path, range: new Headers(init.headers).get('content-range') })
    return inner(path, init)
  }
  return { transport, calls, pushes: () => calls.filter((c) => c.path === '/sync/push').length }
}

/** A transport whose client is older than the server: the server answers 426. */
export function oldProtocol(url: string): Transport {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers)
    headers.set('authorization', `Bearer ${currentSession.value!.token}`)
    headers.set('x-kaoping-device', await deviceId())
    headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION - 1))
    return fetch(`${url}/api${path}`, { ...init, headers })
  }
}

/** Pushes mutations as the supervisor from her desk, through the API; returns the server's answers. */
export async function pushAsSupervisor(server: TestServer, mutations: Record<string, unknown>[]) {
  const lina = await server.as('lina')
  const res = await lina.call('/sync/push', { method: 'POST', body: JSON.stringify({ deviceId: lina.device, mutations }) })
  if (res.status !== 200) throw new Error(`push as lina: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { results: { status: string }[] }).results
}

const deskClock = () => encodeHlc({ ms: Date.now(), counter: 0, device: 'desk-lina' })

/** The supervisor's decision on a finding. */
export const reviewMutation = (findingId: string, decision: 'confirm' | 'reject' | 'send_back' | 'restore', reason = '') => ({
  id: randomUUID(),
  type: 'review.create',
  hlc: deskClock(),
  payload: { id: randomUUID(), findingId, supervisorId: SUPERVISOR_ID, decision, reason, at: new Date().toISOString() },
})

/** The supervisor voids a finding (a supervisor may void anyone's). */
export const voidMutation = (findingId: string, reason: string) => ({
  id: randomUUID(),
  type: 'finding.void',
  hlc: deskClock(),
  payload: { id: findingId, reason },
})
