import { describe, expect, it } from 'vitest'
import { Finding, Instant } from '@shared/domain'
import { districtAt } from '@shared/geo'
import { deductionFor } from '@shared/scoring'
import { harbinDistrictCenters, harbinDistricts, SEED_CHECKLISTS } from '@shared/seed'
import { FindingChanges } from '@shared/sync/protocol'
import {
  buildFinding, changesFor, decideDistrict, formOf, localIso, parseQuantity, saveBlockers, type NewFindingContext,
} from '../../../client/src/features/record/build-finding'
import { entriesOf, findEntry, refOf } from '../../../client/src/features/record/catalog'
import { previewDeduction, pointsText } from '../../../client/src/features/record/deduction-preview'
import { emptyForm, type FormPhoto, type RecordForm } from '../../../client/src/features/record/record-form'

const entries = entriesOf(SEED_CHECKLISTS)
const entry = (code: string) => entries.find((e) => e.item.code === code)!
const districts = harbinDistricts()
const NANGANG = '230103'
const centre = harbinDistrictCenters()[NANGANG]
const here = { ...centre, accuracy: 8 }

const photo = (n: number): FormPhoto => ({
  sha256: n.toString(16).padStart(64, '0'),
  blob: new Blob([`photo ${n}`], { type: 'image/jpeg' }),
  mime: 'image/jpeg',
  size: 7,
  stamp: { at: '2026-01-15T09:30:00.000+08:00', lat: here.lat, lng: here.lng, accuracy: 8, inspector: '张伟', item: 'HW-03' },
})

function filled(code: string, patch: Partial<RecordForm> = {}): RecordForm {
  const e = entry(code)
  return { ...emptyForm(e.line, '中央大街'), item: refOf(e), quantity: '3', photos: [photo(1)], location: here, ...patch }
}

function ctx(code: string | null, form: RecordForm): NewFindingContext {
  return {
    entry: code ? entry(code) : null,
    detected: form.location ? districtAt(form.location, districts) : null,
    id: '5b0f8c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b',
    inspectorId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    deviceId: 'tab-test',
    now: new Date('2026-01-15T01:30:00Z'),
  }
}

describe('the finding built by the save logic', () => {
  it('validates against the shared Finding schema and carries deduction = deductionFor(quantity, per unit)', () => {
    const form = filled('HW-03', { note: '  门前烟头  ' })
    const built = buildFinding(form, ctx('HW-03', form))
    expect(built.ok).toBe(true)
    if (!built.ok) return
    const f = built.finding
    expect(Finding.safeParse(f).success).toBe(true)
    expect(f.deduction).toBe(deductionFor(3, entry('HW-03').item.deductionPerUnit))
    expect(f).toMatchObject({
      itemCode: 'HW-03', line: 'sanitation', quantity: 3, districtCode: NANGANG, street: '中央大街', note: '门前烟头',
      checklistId: SEED_CHECKLISTS[0].id, checklistVersion: 1, status: 'submitted', photos: [photo(1).sha256],
    })
    expect(f.districtOverrideReason).toBeUndefined()
    expect(Instant.safeParse(f.recordedAt).success).toBe(true)
    expect(Date.parse(f.recordedAt)).toBe(Date.parse('2026-01-15T01:30:00Z'))
  })

  it('takes areas with two decimals and rounds the deduction half-up as the server does', () => {
    // YL-02: 0.01 per m² (10 thousandths); 12.35 m² → 123.5 → 124 thousandths.
    const form = filled('YL-02', { quantity: '12.35' })
    const built = buildFinding(form, ctx('YL-02', form))
    expect(built.ok && built.finding.deduction).toBe(124)
    expect(built.ok && built.finding.deduction).toBe(deductionFor(12.35, 10))
    expect(previewDeduction(entry('YL-02').item, '12.35')?.deduction).toBe(124)
  })

  it('blocks saving with a reason for each missing piece', () => {
    expect(saveBlockers(emptyForm(), { entry: null, detected: null })).toEqual(['item', 'location'])
    const base = filled('HW-03')
    const c = ctx('HW-03', base)
    expect(saveBlockers(base, c)).toEqual([])
    expect(saveBlockers({ ...base, quantity: '' }, c)).toEqual(['quantity'])
    expect(saveBlockers({ ...base, quantity: '0' }, c)).toEqual(['quantity'])
    expect(saveBlockers({ ...base, quantity: '1.5' }, c)).toEqual(['quantityWhole'])
    expect(saveBlockers({ ...base, photos: [] }, c)).toEqual(['photo'])
    expect(saveBlockers({ ...base, location: null }, { ...c, detected: null })).toEqual(['location'])
    expect(saveBlockers({ ...base, photos: Array.from({ length: 13 }, (_, i) => photo(i + 1)) }, c)).toEqual(['tooManyPhotos'])
    const yl = filled('YL-02', { quantity: '1.255' })
    expect(saveBlockers(yl, ctx('YL-02', yl))).toEqual(['quantityDecimals'])
    expect(buildFinding({ ...base, photos: [] }, c)).toEqual({ ok: false, blockers: ['photo'] })
  })

  it('parses quantities in the item’s unit', () => {
    expect(parseQuantity('2', 'occurrence')).toEqual({ ok: true, value: 2 })
    expect(parseQuantity('2.0', 'occurrence')).toEqual({ ok: true, value: 2 })
    expect(parseQuantity('2,5', 'm2')).toEqual({ ok: true, value: 2.5 })
    expect(parseQuantity('.5', 'metre')).toEqual({ ok: true, value: 0.5 })
    expect(parseQuantity('2.5', 'time')).toEqual({ ok: false, blocker: 'quantityWhole' })
    expect(parseQuantity('-1', 'm2')).toEqual({ ok: false, blocker: 'quantity' })
    expect(parseQuantity('abc', 'm2')).toEqual({ ok: false, blocker: 'quantity' })
    expect(parseQuantity('100001', 'm2')).toEqual({ ok: false, blocker: 'quantityRange' })
  })

  it('writes recordedAt with the device’s own offset', () => {
    const s = localIso(new Date('2026-01-15T01:30:00.123Z'))
    expect(s).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/)
    expect(Date.parse(s)).toBe(Date.parse('2026-01-15T01:30:00.123Z'))
    expect(Instant.safeParse(s).success).toBe(true)
  })

  it('shows the deduction as it will count, with the monthly cap when it bites', () => {
    const hw03 = entry('HW-03').item // 2 per occurrence, cap 10
    expect(pointsText(600)).toBe('0.6')
    expect(pointsText(10_000)).toBe('10')
    expect(pointsText(10)).toBe('0.01')
    expect(previewDeduction(hw03, '3')).toMatchObject({ deduction: 6000, counted: 6000, capped: false })
    expect(previewDeduction(hw03, '3', 8000)).toMatchObject({ deduction: 6000, counted: 2000, capped: true })
    expect(previewDeduction(hw03, '6')).toMatchObject({ deduction: 12_000, counted: 10_000, capped: true })
    expect(previewDeduction(hw03, '1.5')).toBeNull()
  })
})

