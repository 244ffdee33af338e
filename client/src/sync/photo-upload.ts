// Photos go up on their own, addressed by SHA-256, in chunks that survive a dropped connection: HEAD asks the
// server how far it has come, and the upload continues from there. A photo counts as done only when the server
// says it holds every byte and the bytes hash to the name; until then the device keeps its copy (and keeps it
// afterwards for display — nothing here deletes a photo).
import type { LocalPhoto } from '../db/db'
import type { SyncContext } from './context'
import { answerError, networkError, syncError, type ErrorBody, type SyncError } from './sync-error'

export const PHOTO_CHUNK_BYTES = 256 * 1024
/** Offset corrections accepted for one photo in one run before giving up until the next. */
const MAX_CORRECTIONS = 3

export interface PhotoOptions {
  signal?: AbortSignal
  chunkSize?: number
}

export interface PhotoOutcome {
  /** done: every photo is on the server; failed: some wait for the next run; stopped: sign-in needed or aborted. */
  status: 'done' | 'failed' | 'stopped'
  uploaded: number
  error?: SyncError
}

type Step = { kind: 'done' } | { kind: 'failed' | 'offline' | 'stop'; error: SyncError | null }

export async function uploadPhotos(ctx: SyncContext, opts: PhotoOptions = {}): Promise<PhotoOutcome> {
  return uploadEach(ctx, await ctx.db.photos.where('done').equals(0).primaryKeys(), opts)
}

/**
 * The photos of these hashes that the device holds and the server has not confirmed yet: those a mutation names,
 * sent before it. A hash the device does not hold is left to the server (it may have it from elsewhere).
 */
export async function uploadNamed(ctx: SyncContext, hashes: readonly string[], opts: PhotoOptions = {}): Promise<PhotoOutcome> {
  const held = await ctx.db.photos.bulkGet([...new Set(hashes)])
  return uploadEach(ctx, held.filter((p) => p && p.done === 0).map((p) => p!.sha256), opts)
}

async function uploadEach(ctx: SyncContext, keys: readonly string[], opts: PhotoOptions): Promise<PhotoOutcome> {
  const chunkSize = Math.max(64, opts.chunkSize ?? PHOTO_CHUNK_BYTES)
  let uploaded = 0
  let error: SyncError | undefined
  for (const sha256 of keys) {
    if (opts.signal?.aborted) return { status: 'stopped', uploaded }
    const photo = await ctx.db.photos.get(sha256)
    if (!photo || photo.done) continue
    const step = await uploadOne(ctx, photo, chunkSize, opts.signal)
    if (step.kind === 'done') uploaded++
    else if (step.kind === 'stop') return { status: 'stopped', uploaded, ...(step.error ? { error: step.error } : {}) }
    // No network: the other photos would fail the same way.
    else if (step.kind === 'offline') return { status: 'failed', uploaded, ...(step.error ? { error: step.error } : {}) }
    else error = step.error ?? undefined
  }
  return { status: error ? 'failed' : 'done', uploaded, ...(error ? { error } : {}) }
}

async function uploadOne(ctx: SyncContext, photo: LocalPhoto, chunkSize: number, signal?: AbortSignal): Promise<Step> {
  const path = `/photos/${photo.sha256}`
  const size = photo.blob.size
  if (size === 0) return { kind: 'failed', error: syncError('photo', ctx.now(), { detail: `photo ${photo.sha256} has no bytes` }) }
  try {
    const head = await ctx.transport(path, { method: 'HEAD', signal })
    let offset: number
    if (head.status === 404) offset = 0
    else if (head.ok) {
      if (head.headers.get('x-photo-complete') === '1') return markDone(ctx, photo)
      offset = Number(head.headers.get('x-photo-received') ?? 0) || 0
      await progress(ctx, photo, offset)
    } else return refused(ctx, head.status, null)

    for (let corrections = 0; ; ) {
      // Every byte is there but was never verified (the server stopped in between): resending the last byte
      // asks it to verify now.
      const start = Math.min(offset, size - 1)
      const end = Math.min(size, start + chunkSize)
      const res = await ctx.transport(path, {
        method: 'PUT',
        headers: { 'content-type': photo.mime, 'content-range': `bytes ${start}-${end - 1}/${size}` },
        body: photo.blob.slice(start, end),
        signal,
      })
      const body = (await res.json().catch(() => null)) as ({ received?: number; complete?: boolean } & ErrorBody) | null
      if (res.ok) {
        if (body?.complete) return markDone(ctx, photo)
        offset = typeof body?.received === 'number' ? body.received : end
        await progress(ctx, photo, offset)
        if (offset > start || corrections++ < MAX_CORRECTIONS) continue
        return { kind: 'failed', error: syncError('photo', ctx.now(), { status: res.status, detail: `upload of ${photo.sha256} makes no progress` }) }
      }
      // 409: another offset than ours; 400 after a broken-off chunk: what arrived was kept. Resume from there.
      const received = body?.error?.details?.received
      if ((res.status === 409 || res.status === 400) && typeof received === 'number' && corrections++ < MAX_CORRECTIONS) {
        offset = received
        await progress(ctx, photo, offset)
        continue
      }
      return refused(ctx, res.status, body)
    }
  } catch (err) {
    if (signal?.aborted) return { kind: 'stop', error: null }
    return { kind: 'offline', error: networkError(err, ctx.now()) }
  }
}

async function markDone(ctx: SyncContext, photo: LocalPhoto): Promise<Step> {
  await ctx.db.photos.update(photo.sha256, { done: 1, uploaded: photo.blob.size })
  return { kind: 'done' }
}

/** Bytes the server has confirmed, for the progress shown beside the photo. */
async function progress(ctx: SyncContext, photo: LocalPhoto, received: number): Promise<void> {
  if (photo.uploaded !== received) {
    await ctx.db.photos.update(photo.sha256, { uploaded: received })
    photo.uploaded = received
  }
}

function refused(ctx: SyncContext, status: number, body: ErrorBody | null): Step {
  const error = answerError(status, body, ctx.now(), 'photo')
  return { kind: status === 401 || status === 426 ? 'stop' : 'failed', error }
}
