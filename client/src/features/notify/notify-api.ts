// The administrator's side of the districts' WeCom robots: which district has one, the queue of messages to them,
// setting or removing a robot's key, and sending a failed message again. The key goes up and never comes back:
// the server answers only whether a district's robot is configured. A pasted webhook URL is taken apart there.
import type { Name } from '@shared/domain'
import { apiFetch, apiGet, apiPost, type ApiError, type ApiResult } from '../../api/client'

export interface Hook {
  districtCode: string
  districtName: Name
  configured: boolean
}

export type NoticeStatus = 'queued' | 'sent' | 'failed'

export interface Notice {
  id: string
  districtCode: string
  kind: string
  status: NoticeStatus
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
  /** When the next attempt is due, while queued. */
  nextAttemptAt?: string | null
  /** The message as the robot receives it. */
  markdown?: string
}

export interface NotificationsState {
  hooks: Hook[]
  items: Notice[]
}

export const loadNotifications = () => apiGet<NotificationsState>('/notifications')

export const setRobotKey = (districtCode: string, key: string) =>
  send<{ districtCode: string; configured: boolean }>('PUT', `/notifications/hooks/${encodeURIComponent(districtCode)}`, { key })

export const removeRobot = (districtCode: string) =>
  send<{ districtCode: string; configured: boolean }>('DELETE', `/notifications/hooks/${encodeURIComponent(districtCode)}`)

export const retryNotice = (id: string) => apiPost<unknown>(`/notifications/${encodeURIComponent(id)}/retry`, {})

/** apiGet/apiPost's contract for the methods the API client has no helper for. */
async function send<T>(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response
  try {
    res = await apiFetch(path, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })
  } catch {
    return { ok: false, status: 0, error: { code: 'unavailable', message: 'network unreachable' } }
  }
  const data = await res.json().catch(() => null)
  if (res.ok) return { ok: true, data: data as T, status: res.status }
  const error = (data as { error?: ApiError } | null)?.error ?? { code: 'internal', message: `HTTP ${res.status}` }
  return { ok: false, status: res.status, error }
}

/** Failed first (they need someone), then queued, then sent; newest first within each. */
export function queueOrder(items: readonly Notice[]): Notice[] {
  const rank: Record<NoticeStatus, number> = { failed: 0, queued: 1, sent: 2 }
  return [...items].sort((a, b) => rank[a.status] - rank[b.status] || Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? -1 : 1))
}

export function countByStatus(items: readonly Notice[]): Record<NoticeStatus, number> {
  const out: Record<NoticeStatus, number> = { queued: 0, sent: 0, failed: 0 }
  for (const n of items) if (n.status in out) out[n.status]++
  return out
}
