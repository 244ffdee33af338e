// Pushing the outbox to the real server over loopback: each finding arrives exactly once, a lost answer is
// replayed into a duplicate that still converges, a refusal stays visible with its reason, failures back off,
// sign-in and app updates stop the run, and two engines on one database never push together.
import './support'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { toRaw } from 'vue'
import { apiFetch } from '../../../client/src/api/client'
import type { KaopingDb } from '../../../client/src/db/db'
import { getMeta } from '../../../client/src/db/db'
import { currentSession, needsSignIn, saveSession } from '../../../client/src/features/auth/session'
import { BACKOFF_CAP_MS, backoffDelay } from '../../../client/src/sync/backoff'
import type { Transport } from '../../../client/src/sync/context'
import { syncOnce } from '../../../client/src/sync/engine'
import type { LockManagerLike } from '../../../client/src/sync/lock'
import { editFinding, findingState, recordFinding } from '../../../client/src/sync/outbox'
import { freshDb, newFinding, oldProtocol, recording, serveApiFrom, signInInspector, startTestServer, type TestServer } from './support'

let server: TestServer
let db: KaopingDb

beforeAll(async () => {
  server = await startTestServer('reference')
  serveApiFrom(server.url)
  await signInInspector(server.url)
})
afterAll(async () => server?.close())
beforeEach(() => {
  db = freshDb()
})

const onServer = async (id: string) => server.db.kysely.selectFrom('findings').selectAll().where('id', '=', id).execute()
const mutationsOnServer = async (id: string) => server.db.kysely.selectFrom('mutations').select(['id', 'status']).where('id', '=', id).execute()

async function record(overrides = {}) {
  const f = await newFinding(overrides)
  const w = await recordFinding({ finding: f }, { db })
  if (!w.ok) throw new Error(w.error.en)
  return { f, mutationId: w.mutationId! }
}

