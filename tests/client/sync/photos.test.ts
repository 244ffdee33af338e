// Photo upload to the real server: in chunks with Content-Range, done only when the server has verified the
// whole photo, resumed from the server's offset after a connection that broke off mid-chunk, and kept on the
// device throughout.
import './support'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiFetch } from '../../../client/src/api/client'
import type { Transport } from '../../../client/src/sync/context'
import { syncOnce } from '../../../client/src/sync/engine'
import { findingState, recordFinding, unsyncedSummary } from '../../../client/src/sync/outbox'
import { freshDb, jpegPhoto, newFinding, recording, serveApiFrom, signInInspector, startTestServer, type TestServer } from './support'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer('reference')
  serveApiFrom(server.url)
  await signInInspector(server.url)
})
afterAll(async () => server?.close())

const CHUNK = 64 * 1024
const stored = (sha: string) => server.db.kysely.selectFrom('photos').selectAll().where('sha256', '=', sha).executeTakeFirst()
const servedHash = async (sha: string) => createHash('sha256').update(Buffer.from(await (await apiFetch(`/photos/${sha}`)).arrayBuffer())).digest('hex')

describe('photo upload', () => {
  it('uploads in chunks, asking first how far the server has come, and marks done only when verified', async () => {
    const db = freshDb()
    const photo = await jpegPhoto(640, 480, 11)
    expect(photo.bytes.length).toBeGreaterThan(3 * CHUNK)
    const f = await newFinding({ photos: [photo.sha256] })
    await recordFinding({ finding: f, photos: [photo] }, { db })
    const { transport, calls } = recording()
    const report = await syncOnce({ db, transport, chunkSize: CHUNK })
    expect(report).toMatchObject({ outcome: 'synced', applied: 1, photosUploaded: 1 })
    const mine = calls.filter((c) => c.path === `/photos/${photo.sha256}`)
    expect(mine[0]).toMatchObject({ method: 'HEAD' })
    const ranges = mine.slice(1).map((c) => c.range)
    const size = photo.bytes.length
    const expected = []
    for (let start = 0; start < size; start += CHUNK) expected.push(`bytes ${start}-${Math.min(size, start + CHUNK) - 1}/${size}`)
    expect(ranges).toEqual(expected)
    expect(await stored(photo.sha256)).toMatchObject({ size, complete: 1 })
    expect(await servedHash(photo.sha256)).toBe(photo.sha256)
    // Done, and still on the device for display.
    const local = (await db.photos.get(photo.sha256))!
    expect(local).toMatchObject({ done: 1, uploaded: size })
    expect(local.blob.size).toBe(size)
    expect(findingState((await db.findings.get(f.id))!, [local])).toBe('synced')
    expect(await unsyncedSummary({ db })).toEqual({ count: 0, oldestAt: null })
  })

  it('resumes from the offset the server reports after an upload broke off mid-chunk', async () => {
    const db = freshDb()
    const photo = await jpegPhoto(640, 480, 12)
    const size = photo.bytes.length
    const f = await newFinding({ photos: [photo.sha256] })
    await recordFinding({ finding: f, photos: [photo] }, { db })

    // The second chunk's connection drops after half of it was sent.
    let puts = 0
    const breaking: Transport = async (path, init = {}) => {
      if (init.method !== 'PUT' || ++puts !== 2) return apiFetch(path, init)
      const bytes = new Uint8Array(await (init.body as Blob).arrayBuffer())
      let pulls = 0
      const body = new ReadableStream<Uint8Array>({
        async pull(ctl) {
          if (pulls++ === 0) return ctl.enqueue(bytes.subarray(0, bytes.length / 2))
          await new Promise((resolve) => setTimeout(resolve, 100))
          ctl.error(new Error('connection reset'))
        },
      })
      return apiFetch(path, { ...init, body, duplex: 'half' } as RequestInit)
    }
    const broken = await syncOnce({ db, transport: breaking, chunkSize: CHUNK })
    expect(broken).toMatchObject({ outcome: 'partial', applied: 1, photosUploaded: 0, error: { code: 'offline' } })
    expect(await db.photos.get(photo.sha256)).toMatchObject({ done: 0, uploaded: CHUNK })
    const f1 = (await db.findings.get(f.id))!
    expect(findingState(f1, await db.photos.where('findingId').equals(f.id).toArray())).toBe('photo_uploading')
    expect(await unsyncedSummary({ db })).toMatchObject({ count: 1 })

    // The next run asks the server how far it has come and continues from exactly there: the confirmed first
    // chunk is not sent again. (Over real HTTP the server keeps none of a chunk whose connection broke.)
    const offset = (await stored(photo.sha256))!.received
    expect(offset).toBeGreaterThanOrEqual(CHUNK)
    const { transport, calls } = recording()
    expect(await syncOnce({ db, transport, chunkSize: CHUNK })).toMatchObject({ outcome: 'synced', photosUploaded: 1 })
    const mine = calls.filter((c) => c.path === `/photos/${photo.sha256}`)
    expect(mine[0]!.method).toBe('HEAD')
    expect(mine[1]!.range).toBe(`bytes ${offset}-${Math.min(size, offset + CHUNK) - 1}/${size}`)
    expect(await stored(photo.sha256)).toMatchObject({ complete: 1, size })
    expect(await servedHash(photo.sha256)).toBe(photo.sha256)
    expect(await db.photos.get(photo.sha256)).toMatchObject({ done: 1, uploaded: size })
  })

  it('sends nothing for a photo the server already holds, and follows the server when its offset differs', async () => {
    const db = freshDb()
    const photo = await jpegPhoto(320, 240, 13)
    // Another device uploaded it whole already.
    expect((await apiFetch(`/photos/${photo.sha256}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: photo.blob })).status).toBe(201)
    const f = await newFinding({ photos: [photo.sha256] })
    await recordFinding({ finding: f, photos: [photo] }, { db })
    const { transport, calls } = recording()
    await syncOnce({ db, transport })
    expect(calls.filter((c) => c.path.startsWith('/photos/')).map((c) => c.method)).toEqual(['HEAD'])
    expect(await db.photos.get(photo.sha256)).toMatchObject({ done: 1 })

    // Another device starts the same photo between this device's HEAD (nothing yet) and its first chunk: the
    // server answers 409 with its offset, and the upload follows it.
    const other = await jpegPhoto(320, 240, 14)
    const g = await newFinding({ photos: [other.sha256] })
    await recordFinding({ finding: g, photos: [other] }, { db })
    const racing: Transport = async (path, init = {}) => {
      const res = await transport(path, init)
      if (init.method === 'HEAD' && path === `/photos/${other.sha256}`) {
        const range = `bytes 0-4095/${other.blob.size}`
        await apiFetch(path, { method: 'PUT', headers: { 'content-type': 'image/jpeg', 'content-range': range }, body: other.blob.slice(0, 4096) })
      }
      return res
    }
    calls.length = 0
    expect(await syncOnce({ db, transport: racing, chunkSize: CHUNK })).toMatchObject({ photosUploaded: 1 })
    expect(calls.filter((c) => c.path === `/photos/${other.sha256}`).map((c) => c.range)).toEqual([
      null,
      `bytes 0-${other.blob.size - 1}/${other.blob.size}`,
      `bytes 4096-${other.blob.size - 1}/${other.blob.size}`,
    ])
    expect(await servedHash(other.sha256)).toBe(other.sha256)
  })
})
