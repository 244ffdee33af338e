// Photo upload and serving on every database: whole and chunked uploads, verification by SHA-256, limits,
// resuming after an interruption, and thumbnails — through the real routes, with real files in a temp data dir.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Hono } from 'hono'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../../server/src/app'
import { renderError } from '../../server/src/http/api-error'
import { localBus } from '../../server/src/live/bus'
import { fsBlobStore } from '../../server/src/photos/fs-blob-store'
import { MAX_PHOTO_BYTES, photoRoutes } from '../../server/src/routes/photos.routes'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { DIALECTS } from '../support/databases'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** Deterministic noise, so that a JPEG of it is large and the same on every run. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

const noisyImage = (width: number, height: number, seed: number) => sharp(noise(width * height * 3, seed), { raw: { width, height, channels: 3 } })

/** Stored 960×640 with the left half red and the right half blue, tagged EXIF orientation 6 (turn 90° clockwise). */
async function sidewaysJpeg(): Promise<Buffer> {
  const [w, h] = [960, 640]
  const raw = Buffer.alloc(w * h * 3)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw[(y * w + x) * 3 + (x < w / 2 ? 0 : 2)] = 255
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer()
}

/** A request body that delivers `bytes`, stalls, and then fails, as when the connection drops. */
function breaksOff(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let pulls = 0
  return new ReadableStream<Uint8Array>({
    async pull(ctl) {
      if (pulls++ === 0) return ctl.enqueue(new Uint8Array(bytes))
      await new Promise((resolve) => setTimeout(resolve, 100))
      ctl.error(new Error('connection reset'))
    },
  })
}

/** The photos routes mounted as the server mounts them: database and bus in c.var, errors as JSON. */
function photoApp(t: TestApp, opts: { maxBytes?: number } = {}) {
  const store = fsBlobStore(join(t.tdb.config.dataDir, 'blobs'))
  const app = new Hono<AppEnv>()
  app.onError(renderError)
  const bus = localBus()
  app.use(async (c, next) => {
    c.set('db', t.db)
    c.set('version', 'test')
    c.set('bus', bus)
    await next()
  })
  app.route('/api/photos', photoRoutes(store, opts))
  return app
}

/** Every file under the blob directory, relative to it. */
function blobFiles(root: string, dir = ''): string[] {
  const here = join(root, dir)
  if (!existsSync(here)) return []
  return readdirSync(here, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? blobFiles(root, join(dir, e.name)) : [join(dir, e.name)]))
}

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } }
type PhotoBody = { sha256: string; size: number; received: number; complete: boolean; mime: string; width: number | null; height: number | null }

