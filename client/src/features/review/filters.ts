// The workspace's filters. A month of findings is loaded whole (it is at most some ten thousand rows), so
// every other filter applies in the browser at once, without a round trip; the filters live in the address so
// that a link or a reload shows the same view. The rules match GET /api/findings: no status chosen means every
// status but void.
import { DistrictCode, FINDING_STATUSES, Id, ItemCode, Line, Month, type FindingStatus } from '@shared/domain'
import type { FindingRow } from './types'

export type PhotoFilter = 'any' | 'with' | 'without'

export interface ReviewFilters {
  month: string
  district: string
  line: Line | ''
  item: string
  /** Empty: every status but void. */
  status: FindingStatus[]
  inspector: string
  photo: PhotoFilter
  /** Only findings flagged as possible duplicates. */
  duplicates: boolean
}

export function defaultFilters(month: string): ReviewFilters {
  return { month, district: '', line: '', item: '', status: [], inspector: '', photo: 'any', duplicates: false }
}

type Query = Record<string, string | null | (string | null)[] | undefined>

const first = (v: Query[string]): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')) || ''

/** Filters from the address's query; anything unknown or malformed falls back to the default. */
export function filtersFromQuery(query: Query, currentMonth: string): ReviewFilters {
  const f = defaultFilters(currentMonth)
  const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: string) => v !== '' && schema.safeParse(v).success
  const month = first(query.month)
  if (ok(Month, month)) f.month = month
  const district = first(query.district)
  if (ok(DistrictCode, district)) f.district = district
  const line = first(query.line)
  if (ok(Line, line)) f.line = line as Line
  const item = first(query.item)
  if (ok(ItemCode, item)) f.item = item
  f.status = first(query.status)
    .split(',')
    .filter((s): s is FindingStatus => (FINDING_STATUSES as readonly string[]).includes(s))
  f.status = [...new Set(f.status)]
  const inspector = first(query.inspector)
  if (ok(Id, inspector)) f.inspector = inspector
  const photo = first(query.photo)
  if (photo === 'with' || photo === 'without') f.photo = photo
  f.duplicates = first(query.dup) === '1'
  return f
}

/** The query that gives these filters back; defaults are left out, so a plain /review stays plain. */
export function filtersToQuery(f: ReviewFilters, currentMonth: string): Record<string, string> {
  const q: Record<string, string> = {}
  if (f.month !== currentMonth) q.month = f.month
  if (f.district) q.district = f.district
  if (f.line) q.line = f.line
  if (f.item) q.item = f.item
  if (f.status.length) q.status = f.status.join(',')
  if (f.inspector) q.inspector = f.inspector
  if (f.photo !== 'any') q.photo = f.photo
  if (f.duplicates) q.dup = '1'
  return q
}

/** Whether a row passes every filter but the month (the month is what was loaded). */
export function matches(r: FindingRow, f: ReviewFilters, except?: keyof ReviewFilters): boolean {
  if (except !== 'district' && f.district && r.districtCode !== f.district) return false
  if (except !== 'line' && f.line && r.line !== f.line) return false
  if (except !== 'item' && f.item && r.itemCode !== f.item) return false
  if (except !== 'status' && (f.status.length ? !f.status.includes(r.status) : r.status === 'voided')) return false
  if (except !== 'inspector' && f.inspector && r.inspectorId !== f.inspector) return false
  if (except !== 'photo' && f.photo === 'with' && r.photos.length === 0) return false
  if (except !== 'photo' && f.photo === 'without' && r.photos.length > 0) return false
  if (except !== 'duplicates' && f.duplicates && !r.possibleDuplicate) return false
  return true
}

/** Newest first, as the server lists them (recorded time as written, then id). */
export function compareRows(a: FindingRow, b: FindingRow): number {
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

export function filterRows(rows: Iterable<FindingRow>, f: ReviewFilters): FindingRow[] {
  const out: FindingRow[] = []
  for (const r of rows) if (r.month === f.month && matches(r, f)) out.push(r)
  return out.sort(compareRows)
}

/** How many rows each status would show with the other filters as they are: the numbers on the status chips. */
export function statusCounts(rows: Iterable<FindingRow>, f: ReviewFilters): Record<FindingStatus, number> {
  const counts = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Record<FindingStatus, number>
  for (const r of rows) if (r.month === f.month && matches(r, f, 'status')) counts[r.status]++
  return counts
}

export interface Option {
  value: string
  label: string
}

/** The items that occur in the month, by code, with their names in the language asked for. */
export function itemOptions(rows: Iterable<FindingRow>, lang: 'zh' | 'en'): Option[] {
  const seen = new Map<string, string>()
  for (const r of rows) if (!seen.has(r.itemCode)) seen.set(r.itemCode, r.itemName ? `${r.itemCode} ${r.itemName[lang]}` : r.itemCode)
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
}

/** The inspectors who recorded in the month, by name. */
export function inspectorOptions(rows: Iterable<FindingRow>): Option[] {
  const seen = new Map<string, string>()
  for (const r of rows) if (!seen.has(r.inspectorId)) seen.set(r.inspectorId, r.inspectorName)
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN') || (a.value < b.value ? -1 : 1))
}

/** Whether any filter beyond the month narrows the list. */
export function isFiltered(f: ReviewFilters): boolean {
  return !!(f.district || f.line || f.item || f.status.length || f.inspector || f.photo !== 'any' || f.duplicates)
}
