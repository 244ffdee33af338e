// Demo findings for one month: spread over districts, lines and items, placed inside each district's urban core,
// recorded in working hours, with the supervisor's reviews for those already decided.
import type { ChecklistItem } from '../domain/checklist.schema'
import type { District } from '../domain/district.schema'
import type { Finding, FindingStatus } from '../domain/finding.schema'
import type { Line } from '../domain/line.schema'
import type { Review } from '../domain/review.schema'
import type { LatLng } from '../geo/lat-lng'
import { bboxOf, districtAt } from '../geo/point-in-polygon'
import { SEED_CHECKLISTS } from './checklists'
import type { DistrictProfile } from './demo-profiles'
import { daysInMonth, isoLocal, MINUTE, nextDaytime, wallClock, weekday } from './demo-time'
import type { Rng } from './prng'
import { DEMO_USER_IDS } from './users'

/** Share of findings by line: street cleaning dominates, enforcement is checked least. */
const LINE_WEIGHTS: [Line, number][] = [
  ['sanitation', 32], ['landscaping', 16], ['roads', 20], ['appearance', 20], ['enforcement', 12],
]

const WINTER = [11, 12, 1, 2, 3]
const GROWING = [5, 6, 7, 8, 9]

/** Months in which an item can be found at all; items not listed occur all year. */
const SEASON: Record<string, number[]> = {
  ...Object.fromEntries(['HW-14', 'HW-15', 'HW-16', 'HW-17', 'HW-18', 'HW-19', 'HW-20', 'HW-21', 'HW-22'].map((c) => [c, WINTER])),
  'HW-04': GROWING, 'HW-05': [4, 5, 6, 7, 8, 9, 10],
  'YL-02': GROWING, 'YL-03': GROWING, 'YL-04': GROWING, 'YL-07': GROWING, 'YL-13': [5, 6, 7, 8, 9, 10],
  'YL-17': GROWING, 'YL-16': [10, 11, 12, 1, 2, 3, 4],
  'DQ-09': [4, 5, 6, 7, 8, 9, 10], 'DQ-19': [3, 4, 5], 'SR-10': [5, 6, 7, 8, 9, 10],
}

const STATUS_WEIGHTS: [FindingStatus, number][] = [['confirmed', 75], ['submitted', 15], ['rejected', 5], ['sent_back', 5]]

const NOTES = ['现场已告知责任单位', '复查时仍未整改', '群众反映较多', '与上次检查为同一问题', '责任单位现场负责人已签字确认']
const REJECT_REASONS = ['照片无法看清问题', '不属于本区责任范围', '与已有记录重复']
const SEND_BACK_REASONS = ['请补拍近景照片', '数量与照片不符，请核实', '请补充具体位置']

/** quantity × per-unit, half-up to a thousandth, in integers: the quantity is counted in hundredths. */
export function deductionOf(quantityHundredths: number, deductionPerUnit: number): number {
  return Math.floor((quantityHundredths * deductionPerUnit + 50) / 100)
}

function quantityHundredths(rng: Rng, item: ChecklistItem, severity: number): number {
  if (item.unit === 'occurrence' || item.unit === 'time') {
    const extra = Math.min(0.5, 0.15 * severity)
    return 100 * rng.weighted([[1, 1 - extra], [2, extra * 0.7], [3, extra * 0.3]])
  }
  // Areas and lengths: aim at a deduction of roughly 0.2–1.2 points, measured to 0.05 (m or m²) as a tape reads.
  const target = (200 + rng.next() * 1000) * severity
  return Math.max(100, 5 * Math.round(((target * 100) / item.deductionPerUnit + rng.int(-99, 99)) / 5))
}

/**
 * How often an item turns up: small problems (a butt on the pavement) are common, heavy ones (a street not swept at
 * all) rare, and rarer still in a well-run district. Weight = (points per unit)^−α, α shrinking with severity.
 */
function frequency(item: ChecklistItem, severity: number): number {
  const points = item.unit === 'm2' || item.unit === 'metre' ? 1 : item.deductionPerUnit / 1000
  return points ** -(1.9 - 0.7 * severity)
}

