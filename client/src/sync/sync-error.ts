// Why a sync run stopped, in both languages, as the status bar shows it. Kept in db.meta ('lastSyncError') so
// every tab and a reload show the same thing; cleared by the next run that completes.
import messages from '../features/sync/messages'

export type SyncErrorCode = keyof (typeof messages)['zh']['error']

export interface SyncError {
  code: SyncErrorCode
  zh: string
  en: string
  /** When it happened, ms. */
  at: number
  /** HTTP status, when the server answered. */
  status?: number
  /** What the server or the network said, for support; not translated. */
  detail?: string
}

export function syncError(code: SyncErrorCode, at: number, extra: { status?: number; detail?: string } = {}): SyncError {
  return { code, zh: messages.zh.error[code], en: messages.en.error[code], at, ...extra }
}

/** The error body the API sends: `{ "error": { "code", "message", "details" } }`. */
export interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> }
}

/** The error for an HTTP answer that is not success, from its status and (already read) body. */
export function answerError(status: number, body: ErrorBody | null, at: number, fallback: SyncErrorCode = 'refused_request'): SyncError {
  const detail = body?.error?.message ?? `HTTP ${status}`
  if (status === 401) return syncError('sign_in', at, { status, detail })
  if (status === 426) return syncError('update_required', at, { status, detail })
  return syncError(status >= 500 ? 'server' : fallback, at, { status, detail })
}

/** Reads the body of an answer that is not success and says what went wrong. */
export async function httpError(res: Response, at: number): Promise<SyncError> {
  return answerError(res.status, (await res.json().catch(() => null)) as ErrorBody | null, at)
}

export function networkError(err: unknown, at: number): SyncError {
  return syncError('offline', at, { detail: err instanceof Error ? err.message : String(err) })
}
