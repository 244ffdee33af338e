// The appeals API as the screens use it: the list (a district user gets their own district only), filing one
// (online only: the window and the finding's state are the server's to judge), and the bureau's decision.
import type { AppealView } from '@shared/api/appeals'
import type { Appeal, AppealDecisionRequest, AppealRequest } from '@shared/domain'
import { apiGet, apiPost, type ApiResult } from '../../api/client'

export type { AppealFinding, AppealView } from '@shared/api/appeals'

export interface AppealFilters {
  status?: Appeal['status']
  month?: string
  district?: string
}

export function listAppeals(filters: AppealFilters = {}): Promise<ApiResult<{ items: AppealView[] }>> {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v)
  const qs = q.toString()
  return apiGet<{ items: AppealView[] }>(`/appeals${qs ? `?${qs}` : ''}`)
}

export const fileAppeal = (req: AppealRequest) => apiPost<Appeal>('/appeals', req)

export const decideAppeal = (id: string, req: AppealDecisionRequest) => apiPost<Appeal>(`/appeals/${encodeURIComponent(id)}/decision`, req)

/** Pending first, the oldest of them on top (they have waited longest); then decided ones, the latest decision first. */
export function bureauOrder(items: readonly AppealView[]): AppealView[] {
  const pending = items.filter((a) => a.status === 'pending').sort((a, b) => cmp(a.filedAt, b.filedAt) || byId(a, b))
  const decided = items
    .filter((a) => a.status !== 'pending')
    .sort((a, b) => cmp(b.decision?.at ?? b.filedAt, a.decision?.at ?? a.filedAt) || byId(a, b))
  return [...pending, ...decided]
}

/** The district's own list: newest filing first. */
export function districtOrder(items: readonly AppealView[]): AppealView[] {
  return [...items].sort((a, b) => cmp(b.filedAt, a.filedAt) || byId(a, b))
}

// Instants carry offsets: compared as times, not as text.
const cmp = (a: string, b: string): number => Date.parse(a) - Date.parse(b) || 0
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
