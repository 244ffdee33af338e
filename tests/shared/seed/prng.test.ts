import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Id } from '@shared/domain/common.schema'
import { createRng, hashString } from '@shared/seed/prng'

describe('createRng', () => {
  it('replays the same stream for the same seed, and another for another seed', () => {
    const draw = (seed: number) => {
      const r = createRng(seed)
      return Array.from({ length: 20 }, () => r.next())
    }
    expect(draw(42)).toEqual(draw(42))
    expect(draw(42)).not.toEqual(draw(43))
  })

  it('keeps next() in [0, 1) and int() within its bounds (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, min, span) => {
        const r = createRng(seed)
        for (let i = 0; i < 50; i++) {
          const x = r.next()
          const n = r.int(min, min + span)
          if (!(x >= 0 && x < 1 && Number.isInteger(n) && n >= min && n <= min + span)) return false
        }
        return true
      }),
    )
  })

  it('draws UUIDs that the Id schema accepts, version 4 layout, without repeats', () => {
    const r = createRng(7)
    const ids = Array.from({ length: 2000 }, () => r.uuid())
    for (const id of ids) {
      expect(Id.safeParse(id).success).toBe(true)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('never picks a zero-weight entry, and roughly follows the weights', () => {
    const r = createRng(1)
    const counts = { a: 0, b: 0, c: 0 }
    for (let i = 0; i < 10_000; i++) counts[r.weighted([['a', 3], ['b', 1], ['c', 0]] as const)]++
    expect(counts.c).toBe(0)
    expect(counts.a / counts.b).toBeGreaterThan(2.6)
    expect(counts.a / counts.b).toBeLessThan(3.4)
  })
})

describe('hashString', () => {
  it('is a stable 32-bit FNV-1a', () => {
    expect(hashString('')).toBe(0x811c9dc5)
    expect(hashString('a')).toBe(0xe40c292c)
    expect(hashString('2026-01')).not.toBe(hashString('2026-02'))
  })
})