/** A point in the district near its center, rounded to 6 decimals (~0.1 m) and checked to lie in that district. */
export function samplePoint(rng: Rng, code: string, center: LatLng, radiusM: number, districts: readonly District[]): LatLng {
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6
  const mPerDegLat = 111_195
  const mPerDegLng = mPerDegLat * Math.cos((center.lat * Math.PI) / 180)
  for (let i = 0; i < 200; i++) {
    // Uniform radius (not √) so points thin out away from the core, as problems do.
    const r = radiusM * rng.next()
    const a = rng.next() * 2 * Math.PI
    const p = { lat: round6(center.lat + (r * Math.sin(a)) / mPerDegLat), lng: round6(center.lng + (r * Math.cos(a)) / mPerDegLng) }
    if (districtAt(p, districts) === code) return p
  }
  // A center on a narrow part of the district: fall back to the whole district.
  const [minLng, minLat, maxLng, maxLat] = bboxOf(districts.find((d) => d.code === code)!.boundary)
  for (;;) {
    const p = { lat: round6(minLat + rng.next() * (maxLat - minLat)), lng: round6(minLng + rng.next() * (maxLng - minLng)) }
    if (districtAt(p, districts) === code) return p
  }
}

/** A working-hours moment in the month: mostly weekdays 08:00–17:30, some Saturdays (and snow days). */
function workingTime(rng: Rng, year: number, month: number): number {
  const days = daysInMonth(year, month)
  for (;;) {
    const day = rng.int(1, days)
    const wd = weekday(year, month, day)
    if (wd === 0 || (wd === 6 && !rng.chance(0.3))) continue
    const minute = rng.int(8 * 60, 17 * 60 + 29)
    return wallClock(year, month, day) + minute * MINUTE + rng.int(0, 59) * 1000
  }
}

export interface DemoFindings {
  findings: Finding[]
  reviews: Review[]
}

export function demoFindings(
  rng: Rng, year: number, month: number, profiles: readonly DistrictProfile[],
  districts: readonly District[], centers: Readonly<Record<string, LatLng>>,
): DemoFindings {
  const findings: Finding[] = []
  const reviews: Review[] = []
  const inSeason = (item: ChecklistItem) => !SEASON[item.code] || SEASON[item.code].includes(month)
  for (const profile of profiles) {
    const n = profile.findings + rng.int(-4, 4)
    for (let i = 0; i < n; i++) {
      const line = rng.weighted(LINE_WEIGHTS)
      const checklist = SEED_CHECKLISTS.find((c) => c.line === line)!
      const item = rng.weighted(checklist.items.filter(inSeason).map((it) => [it, frequency(it, profile.severity)] as const))
      const qh = quantityHundredths(rng, item, profile.severity)
      const inspector = rng.chance(0.8) ? profile.inspector : rng.pick(['zhangwei', 'wangqiang'] as const)
      const recorded = workingTime(rng, year, month)
      const status = rng.weighted(STATUS_WEIGHTS)
      const finding: Finding = {
        id: rng.uuid(),
        checklistId: checklist.id,
        checklistVersion: checklist.version,
        itemCode: item.code,
        line,
        quantity: qh / 100,
        deduction: deductionOf(qh, item.deductionPerUnit),
        location: { ...samplePoint(rng, profile.code, centers[profile.code], profile.radiusM, districts), accuracy: rng.int(50, 300) / 10 },
        districtCode: profile.code,
        street: rng.pick(profile.streets),
        note: rng.chance(0.2) ? rng.pick(NOTES) : '',
        photos: [],
        inspectorId: DEMO_USER_IDS[inspector],
        deviceId: `pad-${inspector}-01`,
        recordedAt: isoLocal(recorded),
        status,
      }
      findings.push(finding)
      if (status !== 'submitted') {
        const decision = status === 'confirmed' ? 'confirm' : status === 'rejected' ? 'reject' : 'send_back'
        const reason = decision === 'reject' ? rng.pick(REJECT_REASONS) : decision === 'send_back' ? rng.pick(SEND_BACK_REASONS) : ''
        reviews.push({
          id: rng.uuid(), findingId: finding.id, supervisorId: DEMO_USER_IDS.lina, decision, reason,
          at: isoLocal(nextDaytime(recorded + rng.int(2 * 60, 30 * 60) * MINUTE, rng.int(0, 90))),
        })
      }
    }
  }
  findings.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id))
  return { findings, reviews }
}
