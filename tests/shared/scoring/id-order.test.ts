// The radix order of ids must be exactly the order of `<` on strings, for any text.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { canonicalOrder } from '@shared/scoring'

const byLess = (ids: string[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

describe('canonicalOrder', () => {
  it('sorts UUIDs and look-alikes like `<`', () => {
    const ids = ['b', 'a', 'ab', 'a\u0000', 'aa', '', 'A', 'z\u00ff', 'z\u007f', 'z\u007fa', 'z\u0080', '00000000-0000-4000-8000-000000000010', '00000000-0000-4000-8000-00000000000f']
    expect(Array.from(canonicalOrder(ids), (i) => ids[i])).toEqual(byLess(ids))
  })

  it('agrees with `<` for arbitrary strings, shared prefixes and repeats', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 14 }),
      fc.uuid(),
      fc.string({ unit: fc.constantFrom('a', 'b', '\u007f', '\u0080', '\uffff'), maxLength: 14 }),
      fc.integer({ min: 0, max: 50 }).map((n) => `finding-${String(n).padStart(6, '0')}`),
    )
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), (ids) => {
        expect(Array.from(canonicalOrder(ids), (i) => ids[i])).toEqual(byLess(ids))
      }),
      { numRuns: 300 },
    )
  })
})
