// Receiving a photo: whole in one request, or in chunks that may be interrupted and resumed. A photo becomes
// complete only after its bytes hash to its name; until then it is a partial upload that is never served, and a
// failed verification leaves nothing behind. Replaying a finished upload changes nothing.
import { createHash } from 'node:crypto'
import { buffer } from 'node:stream/consumers'
import type { Readable } from 'node:stream'
import type { AuthUser } from '../auth/middleware'
import type { Queryable } from '../db/schema'
import { ApiError } from '../http/api-error'
import { HashMismatchError, PartialGoneError, PartialWriteError, type BlobStore } from './blob-store'
import { hasSignature, SIGNATURE_BYTES, type PhotoType } from './image-types'
import { advanceUpload, completePhoto, dropUpload, findPhoto, startUpload, type PhotoRecord } from './photos.repo'
import { displayedSize } from './thumbnail'

/** `Content-Range: bytes start-end/total`, end inclusive. */
export interface ChunkRange {
  start: number
  end: number
  total: number
}

export interface Received {
  /** True when this request completed the photo. */
  created: boolean
  photo: PhotoRecord
}

interface Caller {
  db: Queryable
  user: AuthUser
}

export function photoUploads(store: BlobStore, maxBytes: number) {
  const lock = keyedLock()
  const tooBig = (size: number) => new ApiError('payload_too_large', `A photo may have at most ${maxBytes} bytes; this one has ${size}`, { maxBytes, size })

  /** The photo sent whole; `declared` is its Content-Length when the client sent one. */
  function whole({ db, user }: Caller, sha256: string, type: PhotoType, body: Readable, declared?: number): Promise<Received> {
    return lock(sha256, async () => {
      const known = await findPhoto(db, sha256)
      if (known?.complete) return { created: false, photo: known }
      if (declared !== undefined && declared > maxBytes) throw tooBig(declared)
      const guarded = guard(body, { limit: maxBytes, tooLong: tooBig, type })
      const { size } = await store.put(sha256, guarded, { sha256 }).catch((err) => {
        throw err instanceof HashMismatchError ? mismatch(err) : err
      })
      return { created: true, photo: await finish(db, user, sha256, type, size) }
    })
  }

  /** One chunk of a resumable upload. The chunk that brings the photo to its full size completes it. */
  function chunk({ db, user }: Caller, sha256: string, type: PhotoType | null, range: ChunkRange, body: Readable): Promise<Received> {
    return lock(sha256, async () => {
      if (range.total > maxBytes) throw tooBig(range.total)
      let photo = await findPhoto(db, sha256)
      if (photo?.complete) return { created: false, photo }
      if (!photo) {
        if (range.start !== 0) throw offsetConflict(sha256, 0, range.total, 'No upload of this photo has started: send the first chunk at offset 0')
        if (!type) throw new ApiError('unsupported_media_type', 'Send the first chunk with the photo’s type: image/jpeg, image/png or image/webp')
        await startUpload(db, { sha256, size: range.total, mime: type, uploadedBy: user.id, now: new Date().toISOString() })
        photo = (await findPhoto(db, sha256))!
      }
      if (photo.size !== range.total) {
        throw offsetConflict(sha256, photo.received, photo.size, `This photo is being uploaded with ${photo.size} bytes, not ${range.total}`)
      }
      // A crash after the last chunk was confirmed but before verification: finish now.
      if (photo.received === photo.size) return { created: true, photo: await verifyPartial(db, user, photo) }
      if (range.start !== photo.received) {
        throw offsetConflict(sha256, photo.received, photo.size, `The next chunk must start at byte ${photo.received}, not ${range.start}`)
      }
      const length = range.end - range.start + 1
      if (range.start === 0 && length < Math.min(SIGNATURE_BYTES, range.total)) {
        throw new ApiError('bad_request', `The first chunk must hold at least ${SIGNATURE_BYTES} bytes`)
      }
      const tooLong = () => new ApiError('bad_request', `The chunk is longer than its Content-Range (${length} bytes)`)
      let written: number
      try {
        written = await store.writePartial(sha256, range.start, guard(body, { limit: length, tooLong, type: range.start === 0 ? (photo.mime as PhotoType) : undefined }))
      } catch (err) {
        if (err instanceof PartialGoneError) {
          await advanceUpload(db, sha256, photo.received, 0)
          throw offsetConflict(sha256, 0, photo.size, 'The server lost the bytes received so far: send the photo again from offset 0')
        }
        const cause = err instanceof PartialWriteError ? err.cause : err
        if (err instanceof PartialWriteError && isInterruption(cause)) {
          const received = await keep(db, photo, err.kept)
          throw new ApiError('bad_request', cause.message, { reason: 'interrupted', received, size: photo.size })
        }
        // A refused first chunk leaves nothing behind.
        if (range.start === 0) await forget(db, sha256)
        throw cause
      }
      if (written < length) {
        const received = await keep(db, photo, written)
        throw new ApiError('bad_request', `The chunk held ${written} bytes, not the ${length} its Content-Range announced`, { reason: 'short_chunk', received, size: photo.size })
      }
      // Moves only from where this request found it, so a racing duplicate of the same chunk cannot double-count.
      if (!(await advanceUpload(db, sha256, range.start, range.end + 1))) return { created: false, photo: (await findPhoto(db, sha256))! }
      photo = { ...photo, received: range.end + 1 }
      if (photo.received < photo.size) return { created: false, photo }
      return { created: true, photo: await verifyPartial(db, user, photo) }
    })
  }

  /**
   * Confirms the `kept` bytes that arrived of a chunk that broke off or fell short, so that the next attempt resumes
   * rather than restarts — except a first chunk too short to have had its type checked, which is forgotten.
   */
  async function keep(db: Queryable, photo: PhotoRecord, kept: number): Promise<number> {
    if (photo.received === 0 && kept < SIGNATURE_BYTES) {
      await forget(db, photo.sha256)
      return 0
    }
    if (kept > 0) await advanceUpload(db, photo.sha256, photo.received, photo.received + kept)
    return photo.received + kept
  }

  /** Hashes the whole partial upload; stores it when it matches the name, forgets it when it does not. */
  async function verifyPartial(db: Queryable, user: AuthUser, photo: PhotoRecord): Promise<PhotoRecord> {
    const bytes = await store.readPartial(photo.sha256, photo.size)
    if (!bytes) {
      // The partial was already turned into the blob by a request that stopped before recording it.
      const stored = await store.head(photo.sha256)
      if (stored?.size === photo.size) return finish(db, user, photo.sha256, photo.mime as PhotoType, photo.size)
      await advanceUpload(db, photo.sha256, photo.received, 0)
      throw offsetConflict(photo.sha256, 0, photo.size, 'The server lost the bytes received so far: send the photo again from offset 0')
    }
    const hash = createHash('sha256')
    let size = 0
    for await (const piece of bytes) {
      hash.update(piece)
      size += piece.length
    }
    const actual = hash.digest('hex')
    if (actual !== photo.sha256 || size !== photo.size) {
      await forget(db, photo.sha256)
      throw mismatch(new HashMismatchError(photo.sha256, actual, size))
    }
    await store.completePartial(photo.sha256, photo.size)
    return finish(db, user, photo.sha256, photo.mime as PhotoType, photo.size)
  }

  /** Records a verified, stored photo with its displayed size. */
  async function finish(db: Queryable, user: AuthUser, sha256: string, type: PhotoType, size: number): Promise<PhotoRecord> {
    const stored = await store.get(sha256)
    const dims = stored ? await displayedSize(await buffer(stored)) : null
    await completePhoto(db, { sha256, size, mime: type, width: dims?.width ?? null, height: dims?.height ?? null, uploadedBy: user.id, now: new Date().toISOString() })
    // An earlier chunked attempt at the same photo is now moot.
    await store.deletePartial(sha256)
    return (await findPhoto(db, sha256))!
  }

  async function forget(db: Queryable, sha256: string): Promise<void> {
    await store.deletePartial(sha256)
    await dropUpload(db, sha256)
  }

  return { whole, chunk }
}