describe.each(DIALECTS)('photos on %s', (dialect) => {
  let t: TestApp
  let app: Hono<AppEnv>
  let blobs: string
  let inspector: SignedIn
  let other: SignedIn
  let district: SignedIn
  let jpeg: Buffer

  beforeAll(async () => {
    t = await testApp(dialect)
    app = photoApp(t)
    blobs = join(t.tdb.config.dataDir, 'blobs')
    inspector = await t.login('zhangwei')
    other = await t.login('wangqiang')
    district = await t.login('nangang')
    jpeg = await noisyImage(1200, 800, 1).jpeg({ quality: 90 }).toBuffer()
  })
  afterAll(async () => {
    await t?.close()
  })

  const auth = (who: SignedIn) => ({ authorization: who.headers.authorization!, 'x-kaoping-device': who.deviceId })
  const put = (who: SignedIn, hash: string, body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    app.request(`/api/photos/${hash}`, {
      method: 'PUT',
      headers: { ...auth(who), 'content-type': 'image/jpeg', ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit)
  const head = (who: SignedIn, hash: string) => app.request(`/api/photos/${hash}`, { method: 'HEAD', headers: auth(who) })
  const get = (who: SignedIn, path: string, headers: Record<string, string> = {}) =>
    app.request(`/api/photos${path.startsWith('?') ? '' : '/'}${path}`, { headers: { ...auth(who), ...headers } })
  const chunk = (who: SignedIn, hash: string, bytes: Buffer, start: number, total: number, type = 'application/octet-stream') =>
    put(who, hash, bytes, { 'content-type': type, 'content-range': `bytes ${start}-${start + bytes.length - 1}/${total}` })
  const row = (hash: string) => t.db.kysely.selectFrom('photos').selectAll().where('sha256', '=', hash).executeTakeFirst()

  it('stores a whole upload under its hash, records it and serves it back with immutable caching', async () => {
    const hash = sha(jpeg)
    const res = await put(inspector, hash, jpeg)
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ sha256: hash, size: jpeg.length, received: jpeg.length, complete: true, mime: 'image/jpeg', width: 1200, height: 800 })
    expect(readFileSync(join(blobs, hash.slice(0, 2), hash)).equals(jpeg)).toBe(true)
    expect(await row(hash)).toMatchObject({ size: jpeg.length, received: jpeg.length, complete: 1, mime: 'image/jpeg', width: 1200, height: 800, uploaded_by: inspector.user.id })

    const h = await head(inspector, hash)
    expect(h.status).toBe(200)
    expect([h.headers.get('x-photo-received'), h.headers.get('x-photo-size'), h.headers.get('x-photo-complete')]).toEqual([String(jpeg.length), String(jpeg.length), '1'])

    const g = await get(inspector, hash)
    expect(g.status).toBe(200)
    expect(g.headers.get('content-type')).toBe('image/jpeg')
    expect(g.headers.get('etag')).toBe(`"${hash}"`)
    expect(g.headers.get('cache-control')).toContain('immutable')
    expect(Buffer.from(await g.arrayBuffer()).equals(jpeg)).toBe(true)
    expect((await get(inspector, hash, { 'if-none-match': `"${hash}"` })).status).toBe(304)
  })

  it('answers a replayed upload with 200 and does not rewrite the stored file', async () => {
    const hash = sha(jpeg)
    const file = join(blobs, hash.slice(0, 2), hash)
    const before = statSync(file)
    const res = await put(other, hash, jpeg)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ sha256: hash, size: jpeg.length, complete: true })
    const after = statSync(file)
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs])
    // Even bytes that do not match cannot touch a stored photo: the replay is answered before they are read.
    expect((await put(other, hash, Buffer.from(noise(5000, 9)))).status).toBe(200)
    expect(readFileSync(file).equals(jpeg)).toBe(true)
    expect((await row(hash))!.uploaded_by).toBe(inspector.user.id)
  })

  it('rejects bytes that do not hash to the name with a JSON 400 and stores nothing', async () => {
    const bytes = await noisyImage(300, 200, 2).jpeg().toBuffer()
    const claimed = sha(Buffer.concat([bytes, Buffer.from('x')]))
    const res = await put(inspector, claimed, bytes)
    expect(res.status).toBe(400)
    const body = (await res.json()) as ErrorBody
    expect(body.error).toMatchObject({ code: 'bad_request', details: { reason: 'hash_mismatch', expected: claimed, actual: sha(bytes), size: bytes.length } })
    expect((await head(inspector, claimed)).status).toBe(404)
    expect(await row(claimed)).toBeUndefined()
    expect(blobFiles(blobs).filter((f) => f.includes(claimed) || f.includes(sha(bytes)))).toEqual([])
    // The server keeps serving.
    const still = await get(inspector, sha(jpeg))
    expect(still.status).toBe(200)
    expect(sha(Buffer.from(await still.arrayBuffer()))).toBe(sha(jpeg))
  })

  it('rejects a chunked upload whose assembled bytes do not match, and forgets it', async () => {
    const bytes = await noisyImage(300, 200, 3).jpeg().toBuffer()
    const claimed = sha(Buffer.from('another photo'))
    const half = Math.floor(bytes.length / 2)
    expect((await chunk(inspector, claimed, bytes.subarray(0, half), 0, bytes.length, 'image/jpeg')).status).toBe(200)
    const res = await chunk(inspector, claimed, bytes.subarray(half), half, bytes.length)
    expect(res.status).toBe(400)
    expect(((await res.json()) as ErrorBody).error.details).toMatchObject({ reason: 'hash_mismatch', actual: sha(bytes) })
    expect((await head(inspector, claimed)).status).toBe(404)
    expect(blobFiles(blobs).filter((f) => f.includes(claimed))).toEqual([])
  })

  it('answers 415 for a type other than JPEG, PNG or WebP, and for bytes that are not the type they claim', async () => {
    const text = Buffer.from('hello, not a photo')
    const res = await put(inspector, sha(text), text, { 'content-type': 'text/plain' })
    expect(res.status).toBe(415)
    expect(((await res.json()) as ErrorBody).error.code).toBe('unsupported_media_type')

    const jpegAsPng = await noisyImage(100, 100, 4).jpeg().toBuffer()
    const r2 = await put(inspector, sha(jpegAsPng), jpegAsPng, { 'content-type': 'image/png' })
    expect(r2.status).toBe(415)
    expect((await head(inspector, sha(jpegAsPng))).status).toBe(404)

    const r3 = await chunk(inspector, sha(text), text, 0, text.length + 100, 'image/webp')
    expect(r3.status).toBe(415)
    expect((await head(inspector, sha(text))).status).toBe(404)
    expect(blobFiles(blobs).filter((f) => f.includes(sha(text)) || f.includes(sha(jpegAsPng)))).toEqual([])
  })

  it('answers 413 for a photo over the limit, whether it says so up front or only while streaming', async () => {
    const big = Buffer.concat([jpeg.subarray(0, 16), Buffer.alloc(MAX_PHOTO_BYTES + 1 - 16)])
    const hash = sha(big)
    const declared = await put(inspector, hash, jpeg, { 'content-length': String(big.length) })
    expect(declared.status).toBe(413)
    const streamed = await put(inspector, hash, big)
    expect(streamed.status).toBe(413)
    expect(((await streamed.json()) as ErrorBody).error).toMatchObject({ code: 'payload_too_large', details: { maxBytes: MAX_PHOTO_BYTES } })
    const chunked = await chunk(inspector, hash, big.subarray(0, 1000), 0, big.length, 'image/jpeg')
    expect(chunked.status).toBe(413)
    expect((await head(inspector, hash)).status).toBe(404)
    expect(blobFiles(blobs).filter((f) => f.includes(hash))).toEqual([])
  })

  it('keeps nothing of a whole upload that breaks off', async () => {
    const bytes = await noisyImage(300, 300, 8).jpeg().toBuffer()
    const hash = sha(bytes)
    const res = await put(inspector, hash, breaksOff(bytes.subarray(0, 5000)))
    expect(res.status).toBe(400)
    expect(((await res.json()) as ErrorBody).error.details).toMatchObject({ reason: 'interrupted' })
    expect((await head(inspector, hash)).status).toBe(404)
    expect(blobFiles(blobs).filter((f) => f.includes(hash))).toEqual([])
    expect((await put(inspector, hash, bytes)).status).toBe(201)
  })

  it('resumes a chunked upload after an interruption and verifies the whole photo', async () => {
    const png = await noisyImage(400, 300, 5).png().toBuffer()
    const hash = sha(png)
    const cut = 40_000
    const first = await chunk(inspector, hash, png.subarray(0, cut), 0, png.length, 'image/png')
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ received: cut, size: png.length, complete: false })

    // The rest is sent in one request that breaks off after 10,000 bytes: what arrived is kept.
    const lost = await put(inspector, hash, breaksOff(png.subarray(cut, cut + 10_000)), {
      'content-type': 'application/octet-stream',
      'content-range': `bytes ${cut}-${png.length - 1}/${png.length}`,
    })
    expect(lost.status).toBe(400)
    expect(((await lost.json()) as ErrorBody).error.details).toMatchObject({ reason: 'interrupted', received: cut + 10_000 })

    const h = await head(inspector, hash)
    expect(h.status).toBe(200)
    expect([h.headers.get('x-photo-received'), h.headers.get('x-photo-size'), h.headers.get('x-photo-complete')]).toEqual([
      String(cut + 10_000),
      String(png.length),
      '0',
    ])
    const early = await get(inspector, hash)
    expect(early.status).toBe(404)
    expect(((await early.json()) as ErrorBody).error.details).toMatchObject({ reason: 'incomplete', received: cut + 10_000 })
    expect(existsSync(join(blobs, hash.slice(0, 2), hash))).toBe(false)

    // Resume from the offset HEAD gave.
    const offset = Number(h.headers.get('x-photo-received'))
    const rest = await chunk(inspector, hash, png.subarray(offset), offset, png.length)
    expect(rest.status).toBe(201)
    expect(await rest.json()).toEqual({ sha256: hash, size: png.length, received: png.length, complete: true, mime: 'image/png', width: 400, height: 300 })
    const g = await get(inspector, hash)
    const served = Buffer.from(await g.arrayBuffer())
    expect(sha(served)).toBe(hash)
    expect(g.headers.get('content-type')).toBe('image/png')
    expect(blobFiles(blobs).filter((f) => f.startsWith('partial') || f.startsWith('tmp'))).toEqual([])
    // Replaying the last chunk after completion is harmless.
    expect((await chunk(inspector, hash, png.subarray(offset), offset, png.length)).status).toBe(200)
  })

  it('answers a chunk at the wrong offset with 409 and the offset to resume from', async () => {
    const webp = await noisyImage(300, 300, 6).webp().toBuffer()
    const hash = sha(webp)
    const n = 1000
    expect((await chunk(inspector, hash, webp.subarray(0, n), 0, webp.length, 'image/webp')).status).toBe(200)
    for (const start of [0, n + 10, n - 1]) {
      const res = await chunk(inspector, hash, webp.subarray(start, start + 500), start, webp.length)
      expect(res.status).toBe(409)
      expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'conflict', details: { reason: 'offset_mismatch', received: n, size: webp.length } })
    }
    const wrongTotal = await chunk(inspector, hash, webp.subarray(n, n + 500), n, webp.length + 1)
    expect(wrongTotal.status).toBe(409)
    const unknown = await chunk(inspector, sha(Buffer.from('never started')), webp.subarray(n, n + 500), n, webp.length)
    expect(unknown.status).toBe(409)
    expect(((await unknown.json()) as ErrorBody).error.details).toMatchObject({ received: 0 })
    expect((await chunk(inspector, hash, webp.subarray(n), n, webp.length)).status).toBe(201)
  })

  it('refuses a chunk longer than its Content-Range and keeps what arrived of one that falls short', async () => {
    const bytes = await noisyImage(250, 250, 9).jpeg().toBuffer()
    const hash = sha(bytes)
    const long = await put(inspector, hash, bytes.subarray(0, 3000), { 'content-range': `bytes 0-1999/${bytes.length}` })
    expect(long.status).toBe(400)
    expect((await head(inspector, hash)).status).toBe(404)

    const short = await put(inspector, hash, bytes.subarray(0, 1500), { 'content-range': `bytes 0-1999/${bytes.length}` })
    expect(short.status).toBe(400)
    expect(((await short.json()) as ErrorBody).error.details).toMatchObject({ reason: 'short_chunk', received: 1500 })
    expect((await head(inspector, hash)).headers.get('x-photo-received')).toBe('1500')
    expect((await chunk(inspector, hash, bytes.subarray(1500), 1500, bytes.length)).status).toBe(201)
    expect(sha(Buffer.from(await (await get(inspector, hash)).arrayBuffer()))).toBe(hash)
  })

  it('rejects malformed names and Content-Range headers with 400', async () => {
    for (const bad of ['abc', sha(jpeg).toUpperCase(), `${sha(jpeg)}0`, '..%2F..%2Fetc%2Fpasswd']) {
      const res = await put(inspector, bad, jpeg)
      expect(res.status, bad).toBe(400)
      expect(((await res.json()) as ErrorBody).error.code).toBe('validation_failed')
    }
    for (const range of ['bytes 10-5/100', 'bytes 0-100/100', 'bytes=0-9/100', 'items 0-9/10']) {
      const res = await put(inspector, sha(Buffer.from(range)), jpeg.subarray(0, 10), { 'content-range': range })
      expect(res.status, range).toBe(400)
      expect(((await res.json()) as ErrorBody).error.details).toMatchObject({ reason: 'bad_content_range' })
    }
  })

  it('makes an upright JPEG thumbnail, smaller than the photo, and keeps it next to the photo', async () => {
    const sideways = await sidewaysJpeg()
    const hash = sha(sideways)
    const up = await put(inspector, hash, sideways)
    expect(up.status).toBe(201)
    // The displayed size follows the EXIF orientation: 640 wide, 960 high.
    expect(await up.json()).toMatchObject({ width: 640, height: 960 })

    const res = await get(inspector, `${hash}/thumb`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    const thumb = Buffer.from(await res.arrayBuffer())
    expect([...thumb.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
    expect(thumb.length).toBeLessThan(sideways.length)
    const meta = await sharp(thumb).metadata()
    expect([meta.width, meta.height, meta.orientation]).toEqual([213, 320, undefined])
    // Turned 90° clockwise, the stored left half (red) is now on top and the right half (blue) below.
    const { data, info } = await sharp(thumb).raw().toBuffer({ resolveWithObject: true })
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)]
    const [top, bottom] = [pixel(106, 20), pixel(106, 300)]
    expect(top[0]).toBeGreaterThan(200)
    expect(top[2]).toBeLessThan(50)
    expect(bottom[2]).toBeGreaterThan(200)
    expect(bottom[0]).toBeLessThan(50)

    const cached = join(blobs, hash.slice(0, 2), `${hash}.thumb320.jpg`)
    expect(readFileSync(cached).equals(thumb)).toBe(true)
    const again = await get(inspector, `${hash}/thumb`)
    expect(Buffer.from(await again.arrayBuffer()).equals(thumb)).toBe(true)

    const noisy = await get(district, `${sha(jpeg)}/thumb`)
    expect(noisy.status).toBe(200)
    const small = Buffer.from(await noisy.arrayBuffer())
    expect(small.length).toBeLessThan(jpeg.length / 4)
    expect(await sharp(small).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 213 })
  })

  it('tells which of a record’s photos have arrived', async () => {
    const missing = sha(Buffer.from('still on the tablet'))
    const res = await get(district, `?sha256=${sha(jpeg)},${missing}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { photos: PhotoBody[]; unknown: string[] }
    expect(body.photos.map((p) => [p.sha256, p.complete])).toEqual([[sha(jpeg), true]])
    expect(body.unknown).toEqual([missing])
    expect((await get(district, '?sha256=nope')).status).toBe(400)
    expect((await get(district, `${missing}/thumb`)).status).toBe(404)
  })

  it('lets a district user upload an after-photo and read it', async () => {
    const after = await noisyImage(200, 150, 7).jpeg().toBuffer()
    const hash = sha(after)
    expect((await put(district, hash, after)).status).toBe(201)
    expect((await row(hash))!.uploaded_by).toBe(district.user.id)
    expect(Buffer.from(await (await get(inspector, hash)).arrayBuffer()).equals(after)).toBe(true)
  })

  it('requires a signed-in caller on every photo route', async () => {
    const hash = sha(jpeg)
    const calls = [
      app.request(`/api/photos/${hash}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(jpeg) }),
      app.request(`/api/photos/${hash}`),
      app.request(`/api/photos/${hash}`, { method: 'HEAD' }),
      app.request(`/api/photos/${hash}/thumb`),
      app.request(`/api/photos?sha256=${hash}`),
      app.request(`/api/photos/${hash}`, { headers: { authorization: 'Bearer not-a-token', 'x-kaoping-device': 'x' } }),
    ]
    for (const res of await Promise.all(calls)) expect(res.status).toBe(401)
    const body = (await (await app.request(`/api/photos/${hash}`)).json()) as ErrorBody
    expect(body.error.code).toBe('unauthorized')
  })
})
