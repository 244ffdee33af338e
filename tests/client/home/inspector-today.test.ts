// The inspector's start page reads its day from the device: today's open tasks and today's own findings in the
// city's zone, from the recent end of the recordedAt index rather than every finding the device holds.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '@shared/domain'
import { db, type Task } from '../../../client/src/db/db'
import { dayFor, inspectorDay, readDayAhead, takeDayAhead } from '../../../client/src/features/home/inspector-today'
import { CITY_TIME_ZONE } from '../../../client/src/features/shell/time-format'
import { finding } from '../../support/fixtures'

const ME = '0b6f3e2a-5c1d-4a8e-9f47-2e8d1c6b3a90'
const OTHER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'
const NOW = Date.parse('2026-11-25T09:00:00+08:00')

const local = (recordedAt: string, patch: Parameters<typeof finding>[1] = {}, inspector = ME) => ({
  ...finding(inspector, { recordedAt, ...patch }),
  pending: 0 as const,
  touchedAt: 0,
})
const task = (id: string, patch: Partial<Task> = {}): Task => ({ id, kind: 'plan', title: id, districtCode: '230103', status: 'open', ...patch })

afterEach(async () => {
  await db.findings.clear()
  await db.tasks.clear()
})

describe('the inspector’s day', () => {
  it('keeps the city’s zone the policy’s', () => {
    expect(CITY_TIME_ZONE).toBe(DEFAULT_POLICY.timeZone)
  })

  it('counts today’s own findings whatever offset they were written with, and nothing older or not theirs', async () => {
    await db.findings.bulkPut([
      local('2026-11-25T00:10:00+08:00'),
      // 00:20 in Harbin, written in UTC: the day before by its date.
      local('2026-11-24T16:20:00Z'),
      local('2026-11-25T08:59:00+08:00'),
      local('2026-11-24T23:50:00+08:00'),
      local('2026-11-24T15:59:59.999Z'),
      local('2026-11-25T08:00:00+08:00', { status: 'voided' }),
      local('2026-11-25T08:00:00+08:00', {}, OTHER),
      local('2026-08-06T08:16:24+08:00'),
    ])
    expect((await inspectorDay(ME, NOW)).recordedToday).toBe(3)
    expect((await inspectorDay(OTHER, NOW)).recordedToday).toBe(1)
    // The next morning none of them is today's.
    expect((await inspectorDay(ME, NOW + 86_400_000)).recordedToday).toBe(0)
  })

  it('lists open tasks due today, overdue or undated, soonest first', async () => {
    await db.tasks.bulkPut([
      task('undated'),
      task('today', { dueAt: '2026-11-25T17:00:00+08:00' }),
      task('overdue', { kind: 'reinspection', dueAt: '2026-11-23T17:00:00+08:00' }),
      task('tomorrow', { dueAt: '2026-11-26T09:00:00+08:00' }),
      task('done', { status: 'done', dueAt: '2026-11-25T10:00:00+08:00' }),
    ])
    expect((await inspectorDay(ME, NOW)).tasks.map((t) => t.id)).toEqual(['overdue', 'today', 'undated'])
  })

  it('hands the day read at start to the first start page only, and only while it is fresh', async () => {
    await db.findings.bulkPut([local(new Date().toISOString())])
    await readDayAhead()
    const read = takeDayAhead()
    expect(read && dayFor(read, ME).recordedToday).toBe(1)
    expect(takeDayAhead()).toBeNull()
    await readDayAhead()
    expect(takeDayAhead(Date.now() + 60_000)).toBeNull()
  })
})
