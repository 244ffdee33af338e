// The workspace's requests sent to the real app in-process, as the browser's API client would send them: the
// signed-in supervisor's headers, JSON bodies, and the same { ok, data } / { ok, error } answers.
import type { Hono } from 'hono'
import type { ApiError, ApiResult } from '../../../client/src/api/client'
import type { Transport } from '../../../client/src/features/review/decisions'
import type { Reader } from '../../../client/src/features/review/review-api'
import type { AppEnv } from '../../../server/src/app'
import type { SignedIn } from '../../support/app'

export interface Recorded {
  method: string
  path: string
  body?: unknown
}

export function transport(app: Hono<AppEnv>, who: SignedIn, log: Recorded[] = []): Transport & Reader {
  async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    log.push({ method, path, ...(body !== undefined ? { body } : {}) })
    const res = await app.request(`/api${path}`, { method, headers: who.headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
    const json = await res.json().catch(() => null)
    if (res.ok) return { ok: true, data: json as T, status: res.status }
    return { ok: false, status: res.status, error: (json as { error: ApiError }).error }
  }
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
  }
}
