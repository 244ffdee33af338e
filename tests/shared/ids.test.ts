// Device-made ids: valid UUIDs of version 7 that sort by their creation time and do not collide.
import { describe, expect, it } from 'vitest'
import { Id } from '@shared/domain'
import { uuidv7 } from '@shared/sync/ids'

describe('uuidv7', () => {
  it('is a UUID of version 7 and variant 10 that the schemas accept', () => {
    const id = uuidv7()
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Id.safeParse(id).success).toBe(true)
  })

  it('carries its creation time in the first 48 bits', () => {
    const at = Date.parse('2026-11-25T08:00:00.123Z')
    const id = uuidv7(at)
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at)
  })

  it('sorts ids of later milliseconds after earlier ones, as text', () => {
    const t = Date.parse('2026-11-25T08:00:00Z')
    const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(t + i * 7))
    expect([...ids].sort()).toEqual(ids)
  })

  it('does not repeat within one millisecond', () => {
    const t = Date.now()
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(t)))
    expect(ids.size).toBe(10_000)
  })
})
