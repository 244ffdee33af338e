// The evidence stamp (水印) drawn into every photo: when (in the city's time zone), where (WGS-84, six decimals,
// with the fix's accuracy), who and against which item. The same facts are kept beside the photo as data.
// Text and layout are pure; drawing takes any 2D context, so the worker and the main-thread fallback share it.
import { localParts } from '@shared/time'
import type { PhotoStamp } from './record-form'

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-01-15 09:30:12 Asia/Shanghai" */
export function stampTime(at: string, timeZone: string): string {
  const p = localParts(at, timeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${timeZone}`
}

/** "45.756123, 126.642345 ±8 m", or a plain "no fix" when the photo was taken before the first GPS fix. */
export function stampPlace(s: Pick<PhotoStamp, 'lat' | 'lng' | 'accuracy'>): string {
  if (!Number.isFinite(s.lat) || !Number.isFinite(s.lng)) return 'GPS: 无定位 no fix'
  const acc = Number.isFinite(s.accuracy) ? ` ±${Math.round(s.accuracy)} m` : ''
  return `${s.lat.toFixed(6)}, ${s.lng.toFixed(6)}${acc}`
}

/** The stamp's lines, top to bottom. */
export function stampLines(s: PhotoStamp, timeZone: string): string[] {
  return [stampTime(s.at, timeZone), stampPlace(s), s.inspector, s.item]
}

/** The long side scaled down to at most maxSide, never up; whole pixels, at least 1. */
export function scaledSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const long = Math.max(width, height)
  const k = long > maxSide ? maxSide / long : 1
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) }
}

type Ctx2D = Pick<
  CanvasRenderingContext2D,
  'fillStyle' | 'font' | 'textBaseline' | 'fillRect' | 'fillText' | 'measureText'
>

/** Cuts text to fit maxWidth, ending in "…". */
function fit(ctx: Ctx2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text
  let lo = 0, hi = text.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (ctx.measureText(text.slice(0, mid) + '…').width <= maxWidth) lo = mid
    else hi = mid - 1
  }
  return text.slice(0, lo) + '…'
}

/** A dark band across the bottom of the image with the stamp's lines in white. */
export function drawStamp(ctx: Ctx2D, width: number, height: number, lines: readonly string[]): void {
  const size = Math.max(14, Math.round(Math.min(width, height * 1.5) / 40))
  const lineHeight = Math.round(size * 1.3)
  const padding = Math.round(size * 0.6)
  const band = lines.length * lineHeight + padding * 2
  ctx.fillStyle = 'rgba(0, 0, 0, 0.6)'
  ctx.fillRect(0, height - band, width, band)
  ctx.fillStyle = '#fff'
  ctx.font = `${size}px system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`
  ctx.textBaseline = 'top'
  lines.forEach((line, i) => {
    ctx.fillText(fit(ctx, line, width - padding * 2), padding, height - band + padding + i * lineHeight)
  })
}
