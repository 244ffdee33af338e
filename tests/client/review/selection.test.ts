// What is selected in the workspace: the one finding in focus shared by map and list, the ticks a batch acts on,
// and when each side moves to show the other's choice.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  confirmable,
  keepListed,
  moveFocus,
  needsPan,
  scrollToRow,
  sheetLink,
  sheetProblem,
  tickRange,
  toggle,
} from '../../../client/src/features/review/selection'
import { row } from './rows'

describe('ticks', () => {
  it('toggles one and ticks a range in list order from the last one ticked', () => {
    const order = ['a', 'b', 'c', 'd', 'e']
    const one = toggle(new Set(), 'b')
    expect([...one]).toEqual(['b'])
    expect([...toggle(one, 'b')]).toEqual([])
    expect([...tickRange(one, order, 'b', 'd')].sort()).toEqual(['b', 'c', 'd'])
    expect([...tickRange(one, order, 'd', 'a')].sort()).toEqual(['a', 'b', 'c', 'd'])
    // No anchor yet, or an anchor no longer listed: just this one.
    expect([...tickRange(new Set(), order, null, 'c')]).toEqual(['c'])
    expect([...tickRange(new Set(), order, 'gone', 'c')]).toEqual(['c'])
  })

  it('lets go of ticks the list no longer shows, and keeps the same set when nothing changed', () => {
    const ticked = new Set(['a', 'b', 'c'])
    expect([...keepListed(ticked, ['a', 'c', 'x'])].sort()).toEqual(['a', 'c'])
    expect(keepListed(ticked, ['a', 'b', 'c', 'd'])).toBe(ticked)
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...'abcdefgh')), fc.uniqueArray(fc.constantFrom(...'abcdefgh')), (t, l) => {
        const kept = keepListed(new Set(t), l)
        for (const id of kept) expect(l.includes(id) && t.includes(id)).toBe(true)
        for (const id of t) if (l.includes(id)) expect(kept.has(id)).toBe(true)
      }),
    )
  })

  it('confirms only what a confirmation would change', () => {
    const rows = [row({ id: 'a' }), row({ id: 'b', status: 'confirmed' }), row({ id: 'c', status: 'voided' }), row({ id: 'd', status: 'rejected' }), row({ id: 'e', status: 'sent_back' })]
    expect(confirmable(rows).map((r) => r.id)).toEqual(['a', 'd', 'e'])
  })

  it('puts confirmed findings of one district on a sheet, and says why not otherwise', () => {
    expect(sheetProblem([])).toBe('none')
    expect(sheetProblem([row({ id: 'a', status: 'confirmed' }), row({ id: 'b' })])).toBe('unconfirmed')
    expect(sheetProblem([row({ id: 'a', status: 'confirmed' }), row({ id: 'b', status: 'confirmed', districtCode: '230102' })])).toBe('districts')
    expect(sheetProblem([row({ id: 'a', status: 'confirmed' }), row({ id: 'b', status: 'confirmed' })])).toBeNull()
    expect(sheetLink(['3f0c', 'a1b2'])).toBe('/sheets?findings=3f0c,a1b2')
  })
})

describe('focus between map and list', () => {
  it('moves with the arrow keys and stays at the ends', () => {
    const order = ['a', 'b', 'c']
    expect(moveFocus(order, null, 1)).toBe('a')
    expect(moveFocus(order, null, -1)).toBe('c')
    expect(moveFocus(order, 'a', 1)).toBe('b')
    expect(moveFocus(order, 'c', 1)).toBe('c')
    expect(moveFocus(order, 'a', -1)).toBe('a')
    expect(moveFocus(order, 'gone', 1)).toBe('a')
    expect(moveFocus([], 'a', 1)).toBeNull()
  })

  it('scrolls the list only when the row in focus is not wholly in view, and then centres it', () => {
    // Rows of 96 px in a 480 px list scrolled to 960: rows 10–14 are in view.
    expect(scrollToRow(10, 96, 480, 960)).toBeNull()
    expect(scrollToRow(14, 96, 480, 960)).toBeNull()
    expect(scrollToRow(15, 96, 480, 960)).toBe(15 * 96 - (480 - 96) / 2)
    expect(scrollToRow(9, 96, 480, 960)).toBe(9 * 96 - 192)
    expect(scrollToRow(0, 96, 480, 960)).toBe(0)
    expect(scrollToRow(-1, 96, 480, 0)).toBeNull()
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(1_000_000), (index, scroll) => {
        const target = scrollToRow(index, 96, 480, scroll)
        const top = target ?? scroll
        // After the scroll (or without one) the row is wholly visible.
        expect(index * 96 >= top && index * 96 + 96 <= top + 480).toBe(true)
      }),
    )
  })

  it('pans the map only for a point near or beyond its edge, or under the details on its right', () => {
    expect(needsPan(400, 300, 800, 600, 40)).toBe(false)
    expect(needsPan(20, 300, 800, 600, 40)).toBe(true)
    expect(needsPan(400, 590, 800, 600, 40)).toBe(true)
    expect(needsPan(700, 300, 800, 600, 40)).toBe(false)
    expect(needsPan(700, 300, 800, 600, 40, 200)).toBe(true)
  })
})
