// How a sheet reads: the countdown and the deadline in the city's time zone, the order of the list, filters and
// counts by status, the state of its last step on the way to the server, and the re-inspection list.
import { describe, expect, it } from 'vitest'
import type { RectificationOrder } from '@shared/domain'
import type { LocalRectification } from '../../../client/src/db/db'
import { drawSheetMap } from '../../../client/src/features/rectify/sheet-map'
import {
  byDeadline,
  cityTime,
  countByStatus,
  countdown,
  filterSheets,
  reinspectionRows,
  sheetSync,
} from '../../../client/src/features/rectify/sheet-view'
import { linesByLoss, yuan } from '../../../client/src/features/district/district-summary'

const ZONE = 'Asia/Shanghai'

function sheet(id: string, status: RectificationOrder['status'], deadline: string, extra: Partial<LocalRectification> = {}): LocalRectification {
  const order: RectificationOrder = {
    id,
    number: `哈城考〔2026〕11-${id.padStart(3, '0')}`,
    districtCode: '230103',
    findingIds: ['f1'],
    requirements: '清理',
    deadline,
    issuedBy: 'lina',
    issuedAt: '2026-11-20T10:00:00+08:00',
    status,
    afterPhotos: [],
    rectificationNote: '',
    reworkCount: 0,
    overdueRounds: [],
  }
  return { order, server: order, districtName: { zh: '南岗区', en: 'Nangang' }, findings: [], id, status, deadline, districtCode: '230103', pending: 0, touchedAt: 0, ...extra }
}

describe('countdown', () => {
  const now = Date.parse('2026-11-24T10:00:00+08:00')

  it('counts days, hours and minutes left, rounding a part minute up', () => {
    expect(countdown('2026-11-26T13:30:00+08:00', now, ZONE)).toMatchObject({ late: false, days: 2, hours: 3, minutes: 30, urgent: false, dayOffset: 2 })
    expect(countdown('2026-11-24T10:00:30+08:00', now, ZONE)).toMatchObject({ late: false, days: 0, hours: 0, minutes: 1, urgent: true, dayOffset: 0 })
  })

  it('counts time past the deadline once it has passed', () => {
    expect(countdown('2026-11-23T08:45:00+08:00', now, ZONE)).toMatchObject({ late: true, days: 1, hours: 1, minutes: 15, urgent: false, dayOffset: -1 })
    expect(countdown('2026-11-24T10:00:00+08:00', now, ZONE)).toMatchObject({ late: true, days: 0, hours: 0, minutes: 0 })
  })

  it('says which city day the deadline falls on, not the UTC day', () => {
    // 23:30 UTC on the 24th is 07:30 on the 25th in Harbin: tomorrow, not today.
    expect(countdown('2026-11-24T23:30:00Z', now, ZONE).dayOffset).toBe(1)
    // 16:30 UTC on the 24th is 00:30 on the 25th local: tomorrow, though fewer than 15 hours away.
    const c = countdown('2026-11-24T16:30:00Z', now, ZONE)
    expect(c).toMatchObject({ dayOffset: 1, days: 0, hours: 14, minutes: 30, urgent: true })
    // In UTC the same instant is still the 24th.
    expect(countdown('2026-11-24T16:30:00Z', now, 'UTC').dayOffset).toBe(0)
  })

  it('shows the deadline in the city time, with the year only when it is another', () => {
    expect(cityTime('2026-11-24T16:30:00Z', ZONE, now)).toBe('11-25 00:30')
    expect(cityTime('2027-01-05T10:00:00Z', ZONE, now)).toBe('2027-01-05 18:00')
  })
})

describe('the list', () => {
  const rows = [
    sheet('3', 'submitted', '2026-11-25T18:00:00+08:00'),
    sheet('1', 'new', '2026-11-28T18:00:00+08:00'),
    sheet('2', 'overdue', '2026-11-22T18:00:00+08:00'),
    sheet('4', 'closed', '2026-11-21T18:00:00+08:00'),
    sheet('5', 'in_progress', '2026-11-28T10:00:00Z'),
  ]

  it('puts the nearest deadline first, comparing instants whatever their offsets', () => {
    expect(byDeadline(rows).map((r) => r.id)).toEqual(['4', '2', '3', '1', '5'])
  })

  it('filters unfinished, by status, or shows all, and counts each', () => {
    expect(filterSheets(rows, 'active').map((r) => r.id).sort()).toEqual(['1', '2', '3', '5'])
    expect(filterSheets(rows, 'overdue').map((r) => r.id)).toEqual(['2'])
    expect(filterSheets(rows, 'all')).toHaveLength(5)
    expect(countByStatus(rows)).toEqual({ new: 1, in_progress: 1, submitted: 1, verified: 0, overdue: 1, closed: 1, active: 4, all: 5 })
  })
})

