// The one error type of the API; rendered as { "error": { "code", "message", "details" } }.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ERROR_STATUS, type ApiErrorBody, type ErrorCode } from '@shared/errors'
import type { FieldIssue } from '@shared/validation'

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiErrorBody['error']['details'],
  ) {
    super(message)
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }

  static validation(issues: FieldIssue[], what = 'request'): ApiError {
    const first = issues[0]
    const where = first ? `${first.field}: ${first.en}` : 'invalid input'
    return new ApiError('validation_failed', `Invalid ${what} — ${where}`, { issues })
  }
}

function body(code: ErrorCode, message: string, details?: ApiErrorBody['error']['details']): ApiErrorBody {
  return { error: details ? { code, message, details } : { code, message } }
}

/** Turns whatever was thrown into a JSON error; never lets a stack trace out. */
export function renderError(err: unknown, c: Context): Response {
  if (err instanceof ApiError) return c.json(body(err.code, err.message, err.details), err.status as 400)
  if (err instanceof HTTPException) {
    const status = err.status
    const code: ErrorCode =
      status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : status >= 500 ? 'internal' : 'bad_request'
    return c.json(body(code, err.message || 'Bad request'), status)
  }
  console.error('unhandled error', err)
  return c.json(body('internal', 'Internal error: the request was not applied; try again or tell an administrator'), 500)
}

export function renderNotFound(c: Context): Response {
  return c.json(body('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404)
}