describe('push', () => {
  it('sends each finding once, in order, and clears the outbox and the pending flags', async () => {
    const a = await record()
    const b = await record()
    await editFinding(a.f.id, { note: '第二次修改' }, { db })
    const { transport, pushes } = recording()
    const report = await syncOnce({ db, transport, batchSize: 2 })
    expect(report).toMatchObject({ outcome: 'synced', applied: 3, rejected: 0 })
    // Three entries in batches of two: the create of a goes before its edit.
    expect(pushes()).toBe(2)
    expect(await db.outbox.count()).toBe(0)
    for (const { f } of [a, b]) {
      expect(await onServer(f.id)).toHaveLength(1)
      expect((await db.findings.get(f.id))!.pending).toBe(0)
    }
    expect((await onServer(a.f.id))[0]!.note).toBe('第二次修改')
    expect(await getMeta('lastSyncAt', db.meta)).toBeTypeOf('number')
    expect(await getMeta('lastSyncError', db.meta)).toBeNull()
    // Nothing left to push: a second run sends nothing.
    await syncOnce({ db, transport })
    expect(pushes()).toBe(2)
  })

  it('replays a batch whose answer was lost, gets duplicate, and converges on one copy', async () => {
    const { f, mutationId } = await record()
    let lose = true
    const lossy: Transport = async (path, init) => {
      const res = await apiFetch(path, init)
      if (path === '/sync/push' && lose) {
        lose = false
        await res.arrayBuffer()
        throw new TypeError('fetch failed: connection reset')
      }
      return res
    }
    const first = await syncOnce({ db, transport: lossy })
    expect(first).toMatchObject({ outcome: 'failed', error: { code: 'offline' } })
    expect(await db.outbox.get(mutationId)).toMatchObject({ status: 'pending', attempts: 1 })
    expect(await onServer(f.id)).toHaveLength(1)
    const second = await syncOnce({ db, transport: lossy, force: true })
    expect(second).toMatchObject({ outcome: 'synced', applied: 1 })
    expect(await db.outbox.count()).toBe(0)
    expect(await onServer(f.id)).toHaveLength(1)
    expect(await mutationsOnServer(mutationId)).toEqual([{ id: mutationId, status: 'applied' }])
    expect((await db.findings.get(f.id))!.pending).toBe(0)
  })

  it('keeps a refused mutation with its reason, even when the refusal comes back as a duplicate', async () => {
    const { f, mutationId } = await record({ deduction: 1 })
    let lose = true
    const lossy: Transport = async (path, init) => {
      const res = await apiFetch(path, init)
      if (path === '/sync/push' && lose) {
        lose = false
        throw new TypeError('fetch failed')
      }
      return res
    }
    await syncOnce({ db, transport: lossy })
    const report = await syncOnce({ db, transport: lossy, force: true })
    expect(report).toMatchObject({ outcome: 'synced', rejected: 1 })
    const entry = (await db.outbox.get(mutationId))!
    expect(entry).toMatchObject({ status: 'rejected', rejection: { code: 'deduction_mismatch' } })
    expect(entry.rejection!.zh).toContain('扣分应为')
    const local = (await db.findings.get(f.id))!
    expect(local.rejection).toMatchObject({ code: 'deduction_mismatch', en: expect.stringContaining('deduction should be') })
    expect(findingState(local)).toBe('refused')
    expect(await onServer(f.id)).toHaveLength(0)
    // It is not sent again on its own...
    const { transport, pushes } = recording()
    await syncOnce({ db, transport, force: true })
    expect(pushes()).toBe(0)
    expect(await db.outbox.get(mutationId)).toBeDefined()
    // ...but once corrected (the deduction follows from the checklist the pull brought), it is applied.
    await editFinding(f.id, { quantity: 2 }, { db })
    expect(await syncOnce({ db, transport })).toMatchObject({ outcome: 'synced', applied: 1 })
    expect(await db.outbox.count()).toBe(0)
    expect((await onServer(f.id))[0]).toMatchObject({ deduction: 4000 })
    expect(findingState((await db.findings.get(f.id))!)).toBe('synced')
  })

  it('backs off further after each failed attempt, keeps order, and retries at once when forced', async () => {
    // A gateway in front of a server that is down answers 502, as a reverse proxy does.
    const gateway: Server = createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>'))
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
    const viaGateway: Transport = (path, init) => fetch(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}/api${path}`, init)
    try {
      const { mutationId } = await record()
      let now = Date.now()
      const waits: number[] = []
      for (let i = 0; i < 5; i++) {
        const report = await syncOnce({ db, transport: viaGateway, now: () => now, random: () => 0.5 })
        expect(report).toMatchObject({ outcome: 'failed', error: { code: 'server', status: 502 } })
        const entry = (await db.outbox.get(mutationId))!
        expect(entry.attempts).toBe(i + 1)
        waits.push(entry.nextAttemptAt - now)
        now = entry.nextAttemptAt
      }
      expect(waits).toEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(n, () => 0.5)))
      expect(waits.every((w, i) => i === 0 || w > waits[i - 1]!)).toBe(true)
      expect((await getMeta<{ code: string; zh: string }>('lastSyncError', db.meta))!.zh).toContain('服务器')

      // While the entry waits, a later one does not overtake it, and nothing is sent.
      await record()
      const { transport, pushes } = recording()
      expect(await syncOnce({ db, transport, now: () => now - 1 })).toMatchObject({ applied: 0 })
      expect(pushes()).toBe(0)
      // The inspector presses "sync": both go, in order.
      expect(await syncOnce({ db, transport, force: true })).toMatchObject({ outcome: 'synced', applied: 2 })
    } finally {
      gateway.close()
    }
    for (let n = 1; n < 40; n++) {
      for (const r of [0, 0.3, 0.999]) {
        const d = backoffDelay(n, () => r)
        expect(d).toBeLessThanOrEqual(BACKOFF_CAP_MS)
        expect(backoffDelay(n + 1, () => 0)).toBeGreaterThanOrEqual(Math.min(d, BACKOFF_CAP_MS / 2))
      }
    }
  })

  it('goes no further than the push when there is no network', async () => {
    const { mutationId } = await record()
    const { transport, calls } = recording(() => Promise.reject(new TypeError('fetch failed: ECONNREFUSED')))
    expect(await syncOnce({ db, transport })).toMatchObject({ outcome: 'failed', error: { code: 'offline', en: expect.stringContaining('Cannot reach') } })
    expect(calls.map((c) => c.path)).toEqual(['/sync/push'])
    expect(await db.outbox.get(mutationId)).toMatchObject({ status: 'pending', attempts: 1 })
  })

  it('stops for a new sign-in on 401, keeping the outbox as it was', async () => {
    const { mutationId } = await record()
    const session = structuredClone(toRaw(currentSession.value!))
    await saveSession({ ...session, token: 'revoked-token' })
    try {
      const report = await syncOnce({ db })
      expect(report).toMatchObject({ outcome: 'sign_in', error: { code: 'sign_in', status: 401 } })
      expect(needsSignIn.value).toBe(true)
      expect(await db.outbox.get(mutationId)).toMatchObject({ status: 'pending', attempts: 0 })
    } finally {
      await saveSession(session)
    }
    expect(await syncOnce({ db })).toMatchObject({ outcome: 'synced', applied: 1 })
  })

  it('stops and asks for an app update when the server speaks a newer protocol', async () => {
    const { mutationId } = await record()
    const report = await syncOnce({ db, transport: oldProtocol(server.url) })
    expect(report).toMatchObject({ outcome: 'update_required', error: { code: 'update_required', status: 426 } })
    expect(await getMeta('lastSyncError', db.meta)).toMatchObject({ code: 'update_required', zh: expect.stringContaining('更新') })
    expect(await db.outbox.get(mutationId)).toMatchObject({ status: 'pending', attempts: 0 })
  })

  it('lets only one of two engines on one database run at a time', async () => {
    // Node 20 has no navigator.locks (the Web Locks API), so this small stand-in keeps its exclusive,
    // ifAvailable behaviour: a request for a lock that is held is called back with null at once.
    const held = new Set<string>()
    const locks: LockManagerLike = {
      async request(name, _options, callback) {
        if (held.has(name)) return callback(null)
        held.add(name)
        try {
          return await callback({ name })
        } finally {
          held.delete(name)
        }
      },
    }
    await record()
    const one = recording()
    const two = recording()
    const reports = await Promise.all([syncOnce({ db, transport: one.transport, locks }), syncOnce({ db, transport: two.transport, locks })])
    expect(reports.map((r) => r.outcome).sort()).toEqual(['skipped', 'synced'])
    expect(one.pushes() + two.pushes()).toBe(1)
    expect(held.size).toBe(0)

    // Without any lock manager, runs in this tab are still kept apart.
    await record()
    const three = recording()
    const both = await Promise.all([syncOnce({ db, transport: three.transport, locks: null }), syncOnce({ db, transport: three.transport, locks: null })])
    expect(both.map((r) => r.outcome).sort()).toEqual(['skipped', 'synced'])
    expect(three.pushes()).toBe(1)
  })
})