describe('district override', () => {
  const SONGBEI = '230109'

  it('needs a reason when the chosen district differs from the one the point falls in', () => {
    expect(decideDistrict(NANGANG, null, '')).toEqual({ ok: true, code: NANGANG })
    expect(decideDistrict(NANGANG, NANGANG, '')).toEqual({ ok: true, code: NANGANG })
    expect(decideDistrict(NANGANG, SONGBEI, '  ')).toEqual({ ok: false, blocker: 'overrideReason' })
    expect(decideDistrict(NANGANG, SONGBEI, ' 道路中线为区界 ')).toEqual({ ok: true, code: SONGBEI, reason: '道路中线为区界' })
    expect(decideDistrict(null, null, '')).toEqual({ ok: false, blocker: 'district' })
    expect(decideDistrict(null, SONGBEI, '')).toEqual({ ok: false, blocker: 'overrideReason' })
  })

  it('blocks the save without the reason and records it with one', () => {
    const without = filled('HW-03', { districtOverride: SONGBEI })
    expect(saveBlockers(without, ctx('HW-03', without))).toEqual(['overrideReason'])
    const withReason = { ...without, overrideReason: '问题在松北一侧' }
    const built = buildFinding(withReason, ctx('HW-03', withReason))
    expect(built.ok).toBe(true)
    if (!built.ok) return
    expect(built.finding.districtCode).toBe(SONGBEI)
    expect(built.finding.districtOverrideReason).toBe('问题在松北一侧')
    expect(Finding.safeParse(built.finding).success).toBe(true)
  })

  it('asks for a district and a reason when the point lies outside every district', () => {
    const far = filled('HW-03', { location: { lat: 39.9, lng: 116.4, accuracy: 5 } })
    const c = ctx('HW-03', far)
    expect(c.detected).toBeNull()
    expect(saveBlockers(far, c)).toEqual(['district'])
    expect(saveBlockers({ ...far, districtOverride: NANGANG }, c)).toEqual(['overrideReason'])
    expect(saveBlockers({ ...far, districtOverride: NANGANG, overrideReason: '测试' }, c)).toEqual([])
  })
})

describe('editing a finding', () => {
  const form = filled('HW-03')
  const original = (buildFinding(form, ctx('HW-03', form)) as { finding: Finding }).finding

  it('round-trips an existing finding through the form unchanged', () => {
    const back = formOf(original)
    expect(back.keptPhotos).toEqual(original.photos)
    expect(back.followGps).toBe(false)
    const rebuilt = buildFinding(back, ctx('HW-03', back))
    expect(rebuilt.ok && changesFor(original, rebuilt.finding)).toBeNull()
  })

  it('sends only what changed, valid against the protocol, with the deduction following the quantity', () => {
    const next = { ...formOf(original), quantity: '4', photos: [photo(2)], note: '补拍' }
    const rebuilt = buildFinding(next, ctx('HW-03', next))
    expect(rebuilt.ok).toBe(true)
    const changes = changesFor(original, (rebuilt as { finding: Finding }).finding)!
    expect(changes).toEqual({ quantity: 4, deduction: 8000, note: '补拍', photos: [photo(1).sha256, photo(2).sha256] })
    expect(FindingChanges.safeParse(changes).success).toBe(true)
  })

  it('clears an earlier override with an empty reason when the district goes back to the point’s', () => {
    const over = { ...form, districtOverride: '230109', overrideReason: '理由' }
    const first = (buildFinding(over, ctx('HW-03', over)) as { finding: Finding }).finding
    const back = { ...formOf(first), districtOverride: null, overrideReason: '' }
    const rebuilt = (buildFinding(back, ctx('HW-03', back)) as { finding: Finding }).finding
    expect(changesFor(first, rebuilt)).toEqual({ districtCode: NANGANG, districtOverrideReason: '' })
  })

  it('finds the item of an older checklist version only under that version', () => {
    expect(findEntry(SEED_CHECKLISTS, { checklistId: SEED_CHECKLISTS[0].id, checklistVersion: 1, code: 'HW-03' })?.item.code).toBe('HW-03')
    expect(findEntry(SEED_CHECKLISTS, { checklistId: SEED_CHECKLISTS[0].id, checklistVersion: 2, code: 'HW-03' })).toBeNull()
  })
})
