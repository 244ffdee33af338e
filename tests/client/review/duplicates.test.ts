// Possible duplicates as the list groups them: pairs that share a finding form one group, groups and their members
// in time order, every flagged finding in exactly one group; and the merge rules checked before a button is offered.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { flagDuplicates, groupDuplicates, mergeProblem, orderByGroup } from '../../../client/src/features/review/duplicates'
import type { DuplicatePairView, FindingRow } from '../../../client/src/features/review/types'
import { row } from './rows'

const at = (id: string, minute: number): FindingRow => row({ id, recordedAt: `2026-11-10T09:${String(minute).padStart(2, '0')}:00+08:00`, possibleDuplicate: true })
const pair = (a: FindingRow, b: FindingRow, metres = 10, minutes = 5): DuplicatePairView => ({ a, b, metres, minutes, mergeable: a.districtCode === b.districtCode })

describe('duplicate groups', () => {
  it('joins pairs that share a finding, members and groups in time order', () => {
    const a = at('a', 10), b = at('b', 20), c = at('c', 25), x = at('x', 5), y = at('y', 8)
    const index = groupDuplicates([pair(b, c), pair(a, b), pair(x, y)])
    expect(index.groups.map((g) => [g.n, g.ids])).toEqual([
      [1, ['x', 'y']],
      [2, ['a', 'b', 'c']],
    ])
    expect(index.groupOf.get('c')?.n).toBe(2)
    expect(index.groupOf.get('c')?.pairs.map((p) => [p.a, p.b])).toEqual([['b', 'c'], ['a', 'b']])
    expect(index.groupOf.has('z')).toBe(false)
    expect(groupDuplicates([]).groups).toEqual([])
  })

  it('keeps each group together in the list, unflagged rows after them as they were', () => {
    const a = at('a', 10), b = at('b', 20), c = at('c', 25), x = at('x', 5), y = at('y', 8)
    const index = groupDuplicates([pair(a, b), pair(x, y), pair(b, c)])
    const listed = [c, row({ id: 'p' }), b, y, row({ id: 'q' }), a, x]
    expect(orderByGroup(listed, index).map((r) => r.id)).toEqual(['x', 'y', 'a', 'b', 'c', 'p', 'q'])
  })

  it('puts every finding of any set of pairs in exactly one group, with its partners', () => {
    const ids = 'abcdefghij'.split('')
    const arb = fc.uniqueArray(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)).filter(([p, q]) => p !== q), { maxLength: 20 })
    fc.assert(
      fc.property(arb, (edges) => {
        const rows = new Map(ids.map((id, i) => [id, at(id, i)]))
        const index = groupDuplicates(edges.map(([p, q]) => pair(rows.get(p)!, rows.get(q)!)))
        const seen = index.groups.flatMap((g) => g.ids)
        expect(new Set(seen).size).toBe(seen.length)
        for (const [p, q] of edges) expect(index.groupOf.get(p)).toBe(index.groupOf.get(q))
        expect(index.groups.map((g) => g.n)).toEqual(index.groups.map((_, i) => i + 1))
        // Within a group every member is reachable from the first through its pairs.
        for (const g of index.groups) {
          const reached = new Set([g.ids[0]!])
          for (let changed = true; changed; ) {
            changed = false
            for (const p of g.pairs) {
              if (reached.has(p.a) !== reached.has(p.b)) {
                reached.add(p.a).add(p.b)
                changed = true
              }
            }
          }
          expect([...reached].sort()).toEqual([...g.ids].sort())
        }
      }),
    )
  })
})

describe('flags after the pairs change', () => {
  it('flags a partner the live notice did not name and unflags one no longer paired, leaving the rest as they are', () => {
    const a = row({ id: 'a' }), b = row({ id: 'b', possibleDuplicate: true }), c = row({ id: 'c' }), old = row({ id: 'o', month: '2026-10', possibleDuplicate: true })
    const rows = new Map([a, b, c, old].map((r) => [r.id, r]))
    const index = groupDuplicates([pair(at('a', 1), at('c', 2))])
    const next = flagDuplicates(rows, index, '2026-11')
    expect([...next.values()].map((r) => [r.id, r.possibleDuplicate])).toEqual([['a', true], ['b', false], ['c', true], ['o', true]])
    expect(next.get('o')).toBe(old)
    expect(rows.get('a')!.possibleDuplicate).toBe(false)
    expect(flagDuplicates(next, index, '2026-11')).toBe(next)
  })
})

describe('merge rules', () => {
  const base = { id: 's', status: 'submitted', itemCode: 'HW-03', districtCode: '230103' }
  it('offers a merge only where the server would take it', () => {
    expect(mergeProblem(base, { ...base, id: 't' })).toBeNull()
    expect(mergeProblem(base, { ...base, id: 't', status: 'confirmed' })).toBeNull()
    expect(mergeProblem(base, base)).toBe('same')
    expect(mergeProblem({ ...base, status: 'voided' }, { ...base, id: 't' })).toBe('source_void')
    expect(mergeProblem(base, { ...base, id: 't', status: 'voided' })).toBe('target_void')
    expect(mergeProblem(base, { ...base, id: 't', status: 'rejected' })).toBe('target_rejected')
    expect(mergeProblem(base, { ...base, id: 't', itemCode: 'HW-05' })).toBe('other_item')
    expect(mergeProblem(base, { ...base, id: 't', districtCode: '230102' })).toBe('other_district')
  })
})
