// Calls the API with the session's token and device; returns data or a typed error, never throws for an
// HTTP answer. A refused token flags that the password is needed again; nothing else changes.
import type { ApiErrorBody } from '@shared/errors'
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@shared/sync/protocol'
import { currentSession, deviceId, needsSignIn } from '../features/auth/session'

export type ApiError = ApiErrorBody['error']
export type ApiResult<T> = { ok: true; data: T; status: number } | { ok: false; status: number; error: ApiError }

/** Base URL of the API; the app is served by the same server. */
export const API_BASE = '/api'

export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  const session = currentSession.value
  if (session) headers.set('authorization', `Bearer ${session.token}`)
  headers.set('x-kaoping-device', await deviceId())
  headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION))
  if (!headers.has('accept')) headers.set('accept', 'application/json')
  const res = await fetch(API_BASE + path, { ...init, headers })
  if (res.status === 401 && session) needsSignIn.value = true
  return res
}

async function call<T>(path: string, init: RequestInit): Promise<ApiResult<T>> {
  let res: Response
  try {
    res = await apiFetch(path, init)
  } catch {
    return { ok: false, status: 0, error: { code: 'unavailable', message: 'network unreachable' } }
  }
  const body = await res.json().catch(() => null)
  if (res.ok) return { ok: true, data: body as T, status: res.status }
  const error = (body as ApiErrorBody | null)?.error ?? { code: 'internal', message: `HTTP ${res.status}` }
  return { ok: false, status: res.status, error: error as ApiError }
}

export const apiGet = <T>(path: string, init?: RequestInit) => call<T>(path, { ...init, method: 'GET' })

export const apiPost = <T>(path: string, body: unknown, init?: RequestInit) =>
  call<T>(path, { ...init, method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...init?.headers } })
