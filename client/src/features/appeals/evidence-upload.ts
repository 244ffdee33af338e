// Evidence photos go up before the appeal that names them, by SHA-256 as every photo does (PUT /api/photos/:sha256):
// HEAD first, so a photo the server already holds (sent before a lost answer, or the same picture twice) is not
// sent again, then the bytes in chunks with Content-Range from wherever the server has come to. The appeal is
// filed only when the server says it holds every byte of every photo and has checked their hashes.
import type { ApiError } from '../../api/client'
import { apiFetch } from '../../api/client'
import { PHOTO_CHUNK_BYTES } from '../../sync/photo-upload'
import type { EvidencePhoto } from './appeal-request'

export type Transport = (path: string, init?: RequestInit) => Promise<Response>

export type UploadResult = { ok: true } | { ok: false; sha256: string; status: number; error: ApiError }

export interface UploadOptions {
  transport?: Transport
  chunkSize?: number
  /** Called after each confirmed chunk: bytes the server holds of all photos, of the total. */
  progress?: (done: number, total: number) => void
}

/** Attempts to resume after the server reports another offset, per photo. */
const MAX_CORRECTIONS = 3

export async function uploadEvidence(photos: readonly EvidencePhoto[], opts: UploadOptions = {}): Promise<UploadResult> {
  const transport = opts.transport ?? apiFetch
  const chunk = Math.max(64, opts.chunkSize ?? PHOTO_CHUNK_BYTES)
  const total = photos.reduce((s, p) => s + p.blob.size, 0)
  let before = 0
  for (const photo of photos) {
    const report = (n: number) => opts.progress?.(before + n, total)
    const one = await uploadOne(transport, photo, chunk, report).catch((): UploadResult => offline(photo.sha256))
    if (!one.ok) return one
    before += photo.blob.size
    report(0)
  }
  return { ok: true }
}

async function uploadOne(transport: Transport, photo: EvidencePhoto, chunk: number, report: (n: number) => void): Promise<UploadResult> {
  const path = `/photos/${photo.sha256}`
  const size = photo.blob.size
  const head = await transport(path, { method: 'HEAD' })
  let offset = 0
  if (head.ok) {
    if (head.headers.get('x-photo-complete') === '1') return { ok: true }
    offset = Number(head.headers.get('x-photo-received') ?? 0) || 0
  } else if (head.status !== 404) return refused(photo.sha256, head.status, null)

  for (let corrections = 0; ; ) {
    // Every byte there but never verified: sending the last byte again asks the server to verify now.
    const start = Math.min(offset, size - 1)
    const end = Math.min(size, start + chunk)
    const res = await transport(path, {
      method: 'PUT',
      headers: { 'content-type': photo.mime, 'content-range': `bytes ${start}-${end - 1}/${size}` },
      body: photo.blob.slice(start, end),
    })
    const body = (await res.json().catch(() => null)) as { received?: number; complete?: boolean; error?: ApiError } | null
    if (res.ok) {
      if (body?.complete) return { ok: true }
      const received = typeof body?.received === 'number' ? body.received : end
      report(received)
      if (received > start || corrections++ < MAX_CORRECTIONS) {
        offset = received
        continue
      }
      return refused(photo.sha256, res.status, { code: 'internal', message: 'the upload makes no progress' })
    }
    // Another offset than ours (409), or what arrived of a broken-off chunk was kept (400): resume from there.
    const received = body?.error?.details?.received
    if ((res.status === 409 || res.status === 400) && typeof received === 'number' && corrections++ < MAX_CORRECTIONS) {
      offset = received
      continue
    }
    return refused(photo.sha256, res.status, body?.error ?? null)
  }
}

function refused(sha256: string, status: number, error: ApiError | null): UploadResult {
  return { ok: false, sha256, status, error: error ?? { code: 'internal', message: `HTTP ${status}` } }
}

function offline(sha256: string): UploadResult {
  return { ok: false, sha256, status: 0, error: { code: 'unavailable', message: 'network unreachable' } }
}
