// The photo viewer's zoom: the whole photo fitted and centred, zoom about the cursor keeping that point still,
// limits, panning that never loses the photo, the wheel and two fingers.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { constrain, fit, panBy, pinch, scaleLimits, wheelFactor, zoomAt, MAX_PIXEL_SCALE, STEP } from '../../../client/src/features/review/photo-zoom'

const vp = { width: 800, height: 600 }
const photo = { width: 4000, height: 3000 }

describe('photo zoom', () => {
  it('fits the whole photo, centred, never larger than its pixels', () => {
    expect(fit(vp, photo)).toEqual({ scale: 0.2, x: 0, y: 0 })
    expect(fit(vp, { width: 4000, height: 1000 })).toEqual({ scale: 0.2, x: 0, y: 200 })
    expect(fit(vp, { width: 400, height: 300 })).toEqual({ scale: 1, x: 200, y: 150 })
    expect(fit(vp, { width: 0, height: 0 })).toEqual({ scale: 1, x: 0, y: 0 })
  })

  it('keeps the point under the cursor where it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 600 }), fc.double({ min: 1.01, max: 3, noNaN: true }), (px, py, f) => {
        const start = zoomAt(fit(vp, photo), 4, 400, 300, vp, photo)
        const next = zoomAt(start, f, px, py, vp, photo)
        // The photo pixel under the cursor before and after, unless the edge clamp had to move it.
        const before = { x: (px - start.x) / start.scale, y: (py - start.y) / start.scale }
        const after = { x: (px - next.x) / next.scale, y: (py - next.y) / next.scale }
        const clamped = next.x === 0 || next.y === 0 || next.x === vp.width - photo.width * next.scale || next.y === vp.height - photo.height * next.scale
        if (!clamped) {
          expect(after.x).toBeCloseTo(before.x, 6)
          expect(after.y).toBeCloseTo(before.y, 6)
        }
        // The viewport stays covered by the photo once it is larger than it.
        expect(next.x).toBeLessThanOrEqual(0)
        expect(next.x + photo.width * next.scale).toBeGreaterThanOrEqual(vp.width - 1e-9)
      }),
    )
  })

  it('zooms between the fitted size and four times the photo’s pixels', () => {
    const { min, max } = scaleLimits(vp, photo)
    expect([min, max]).toEqual([0.2, MAX_PIXEL_SCALE])
    let v = fit(vp, photo)
    for (let i = 0; i < 30; i++) v = zoomAt(v, STEP, 100, 100, vp, photo)
    expect(v.scale).toBe(MAX_PIXEL_SCALE)
    for (let i = 0; i < 30; i++) v = zoomAt(v, 1 / STEP, 100, 100, vp, photo)
    expect(v).toEqual(fit(vp, photo))
  })

  it('pans within the photo and centres what is smaller than the view', () => {
    const big = zoomAt(fit(vp, photo), 5, 0, 0, vp, photo)
    expect(panBy(big, 10_000, 10_000, vp, photo)).toMatchObject({ x: 0, y: 0 })
    const far = panBy(big, -1e6, -1e6, vp, photo)
    expect(far.x).toBeCloseTo(vp.width - photo.width * big.scale)
    expect(far.y).toBeCloseTo(vp.height - photo.height * big.scale)
    expect(constrain({ scale: 1, x: -50, y: 999 }, vp, { width: 400, height: 300 })).toEqual({ scale: 1, x: 200, y: 150 })
  })

  it('reads the wheel (a notch is one step; lines and pages too) and two fingers', () => {
    expect(wheelFactor(-100)).toBeCloseTo(STEP)
    expect(wheelFactor(100)).toBeCloseTo(1 / STEP)
    expect(wheelFactor(-3, 1)).toBeCloseTo(Math.pow(STEP, 0.99))
    expect(wheelFactor(1, 2)).toBeCloseTo(Math.pow(STEP, -4))
    const g = pinch({ x: 100, y: 100 }, { x: 200, y: 100 }, { x: 50, y: 110 }, { x: 250, y: 110 })
    expect(g).toEqual({ factor: 2, cx: 150, cy: 110, dx: 0, dy: 10 })
    expect(pinch({ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 2, y: 2 }, { x: 3, y: 3 }).factor).toBe(1)
  })
})
