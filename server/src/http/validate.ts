// Reading request input through the shared schemas: a bad body or query is a 400 naming the field.
import type { Context } from 'hono'
import type { z } from 'zod'
import { validate } from '@shared/validation'
import { ApiError } from './api-error'

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? ''
  if (!type.includes('application/json')) {
    throw new ApiError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json')
  }
  try {
    return await c.req.json()
  } catch {
    throw new ApiError('bad_request', 'The body is not valid JSON')
  }
}

export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return check(schema, await readJson(c), 'body')
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return check(schema, c.req.query(), 'query')
}

export function check<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const r = validate(schema, data)
  if (!r.ok) throw ApiError.validation(r.issues, what)
  return r.value
}
