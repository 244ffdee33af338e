// Calls of the sheet screens, typed by what /api/rectifications, /api/findings and /api/districts answer.
import type { District, GeoPoint, Line, Name, RectificationOrder, RectificationStatus } from '@shared/domain'
import { apiGet, apiPost, type ApiResult } from '../../api/client'

/** A finding on a sheet, as GET /api/rectifications/:id gives it (server/src/rectification/sheet-detail.ts). */
export interface SheetFinding {
  id: string
  itemCode: string
  itemName: Name
  line: Line
  lineName: Name
  quantity: number
  deduction: number
  street: string
  note: string
  location: GeoPoint
  photos: string[]
  recordedAt: string
  status: string
}

export interface SheetDetail {
  order: RectificationOrder
  district: { code: string; name: Name }
  issuedBy: { id: string; displayName: string | null }
  findings: SheetFinding[]
}

/** The fields of a row of GET /api/findings (server/src/findings/list.ts) the sheet form reads. */
export interface FindingRow {
  id: string
  lat: number
  lng: number
  districtCode: string
  line: Line
  itemCode: string
  itemName: Name | null
  quantity: number
  deduction: number
  status: string
  inspectorName: string
  recordedAt: string
  month: string
  street: string
  photos: string[]
}

export interface SheetFilter {
  month?: string
  district?: string
  status?: RectificationStatus
}

export function listPath(f: SheetFilter): string {
  const q = new URLSearchParams()
  if (f.month) q.set('month', f.month)
  if (f.district) q.set('district', f.district)
  if (f.status) q.set('status', f.status)
  const s = q.toString()
  return `/rectifications${s ? `?${s}` : ''}`
}

export const listSheets = (f: SheetFilter): Promise<ApiResult<{ items: RectificationOrder[] }>> => apiGet(listPath(f))

export const getSheet = (id: string): Promise<ApiResult<SheetDetail>> => apiGet(`/rectifications/${id}`)

export interface IssueBody {
  id: string
  findingIds: string[]
  requirements: string
  deadline: string
}

export const issueSheet = (body: IssueBody): Promise<ApiResult<RectificationOrder>> => apiPost('/rectifications', body)

/** Findings by id, whatever their status but void (the list leaves void ones out unless asked). */
export async function findingsByIds(ids: readonly string[]): Promise<ApiResult<{ rows: FindingRow[] }>> {
  return apiGet(`/findings?ids=${ids.map(encodeURIComponent).join(',')}`)
}

/** A district's confirmed findings of a month, newest first. */
export const confirmedFindings = (district: string, month: string): Promise<ApiResult<{ rows: FindingRow[]; more: boolean }>> =>
  apiGet(`/findings?district=${district}&status=confirmed&month=${month}&limit=5000`)

/** Which findings are on a sheet already, with that sheet's number: from the district's sheets. */
export async function sheetsOfDistrict(district: string): Promise<ApiResult<Map<string, { id: string; number: string }>>> {
  const res = await listSheets({ district })
  if (!res.ok) return res
  const out = new Map<string, { id: string; number: string }>()
  for (const o of res.data.items) for (const f of o.findingIds) out.set(f, { id: o.id, number: o.number })
  return { ok: true, status: res.status, data: out }
}

let districts: Promise<ApiResult<{ districts: District[] }>> | null = null

/** The districts with their boundaries, asked once per page load (they change only when an administrator edits them). */
export function loadDistricts(): Promise<ApiResult<{ districts: District[] }>> {
  districts ??= apiGet<{ districts: District[] }>('/districts').then((res) => {
    if (!res.ok) districts = null
    return res
  })
  return districts
}
