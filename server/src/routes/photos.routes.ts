// /api/photos: photos addressed by their SHA-256. PUT stores one (whole, or chunk by chunk with Content-Range so
// that an interrupted upload resumes where it stopped), HEAD tells how far an upload has come, GET serves the
// photo and its thumbnail, and GET /api/photos?sha256=… tells which of a record's photos have arrived.
//
// Every signed-in role may upload and read photos: inspectors send finding photos, district users after-photos of
// their rectifications. A photo's hash is only learnt from a record the caller may see, and its bytes carry no
// district of their own, so reading is not narrowed further here.
import { Hono, type Context } from 'hono'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { buffer } from 'node:stream/consumers'
import { z } from 'zod'
import { Sha256 } from '@shared/domain/common.schema'
import type { AppEnv } from '../app'
import { authenticate } from '../auth/middleware'
import { ApiError } from '../http/api-error'
import { check } from '../http/validate'
import type { BlobStore } from '../photos/blob-store'
import { photoType } from '../photos/image-types'
import { findPhoto, findPhotos, type PhotoRecord } from '../photos/photos.repo'
import { makeThumbnail, THUMB_SUFFIX } from '../photos/thumbnail'
import { photoUploads, type ChunkRange } from '../photos/uploads'

/** Largest photo accepted, bytes. A tablet camera's JPEG is 2–8 MB. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024

export interface PhotoRouteOptions {
  maxBytes?: number
}

const PhotoParam = z.object({ sha256: Sha256 })
const StatusQuery = z.object({
  sha256: z
    .string()
    .transform((s) => [...new Set(s.split(',').filter(Boolean))])
    .pipe(z.array(Sha256).min(1).max(100)),
})

// Photos never change under their name; they are private to signed-in users, so shared caches keep out.
const IMMUTABLE = 'private, max-age=31536000, immutable'

export function photoRoutes(store: BlobStore, opts: PhotoRouteOptions = {}) {
  const uploads = photoUploads(store, opts.maxBytes ?? MAX_PHOTO_BYTES)

  return new Hono<AppEnv>()
    .use(authenticate)
    .get('/', async (c) => {
      const { sha256 } = check(StatusQuery, c.req.query(), 'query')
      const found = await findPhotos(c.var.db.kysely, sha256)
      const known = new Set(found.map((p) => p.sha256))
      return c.json({ photos: found.map(describe), unknown: sha256.filter((h) => !known.has(h)) })
    })
    .put('/:sha256', async (c) => {
      const { sha256 } = check(PhotoParam, c.req.param(), 'path')
      const caller = { db: c.var.db.kysely, user: c.var.user! }
      const type = photoType(c.req.header('content-type'))
      const rangeHeader = c.req.header('content-range')
      const body = requestBody(c)
      let result
      if (rangeHeader === undefined) {
        if (!type) throw unsupported(c.req.header('content-type'))
        result = await uploads.whole(caller, sha256, type, body, contentLength(c))
      } else {
        result = await uploads.chunk(caller, sha256, type, parseRange(rangeHeader), body)
      }
      progressHeaders(c, result.photo)
      return c.json(describe(result.photo), result.created ? 201 : 200)
    })
    // Hono answers HEAD with this GET route: upload progress for a client that resumes, without the bytes.
    .get('/:sha256', async (c) => {
      const { sha256 } = check(PhotoParam, c.req.param(), 'path')
      const photo = await findPhoto(c.var.db.kysely, sha256)
      if (!photo) throw new ApiError('not_found', 'No photo with this SHA-256 has been received', { reason: 'unknown', sha256 })
      progressHeaders(c, photo)
      if (c.req.method === 'HEAD') return c.body(null, 200, photo.complete ? { ...cacheHeaders(sha256), 'content-type': photo.mime } : {})
      if (!photo.complete) throw notArrived(photo)
      if (c.req.header('if-none-match') === `"${sha256}"`) return c.body(null, 304, cacheHeaders(sha256))
      const stream = await store.get(sha256)
      if (!stream) throw new ApiError('internal', 'The photo is recorded but its file is missing')
      return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
        ...cacheHeaders(sha256),
        'content-type': photo.mime,
        'content-length': String(photo.size),
      })
    })
    .get('/:sha256/thumb', async (c) => {
      const { sha256 } = check(PhotoParam, c.req.param(), 'path')
      const photo = await findPhoto(c.var.db.kysely, sha256)
      if (!photo) throw new ApiError('not_found', 'No photo with this SHA-256 has been received', { reason: 'unknown', sha256 })
      if (!photo.complete) throw notArrived(photo)
      const etag = `${sha256}${THUMB_SUFFIX}`
      if (c.req.header('if-none-match') === `"${etag}"`) return c.body(null, 304, cacheHeaders(etag))
      const thumb = await thumbnailOf(store, sha256)
      return c.body(new Uint8Array(thumb), 200, { ...cacheHeaders(etag), 'content-type': 'image/jpeg', 'content-length': String(thumb.length) })
    })
}

/** The cached thumbnail, made and kept next to the photo on first request. */
async function thumbnailOf(store: BlobStore, sha256: string): Promise<Buffer> {
  const key = `${sha256}${THUMB_SUFFIX}`
  const cached = await store.get(key)
  if (cached) return buffer(cached)
  const original = await store.get(sha256)
  if (!original) throw new ApiError('internal', 'The photo is recorded but its file is missing')
  const thumb = await makeThumbnail(await buffer(original))
  if (!thumb) throw new ApiError('unsupported_media_type', 'The photo’s bytes cannot be decoded as an image, so it has no thumbnail', { reason: 'undecodable' })
  await store.put(key, [thumb])
  return thumb
}

function describe(p: PhotoRecord) {
  return { sha256: p.sha256, size: p.size, received: p.received, complete: p.complete, mime: p.mime, width: p.width, height: p.height }
}

function progressHeaders(c: Context, p: PhotoRecord): void {
  c.header('x-photo-received', String(p.received))
  c.header('x-photo-size', String(p.size))
  c.header('x-photo-complete', p.complete ? '1' : '0')
}

function cacheHeaders(etag: string): Record<string, string> {
  return { etag: `"${etag}"`, 'cache-control': IMMUTABLE, 'x-content-type-options': 'nosniff' }
}

function notArrived(p: PhotoRecord): ApiError {
  return new ApiError('not_found', `The photo has not fully arrived: ${p.received} of ${p.size} bytes so far`, {
    reason: 'incomplete',
    sha256: p.sha256,
    received: p.received,
    size: p.size,
  })
}

function unsupported(sent: string | undefined): ApiError {
  return new ApiError('unsupported_media_type', `A photo must be sent as image/jpeg, image/png or image/webp, not ${sent ?? 'without a Content-Type'}`)
}

function requestBody(c: Context): Readable {
  const body = c.req.raw.body
  return body ? Readable.fromWeb(body as NodeReadableStream<Uint8Array>) : Readable.from([])
}

function contentLength(c: Context): number | undefined {
  const v = c.req.header('content-length')
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined
}

/** `bytes start-end/total` with start ≤ end < total. */
function parseRange(header: string): ChunkRange {
  const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(header.trim())
  const [start, end, total] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN]
  if (!m || start > end || end >= total) {
    throw new ApiError('bad_request', `Content-Range must read "bytes start-end/total" with start ≤ end < total, not "${header.slice(0, 60)}"`, {
      reason: 'bad_content_range',
    })
  }
  return { start, end, total }
}