describe('the state of a sheet’s last step', () => {
  const after = 'c'.repeat(64)
  const submitted = (extra: Partial<LocalRectification> = {}) => {
    const s = sheet('9', 'submitted', '2026-11-25T18:00:00+08:00', extra)
    s.order = { ...s.order, afterPhotos: [after] }
    return s
  }

  it('is on the device while a step waits, photo uploading while a named photo is not confirmed, then synced', () => {
    expect(sheetSync(submitted({ pending: 1 }), [{ sha256: after, done: 0 }])).toBe('on_device')
    expect(sheetSync(submitted(), [{ sha256: after, done: 0 }])).toBe('photo_uploading')
    expect(sheetSync(submitted(), [{ sha256: after, done: 1 }, { sha256: 'd'.repeat(64), done: 0 }])).toBe('synced')
  })

  it('shows a refusal before anything else', () => {
    expect(sheetSync(submitted({ pending: 1, rejection: { code: 'bad_status', zh: '已复查', en: 'verified' } }))).toBe('refused')
  })
})

describe('re-inspection tasks', () => {
  it('lists submitted sheets nearest deadline first, and the ones decided here until they sync', () => {
    const decided = sheet('7', 'closed', '2026-11-20T18:00:00+08:00', { pending: 1, touchedAt: 5 })
    decided.order = { ...decided.order, status: 'closed', verification: { result: 'pass', inspectorId: 'zw', at: '2026-11-24T10:00:00+08:00', note: '', photos: [] } }
    const done = sheet('8', 'closed', '2026-11-20T18:00:00+08:00')
    const rows = [sheet('6', 'submitted', '2026-11-29T18:00:00+08:00'), decided, done, sheet('5', 'submitted', '2026-11-26T18:00:00+08:00'), sheet('4', 'new', '2026-11-21T18:00:00+08:00')]
    const { waiting, decided: mine } = reinspectionRows(rows)
    expect(waiting.map((r) => r.id)).toEqual(['5', '6'])
    expect(mine.map((r) => r.id)).toEqual(['7'])
  })
})

describe('the sheet’s map', () => {
  it('frames the points with a walkable area around them and draws the boundary', () => {
    const boundary = [[[[126.6, 45.7], [126.7, 45.7], [126.7, 45.8], [126.6, 45.8], [126.6, 45.7]]]] as [number, number][][][]
    const map = drawSheetMap([{ lat: 45.75, lng: 126.65, label: '1' }, { lat: 45.7501, lng: 126.6501, label: '2' }], boundary, 640, 320)!
    expect(map.points.map((p) => p.label)).toEqual(['1', '2'])
    // Two points 14 m apart stay apart and inside the frame, near its centre.
    for (const p of map.points) {
      expect(p.x).toBeGreaterThan(280)
      expect(p.x).toBeLessThan(360)
      expect(p.y).toBeGreaterThan(120)
      expect(p.y).toBeLessThan(200)
    }
    expect(map.points[0]!.y).toBeGreaterThan(map.points[1]!.y) // north is up
    expect(map.boundary.startsWith('M')).toBe(true)
    expect(map.boundary.endsWith('Z')).toBe(true)
    expect(map.scale.metres).toBeGreaterThan(0)
  })

  it('draws nothing without points or a boundary', () => {
    expect(drawSheetMap([], null)).toBeNull()
  })
})

describe('the district page’s figures', () => {
  it('shows fen as yuan with separators', () => {
    expect(yuan(1234567)).toBe('12,345.67')
    expect(yuan(5)).toBe('0.05')
    expect(yuan(0)).toBe('0.00')
  })

  it('puts the line that lost most first', () => {
    const lines = [
      { line: 'sanitation' as const, lineName: { zh: '环卫', en: 'Sanitation' }, score: '98.000', deducted: 2000 },
      { line: 'roads' as const, lineName: { zh: '道桥', en: 'Roads' }, score: '94.500', deducted: 5500 },
      { line: 'appearance' as const, lineName: { zh: '市容', en: 'Appearance' }, score: '100.000', deducted: 0 },
    ]
    expect(linesByLoss(lines).map((l) => l.line)).toEqual(['roads', 'sanitation', 'appearance'])
  })
})
