// The few error codes the API answers with, and the shape every error takes on the wire.
import type { FieldIssue } from './validation'

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upgrade_required: 426,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

/** `{ "error": { "code", "message", "details" } }`: the body of every error response. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode
    message: string
    details?: { issues?: FieldIssue[]; [key: string]: unknown }
  }
}
