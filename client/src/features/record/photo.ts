// Turning camera photos into evidence: each is processed in the photo worker (or on the main thread when the
// browser has no Worker or OffscreenCanvas) and comes back compressed, upright, stamped and hashed.
import { getMeta } from '../../db/db'
import { JPEG, processImage, type ProcessRequest, type ProcessResult } from './photo-process'
import { stampLines } from './stamp'
import type { FormPhoto, PhotoStamp } from './record-form'
import type { WorkerReply, WorkerRequest } from './photo.worker'

export const DEFAULT_MAX_SIDE = 1600
export const JPEG_QUALITY = 0.8

/** The configured long side in pixels (db.meta 'photoMaxSide'), 1600 unless set. */
export async function photoMaxSide(): Promise<number> {
  const v = await getMeta<number>('photoMaxSide')
  return typeof v === 'number' && v >= 320 && v <= 8000 ? Math.round(v) : DEFAULT_MAX_SIDE
}

let worker: Worker | null = null
let broken = false
let nextId = 1
const waiting = new Map<number, { resolve: (r: ProcessResult) => void; reject: (e: Error) => void }>()

function canUseWorker(): boolean {
  return !broken && typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined'
}

function photoWorker(): Worker {
  if (worker) return worker
  worker = new Worker(new URL('./photo.worker.ts', import.meta.url), { type: 'module' })
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const w = waiting.get(e.data.id)
    if (!w) return
    waiting.delete(e.data.id)
    if (e.data.ok) w.resolve(e.data.result)
    else w.reject(new Error(e.data.error))
  }
  worker.onerror = (e) => {
    // The worker itself failed (it could not load, say): later photos take the main-thread path.
    e.preventDefault()
    broken = true
    worker?.terminate()
    worker = null
    for (const w of waiting.values()) w.reject(new Error('photo worker failed'))
    waiting.clear()
  }
  return worker
}

function inWorker(req: ProcessRequest): Promise<ProcessResult> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject })
    photoWorker().postMessage({ id, ...req } satisfies WorkerRequest)
  })
}

export interface PhotoOptions {
  stamp: PhotoStamp
  timeZone: string
  maxSide?: number
}

/** One camera file to a stamped, compressed, hashed photo ready for the form and the outbox. */
export async function processPhoto(file: Blob, options: PhotoOptions): Promise<FormPhoto> {
  const req: ProcessRequest = {
    blob: file,
    maxSide: options.maxSide ?? (await photoMaxSide()),
    quality: JPEG_QUALITY,
    lines: stampLines(options.stamp, options.timeZone),
  }
  let result: ProcessResult
  if (canUseWorker()) {
    try {
      result = await inWorker(req)
    } catch (err) {
      if (!broken) throw err // the photo itself could not be read: the main thread would fail the same way
      result = await processImage(req)
    }
  } else result = await processImage(req)
  return { sha256: result.sha256, blob: result.blob, mime: result.mime || JPEG, size: result.size, stamp: { ...options.stamp } }
}
