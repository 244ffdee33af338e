// The workspace's filters: what the address keeps, what each filter lets through (the server's rule that no
// status means every status but void), the counts on the status chips, and the choices offered.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FINDING_STATUSES, LINES, type FindingStatus } from '@shared/domain'
import {
  defaultFilters,
  filterRows,
  filtersFromQuery,
  filtersToQuery,
  inspectorOptions,
  isFiltered,
  itemOptions,
  statusCounts,
  type ReviewFilters,
} from '../../../client/src/features/review/filters'
import { row } from './rows'

const M = '2026-11'

describe('filters in the address', () => {
  it('leaves a plain address plain and gives every filter back', () => {
    expect(filtersToQuery(defaultFilters(M), M)).toEqual({})
    const f: ReviewFilters = {
      month: '2026-10',
      district: '230103',
      line: 'roads',
      item: 'DQ-15',
      status: ['submitted', 'sent_back'],
      inspector: '0b6f3e2a-5c1d-4a8e-9f47-2e8d1c6b3a90',
      photo: 'without',
      duplicates: true,
    }
    const q = filtersToQuery(f, M)
    expect(q).toEqual({
      month: '2026-10',
      district: '230103',
      line: 'roads',
      item: 'DQ-15',
      status: 'submitted,sent_back',
      inspector: '0b6f3e2a-5c1d-4a8e-9f47-2e8d1c6b3a90',
      photo: 'without',
      dup: '1',
    })
    expect(filtersFromQuery(q, M)).toEqual(f)
  })

  it('ignores what the schemas refuse instead of filtering by nonsense', () => {
    const f = filtersFromQuery(
      { month: '2026-13', district: '2301', line: 'parks', item: 'hw03', status: 'submitted,lost,submitted', inspector: 'me', photo: 'maybe', dup: 'yes' },
      M,
    )
    expect(f).toEqual({ ...defaultFilters(M), status: ['submitted'] })
    expect(filtersFromQuery({ month: ['2026-09', '2026-10'] }, M).month).toBe('2026-09')
  })

  it('round-trips any filters through the address', () => {
    const filters = fc.record({
      month: fc.constantFrom('2026-09', '2026-10', M),
      district: fc.constantFrom('', '230102', '230103'),
      line: fc.constantFrom('' as const, ...LINES),
      item: fc.constantFrom('', 'HW-03', 'ZF-16'),
      status: fc.uniqueArray(fc.constantFrom(...FINDING_STATUSES), { maxLength: 5 }),
      inspector: fc.constantFrom('', '5e9a1d3c-7b2f-4c60-8d15-3a7f9e0b4c26'),
      photo: fc.constantFrom('any' as const, 'with' as const, 'without' as const),
      duplicates: fc.boolean(),
    })
    fc.assert(
      fc.property(filters, (f) => {
        expect(filtersFromQuery(filtersToQuery(f, M), M)).toEqual(f)
      }),
    )
  })
})

describe('filtering rows', () => {
  const rows = [
    row({ id: 'a', districtCode: '230103', line: 'sanitation', itemCode: 'HW-03', status: 'submitted', photos: ['p'], recordedAt: '2026-11-03T09:00:00+08:00' }),
    row({ id: 'b', districtCode: '230102', line: 'roads', itemCode: 'DQ-15', status: 'confirmed', inspectorId: 'i2', recordedAt: '2026-11-05T09:00:00+08:00' }),
    row({ id: 'c', districtCode: '230103', line: 'sanitation', itemCode: 'HW-03', status: 'voided', recordedAt: '2026-11-04T09:00:00+08:00' }),
    row({ id: 'd', districtCode: '230103', line: 'roads', itemCode: 'DQ-15', status: 'sent_back', possibleDuplicate: true, recordedAt: '2026-11-04T09:00:00+08:00' }),
    row({ id: 'e', month: '2026-10', recordedAt: '2026-10-30T09:00:00+08:00' }),
  ]
  const ids = (f: Partial<ReviewFilters>) => filterRows(rows, { ...defaultFilters(M), ...f }).map((r) => r.id)

  it('shows the month newest first, every status but void unless void is asked for', () => {
    expect(ids({})).toEqual(['b', 'd', 'a'])
    expect(ids({ status: ['voided'] })).toEqual(['c'])
    expect(ids({ status: ['voided', 'submitted'] })).toEqual(['c', 'a'])
    expect(ids({ month: '2026-10' })).toEqual(['e'])
  })

  it('narrows by each filter', () => {
    expect(ids({ district: '230103' })).toEqual(['d', 'a'])
    expect(ids({ line: 'roads' })).toEqual(['b', 'd'])
    expect(ids({ item: 'HW-03' })).toEqual(['a'])
    expect(ids({ inspector: 'i2' })).toEqual(['b'])
    expect(ids({ photo: 'with' })).toEqual(['a'])
    expect(ids({ photo: 'without' })).toEqual(['b', 'd'])
    expect(ids({ duplicates: true })).toEqual(['d'])
    expect(ids({ district: '230103', line: 'roads', status: ['sent_back'] })).toEqual(['d'])
  })

  it('orders rows recorded at the same moment by id, as the server does', () => {
    const same = [row({ id: 'x1' }), row({ id: 'x3' }), row({ id: 'x2' })]
    expect(filterRows(same, defaultFilters(M)).map((r) => r.id)).toEqual(['x3', 'x2', 'x1'])
  })

  it('counts each status under the other filters, whatever status is chosen', () => {
    const counts = statusCounts(rows, { ...defaultFilters(M), district: '230103', status: ['submitted'] })
    expect(counts).toEqual({ submitted: 1, confirmed: 0, rejected: 0, sent_back: 1, voided: 1 } satisfies Record<FindingStatus, number>)
  })

  it('offers the month’s items and inspectors, named, once each', () => {
    const month = rows.filter((r) => r.month === M)
    expect(itemOptions(month, 'zh')).toEqual([
      { value: 'DQ-15', label: 'DQ-15 项目DQ-15' },
      { value: 'HW-03', label: 'HW-03 项目HW-03' },
    ])
    expect(itemOptions(month, 'en')[0]!.label).toBe('DQ-15 item DQ-15')
    expect(inspectorOptions(month).map((o) => o.value).sort()).toEqual(['i1', 'i2'])
    expect(isFiltered(defaultFilters(M))).toBe(false)
    expect(isFiltered({ ...defaultFilters(M), photo: 'with' })).toBe(true)
  })
})
