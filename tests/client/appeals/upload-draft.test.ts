// Evidence photos to the real server on loopback: HEAD first, chunks with Content-Range, resumed from the server's
// offset, not sent again when the server holds them, and complete only when the server has verified the hash.
// The draft kept in IndexedDB (fake-indexeddb: there is no browser here) survives with its photos.
import '../sync/support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clearAppealDraft, hasContent, loadAppealDraft, saveAppealDraft } from '../../../client/src/features/appeals/appeal-draft'
import { chooseFinding, emptyForm, type EvidencePhoto } from '../../../client/src/features/appeals/appeal-request'
import type { FindingRow } from '../../../client/src/features/appeals/appeal-candidates'
import { uploadEvidence, type Transport } from '../../../client/src/features/appeals/evidence-upload'
import { freshDb, jpegPhoto, startTestServer, type TestServer } from '../sync/support'

const CHUNK = 64 * 1024
let server: TestServer
let call: Transport

beforeAll(async () => {
  server = await startTestServer('reference')
  call = (await server.as('nangang')).call
})
afterAll(async () => server?.close())

function recorded(inner: Transport) {
  const calls: { method: string; range: string | null }[] = []
  const transport: Transport = (path, init = {}) => {
    calls.push({ method: init.method ?? 'GET', range: new Headers(init.headers).get('content-range') })
    return inner(path, init)
  }
  return { transport, calls }
}

async function evidence(seed: number): Promise<EvidencePhoto & { bytes: Buffer }> {
  const p = await jpegPhoto(480, 360, seed)
  return { sha256: p.sha256, blob: p.blob, mime: p.mime, size: p.bytes.length, bytes: p.bytes }
}

const onServer = (sha: string) => server.db.kysely.selectFrom('photos').select(['size', 'received', 'complete']).where('sha256', '=', sha).executeTakeFirst()

describe('evidence upload', () => {
  it('asks first, sends every chunk in order, and reports progress to the whole', async () => {
    const a = await evidence(21)
    const b = await evidence(22)
    expect(a.size).toBeGreaterThan(2 * CHUNK)
    const { transport, calls } = recorded(call)
    const progress: number[] = []
    expect(await uploadEvidence([a, b], { transport, chunkSize: CHUNK, progress: (done) => progress.push(done) })).toEqual({ ok: true })
    expect(calls[0]).toEqual({ method: 'HEAD', range: null })
    // The first photo's PUTs: everything between the first HEAD and the second photo's.
    const secondHead = calls.findIndex((x, i) => i > 0 && x.method === 'HEAD')
    expect(secondHead).toBeGreaterThan(1)
    const ranges = calls.slice(1, secondHead).map((c) => c.range)
    const expected = []
    for (let s = 0; s < a.size; s += CHUNK) expected.push(`bytes ${s}-${Math.min(a.size, s + CHUNK) - 1}/${a.size}`)
    expect(ranges).toEqual(expected)
    expect(await onServer(a.sha256)).toMatchObject({ size: a.size, received: a.size, complete: 1 })
    expect(await onServer(b.sha256)).toMatchObject({ size: b.size, complete: 1 })
    expect(progress.at(-1)).toBe(a.size + b.size)
    expect([...progress].sort((x, y) => x - y)).toEqual(progress)
  })

  it('does not send again what the server holds', async () => {
    const a = await evidence(21)
    const { transport, calls } = recorded(call)
    expect(await uploadEvidence([a], { transport, chunkSize: CHUNK })).toEqual({ ok: true })
    expect(calls).toEqual([{ method: 'HEAD', range: null }])
  })

  it('resumes from where the server has come to', async () => {
    const c = await evidence(23)
    const first = await call(`/photos/${c.sha256}`, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', 'content-range': `bytes 0-${CHUNK - 1}/${c.size}` },
      body: new Uint8Array(c.bytes.subarray(0, CHUNK)),
    })
    expect(first.status).toBeLessThan(300)
    const { transport, calls } = recorded(call)
    expect(await uploadEvidence([c], { transport, chunkSize: CHUNK })).toEqual({ ok: true })
    expect(calls.find((x) => x.method === 'PUT')?.range).toBe(`bytes ${CHUNK}-${Math.min(c.size, 2 * CHUNK) - 1}/${c.size}`)
    expect(await onServer(c.sha256)).toMatchObject({ complete: 1, received: c.size })
  })

  it('stops at a photo whose bytes do not hash to its name, and says which', async () => {
    const d = await evidence(24)
    const lying = { ...d, sha256: 'f'.repeat(64) }
    const res = await uploadEvidence([lying], { transport: call, chunkSize: 1 << 20 })
    expect(res).toMatchObject({ ok: false, sha256: 'f'.repeat(64) })
    if (res.ok) return
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect((await onServer('f'.repeat(64)))?.complete ?? 0).toBe(0)
  })

  it('reports no network as such', async () => {
    const down: Transport = () => Promise.reject(new TypeError('fetch failed'))
    expect(await uploadEvidence([await evidence(25)], { transport: down })).toMatchObject({ ok: false, status: 0, error: { code: 'unavailable' } })
  })
})

describe('appeal draft', () => {
  const db = freshDb()
  const user = '0b6f3e2a-5c1d-4a8e-9f47-2e8d1c6b3a90'
  const row: FindingRow = {
    id: '0190f3a2-1111-7abc-8def-000000000001',
    month: '2026-11',
    line: 'sanitation',
    itemCode: 'HW-03',
    itemName: { zh: '垃圾暴露', en: 'Exposed rubbish' },
    deduction: 2000,
    street: '红军街',
    recordedAt: '2026-11-20T09:30:00+08:00',
    photos: ['a'.repeat(64)],
    status: 'confirmed',
  }

  it('keeps the form with its photos’ bytes and its id, per user', async () => {
    const p = await evidence(26)
    const form = { ...chooseFinding(emptyForm(), row), reason: '记录时已清理', photos: [{ sha256: p.sha256, blob: p.blob, mime: p.mime, size: p.size }] }
    await saveAppealDraft(user, form, db.drafts)
    const back = await loadAppealDraft(user, db.drafts)
    expect(back).toMatchObject({ id: form.id, findingId: row.id, reason: '记录时已清理', chosen: { itemCode: 'HW-03', street: '红军街' } })
    expect(back!.photos[0]!.sha256).toBe(p.sha256)
    expect(Buffer.from(await back!.photos[0]!.blob.arrayBuffer()).equals(p.bytes)).toBe(true)
    expect(hasContent(back!)).toBe(true)
    expect(await loadAppealDraft('0b6f3e2a-5c1d-4a8e-9f47-000000000000', db.drafts)).toBeNull()
    await clearAppealDraft(user, db.drafts)
    expect(await loadAppealDraft(user, db.drafts)).toBeNull()
  })

  it('drops a draft it cannot trust instead of breaking the screen', async () => {
    await db.drafts.put({ id: `appeal:${user}`, value: { v: 1, form: { id: 'not-a-uuid', reason: 5 } }, savedAt: 0 })
    expect(await loadAppealDraft(user, db.drafts)).toBeNull()
    expect(await db.drafts.get(`appeal:${user}`)).toBeUndefined()
    expect(hasContent(emptyForm())).toBe(false)
  })
})
