// The issue form's rules and the deadline in the city's time: what is refused before sending, where a server issue
// shows, and that a wall-clock deadline in Harbin is the same instant whatever zone the computer is in.
import { describe, expect, it } from 'vitest'
import { RectificationOrder } from '@shared/domain'
import { daysLeft, defaultDeadline, instantToLocal, localText, localToInstant } from '../../../client/src/features/sheets/deadline'
import { addFindings, checkForm, fieldOf, issueBody, matches, type PickedFinding, type SheetForm } from '../../../client/src/features/sheets/sheet-form'

const ZONE = 'Asia/Shanghai'
const NOW = Date.parse('2026-11-25T09:00:00+08:00')

let n = 0
function picked(patch: Partial<PickedFinding> = {}): PickedFinding {
  n++
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    lat: 45.75, lng: 126.65, districtCode: '230103', line: 'sanitation', itemCode: 'HW-03',
    itemName: { zh: '路面漏扫', en: 'Missed spots' }, quantity: 1, deduction: 2000, status: 'confirmed',
    inspectorName: '张伟', recordedAt: '2026-11-20T09:30:00+08:00', month: '2026-11', street: '红军街', photos: [],
    ...patch,
  }
}

const form = (patch: Partial<SheetForm> = {}): SheetForm => ({ findings: [picked()], date: '2026-12-02', time: '18:00', requirements: '立即清理。', ...patch })
const keys = (f: SheetForm, now = NOW) => checkForm(f, now, ZONE).map((i) => `${i.field.startsWith('finding:') ? 'finding' : i.field}:${i.key}`)

describe('the deadline in the city’s time', () => {
  it('turns a Harbin wall-clock time into an instant with the city’s offset', () => {
    expect(localToInstant('2026-12-02', '18:00', ZONE)).toBe('2026-12-02T18:00:00+08:00')
    expect(Date.parse(localToInstant('2026-12-02', '18:00', ZONE)!)).toBe(Date.parse('2026-12-02T10:00:00Z'))
    expect(localToInstant('2027-01-01', '00:30', ZONE)).toBe('2027-01-01T00:30:00+08:00')
  })

  it('follows the zone it is given, daylight saving included, and refuses times that do not exist', () => {
    expect(localToInstant('2026-07-01', '09:00', 'Europe/Berlin')).toBe('2026-07-01T09:00:00+02:00')
    expect(localToInstant('2026-01-15', '09:00', 'Europe/Berlin')).toBe('2026-01-15T09:00:00+01:00')
    // 02:30 on the last Sunday of March does not exist in Berlin.
    expect(localToInstant('2026-03-29', '02:30', 'Europe/Berlin')).toBeNull()
    expect(localToInstant('2026-11-31', '10:00', ZONE)).toBeNull()
    expect(localToInstant('2026-11-30', '24:00', ZONE)).toBeNull()
    expect(localToInstant('', '10:00', ZONE)).toBeNull()
  })

  it('reads an instant back as the city’s date and time, and proposes a week ahead at 18:00', () => {
    expect(instantToLocal('2026-12-02T10:00:00Z', ZONE)).toEqual({ date: '2026-12-02', time: '18:00' })
    expect(localText('2026-11-30T16:30:00Z', ZONE)).toBe('2026-12-01 00:30')
    // 23:30 UTC on the 24th is already the 25th in Harbin.
    expect(defaultDeadline(Date.parse('2026-11-24T23:30:00Z'), ZONE)).toEqual({ date: '2026-12-02', time: '18:00' })
    expect(defaultDeadline(Date.parse('2026-12-28T04:00:00Z'), ZONE, 7, '12:00')).toEqual({ date: '2027-01-04', time: '12:00' })
  })

  it('counts the days left, zero on the last day and negative once passed', () => {
    expect(daysLeft('2026-12-02T18:00:00+08:00', NOW)).toBe(7)
    expect(daysLeft('2026-11-25T18:00:00+08:00', NOW)).toBe(0)
    expect(daysLeft('2026-11-24T18:00:00+08:00', NOW)).toBe(-1)
  })
})

