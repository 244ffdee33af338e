// The photo worker: decoding, scaling, stamping, JPEG encoding and hashing of camera photos, off the main thread
// so the record screen stays responsive while a 12-megapixel photo is processed.
import { processImage, type ProcessRequest, type ProcessResult } from './photo-process'

export type WorkerRequest = ProcessRequest & { id: number }
export type WorkerReply = { id: number; ok: true; result: ProcessResult } | { id: number; ok: false; error: string }

// The project compiles against the DOM library; this is the part of a dedicated worker's scope used here.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null
  postMessage(message: WorkerReply): void
}

scope.onmessage = async (e) => {
  const { id, ...req } = e.data
  try {
    scope.postMessage({ id, ok: true, result: await processImage(req) })
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) })
  }
}
