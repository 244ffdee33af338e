// The appeal window as the district sees it before filing: open while the month is unpublished, then until
// appealWindowDays after publication; the months worth asking about; the policy of a month.
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, type ScoringPolicy } from '@shared/domain'
import { appealWindow, candidateMonths, daysLeft, isOpen, policyForMonth } from '../../../client/src/features/appeals/appeal-window'

const DAY = 86_400_000
const published = '2026-11-03T10:00:00+08:00'
const at = Date.parse(published)

describe('appeal window', () => {
  it('is open before the month is published, whatever the date', () => {
    const w = appealWindow(null, 5, Date.parse('2027-06-01T00:00:00Z'))
    expect(w).toEqual({ state: 'unpublished', days: 5 })
    expect(isOpen(w)).toBe(true)
    expect(daysLeft(w)).toBeNull()
  })

  it('closes exactly appealWindowDays after publication', () => {
    expect(appealWindow(published, 5, at)).toEqual({ state: 'open', closesAt: at + 5 * DAY, days: 5 })
    expect(appealWindow(published, 5, at + 5 * DAY - 1).state).toBe('open')
    expect(appealWindow(published, 5, at + 5 * DAY)).toEqual({ state: 'closed', closedAt: at + 5 * DAY, days: 5 })
    expect(isOpen(appealWindow(published, 5, at + 6 * DAY))).toBe(false)
  })

  it('is closed at once when the policy allows no days', () => {
    expect(appealWindow(published, 0, at).state).toBe('closed')
  })

  it('counts a started day as a day left', () => {
    expect(daysLeft(appealWindow(published, 5, at), at)).toBe(5)
    expect(daysLeft(appealWindow(published, 5, at + 1), at + 1)).toBe(5)
    expect(daysLeft(appealWindow(published, 5, at + 4 * DAY + 1), at + 4 * DAY + 1)).toBe(1)
    expect(daysLeft(appealWindow(published, 5, at + 5 * DAY - 1), at + 5 * DAY - 1)).toBe(1)
  })
})

describe('candidate months', () => {
  it('are this month in the city’s zone and the two before, for a short window', () => {
    // 1 December 07:00 in Harbin is still 30 November in UTC: the month is December.
    const now = Date.parse('2026-11-30T23:00:00Z')
    expect(candidateMonths(now, 'Asia/Shanghai', 5)).toEqual(['2026-12', '2026-11', '2026-10'])
    expect(candidateMonths(now, 'UTC', 5)).toEqual(['2026-11', '2026-10', '2026-09'])
  })

  it('reach further back for a long window, across a year', () => {
    expect(candidateMonths(Date.parse('2027-01-15T00:00:00Z'), 'Asia/Shanghai', 60)).toEqual(['2027-01', '2026-12', '2026-11', '2026-10', '2026-09'])
  })
})

describe('policy of a month', () => {
  const v1: ScoringPolicy = { ...DEFAULT_POLICY, version: 1, effectiveFrom: '2026-01', appealWindowDays: 5 }
  const v2: ScoringPolicy = { ...DEFAULT_POLICY, version: 2, effectiveFrom: '2026-11', appealWindowDays: 10 }

  it('is the newest version in force from that month', () => {
    expect(policyForMonth([v2, v1], '2026-10')?.appealWindowDays).toBe(5)
    expect(policyForMonth([v1, v2], '2026-11')?.appealWindowDays).toBe(10)
    expect(policyForMonth([v1, v2], '2027-03')?.version).toBe(2)
  })

  it('falls back to the oldest held for a month before every policy, and to nothing without one', () => {
    expect(policyForMonth([v2, v1], '2025-06')?.version).toBe(1)
    expect(policyForMonth([], '2026-11')).toBeNull()
  })
})
