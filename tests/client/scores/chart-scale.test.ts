import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { linear, linePath, niceStep, niceTicks, stack } from '../../../client/src/features/scores/chart-scale'

describe('chart scales', () => {
  it('chooses round steps: 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(10, 4)).toBe(2.5)
    expect(niceStep(100, 5)).toBe(20)
    expect(niceStep(7.3, 4)).toBe(2)
    expect(niceStep(0.9, 3)).toBe(0.5)
    expect(niceStep(0, 4)).toBe(1)
  })

  it('puts ticks on round values that cover every value', () => {
    const t = niceTicks([81.37, 92.05, 88.6], 4)
    expect(t).toEqual({ min: 80, max: 95, step: 5, values: [80, 85, 90, 95] })
    // Counted from the minimum and trimmed: no 0.30000000000000004 in a label.
    expect(niceTicks([0.1, 0.3], 4).values).toEqual([0.1, 0.15, 0.2, 0.25, 0.3])
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 2, max: 8 }), (values, count) => {
        const ticks = niceTicks(values, count)
        // Within a millionth of a step: the bounds round through float noise rather than add a step for it.
        expect(ticks.min).toBeLessThanOrEqual(Math.min(...values) + ticks.step * 1e-6)
        expect(ticks.max).toBeGreaterThanOrEqual(Math.max(...values) - ticks.step * 1e-6)
        expect(ticks.values[0]).toBeCloseTo(ticks.min)
        expect(ticks.values.at(-1)).toBeCloseTo(ticks.max)
        ticks.values.forEach((v, i) => expect(Math.abs(v - (ticks.min + i * ticks.step))).toBeLessThanOrEqual(ticks.step * 1e-6))
      }),
    )
  })

  it('gives a flat series a span, and keeps scores within 0…100 when asked', () => {
    const flat = niceTicks([90, 90, 90])
    expect(flat.min).toBeLessThan(90)
    expect(flat.max).toBeGreaterThan(90)
    const clamped = niceTicks([99.2, 100], 4, [0, 100])
    expect(clamped.max).toBe(100)
    expect(clamped.values.at(-1)).toBe(100)
  })

  it('maps values linearly, and a zero-width domain to the middle', () => {
    const y = linear([80, 100], [200, 0])
    expect(y(80)).toBe(200)
    expect(y(100)).toBe(0)
    expect(y(90)).toBe(100)
    expect(linear([5, 5], [0, 10])(5)).toBe(5)
  })

  it('breaks a line where a value is missing instead of drawing through the gap', () => {
    expect(linePath([{ x: 0, y: 10 }, { x: 10, y: 20 }, null, { x: 30, y: 5.04 }, { x: 40, y: 6 }])).toBe('M0 10 L10 20 M30 5 L40 6')
    expect(linePath([null, null])).toBe('')
  })

  it('stacks segments end to end, dropping empty ones, so their lengths add up to the whole', () => {
    const s = stack([{ key: 'a', value: 2 }, { key: 'b', value: 0 }, { key: 'c', value: 3.5 }], 10, 70)
    expect(s).toEqual([
      { key: 'a', value: 2, x: 70, width: 20 },
      { key: 'c', value: 3.5, x: 90, width: 35 },
    ])
  })
})
