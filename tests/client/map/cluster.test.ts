import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { STATE_URGENCY, gridClusters, mostUrgent } from '../../../client/src/features/map/cluster'
import { FINDING_STATES } from '../../../client/src/features/map/marker-state'

describe('gridClusters', () => {
  it('groups points by grid square and places each group at its members’ mean', () => {
    const clusters = gridClusters(
      [
        { item: 'a', x: 1, y: 1 },
        { item: 'b', x: 43, y: 43 },
        { item: 'c', x: 44, y: 0 },
        { item: 'd', x: 10, y: 30 },
      ],
      44,
    )
    expect(clusters).toEqual([
      { items: ['a', 'b', 'd'], x: 18, y: 74 / 3 },
      { items: ['c'], x: 44, y: 0 },
    ])
  })

  it('keeps every point exactly once, whatever the points', () => {
    const point = fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) })
    fc.assert(
      fc.property(fc.array(point, { maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (pts, cell) => {
        const clusters = gridClusters(pts.map((p, i) => ({ item: i, ...p })), cell)
        const items = clusters.flatMap((c) => c.items).sort((a, b) => a - b)
        return items.length === pts.length && items.every((v, i) => v === i)
      }),
    )
  })
})

describe('mostUrgent', () => {
  it('ranks every state once', () => {
    expect([...STATE_URGENCY].sort()).toEqual([...FINDING_STATES].sort())
  })

  it('shows what needs the inspector first', () => {
    expect(mostUrgent(['confirmed', 'sent_back', 'on_device'])).toBe('sent_back')
    expect(mostUrgent(['confirmed', 'voided'])).toBe('confirmed')
    expect(mostUrgent(['synced', 'refused'])).toBe('refused')
  })
})
