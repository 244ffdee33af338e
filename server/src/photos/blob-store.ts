// Where photo bytes live: a small interface that the embedded filesystem store implements and that an
// S3-compatible object store could implement as well (put with a SHA-256 checksum, multipart uploads for
// partials, a copy-free "complete" step). It knows nothing of HTTP, users or the database.
import type { Readable } from 'node:stream'

/**
 * A blob's name: the photo's SHA-256 in lower-case hex, optionally followed by a suffix for something derived
 * from it (`<sha256>.thumb.jpg`). Nothing else is accepted, so a key can never reach outside the store.
 */
export type BlobKey = string

/** Bytes to store: a Node stream, an async generator, or plain buffers. */
export type BlobBody = AsyncIterable<Uint8Array> | Iterable<Uint8Array>

const KEY = /^[0-9a-f]{64}(\.[a-z0-9]+)*$/

export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Not a blob key: ${JSON.stringify(key).slice(0, 80)}`)
}

/** The bytes did not hash to the SHA-256 the caller named; nothing was stored. */
export class HashMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
    readonly size: number,
  ) {
    super(`The bytes hash to ${actual}, not ${expected}`)
  }
}

/** A partial upload holds fewer bytes than its caller expected (it was removed or cut outside the server). */
export class PartialGoneError extends Error {
  constructor(readonly available: number) {
    super(`The partial upload holds ${available} bytes, fewer than expected`)
  }
}

/**
 * Writing a partial upload stopped because its body threw (the client went away, or the body was refused).
 * `kept` bytes of this write were stored durably before that and may be counted as received; `cause` is what
 * the body threw.
 */
export class PartialWriteError extends Error {
  constructor(
    readonly kept: number,
    override readonly cause: unknown,
  ) {
    super(`Partial write stopped after ${kept} bytes`)
  }
}

export interface BlobStore {
  /** Size of a stored (complete) blob, or null when there is none. */
  head(key: BlobKey): Promise<{ size: number } | null>

  /** The bytes of a stored blob, or null when there is none. */
  get(key: BlobKey): Promise<Readable | null>

  /**
   * Stores a whole blob, replacing any earlier one under the key. Atomic: a reader sees the old blob or the
   * whole new one, never a part. When `sha256` is given the bytes must hash to it, or nothing is stored and
   * HashMismatchError is thrown (an object store passes it as the request's SHA-256 checksum). Durable once it
   * resolves: the tablet deletes its copy when the server confirms, so the confirmation must survive a crash.
   * An error thrown by `body` aborts the put and reaches the caller unchanged.
   */
  put(key: BlobKey, body: BlobBody, opts?: { sha256?: string }): Promise<{ size: number }>

  /** Removes a stored blob; nothing happens when there is none. */
  delete(key: BlobKey): Promise<void>

  /**
   * Writes a chunk of a partial upload at `offset`, first discarding whatever the partial held at or beyond it
   * (the tail a crash or an interrupted chunk may have left). Partials are kept apart from stored blobs and are
   * never served. Resolves to the number of bytes written, durably. When `body` throws, rejects with
   * PartialWriteError saying how many of its bytes were kept durably (0 when the store cannot tell), so that a
   * broken-off upload resumes from there. Throws PartialGoneError when the partial holds fewer than `offset`
   * bytes. (An object store keeps one multipart part per chunk, drops the parts past `offset`, and keeps only
   * whole parts of a broken-off body.)
   */
  writePartial(key: BlobKey, offset: number, body: BlobBody): Promise<number>

  /** The first `length` bytes of a partial upload, or null when there is none. */
  readPartial(key: BlobKey, length: number): Promise<Readable | null>

  /** Turns the first `length` bytes of a partial upload into the stored blob, atomically and durably. */
  completePartial(key: BlobKey, length: number): Promise<void>

  /** Drops a partial upload; nothing happens when there is none. */
  deletePartial(key: BlobKey): Promise<void>
}
