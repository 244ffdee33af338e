// Calls the API; returns data or a typed error, never throws for an HTTP answer.
import type { ApiErrorBody } from '@shared/errors'

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiErrorBody['error'] }

export async function apiGet<T>(path: string, init?: RequestInit): Promise<ApiResult<T>> {
  let res: Response
  try {
    res = await fetch(`/api${path}`, { ...init, headers: { accept: 'application/json', ...init?.headers } })
  } catch {
    return { ok: false, status: 0, error: { code: 'unavailable', message: 'network unreachable' } }
  }
  const body = await res.json().catch(() => null)
  if (res.ok) return { ok: true, data: body as T }
  const error = (body as ApiErrorBody | null)?.error ?? { code: 'internal', message: `HTTP ${res.status}` }
  return { ok: false, status: res.status, error: error as ApiErrorBody['error'] }
}