function isInterruption(err: unknown): err is ApiError {
  return err instanceof ApiError && err.details?.reason === 'interrupted'
}

function mismatch(err: HashMismatchError): ApiError {
  return new ApiError('bad_request', `The photo's bytes do not match its name: they hash to ${err.actual}. Nothing was stored.`, {
    reason: 'hash_mismatch',
    expected: err.expected,
    actual: err.actual,
    size: err.size,
  })
}

function offsetConflict(sha256: string, received: number, size: number, message: string): ApiError {
  return new ApiError('conflict', message, { reason: 'offset_mismatch', sha256, received, size })
}

/**
 * Passes the body through while counting it: more than `limit` bytes throws `tooLong`, and when `type` is given
 * the first bytes must carry that type's signature. A body that breaks off (the client went away) throws a 400
 * with reason "interrupted" rather than an internal error.
 */
async function* guard(body: AsyncIterable<Uint8Array>, opts: { limit: number; tooLong: (size: number) => ApiError; type?: PhotoType }): AsyncGenerator<Uint8Array> {
  let seen = 0
  let head: Uint8Array[] | null = opts.type ? [] : null
  const checkHead = () => {
    const first = Buffer.concat(head!)
    head = null
    if (!hasSignature(first, opts.type!)) {
      throw new ApiError('unsupported_media_type', `The bytes are not ${opts.type}: the file does not start like one. Nothing was stored.`)
    }
  }
  const source = body[Symbol.asyncIterator]()
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>
      try {
        next = await source.next()
      } catch {
        throw new ApiError('bad_request', `The upload broke off after ${seen} bytes of this request; resume from the offset HEAD reports`, { reason: 'interrupted' })
      }
      if (next.done) break
      const piece = next.value
      seen += piece.length
      if (seen > opts.limit) throw opts.tooLong(seen)
      if (head) {
        head.push(piece)
        if (seen >= SIGNATURE_BYTES) checkHead()
      }
      yield piece
    }
    if (head) checkHead()
  } finally {
    // Stop reading a body we gave up on (too long, wrong type, or the store failed).
    await source.return?.().catch(() => undefined)
  }
}

/** Runs tasks for the same key one after another within this process. */
function keyedLock() {
  const tails = new Map<string, Promise<unknown>>()
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const prev = tails.get(key) ?? Promise.resolve()
    const run = prev.then(task, task)
    const tail = run.catch(() => undefined)
    tails.set(key, tail)
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return run
  }
}