describe('the issue form', () => {
  it('accepts a complete form and builds the request the server’s schema takes', () => {
    const f = form()
    expect(checkForm(f, NOW, ZONE)).toEqual([])
    const body = issueBody({ ...f, requirements: '  立即清理。 \n' }, '0193a5b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b', ZONE)
    expect(body).toEqual({ id: '0193a5b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b', findingIds: [f.findings[0]!.id], requirements: '立即清理。', deadline: '2026-12-02T18:00:00+08:00' })
    // What the server will store fits the shared record.
    const order = { ...body, number: '哈城考〔2026〕11-001', districtCode: '230103', issuedBy: f.findings[0]!.id, issuedAt: new Date(NOW).toISOString() }
    expect(RectificationOrder.safeParse(order).success).toBe(true)
  })

  it('asks for findings, requirements and a deadline, each beside its field', () => {
    expect(keys(form({ findings: [], requirements: '   ', date: '' }))).toEqual(['findings:noFindings', 'requirements:requirementsEmpty', 'deadline:deadlineMissing'])
    expect(keys(form({ requirements: 'x'.repeat(2001) }))).toEqual(['requirements:requirementsTooLong'])
    expect(keys(form({ findings: Array.from({ length: 101 }, () => picked()) }))).toEqual(['findings:tooMany'])
  })

  it('refuses a deadline past, too far ahead, or not a time in the city', () => {
    expect(keys(form({ date: '2026-11-25', time: '08:59' }))).toEqual(['deadline:deadlinePast'])
    expect(keys(form({ date: '2026-11-25', time: '09:01' }))).toEqual([])
    expect(keys(form({ date: '2027-11-27' }))).toEqual(['deadline:deadlineTooFar'])
    expect(keys(form({ date: '2026-02-30' }))).toEqual(['deadline:deadlineInvalid'])
  })

  it('names each finding that cannot go on the sheet: another district, not confirmed, already on a sheet', () => {
    const a = picked()
    const b = picked({ districtCode: '230102' })
    const c = picked({ status: 'submitted' })
    const d = picked({ onSheet: { id: 'x', number: '哈城考〔2026〕11-003' } })
    const issues = checkForm(form({ findings: [a, b, c, d] }), NOW, ZONE)
    expect(issues).toEqual([
      { field: `finding:${b.id}`, key: 'otherDistrict' },
      { field: `finding:${c.id}`, key: 'notConfirmed', values: { status: 'submitted' } },
      { field: `finding:${d.id}`, key: 'onSheet', values: { number: '哈城考〔2026〕11-003' } },
    ])
  })

  it('places the server’s issues: findingIds[i] beside the i-th finding sent', () => {
    const sent = ['a', 'b', 'c']
    expect(fieldOf({ field: 'findingIds[1]' }, sent)).toBe('finding:b')
    expect(fieldOf({ field: 'findingIds[7]' }, sent)).toBe('findings')
    expect(fieldOf({ field: 'findingIds' }, sent)).toBe('findings')
    expect(fieldOf({ field: 'deadline' }, sent)).toBe('deadline')
    expect(fieldOf({ field: 'id' }, sent)).toBe('form')
  })

  it('adds findings once each, in order, and searches street, code and name', () => {
    const a = picked()
    const b = picked({ street: '中央大街', itemCode: 'SR-12', itemName: { zh: '废弃车辆占道', en: 'Abandoned vehicles' } })
    expect(addFindings([a], [b, a, b]).map((f) => f.id)).toEqual([a.id, b.id])
    expect(matches(b, '中央')).toBe(true)
    expect(matches(b, 'sr-12')).toBe(true)
    expect(matches(b, 'abandoned')).toBe(true)
    expect(matches(b, '红军')).toBe(false)
    expect(matches(b, '  ')).toBe(true)
  })
})
