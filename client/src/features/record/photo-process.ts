// One photo from the camera to evidence: decoded upright (EXIF orientation honoured), scaled to the configured
// long side, stamped, encoded as JPEG and hashed. Runs in the photo worker; the main thread uses it only when the
// browser has no Worker or OffscreenCanvas.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { drawStamp, scaledSize } from './stamp'

export interface ProcessRequest {
  blob: Blob
  maxSide: number
  quality: number
  lines: string[]
}

export interface ProcessResult {
  blob: Blob
  sha256: string
  size: number
  mime: string
  width: number
  height: number
}

export const JPEG = 'image/jpeg'

/** Lower-case hex SHA-256 of the bytes; crypto.subtle where the page is a secure context, else a JS digest. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', bytes)
    return bytesToHex(new Uint8Array(digest))
  }
  return bytesToHex(nobleSha256(new Uint8Array(bytes)))
}

type Source = ImageBitmap | HTMLImageElement

async function decode(blob: Blob): Promise<Source> {
  if (typeof createImageBitmap === 'function') {
    // 'from-image' turns the pixels upright by the photo's EXIF orientation before we scale and stamp them.
    return createImageBitmap(blob, { imageOrientation: 'from-image' })
  }
  // Old main-thread path: an <img> is drawn upright by browsers that apply image-orientation: from-image.
  const url = URL.createObjectURL(blob)
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    return img
  } finally {
    URL.revokeObjectURL(url)
  }
}

interface Surface {
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D
  toBlob(quality: number): Promise<Blob>
}

function surface(width: number, height: number): Surface {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('no 2d context')
    return { ctx, toBlob: (quality) => canvas.convertToBlob({ type: JPEG, quality }) }
  }
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2d context')
  return {
    ctx,
    toBlob: (quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), JPEG, quality),
      ),
  }
}

export async function processImage(req: ProcessRequest): Promise<ProcessResult> {
  const source = await decode(req.blob)
  const w0 = 'naturalWidth' in source ? source.naturalWidth : source.width
  const h0 = 'naturalHeight' in source ? source.naturalHeight : source.height
  const { width, height } = scaledSize(w0, h0, req.maxSide)
  const { ctx, toBlob } = surface(width, height)
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(source, 0, 0, width, height)
  if ('close' in source) source.close()
  drawStamp(ctx as CanvasRenderingContext2D, width, height, req.lines)
  const blob = await toBlob(req.quality)
  const sha256 = await sha256Hex(await blob.arrayBuffer())
  return { blob, sha256, size: blob.size, mime: blob.type || JPEG, width, height }
}
