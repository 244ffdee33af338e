import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, type Checklist } from '@shared/domain'
import { SEED_CHECKLISTS } from '@shared/seed'
import { currentChecklists } from '../../../client/src/features/record/catalog'
import { accuracyWarning, gpsErrorOf } from '../../../client/src/features/record/gps'
import { scaledSize, stampLines, stampPlace, stampTime } from '../../../client/src/features/record/stamp'
import { policyInForce } from '../../../client/src/features/record/use-reference'

describe('the evidence stamp', () => {
  it('gives the time in the city’s zone whatever the device’s offset', () => {
    expect(stampTime('2026-01-15T01:30:05Z', 'Asia/Shanghai')).toBe('2026-01-15 09:30:05 Asia/Shanghai')
    expect(stampTime('2026-10-31T23:00:00-01:00', 'Asia/Shanghai')).toBe('2026-11-01 08:00:00 Asia/Shanghai')
  })

  it('gives coordinates to six decimals with the accuracy, or says there was no fix', () => {
    expect(stampPlace({ lat: 45.7561234, lng: 126.6423456, accuracy: 7.6 })).toBe('45.756123, 126.642346 ±8 m')
    expect(stampPlace({ lat: NaN, lng: NaN, accuracy: NaN })).toContain('no fix')
  })

  it('has time, place, inspector and item, in that order', () => {
    const lines = stampLines(
      { at: '2026-01-15T09:30:00+08:00', lat: 45.75, lng: 126.65, accuracy: 5, inspector: '张伟', item: 'HW-03 路面漏扫' },
      'Asia/Shanghai',
    )
    expect(lines).toEqual(['2026-01-15 09:30:00 Asia/Shanghai', '45.750000, 126.650000 ±5 m', '张伟', 'HW-03 路面漏扫'])
  })

  it('scales the long side down to the configured size, never up', () => {
    expect(scaledSize(4032, 3024, 1600)).toEqual({ width: 1600, height: 1200 })
    expect(scaledSize(3024, 4032, 1600)).toEqual({ width: 1200, height: 1600 })
    expect(scaledSize(800, 600, 1600)).toEqual({ width: 800, height: 600 })
    expect(scaledSize(10_000, 3, 1600)).toEqual({ width: 1600, height: 1 })
  })
})

describe('GPS', () => {
  it('warns only beyond the policy’s threshold', () => {
    expect(accuracyWarning(50, 50)).toBe(false)
    expect(accuracyWarning(51, 50)).toBe(true)
    expect(accuracyWarning(null, 50)).toBe(false)
  })

  it('tells a refusal from a passing failure', () => {
    expect([1, 2, 3].map(gpsErrorOf)).toEqual(['denied', 'unavailable', 'timeout'])
  })
})

describe('reference data on the device', () => {
  it('offers, per line, the newest checklist version already in force', () => {
    const sanitation = SEED_CHECKLISTS[0]
    const v2: Checklist = { ...sanitation, version: 2, effectiveFrom: '2026-03' }
    const all = [...SEED_CHECKLISTS, v2]
    expect(currentChecklists(all, '2026-02').find((c) => c.line === 'sanitation')?.version).toBe(1)
    expect(currentChecklists(all, '2026-03').find((c) => c.line === 'sanitation')?.version).toBe(2)
    expect(currentChecklists(all, '2026-03').map((c) => c.line)).toEqual(['sanitation', 'landscaping', 'roads', 'appearance', 'enforcement'])
    expect(currentChecklists(all, '2025-12')).toEqual([])
  })

  it('takes the newest policy in force, and none before the first pull', () => {
    const later = { ...DEFAULT_POLICY, version: 2, effectiveFrom: '2099-01', gpsAccuracyWarnMetres: 20 }
    expect(policyInForce([])).toBeNull()
    expect(policyInForce([DEFAULT_POLICY, later], Date.parse('2026-05-01T00:00:00Z'))?.version).toBe(1)
    expect(policyInForce([DEFAULT_POLICY, later], Date.parse('2099-02-01T00:00:00Z'))?.version).toBe(2)
  })
})
