// Calls of the sheet screens, typed by what /api/rectifications, /api/findings and /api/districts answer.
import type { FindingListRow } from '@shared/api/findings'
import type { SheetDetail } from '@shared/api/rectifications'
import type { District, RectificationOrder, RectificationStatus } from '@shared/domain'
import { apiGet, apiPost, type ApiResult } from '../../api/client'

export type { SheetDetail, SheetFinding } from '@shared/api/rectifications'

/** The fields of a row of GET /api/findings the sheet form reads. */
export type FindingRow = Pick<
  FindingListRow,
  'id' | 'lat' | 'lng' | 'districtCode' | 'line' | 'itemCode' | 'itemName' | 'quantity' | 'deduction' | 'status' | 'inspectorName' | 'recordedAt' | 'month' | 'street' | 'photos'
>

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
