// Zoom and pan of a photo in the viewer, as a pure transform: the image is drawn at translate(x, y) scale(scale)
// from its top-left corner inside a viewport. Zooming keeps the point under the cursor (or between two fingers)
// where it is; the photo never drifts wholly out of sight.

export interface View {
  scale: number
  x: number
  y: number
}

export interface Size {
  width: number
  height: number
}

/** At most this many times the photo's own pixels: beyond that nothing more can be seen. */
export const MAX_PIXEL_SCALE = 4
export const STEP = 1.5

/** The whole photo, centred: the smaller of fitting the width and the height, never enlarged past its pixels. */
export function fit(viewport: Size, image: Size): View {
  if (!image.width || !image.height || !viewport.width || !viewport.height) return { scale: 1, x: 0, y: 0 }
  const scale = Math.min(1, viewport.width / image.width, viewport.height / image.height)
  return { scale, x: (viewport.width - image.width * scale) / 2, y: (viewport.height - image.height * scale) / 2 }
}

export function scaleLimits(viewport: Size, image: Size): { min: number; max: number } {
  const min = fit(viewport, image).scale
  return { min, max: Math.max(min, MAX_PIXEL_SCALE) }
}

/** Keeps the photo covering the viewport's centre line when larger than it, or centred when smaller. */
export function constrain(v: View, viewport: Size, image: Size): View {
  const w = image.width * v.scale
  const h = image.height * v.scale
  const axis = (pos: number, drawn: number, room: number) => (drawn <= room ? (room - drawn) / 2 : Math.min(0, Math.max(room - drawn, pos)))
  return { scale: v.scale, x: axis(v.x, w, viewport.width), y: axis(v.y, h, viewport.height) }
}

/** Zooms by `factor` about the viewport point (px, py). */
export function zoomAt(v: View, factor: number, px: number, py: number, viewport: Size, image: Size): View {
  const { min, max } = scaleLimits(viewport, image)
  const scale = Math.min(max, Math.max(min, v.scale * factor))
  const k = scale / v.scale
  return constrain({ scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k }, viewport, image)
}

export function panBy(v: View, dx: number, dy: number, viewport: Size, image: Size): View {
  return constrain({ scale: v.scale, x: v.x + dx, y: v.y + dy }, viewport, image)
}

/** The zoom factor of a wheel movement: a notch (100 px) is one step; trackpads give smaller ones. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 400 : deltaY
  return Math.pow(STEP, -px / 100)
}

/** Two fingers: the factor is the change of their distance, the centre their midpoint. */
export function pinch(a0: { x: number; y: number }, b0: { x: number; y: number }, a1: { x: number; y: number }, b1: { x: number; y: number }) {
  const d0 = Math.hypot(a0.x - b0.x, a0.y - b0.y)
  const d1 = Math.hypot(a1.x - b1.x, a1.y - b1.y)
  return { factor: d0 > 0 ? d1 / d0 : 1, cx: (a1.x + b1.x) / 2, cy: (a1.y + b1.y) / 2, dx: (a1.x + b1.x - a0.x - b0.x) / 2, dy: (a1.y + b1.y - a0.y - b0.y) / 2 }
}

/** Zoom as a percentage of the photo's own pixels, for the label beside the buttons. */
export const percent = (v: View): number => Math.round(v.scale * 100)
